/**
 * What one game contributes to the dynamics table: the main self-play game (observed dynamics:
 * fade, optics, rapid progress, wars) and, at a round drawn from its seed, branches that each make
 * one change (scripts/dynamics/play.ts) so that its effect is measured against the same game
 * without it. The changes are measurement interventions, never bot behaviour.
 */
import { SCRIPTED_US, US_POLICIES, type UsPolicy } from "../../shared/bots/scripted.js";
import { gameSeed, selfPlay } from "../../shared/bots/selfplay.js";
import { totalCapacity } from "../../shared/engine/illicit.js";
import { ruTrade } from "../../shared/engine/regime.js";
import {
  type Action,
  byPower,
  type CommodityGroup,
  draw,
  type GameState,
  newGame,
  POWERS,
  type PowerId,
} from "../../shared/index.js";
import {
  branch,
  type Change,
  ordersOf,
  resolve,
  type Seats,
  seatsFor,
  toOrders,
  withActions,
  withOrders,
} from "./play.js";

/** A ratio's parts, summed over samples before dividing (a ratio of means). */
export type Pair = [num: number, den: number];

export interface GameRecord {
  /** 1: relative fall of North Korea's hard currency 3 rounds on, China enforcing / the others. */
  cnKey?: Pair;
  othersKey?: Pair;
  /** 2: an unpaid announcement: [achieved enforcement it still adds 3 rounds on, what it added at once]. */
  fade?: Pair;
  /** 2: a test China answers with an announcement: the effect on its announced minus on its achieved, next round. */
  optics?: number;
  /** 2: the same test's effects: [on the announced, on the achieved]. */
  opticsParts?: [number, number];
  /** 2 (observed): China's effective enforcement baseline after round 1 and at the end. */
  baselineStart?: number;
  baselineEnd?: number;
  /** 3: China cuts border trade: discontent rise that round; China's stability loss 3 rounds on. */
  discontent?: number;
  cnStability?: number;
  /** 4: North Korea pushed below the refugee line: China's stability loss and crisis rise; collapse. */
  refugeeCn?: number;
  refugeeCrisis?: number;
  collapseCn?: number;
  collapseKr?: number;
  /** 5: China's achieved enforcement lost, rounds t, t+1, t+2. */
  armsSale?: number[];
  tariffs?: number[];
  /** 5: a Chinese bank designated: China's achieved enforcement gained, mean over 3 rounds. */
  bank?: number;
  /** 6: China squeezes: [Russia's gain, China's cut], and [Russia's off-book gain, Russia's gain]. */
  backfill?: Pair;
  backfillIllicit?: Pair;
  /** 7: exposure of a China-side node: [capacity for the same flows regrown, closed]. */
  regrow?: Pair;
  /** 7: a financial designation: [total capacity still cut 3 rounds on, its weight]. */
  designation?: Pair;
  /** 8: crisis added by a show of force and a threat to Seoul in the same round. */
  escalation?: number;
  /** 8: wars (main game and strike branches): scores in order, the winner, the pusher. */
  wars: { ok: boolean; winner: PowerId | undefined }[];
  /** 8: successful strike war rolls: did they end in war? */
  strikeWars: boolean[];
  /** 9: stage 5 shown by the end of round 4 in the main game. */
  stage5By4?: boolean;
  /** 9: a sustained squeeze from the start: readiness lost 3 rounds on; readiness gained meanwhile. */
  squeezeLoss?: number;
  squeezeGain?: number;
  /** 10: per fixed US policy, were all three public US objectives met? */
  nogo: Partial<Record<UsPolicy, boolean>>;
}

export interface MeasureOptions {
  plannerPct: number;
  /** Play the fixed US policies too (dynamic 10). */
  nogo: boolean;
  rounds: number;
}

const CN_SIDE = new Set(["dandong", "yellow_sea", "east_china_sea"]);
const sameFlowCapacity = (s: GameState) =>
  s.illicit.nodes.reduce((n, x) => n + (CN_SIDE.has(x.region) ? x.capacity : 0), 0);
const cnSupply = (s: GameState) =>
  s.flows.reduce((n, f) => n + (f.enforcedBy === "CN" && !f.fromKP ? f.official + f.illicit : 0), 0);
const ruIllicit = (s: GameState) => s.flows.reduce((n, f) => n + (f.enforcedBy === "RU" ? f.illicit : 0), 0);
const cnActual = (s: GameState) => s.enforcement.CN.actual;

const ALL_GROUPS: CommodityGroup[] = ["minerals", "textiles_seafood", "fuel", "labour", "goods"];

function enforce(level: number): Action {
  return { type: "set_enforcement", announced: level, target: level, sustain: true };
}

