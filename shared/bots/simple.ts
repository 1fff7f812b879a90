/**
 * Simple bots: one short rule list per power, enough to fill every seat in the simulator and to
 * make the dynamics show up. They decide from the seat's view only (never the state), exactly as a
 * human in that seat would. Personalities shift a few thresholds. Choices that need variety use a
 * PRNG seeded from what the seat can see (game id, round, seat), so a bot is deterministic.
 */

import type { Input } from "../engine/step.js";
import type { Action } from "../orders.js";
import type { PowerId } from "../powers.js";
import { BOT_PERSONALITIES, type BotPersonality } from "../protocol.js";
import { draw, seedFrom } from "../rng.js";
import type { Term } from "../state.js";
import type { PlayerView } from "../view.js";

export { BOT_PERSONALITIES, type BotPersonality };

/** A bot policy: the inputs a seat's bot sends now, given only what the seat sees. */
export type BotPolicy = (view: PlayerView, power: PowerId, personality?: BotPersonality) => Input[];

function chance(view: PlayerView, power: PowerId, salt: string): number {
  return draw(seedFrom(`${view.gameId}:${view.round}:${view.phase}:${power}:${salt}`)).value * 100;
}

function lastRound(view: PlayerView, kind: string): boolean {
  return view.events.some((e) => e.kind === kind && e.round === view.round - 1);
}

/** The simple bot: diplomacy inputs in the diplomacy phase, orders in the orders phase. */
export const simpleBot: BotPolicy = (view, power, personality = "pragmatist") => {
  if (view.phase === "ended") return [];
  return view.phase === "diplomacy"
    ? diplomacy(view, power, personality)
    : [orders(view, power, personality)];
};

function diplomacy(view: PlayerView, me: PowerId, pers: BotPersonality): Input[] {
  const out: Input[] = [];
  // Answer proposals addressed to me.
  for (const p of view.proposals) {
    if (p.status !== "open" || p.accepted.includes(me)) continue;
    const mine = p.terms.filter((t) => t.party === me);
    const cost = mine.reduce((n, t) => n + termCost(view, me, t), 0);
    const limit = pers === "dove" ? 3 : pers === "pragmatist" ? 2 : 1;
    out.push({ type: "respond_proposal", id: p.id, accept: cost <= limit });
  }
  // The UN: vote on open drafts; China and Russia soften first.
  for (const d of view.drafts) {
    if (d.status !== "open" || d.by === me) continue;
    if (me === "CN" || me === "RU") {
      const cap = me === "CN" ? (pers === "hawk" ? 40 : 70) : pers === "hawk" ? 30 : 60;
      if (d.strength > cap && !d.amendedBy.includes(me))
        out.push({ type: "amend_un_draft", id: d.id, strength: cap });
      out.push({ type: "vote_un_draft", id: d.id, vote: d.strength > cap + 20 ? "no" : "yes" });
    } else if (me === "US") out.push({ type: "vote_un_draft", id: d.id, vote: "yes" });
  }
  const tested = lastRound(view, "missile_tested") || lastRound(view, "nuclear_tested");
  if (me === "US" && tested && !view.drafts.some((d) => d.status === "open" && d.by === "US")) {
    out.push({
      type: "table_un_draft",
      groups: ["minerals", "textiles_seafood"],
      strength: pers === "hawk" ? 100 : 80,
    });
  }
  const quiet = view.crisis < 55;
  if (me === "KR" && quiet && chance(view, me, "ik") < (pers === "hawk" ? 15 : 45))
    out.push({
      type: "propose",
      parties: ["KP"],
      terms: [{ kind: "engagement", party: "KR", level: 30 }],
      duration: 2,
    });
  if (me === "RU" && chance(view, me, "f4f") < (pers === "dove" ? 40 : 20))
    out.push({ type: "propose", parties: ["KP", "US", "KR"], template: "freeze_for_freeze", duration: 2 });
  if (me === "US" && view.programme.stage >= 5 && pers !== "hawk" && chance(view, me, "deal") < 25)
    out.push({
      type: "propose",
      parties: ["KP"],
      terms: [
        { kind: "no_tests", party: "KP" },
        { kind: "summit", party: "US" },
      ],
      duration: 3,
    });
  if (me === "CN" && view.relations["CN-US"] > -20 && chance(view, me, "cnus") < 30)
    out.push({
      type: "propose",
      parties: ["US"],
      terms: [
        { kind: "enforce", party: "CN", level: 45 },
        { kind: "no_designations", party: "US" },
      ],
      duration: 2,
    });
  return out;
}

/** How much a term would cost me, roughly (0 = free, 3 = painful). */
function termCost(view: PlayerView, me: PowerId, t: Term): number {
  switch (t.kind) {
    case "no_tests":
      return view.programme.stage >= 5 ? 1 : 3;
    case "suspend_exercises":
      return me === "US" ? 2 : 1;
    case "enforce":
      return Math.max(0, Math.trunc(((t.level ?? 0) - (view.enforcement[me].actual ?? 0)) / 10));
    case "no_designations":
    case "relief":
      return 2;
    case "engagement":
      return view.crisis > 60 ? 3 : 1;
    default:
      return 1;
  }
}

