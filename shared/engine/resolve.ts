/**
 * Round resolution: a pure function of the state (with its orders and PRNG) to the next state.
 * The steps run in a fixed, documented order (docs/RULES.md, "Resolution order"):
 *
 *  1. standing policies          7. programme (tests, steady growth)
 *  2. diplomatic moves, summits  8. trade flows, illicit volumes, Russia's backfill
 *  3. sanctions, tension moves   9. North Korea's currency, fuel and food
 *  4. enforcement                10. stability, refugees, border discontent, crisis costs
 *  5. intelligence and illicit   11. agreements (breaches, expiry)
 *  6. military                   12. crisis decay, war; 13. bookkeeping; 14. ending
 */
import { byPower, PAIRS, POWERS, type PowerId } from "../powers.js";
import type { GameState, HistoryPoint } from "../state.js";
import { type Ctx, emit, makeCtx, rollInt } from "./context.js";
import { copyState } from "./copy.js";
import { resolveAgreements } from "./diplomacy.js";
import { decayPressures, resolveEnforcement } from "./enforcement.js";
import { explain } from "./explain.js";
import { resolveIllicit } from "./illicit.js";
import { clamp100, mulDiv, pct } from "./math.js";
import { resolveMilitary } from "./military.js";
import {
  resolveDiplomaticMoves,
  resolveSanctions,
  resolveStandingEffects,
  resolveTensionMoves,
} from "./moves.js";
import { finishGame } from "./objectives.js";
import { applyPolicies } from "./policies.js";
import { resolveProgramme } from "./programme.js";
import { borderTrade, resolveNorthKoreaEconomy, resolveStability, ruTrade } from "./regime.js";
import { resolveTrade } from "./trade.js";

export function resolveRound(prev: GameState): GameState {
  const s = copyState(prev);
  s.events = [];
  s.explanations = [];
  const ctx = makeCtx(prev, s);
  const crisisBefore = s.crisis;

  const raised = applyPolicies(ctx); // 1
  resolveDiplomaticMoves(ctx); // 2
  resolveSanctions(ctx); // 3
  resolveTensionMoves(ctx);
  resolveStandingEffects(ctx);
  resolveEnforcement(ctx, raised); // 4
  resolveIllicit(ctx); // 5
  resolveMilitary(ctx); // 6
  resolveProgramme(ctx); // 7
  resolveTrade(ctx); // 8
  resolveNorthKoreaEconomy(ctx); // 9
  resolveStability(ctx); // 10
  // The brink is judged on the crisis the round's escalations made, before agreements in force ease
  // it: a crisis at 100 (or a strike's war roll) is war, not something a treaty's goodwill undoes.
  const brink = ctx.strikeWar || s.crisis >= ctx.rules.warThreshold;
  resolveAgreements(ctx); // 11
  const war = resolveCrisis(ctx, crisisBefore, brink); // 12
  bookkeeping(ctx); // 13

  s.orders = {};
  s.events = ctx.events;
  // 14. The end: war, collapse, the last round; otherwise the next round's diplomacy.
  if (war)
    return finishGame(
      s,
      war === "none" ? { reason: "war", round: s.round } : { reason: "war", round: s.round, pusher: war },
    );
  if (s.nk.lowRounds >= ctx.rules.collapseRounds) {
    ctx.events.push({ round: s.round, kind: "collapse", data: {}, visibleTo: "all" });
    return finishGame(s, { reason: "collapse", round: s.round });
  }
  if (s.round >= s.maxRounds) return finishGame(s, { reason: "last_round", round: s.round });
  s.round += 1;
  s.phase = "diplomacy";
  return s;
}

/** Step 12: the crisis decays a little, or war if it reached the brink. Returns the pusher. */
function resolveCrisis(ctx: Ctx, before: number, reachedBrink: boolean): PowerId | "none" | null {
  const { s, rules } = ctx;
  const decay = rules.crisisDecayBase + pct(s.crisis, rules.crisisDecayShare);
  if (reachedBrink) s.crisis = 100;
  else {
    s.crisis = clamp100(s.crisis - decay);
    ctx.crisisParts.push({ why: "decay", value: decay, delta: -decay, visibleTo: "all" });
  }
  explain(ctx, "crisis", before, s.crisis, "all", ctx.crisisParts);
  if (!reachedBrink) return null;
  // The power whose orders added the most crisis this round pushed it past the brink.
  let pusher: PowerId | "none" = "none";
  let most = 0;
  for (const p of POWERS) {
    const c = ctx.crisisBy[p] ?? 0;
    if (c > most) {
      most = c;
      pusher = p;
    }
  }
  emit(ctx, "war", { pusher });
  return pusher;
}

/** Step 13: relations drift, trackers, noise for intelligence ranges, statistics, history. */
function bookkeeping(ctx: Ctx): void {
  const { s, prev, rules } = ctx;
  for (const k of PAIRS) {
    const start = s.scenario.relations[k] ?? 0;
    s.relations[k] -= mulDiv(s.relations[k] - start, rules.relationsDrift, 100);
  }
  decayPressures(ctx);
  if (s.enforcement.CN.actual >= 60) {
    s.tracks.cnHighStreak += 1;
    s.tracks.maxCnHighStreak = Math.max(s.tracks.maxCnHighStreak, s.tracks.cnHighStreak);
  } else s.tracks.cnHighStreak = 0;
  s.intelNoise = byPower(() => rollInt(ctx, 101));
  // Published statistics lag one round: what happened last round appears now.
  const officialTrade: Record<string, number> = {};
  // Flows kept off the customs books (pipeline crude, FACTS §1c) are real but never published.
  prev.flows.forEach((f, i) => {
    if (s.scenario.flows[i]?.recorded !== false) officialTrade[f.id] = f.official;
  });
  s.published = [...s.published, { round: s.round - 1, officialTrade }];
  s.history = [...s.history, historyPoint(s, s.round)];
}

export function historyPoint(s: GameState, round: number): HistoryPoint {
  let official = 0;
  let illicit = 0;
  for (const f of s.flows) {
    official += f.official;
    illicit += f.illicit;
  }
  return {
    round,
    crisis: s.crisis,
    stage: s.programme.stage,
    readiness: s.programme.readiness,
    tension: s.tension,
    powers: byPower((p) => ({
      economy: s.powers[p].economy,
      stability: s.powers[p].stability,
      standing: s.powers[p].standing,
    })),
    announced: byPower((p) => s.enforcement[p].announced),
    actual: byPower((p) => s.enforcement[p].actual),
    officialTrade: official,
    illicitTrade: illicit,
    nk: { currency: s.nk.currency, fuel: s.nk.fuel, food: s.nk.food, stability: s.powers.KP.stability },
    discontent: s.discontent,
    borderTrade: borderTrade(s),
    ruTrade: ruTrade(s),
  };
}
