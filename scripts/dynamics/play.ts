/**
 * Self-play with branches, for measuring the dynamics (DESIGN §5) as causal effects: a game is
 * played by bots in every seat (mixed personalities, some planner seats); at a chosen round the
 * orders-phase state is copied, one change is made (an order added, a state value set), and the
 * copy is played on for a few rounds by the same bots with the same PRNG. Since the engine and the
 * bots are deterministic, the unchanged game is the other branch: any difference is the change's.
 */
import { botPolicy } from "../../shared/bots/index.js";
import { mixedPersonalities } from "../../shared/bots/selfplay.js";
import type { BotPolicy } from "../../shared/bots/simple.js";
import { cloneState } from "../../shared/engine/copy.js";
import {
  type Action,
  type BotPersonality,
  type ByPower,
  byPower,
  draw,
  type GameState,
  type Input,
  POWERS,
  type PowerId,
  step,
  viewFor,
} from "../../shared/index.js";

export interface Seats {
  policy: ByPower<BotPolicy>;
  personality: ByPower<BotPersonality>;
}

const simple = botPolicy("simple");
const planner = botPolicy("planner");

/** Seats for a game: personalities mixed from its seed, `plannerPct`% of seats on the planner. */
export function seatsFor(gameSeed: number, plannerPct: number): Seats {
  let rng = (gameSeed ^ 0x5bd1e995) >>> 0;
  const policy = byPower(() => {
    const d = draw(rng);
    rng = d.next;
    return d.value * 100 < plannerPct ? planner : simple;
  });
  return { policy, personality: mixedPersonalities(gameSeed) };
}

function botInputs(s: GameState, p: PowerId, seats: Seats): GameState {
  for (const input of seats.policy[p](viewFor(s, p), p, seats.personality[p]) as Input[]) {
    const r = step(s, p, input);
    if (r.ok) s = r.value;
    if (s.phase === "ended") break;
  }
  return s;
}

function advance(s: GameState): GameState {
  const r = step(s, "SYSTEM", { type: "advance_phase" });
  if (!r.ok) throw new Error(`dynamics: advance failed: ${r.error.code}`);
  return r.value;
}

/** The diplomacy phase of a round, then the bots' orders: returns the state ready to resolve. */
export function toOrders(s: GameState, seats: Seats): GameState {
  for (const p of POWERS) {
    s = botInputs(s, p, seats);
    if (s.phase === "ended") return s;
  }
  s = advance(s);
  for (const p of POWERS) s = botInputs(s, p, seats);
  return s;
}

/** Resolves the round whose orders are in. */
export const resolve = advance;

/** A change made to an orders-phase state before it resolves (k: 0 for the first round, …). */
export type Change = (s: GameState, k: number) => GameState;

/**
 * Plays `rounds` rounds from an orders-phase state, applying `change` before each resolution
 * (a one-off change ignores k > 0). Returns the state after each resolution; if the game ends, the
 * last state repeats so that every branch has `rounds` entries.
 */
export function branch(start: GameState, seats: Seats, change: Change, rounds: number): GameState[] {
  const out: GameState[] = [];
  let s = change(start, 0);
  for (let k = 0; k < rounds; k++) {
    if (k > 0 && s.phase !== "ended") s = change(toOrders(s, seats), k);
    if (s.phase === "orders") s = resolve(s);
    out.push(s);
  }
  return out;
}

/** Adds actions to a power's orders as given (a measurement: the action-point budget is not checked). */
export function withActions(s: GameState, p: PowerId, actions: readonly Action[]): GameState {
  const n = cloneState(s);
  n.orders = { ...s.orders, [p]: { actions: [...(s.orders[p]?.actions ?? []), ...actions] } };
  return n;
}

/** Replaces a power's orders. */
export function withOrders(s: GameState, p: PowerId, actions: readonly Action[]): GameState {
  const n = cloneState(s);
  n.orders = { ...s.orders, [p]: { actions: [...actions] } };
  return n;
}

export function ordersOf(s: GameState, p: PowerId): readonly Action[] {
  return s.orders[p]?.actions ?? [];
}
