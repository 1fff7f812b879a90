/**
 * The engine's single entry point: apply one input from one actor. A game is its initial state
 * plus the log of accepted inputs; replaying the log through `step` reproduces it exactly.
 *
 * Inputs are shape-checked with `InputSchema` by whoever receives them from outside (the server);
 * `step` then checks who may do what, when, and applies it. An illegal input returns an error
 * with a stable code and leaves the state untouched.
 */

import { z } from "zod";
import { OrdersSchema } from "../orders.js";
import { isPower, POWERS, type Seat } from "../powers.js";
import { SetReflectionSchema, WriteMemoSchema } from "../protocol.js";
import { err, ok, type Result } from "../result.js";
import { ANSWER_WHYS, COMMODITY_GROUPS, type GameState, TERM_KINDS, VOTES } from "../state.js";
import {
  adjudicate,
  ControlAdjudicateSchema,
  ControlDeferSchema,
  ControlInjectSchema,
  ControlOverrideSchema,
  inject,
  override,
} from "./control.js";
import { cloneState } from "./copy.js";
import { propose, respond } from "./diplomacy.js";
import { defer, queueMatrix } from "./matrix.js";
import { setReflection, writeMemo } from "./reflection.js";
import { resolveRound } from "./resolve.js";
import { amendDraft, decideDrafts, tableDraft, voteDraft } from "./un.js";
import { checkOrders } from "./validate.js";

/** Who an input comes from: a seat, or the server's clock. Never taken from a payload. */
export type Actor = Seat | "SYSTEM";

const Id = z.string().min(1).max(20);
const Power = z.enum(POWERS);

export const TermSchema = z
  .object({
    kind: z.enum(TERM_KINDS),
    party: Power,
    level: z.number().int().min(0).max(100).optional(),
    group: z.enum(COMMODITY_GROUPS).optional(),
  })
  .strict();

export const InputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("submit_orders"), orders: OrdersSchema }),
  z.object({ type: z.literal("advance_phase") }),
  z
    .object({
      type: z.literal("propose"),
      /** The other powers asked to sign (the proposer is always a party). */
      parties: z.array(Power).min(1).max(4),
      terms: z.array(TermSchema).max(10).optional(),
      /** A template from the scenario ("freeze_for_freeze", "grand_bargain"), plus any extra terms. */
      template: z.string().max(40).optional(),
      duration: z.number().int().min(1).max(8),
      note: z.string().max(500).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("respond_proposal"),
      id: Id,
      accept: z.boolean(),
      /** Optional: why, in one line of reasoning (shown to the proposal's parties). */
      reason: z
        .object({ why: z.enum(ANSWER_WHYS), term: TermSchema.optional() })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("table_un_draft"),
      groups: z.array(z.enum(COMMODITY_GROUPS)).min(1).max(5),
      strength: z.number().int().min(10).max(100),
    })
    .strict(),
  z
    .object({ type: z.literal("amend_un_draft"), id: Id, strength: z.number().int().min(0).max(100) })
    .strict(),
  z.object({ type: z.literal("vote_un_draft"), id: Id, vote: z.enum(VOTES) }).strict(),
  ControlInjectSchema,
  ControlAdjudicateSchema,
  ControlOverrideSchema,
  ControlDeferSchema,
  SetReflectionSchema,
  WriteMemoSchema,
]);
export type Input = z.infer<typeof InputSchema>;
export type InputType = Input["type"];

export function step(state: GameState, actor: Actor, input: Input): Result<GameState> {
  switch (input.type) {
    case "submit_orders": {
      if (!isPower(actor)) return err("not_a_power", "Only a power's seat can give orders.");
      const checked = checkOrders(state, actor, input.orders);
      if (!checked.ok) return checked;
      const next = cloneState(state);
      next.orders = { ...state.orders, [actor]: checked.value };
      // Free-form actions reach Control's queue now, not at the resolution (engine/matrix.ts).
      queueMatrix(next, actor, checked.value.actions);
      return ok(next);
    }
    case "advance_phase": {
      if (actor !== "SYSTEM" && actor !== "CONTROL")
        return err("control_only", "Only Control or the clock advances phases.");
      if (state.phase === "ended") return err("game_over", "The game is over.");
      if (state.phase === "diplomacy") {
        const s = cloneState(state);
        s.phase = "orders";
        s.events = [...state.events];
        decideDrafts(s);
        return ok(s);
      }
      return ok(resolveRound(state));
    }
    case "propose": {
      if (!isPower(actor)) return err("not_a_power", "Only a power proposes agreements.");
      if (state.phase === "ended") return err("game_over", "The game is over.");
      return propose(state, actor, input);
    }
    case "respond_proposal": {
      if (!isPower(actor)) return err("not_a_power", "Only a power answers proposals.");
      return respond(state, actor, input.id, input.accept, input.reason);
    }
    case "table_un_draft": {
      if (!isPower(actor)) return err("not_a_power", "Only a power tables drafts.");
      if (state.phase === "ended") return err("game_over", "The game is over.");
      return tableDraft(state, actor, input.groups, input.strength);
    }
    case "amend_un_draft": {
      if (!isPower(actor)) return err("not_a_power", "Only a power amends drafts.");
      if (state.phase === "ended") return err("game_over", "The game is over.");
      return amendDraft(state, actor, input.id, input.strength);
    }
    case "vote_un_draft": {
      if (!isPower(actor)) return err("not_a_power", "Only a power votes.");
      if (state.phase === "ended") return err("game_over", "The game is over.");
      return voteDraft(state, actor, input.id, input.vote);
    }
    case "control_inject":
      if (actor !== "CONTROL") return err("control_only", "Only Control injects events.");
      return inject(state, input);
    case "control_adjudicate":
      if (actor !== "CONTROL") return err("control_only", "Only Control adjudicates.");
      return adjudicate(state, input);
    case "control_override":
      if (actor !== "CONTROL") return err("control_only", "Only Control overrides.");
      return override(state, input);
    case "control_defer":
      if (actor !== "CONTROL") return err("control_only", "Only Control defers free-form actions.");
      return defer(state, input.matrixId, input.reason);
    case "control_reflection":
      if (actor !== "CONTROL") return err("control_only", "Only Control sets reflection prompts.");
      return setReflection(state, input);
    case "write_memo":
      if (!isPower(actor)) return err("not_a_power", "Only a power's seat writes a memo.");
      return writeMemo(state, actor, input);
  }
  return err("bad_shape", "Unknown input.");
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
