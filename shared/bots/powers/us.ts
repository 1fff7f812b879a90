/**
 * The United States: keep the alliance, avoid war, slow the programme (DESIGN §6). Pressure through
 * designations and the UN, reassurance for Seoul; talks once stage 5 is shown.
 */
import type { Wish } from "../builder.js";
import { keeps } from "../commitments.js";
import { agendaId, type BotCtx, happened, objectiveStatus, roundsLeft, testedLately } from "../context.js";

const NON_CHINESE = ["kp_banks_abroad", "shipping_network", "ru_fuel_traders"];
const CHINESE = ["cn_coal_importers", "cn_regional_bank", "cn_state_bank"];

export function usWishes(ctx: BotCtx): Wish[] {
  const { view, traits, rand } = ctx;
  const out: Wish[] = [];
  const aggr = traits.aggression;
  const agenda = agendaId(view, "US");
  const designated = new Set(view.sanctions.designations.map((d) => d.entity));
  const restrained = keeps(ctx, "no_designations") !== undefined;
  // Designations are the lasting lever (dynamic 7): the adaptive bot keeps using them, one a round,
  // as a fixed pressure policy would, but weighs Chinese targets against Beijing's cooperation.
  // Once stage 5 is shown and readiness is still running away, a freeze is the way to the readiness
  // objective: even a hawk then seeks talks, and stops squeezing and flexing while it does (a
  // squeezed Pyongyang does not freeze) — pressure before, talks after.
  const wantFreeze = view.programme.stage >= 5 && objectiveStatus(view, "US", "us-readiness") !== "success";
  const target =
    wantFreeze && agenda !== "us-agenda-currency" ? undefined : NON_CHINESE.find((id) => !designated.has(id));
  const squeeze = agenda === "us-agenda-currency" ? 15 : 0;
  if (target) out.push({ action: { type: "designate", entity: target }, priority: 55 + 25 * aggr + squeeze });
  // Chinese banks: the way to make Beijing's enforcement stick, at the price of its goodwill. Worth
  // more when the secret agenda is China's enforcement, unless China seems to deliver already (the
  // US reads China's achieved enforcement only as the range its intelligence implies).
  const cn = CHINESE.find((id) => !designated.has(id));
  const range = view.intelligence?.implied.CN;
  const cnSeems = range ? (range[0] + range[1]) / 2 : 40;
  const wantCn =
    (agenda === "us-agenda-china" && cnSeems < 65 ? 0.45 : 0) + (agenda === "us-agenda-currency" ? 0.35 : 0);
  if (cn && !restrained && rand("cn-designate") < aggr * 0.7 + wantCn)
    out.push({ action: { type: "designate", entity: cn }, priority: 40 + 30 * aggr + 30 * wantCn });
  // Answer tests and threats with force while the crisis leaves room (a hawk's room reaches close
  // to the brink); above the ceiling, a non-hawk suspends the exercises instead.
  const provoked = testedLately(view) || happened(view, "threaten_seoul");
  // The no-war objective is met only if the crisis never passes 80: even a hawk stops flexing
  // short of that.
  const room = view.crisis < Math.min(traits.crisisCeiling - 5, 62);
  if (provoked && room && !wantFreeze)
    out.push({ action: { type: "show_of_force" }, priority: 25 + 40 * aggr });
  if (wantFreeze) out.push({ action: { type: "summit", target: "KP" }, priority: 58 });
  if (!view.policies.US.exercises && !keeps(ctx, "suspend_exercises") && view.crisis < traits.crisisCeiling)
    out.push({ action: { type: "set_exercises", on: true }, priority: 40 });
  if (view.policies.US.exercises && view.crisis >= Math.min(traits.crisisCeiling, 62) && aggr < 0.9)
    out.push({ action: { type: "set_exercises", on: false }, priority: 50 });
  // The "bloody nose": a hawk who sees the readiness objective slipping away late in the game may
  // gamble on a strike (its war chance grows with the crisis, so it waits for a calmer round).
  if (
    aggr > 0.6 &&
    view.programme.stage >= 5 &&
    view.programme.readiness >= 70 &&
    roundsLeft(view) <= 3 &&
    objectiveStatus(view, "US", "us-readiness") !== "success" &&
    view.crisis < 45 &&
    rand("strike") < 0.25
  )
    out.push({ action: { type: "preventive_strike" }, priority: 95 });
  for (const n of view.illicitNodes) out.push({ action: { type: "expose", node: n.id }, priority: 45 });
  out.push({
    action: { type: "intel_op", region: rand("region") < 0.5 ? "yellow_sea" : "east_china_sea" },
    priority: 28,
  });
  // Aid eases the regime's food shortages: a hawk withholds it while it squeezes.
  if (aggr < 0.6) out.push({ action: { type: "humanitarian_aid" }, priority: 20 + 20 * (1 - aggr) });
  // Talks: answer an offer from Pyongyang once the range contest is over.
  if (happened(view, "talks_offered") && view.programme.stage >= 5 && aggr < 0.7)
    out.push({ action: { type: "summit", target: "KP" }, priority: 55 });
  if (
    view.policies.KR.mdConsent &&
    aggr > 0.6 &&
    view.missileDefence.launchers < 10 &&
    !keeps(ctx, "no_md_deployment")
  )
    out.push({ action: { type: "deploy_missile_defence" }, priority: 20 });
  if (aggr > 0.6 && rand("fonop") < 0.3) out.push({ action: { type: "fonop" }, priority: 15 });
  return out;
}
