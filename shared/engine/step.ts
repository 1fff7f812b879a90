/**
 * The engine's single entry point: apply one input from one actor. A game is its initial state
 * plus the log of accepted inputs; replaying the log through `step` reproduces it exactly.
 */
import { z } from "zod";
import { OrdersSchema } from "../orders.js";
import { isPower, type Seat } from "../powers.js";
import { err, ok, type Result } from "../result.js";
import type { GameState } from "../state.js";
import { resolveRound } from "./resolve.js";
import { checkOrders } from "./validate.js";

/** Who an input comes from: a seat, or the server's clock. Never taken from a payload. */
export type Actor = Seat | "SYSTEM";

export const InputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("submit_orders"), orders: OrdersSchema }),
  z.object({ type: z.literal("advance_phase") }),
]);
export type Input = z.infer<typeof InputSchema>;

export function step(state: GameState, actor: Actor, input: Input): Result<GameState> {
  switch (input.type) {
    case "submit_orders": {
      if (!isPower(actor)) return err("not_a_power", "Only a power's seat can give orders.");
      const checked = checkOrders(state, actor, input.orders);
      if (!checked.ok) return checked;
      return ok({ ...state, orders: { ...state.orders, [actor]: checked.value } });
    }
    case "advance_phase": {
      if (actor !== "SYSTEM" && actor !== "CONTROL")
        return err("control_only", "Only Control or the clock advances phases.");
      if (state.phase === "ended") return err("game_over", "The game is over.");
      if (state.phase === "diplomacy") return ok({ ...state, phase: "orders" });
      return ok(resolveRound(state));
    }
  }
}

/** Replays a log of inputs from an initial state; throws if a logged input is no longer accepted. */
export function replay(initial: GameState, log: readonly { actor: Actor; input: Input }[]): GameState {
  let state = initial;
  for (const [i, entry] of log.entries()) {
    const r = step(state, entry.actor, entry.input);
    if (!r.ok) throw new Error(`replay: input ${i} rejected: ${r.error.code}`);
    state = r.value;
  }
  return state;
}
