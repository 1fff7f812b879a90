/**
 * The working context of one resolution: a private copy of the state that the rule modules
 * mutate in a fixed order, plus the round's events, explanations and crisis contributions.
 * Nothing outside `resolveRound` ever sees a half-resolved state.
 */

import type { Action, ActionType } from "../orders.js";
import { type ByPower, byPower, type PairKey, type PowerId, pairKey, type Seat } from "../powers.js";
import { draw } from "../rng.js";
import type { Rules } from "../scenario/rules.js";
import type { EventKind, EventRecord, GameState, Reason, Visibility } from "../state.js";
import { clamp, clamp100 } from "./math.js";

export interface Ctx {
  s: GameState;
  /** The state as it stood before this resolution (read-only). */
  prev: GameState;
  rules: Rules;
  round: number;
  events: EventRecord[];
  /** Actions per power this round (standing orders: none). */
  actions: ByPower<readonly Action[]>;
  /** Crisis added this round, per power (to find who pushed past the brink). */
  crisisBy: Partial<Record<PowerId, number>>;
  crisisParts: Reason[];
  /** A preventive strike's war roll came up this round: war, whatever eases the crisis after it. */
  strikeWar: boolean;
  /** Illicit demand the network could not carry this round (it grows toward its ceiling). */
  unmetIllicit: number;
  /** NK hard-currency spending outside trade this round (tests, etc.). */
  nkSpend: { currency: number; fuel: number; parts: Reason[] };
  /** NK cash and food from aid and theft this round. */
  nkGain: { currency: number; food: number; fuel: number; parts: Reason[] };
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
    strikeWar: false,
    unmetIllicit: 0,
    nkSpend: { currency: 0, fuel: 0, parts: [] },
    nkGain: { currency: 0, food: 0, fuel: 0, parts: [] },
  };
}

/** An event's data when it has none (shared: records are never mutated once made). */
const NO_DATA: Record<string, number | string> = Object.freeze({});

/** Records an event; `extra` holds what its text needs beyond `data` (see engine/text.ts). */
export function emit(
  ctx: Ctx,
  kind: EventKind,
  data: Record<string, number | string> = NO_DATA,
  visibleTo: Visibility = "all",
  extra?: Record<string, number | string>,
): void {
  const e: EventRecord = { round: ctx.round, kind, data, visibleTo };
  if (extra) e.extra = extra;
  ctx.events.push(e);
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

/** Adds crisis; `why` is a fixed phrase or label, or the pair that held a summit. */
export function addCrisis(
  ctx: Ctx,
  by: PowerId | null,
  delta: number,
  why: string | { a: PowerId; b: PowerId },
): void {
  if (delta === 0) return;
  ctx.s.crisis = clamp100(ctx.s.crisis + delta);
  if (by && delta > 0) ctx.crisisBy[by] = (ctx.crisisBy[by] ?? 0) + delta;
  ctx.crisisParts.push(
    typeof why === "string"
      ? { why: "label", label: why, delta, visibleTo: "all" }
      : { why: "summit", a: why.a, b: why.b, delta, visibleTo: "all" },
  );
}

/** Pair keys looked up, not built: `pairKey` makes a new string per call, many times a round. */
const PAIR_KEYS = byPower((a) => byPower((b) => pairKey(a, b)));

export function addRelation(s: GameState, a: PowerId, b: PowerId, delta: number): void {
  if (a === b || delta === 0) return;
  const k: PairKey = PAIR_KEYS[a][b];
  s.relations[k] = clamp(s.relations[k] + delta, -100, 100);
}

export function relation(s: GameState, a: PowerId, b: PowerId): number {
  return a === b ? 100 : s.relations[PAIR_KEYS[a][b]];
}

export function has(ctx: Ctx, p: PowerId, type: ActionType): boolean {
  for (const a of ctx.actions[p]) if (a.type === type) return true;
  return false;
}

const NONE: readonly never[] = [];
/** The power's actions of one type (a shared empty list when none: the usual case). */
export function actionsOf<T extends ActionType>(
  ctx: Ctx,
  p: PowerId,
  type: T,
): readonly Extract<Action, { type: T }>[] {
  let out: Extract<Action, { type: T }>[] | null = null;
  for (const a of ctx.actions[p]) {
    if (a.type !== type) continue;
    out ??= [];
    out.push(a as Extract<Action, { type: T }>);
  }
  return out ?? NONE;
}

const ONLY = new Map<Seat, Map<Seat | undefined, Seat[]>>();
/**
 * Seats that may read something private to `a` (and `b`): Control always can. The lists are shared
 * by every record that uses them (records are never mutated), so a round allocates none.
 */
export function only(a: Seat, b?: Seat): Visibility {
  let byFirst = ONLY.get(a);
  if (!byFirst) {
    byFirst = new Map([[undefined, [a]]]);
    ONLY.set(a, byFirst);
  }
  let v = byFirst.get(b);
  if (!v) {
    v = b === undefined ? [a] : [a, b];
    byFirst.set(b, v);
  }
  return v;
}