function orders(view: PlayerView, me: PowerId, pers: BotPersonality): Input {
  const actions: Action[] = [];
  const budget = view.budget?.actionPoints ?? 5;
  let left = budget - (view.budget?.upkeep ?? 0);
  const add = (a: Action, cost: number) => {
    if (cost <= left) {
      actions.push(a);
      left -= cost;
    }
  };
  const tested = lastRound(view, "missile_tested") || lastRound(view, "nuclear_tested");
  const e = view.enforcement[me];
  const r = (salt: string) => chance(view, me, salt);
  // Honour my agreements' terms where orders express them.
  const bound = (kind: string) =>
    view.agreements.some(
      (a) => a.status === "active" && a.terms.some((t) => t.kind === kind && t.party === me),
    );

  switch (me) {
    case "US": {
      if (!bound("no_designations") && r("des") < (pers === "hawk" ? 70 : 45)) {
        const target = [
          "kp_banks_abroad",
          "shipping_network",
          "cn_coal_importers",
          "ru_fuel_traders",
          "cn_regional_bank",
        ].find((id) => !view.sanctions.designations.some((d) => d.entity === id));
        if (target) add({ type: "designate", entity: target }, 2);
      }
      if (tested && view.crisis < 70 && pers !== "dove") add({ type: "show_of_force" }, 1);
      const node = view.illicitNodes[0];
      if (node) add({ type: "expose", node: node.id }, 1);
      else add({ type: "intel_op", region: r("reg") < 50 ? "yellow_sea" : "finance" }, 1);
      if (bound("suspend_exercises") === view.policies.US.exercises)
        add({ type: "set_exercises", on: !bound("suspend_exercises") }, 1);
      if (pers === "hawk" && r("fonop") < 30) add({ type: "fonop" }, 1);
      break;
    }
    case "CN": {
      const kpStab = view.history[view.history.length - 1]?.powers.KP.stability ?? 60;
      if (tested && pers !== "hawk") {
        // Optics: announce high, aim a little higher, then let it fade.
        add(
          {
            type: "set_enforcement",
            announced: Math.min(100, e.announced + 15),
            target: Math.min(100, (e.actual ?? 30) + 20),
            sustain: pers === "dove",
          },
          1,
        );
      }
      if (kpStab < 45) add({ type: "buffer_aid" }, 1);
      if (view.powers.CN.stability < 70 && (view.policies.CN.trade?.goods ?? 100) < 100)
        add({ type: "set_trade", commodityGroup: "goods", level: 100 }, 1);
      if (view.missileDefence.launchers > 6 && r("ret") < 50) add({ type: "retaliate", target: "KR" }, 1);
      if (r("intel") < 40) add({ type: "intel_op", region: "yellow_sea" }, 1);
      break;
    }
    case "RU": {
      const squeeze = view.flows.some((f) => f.enforcedBy === "CN" && !f.fromKP && f.official < f.base * 0.7);
      if (squeeze && (view.policies.RU.fuelSales ?? 50) < 100 && pers !== "dove")
        add({ type: "set_fuel_sales", level: 100 }, 1);
      if (r("link") < 35) add({ type: "expand_rajin_link" }, 2);
      if (r("talks") < (pers === "dove" ? 50 : 25)) add({ type: "host_talks" }, 2);
      if (r("med") < 20) add({ type: "propose_mediation" }, 1);
      break;
    }
    case "KP": {
      const moratorium = bound("no_tests") || view.policies.KP.moratorium === true;
      const doneRange = view.programme.stage >= 5 && view.programme.readiness >= (pers === "hawk" ? 80 : 60);
      // Pressure breeds defiance: no moratorium while the US squeezes or flexes.
      const squeezed =
        lastRound(view, "designated") || lastRound(view, "show_of_force") || lastRound(view, "strike");
      if (!moratorium && (!doneRange || squeezed) && r("test") < (pers === "dove" ? 60 : 90))
        add({ type: "missile_test" }, 2);
      else if (doneRange && !moratorium && pers !== "hawk") add({ type: "set_moratorium", on: true }, 1);
      if ((view.nk?.currency ?? 500) < 350) add({ type: "cyber_theft" }, 1);
      add({ type: "smuggling_op", region: r("smug") < 50 ? "east_china_sea" : "yellow_sea" }, 1);
      if (view.programme.stage >= 5 && r("summit") < 40) add({ type: "summit", target: "US" }, 2);
      if (pers === "hawk" && view.crisis < 60 && r("threat") < 30) add({ type: "threaten_seoul" }, 1);
      break;
    }
    case "KR": {
      const wantEngage = view.crisis < 55 && pers !== "hawk" ? 40 : 0;
      if ((view.policies.KR.trade?.goods ?? 0) !== wantEngage && !bound("engagement"))
        add({ type: "set_engagement", level: wantEngage }, 1);
      if (bound("suspend_exercises") === view.policies.KR.exercises)
        add({ type: "set_exercises", on: !bound("suspend_exercises") }, 1);
      if (view.programme.stage >= 5 && r("sum") < 35) add({ type: "summit", target: "KP" }, 2);
      if (view.relations["CN-KR"] < -20) add({ type: "engage_china" }, 1);
      if (view.crisis > 60) add({ type: "strengthen_defences" }, 2);
      break;
    }
  }
  if (me !== "KP" && bound("aid")) add({ type: "humanitarian_aid" }, 1);
  return { type: "submit_orders", orders: { actions } };
}
