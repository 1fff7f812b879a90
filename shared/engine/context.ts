/**
 * The working context of one resolution: a private copy of the state that the rule modules
 * mutate in a fixed order, plus the round's events, explanations and crisis contributions.
 * Nothing outside `resolveRound` ever sees a half-resolved state.
 */

import type { Action, ActionType } from "../orders.js";
import { type ByPower, byPower, type PairKey, type PowerId, pairKey, type Seat } from "../powers.js";
import { draw } from "../rng.js";
import type { Rules } from "../scenario/rules.js";
import type { ExplanationPart, GameEvent, GameState, Visibility } from "../state.js";
import { clamp, clamp100 } from "./math.js";

export interface Ctx {
  s: GameState;
  /** The state as it stood before this resolution (read-only). */
  prev: GameState;
  rules: Rules;
  round: number;
  events: GameEvent[];
  /** Actions per power this round (standing orders: none). */
  actions: ByPower<readonly Action[]>;
  /** Crisis added this round, per power (to find who pushed past the brink). */
  crisisBy: Partial<Record<PowerId, number>>;
  crisisParts: ExplanationPart[];
  /** Illicit demand the network could not carry this round (it grows toward its ceiling). */
  unmetIllicit: number;
  /** NK hard-currency spending outside trade this round (tests, etc.). */
  nkSpend: { currency: number; fuel: number; parts: ExplanationPart[] };
  /** NK cash and food from aid and theft this round. */
  nkGain: { currency: number; food: number; fuel: number; parts: ExplanationPart[] };
}

export function makeCtx(prev: GameState, s: GameState): Ctx {
  return {
    s,
    prev,
    rules: s.scenario.rules,
    round: s.round,
    events: [],
    actions: byPower((p) => s.orders[p]?.actions ?? []),
    crisisBy: {},
    crisisParts: [],
    unmetIllicit: 0,
    nkSpend: { currency: 0, fuel: 0, parts: [] },
    nkGain: { currency: 0, food: 0, fuel: 0, parts: [] },
  };
}

export function emit(
  ctx: Ctx,
  kind: string,
  text: string,
  data: Record<string, number | string> = {},
  visibleTo: Visibility = "all",
): void {
  ctx.events.push({ round: ctx.round, kind, text, data, visibleTo });
}

/** Draws a percentage roll from the game's PRNG: true with `chance`% probability. */
export function roll(ctx: Ctx, chance: number): boolean {
  const d = draw(ctx.s.rng);
  ctx.s.rng = d.next;
  return d.value * 100 < chance;
}

/** A uniform integer in [0, n) from the game's PRNG. */
export function rollInt(ctx: Ctx, n: number): number {
  const d = draw(ctx.s.rng);
  ctx.s.rng = d.next;
  return Math.floor(d.value * n);
}

export function addCrisis(ctx: Ctx, by: PowerId | null, delta: number, why: string): void {
  if (delta === 0) return;
  ctx.s.crisis = clamp100(ctx.s.crisis + delta);
  if (by && delta > 0) ctx.crisisBy[by] = (ctx.crisisBy[by] ?? 0) + delta;
  ctx.crisisParts.push({ text: why, delta, visibleTo: "all" });
}

export function addRelation(s: GameState, a: PowerId, b: PowerId, delta: number): void {
  if (a === b || delta === 0) return;
  const k: PairKey = pairKey(a, b);
  s.relations[k] = clamp(s.relations[k] + delta, -100, 100);
}

export function relation(s: GameState, a: PowerId, b: PowerId): number {
  return a === b ? 100 : s.relations[pairKey(a, b)];
}

export function has(ctx: Ctx, p: PowerId, type: ActionType): boolean {
  return ctx.actions[p].some((a) => a.type === type);
}

export function actionsOf<T extends ActionType>(
  ctx: Ctx,
  p: PowerId,
  type: T,
): Extract<Action, { type: T }>[] {
  return ctx.actions[p].filter((a): a is Extract<Action, { type: T }> => a.type === type);
}

/** Seats that may read something private to `p`: the power itself (Control always can). */
export const only = (...seats: Seat[]): Visibility => seats;