/** Replaces a power's enforcement order with a paid one at `level`. */
function paidEnforcement(p: PowerId, level: number): Change {
  return (s) =>
    withOrders(s, p, [...ordersOf(s, p).filter((a) => a.type !== "set_enforcement"), enforce(level)]);
}

const once =
  (f: (s: GameState) => GameState): Change =>
  (s, k) =>
    k === 0 ? f(s) : s;

function firstUndesignated(s: GameState, ids: readonly string[]): string | undefined {
  return ids.find((id) => !s.sanctions.designations.some((d) => d.entity === id));
}

function warOutcome(s: GameState): { ok: boolean; winner: PowerId | undefined } {
  const e = s.ending!;
  const sc = e.scores!;
  const pusher = e.pusher;
  const others = POWERS.filter((p) => p !== pusher);
  const krLowest = others.filter((p) => p !== "KR").every((p) => sc.KR.score <= sc[p].score);
  const pusherLast = !pusher || others.every((p) => sc[pusher].score < sc[p].score);
  return { ok: (pusher === "KR" || krLowest) && pusherLast, winner: e.winner };
}

function score(s: GameState, p: PowerId): number {
  return s.ending?.scores?.[p].score ?? 0;
}

export function measureGame(runSeed: number, i: number, opts: MeasureOptions): GameRecord {
  const gs = gameSeed(runSeed, i);
  const seats: Seats = seatsFor(gs, opts.plannerPct);
  const rec: GameRecord = { wars: [], strikeWars: [], nogo: {} };
  let s = newGame({ gameId: `dyn-${runSeed}-${i}`, seed: gs, maxRounds: opts.rounds });
  // The round of the branches: mid-game, so that three rounds fit before the end.
  const t = 2 + Math.floor(draw((gs ^ 0x2545f491) >>> 0).value * Math.max(1, opts.rounds - 4));
  const after: GameState[] = [s];
  const atOrders: GameState[] = [];
  while (s.phase !== "ended") {
    const r = s.round;
    s = toOrders(s, seats);
    if (s.phase === "ended") break;
    atOrders[r] = s;
    s = resolve(s);
    after[r] = s;
  }
  const lastRound = after.length - 1;
  const base = (r: number) => after[Math.min(r, lastRound)]!;
  const final = after[lastRound]!;
  if (final.ending?.reason === "war") rec.wars.push(warOutcome(final));

  // 2 (observed, not a check): China's effective baseline at the start and at the end.
  rec.baselineStart = after[1]?.enforcement.CN.baseline;
  rec.baselineEnd = final.enforcement.CN.baseline;
  // 9. Rapid progress: stage 5 shown within the first four rounds.
  if (lastRound >= 4 || final.programme.stage >= 5)
    rec.stage5By4 = after.slice(0, 5).some((x) => x.programme.stage >= 5);

  // 9. Pressure buys time: a sustained squeeze from the start (China cuts what North Korea sells and
  // its fuel, enforces at 100 and pays for it; the US designates the finance channel once).
  const o1 = atOrders[1];
  if (o1 && lastRound >= 3) {
    const squeeze: Action[] = [
      ...ALL_GROUPS.filter((g) => g !== "goods").map(
        (g) => ({ type: "set_trade", commodityGroup: g, level: 0 }) as Action,
      ),
      { type: "set_pipeline", level: 0 },
      enforce(100),
    ];
    const change: Change = (x, k) => {
      let y = withOrders(x, "CN", squeeze);
      if (k === 0) {
        const fin = ["kp_banks_abroad", "shipping_network"].filter((id) => firstUndesignated(x, [id]));
        y = withActions(
          y,
          "US",
          fin.map((entity) => ({ type: "designate", entity }) as Action),
        );
      }
      return y;
    };
    const b3 = branch(o1, seats, change, 3);
    rec.squeezeLoss = base(3).programme.readiness - b3[2]!.programme.readiness;
    rec.squeezeGain = b3[2]!.programme.readiness - after[0]!.programme.readiness;
  }

  const o = atOrders[t];
  if (o && lastRound >= t) {
    const run = (change: Change) => branch(o, seats, change, 3);
    const diffs = (b: GameState[], f: (x: GameState) => number) =>
      [0, 1, 2].map((k) => f(base(t + k)) - f(b[k]!));

    // 2. Optics, then fade: China announces 20 more and raises its target as much, without paying
    // (on top of its own unpaid order this round, if it gave one); the same game without it is the
    // other branch. A sample counts only if China pays for nothing in either branch over the three
    // rounds: then it is the fade of an unpaid announcement (later unpaid raises are part of play).
    const e = o.enforcement.CN;
    const own = ordersOf(o, "CN").find((a) => a.type === "set_enforcement");
    const ownUnpaid = own?.type === "set_enforcement" && !own.sustain;
    if (lastRound >= t + 3 && !e.sustain && (!own || ownUnpaid)) {
      const from =
        own?.type === "set_enforcement"
          ? own
          : { announced: e.announced, target: Math.max(e.target, e.actual) };
      const raise: Action = {
        type: "set_enforcement",
        announced: Math.min(100, from.announced + 20),
        target: Math.min(100, from.target + 20),
        sustain: false,
      };
      const up = branch(
        o,
        seats,
        once((x) =>
          withActions(
            withOrders(
              x,
              "CN",
              ordersOf(x, "CN").filter((a) => a.type !== "set_enforcement"),
            ),
            "CN",
            [raise],
          ),
        ),
        4,
      );
      const unpaid = (xs: GameState[]) => xs.every((x) => !x.enforcement.CN.sustain);
      const rise = cnActual(up[0]!) - cnActual(base(t));
      if (rise > 0 && raise.target > e.target && unpaid(up) && unpaid([0, 1, 2, 3].map((k) => base(t + k))))
        rec.fade = [cnActual(up[3]!) - cnActual(base(t + 3)), rise];
    }
    // 2. After a test: the test's effect on China's announced and on its achieved enforcement by the
    // next round (China answers a test in the round after it).
    // Where North Korea tests this round anyway, the other branch is the same round without it.
    if (lastRound >= t + 1) {
      const testsNow = ordersOf(o, "KP").some((a) => a.type === "missile_test");
      const other = branch(
        o,
        seats,
        once((x) => {
          const rest = ordersOf(x, "KP").filter(
            (a) => a.type !== "missile_test" && a.type !== "set_moratorium",
          );
          return withOrders(x, "KP", testsNow ? rest : [...rest, { type: "missile_test" }]);
        }),
        2,
      );
      const [withTest, without] = testsNow ? [base(t + 1), other[1]!] : [other[1]!, base(t + 1)];
      const dAnn = withTest.enforcement.CN.announced - without.enforcement.CN.announced;
      const dAch = cnActual(withTest) - cnActual(without);
      // The check reads tests that China answered with an announcement: without one there is no
      // announced rise to compare (how often bots answer is theirs; the observed line prints it).
      if (dAnn > 0) rec.optics = dAnn - dAch;
      rec.opticsParts = [dAnn, dAch];
    }

    // 1. China is the key: China enforcing and paying for it, or everyone else doing so.
    const cnOn = run(paidEnforcement("CN", 90));
    const othersOn = run((x, k) => {
      let y = x;
      for (const p of ["US", "RU", "KR"] as PowerId[]) y = paidEnforcement(p, 100)(y, k);
      return y;
    });
    const cur = base(t + 2).nk.currency;
    rec.cnKey = [cur - cnOn[2]!.nk.currency, cur];
    rec.othersKey = [cur - othersOn[2]!.nk.currency, cur];

    // 3. Local interests: China cuts border trade (what it buys and what it sells).
    const cut = run(
      once((x) =>
        withActions(
          x,
          "CN",
          (["minerals", "textiles_seafood", "goods"] as CommodityGroup[]).map(
            (g) => ({ type: "set_trade", commodityGroup: g, level: 0 }) as Action,
          ),
        ),
      ),
    );
    rec.discontent = cut[0]!.discontent - base(t).discontent;
    rec.cnStability = base(t + 2).powers.CN.stability - cut[2]!.powers.CN.stability;

    // 4. Collapse is China's nightmare: North Korea's stability set just below the collapse line.
    const low = run(
      once((x) => {
        const y = { ...x, powers: byPower((p) => ({ ...x.powers[p] })) };
        y.powers.KP.stability = Math.max(0, x.scenario.rules.collapseThreshold - 8);
        return y;
      }),
    );
    rec.refugeeCn = base(t).powers.CN.stability - low[0]!.powers.CN.stability;
    rec.refugeeCrisis = low[0]!.crisis - base(t).crisis;
    const collapsed = low.find((x) => x.ending?.reason === "collapse");
    if (collapsed && final.ending?.reason !== "collapse") {
      rec.collapseCn = score(final, "CN") - score(collapsed, "CN");
      rec.collapseKr = score(final, "KR") - score(collapsed, "KR");
    }

    // 5. Tension elsewhere: a Taiwan arms sale; tariffs; a Chinese bank designated.
    if (!ordersOf(o, "US").some((a) => a.type === "arms_sale_taiwan"))
      rec.armsSale = diffs(run(once((x) => withActions(x, "US", [{ type: "arms_sale_taiwan" }]))), cnActual);
    if (!o.policies.US.tariffs && !ordersOf(o, "US").some((a) => a.type === "set_tariffs"))
      rec.tariffs = diffs(
        run(once((x) => withActions(x, "US", [{ type: "set_tariffs", on: true }]))),
        cnActual,
      );
    // The last Chinese bank not yet designated: the bots reach it last, so the other branch rarely
    // designates it too within the three rounds.
    const bank = firstUndesignated(
      o,
      o.scenario.entities
        .filter((e) => e.country === "CN" && e.kind === "bank")
        .map((e) => e.id)
        .reverse(),
    );
    if (bank) {
      // Both branches made here: with the designation now, and without it for the three rounds
      // (the bots' own designation of it is struck out), so the contrast is designating or not.
      const strike: Change = (x) =>
        withOrders(
          x,
          "US",
          ordersOf(x, "US").filter((a) => !(a.type === "designate" && a.entity === bank)),
        );
      const without = run(strike);
      const withIt = run((x, k) =>
        k === 0 ? withActions(strike(x, k), "US", [{ type: "designate", entity: bank }]) : x,
      );
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += cnActual(withIt[k]!) - cnActual(without[k]!);
      rec.bank = sum / 3;
    }

    // 6. Russia backfills: China cuts the pipeline, fuel and goods.
    const squeeze = run(
      once((x) =>
        withActions(x, "CN", [
          { type: "set_pipeline", level: 0 },
          { type: "set_trade", commodityGroup: "fuel", level: 0 },
          { type: "set_trade", commodityGroup: "goods", level: 0 },
        ]),
      ),
    );
    const ruGain = ruTrade(squeeze[1]!) - ruTrade(base(t + 1));
    rec.backfill = [ruGain, cnSupply(base(t + 1)) - cnSupply(squeeze[1]!)];
    rec.backfillIllicit = [ruIllicit(squeeze[1]!) - ruIllicit(base(t + 1)), ruGain];

    // 7. Whack-a-mole: the largest China-side node exposed; a financial designation.
    const node = [...o.illicit.nodes]
      .filter((n) => CN_SIDE.has(n.region))
      .sort((a, b) => b.capacity - a.capacity || (a.id < b.id ? -1 : 1))[0];
    if (node && node.capacity > 0) {
      const ex = run(once((x) => withActions(x, "US", [{ type: "expose", node: node.id }])));
      rec.regrow = [
        node.capacity - (sameFlowCapacity(base(t + 2)) - sameFlowCapacity(ex[2]!)),
        node.capacity,
      ];
    }
    // The heaviest entity not yet designated (the bots designate the lighter ones first, so the
    // other branch rarely catches up within the three rounds).
    const fin = [...o.scenario.entities]
      .filter((x) => x.financeWeight > 0 && firstUndesignated(o, [x.id]) === x.id)
      .sort((a, b) => b.financeWeight - a.financeWeight)[0];
    if (fin && !ordersOf(o, "US").some((a) => a.type === "designate" && a.entity === fin.id)) {
      const de = run(once((x) => withActions(x, "US", [{ type: "designate", entity: fin.id }])));
      rec.designation = [totalCapacity(base(t + 2)) - totalCapacity(de[2]!), fin.financeWeight];
    }

    // 8. Seoul is hostage: escalation raises the crisis; a strike may start a war.
    const esc = run(
      once((x) =>
        withActions(withActions(x, "US", [{ type: "show_of_force" }]), "KP", [{ type: "threaten_seoul" }]),
      ),
    );
    rec.escalation = esc[0]!.crisis - base(t).crisis;
    const strike = run(once((x) => withActions(x, "US", [{ type: "preventive_strike" }])));
    if (strike[0]!.events.some((e) => e.kind === "strike_war"))
      rec.strikeWars.push(strike[0]!.ending?.reason === "war" && strike[0]!.ending.round === t);
    const w = strike.find((x) => x.ending?.reason === "war");
    if (w) rec.wars.push(warOutcome(w));
  }

  // 10. No good options: each fixed US policy against adaptive bots, on games of their own.
  if (opts.nogo) {
    const ns = gameSeed(runSeed + 7919, i);
    const nseats = seatsFor(ns, 0);
    for (const name of US_POLICIES) {
      const end = selfPlay({
        gameId: `dyn-nogo-${name}-${runSeed}-${i}`,
        seed: ns,
        maxRounds: opts.rounds,
        policies: { ...nseats.policy, US: SCRIPTED_US[name] },
        personalities: nseats.personality,
      });
      rec.nogo[name] = end
        .ending!.scores!.US.objectives.filter((x) => !x.secret)
        .every((x) => x.grade === "success");
    }
  }
  return rec;
}
