/**
 * Reflection for grading (DESIGN §1): the teacher (Control) sets a short prompt for a round, or for
 * every round; after that round's resolution each power may write a memo answering it. Memos are
 * private to the power and Control and are kept in the record like every input.
 */
import type { PowerId } from "../powers.js";
import type { SetReflection, WriteMemo } from "../protocol.js";
import { err, ok, type Result } from "../result.js";
import type { GameState, ReflectionPrompt } from "../state.js";
import { cloneState } from "./copy.js";

/** The prompt for a round: its own, else the one for every round (round 0). */
export function promptFor(state: Pick<GameState, "reflection">, round: number): ReflectionPrompt | undefined {
  const list = state.reflection.prompts;
  return list.find((p) => p.round === round) ?? list.find((p) => p.round === 0);
}

/** The rounds a memo may be written for now: those resolved (the last one too once the game ended). */
export function lastResolvedRound(state: Pick<GameState, "round" | "phase">): number {
  return state.phase === "ended" ? state.round : state.round - 1;
}

export function setReflection(state: GameState, input: SetReflection): Result<GameState> {
  if (input.round > state.maxRounds) return err("bad_target", `The game has ${state.maxRounds} rounds.`);
  const s = cloneState(state);
  const others = state.reflection.prompts.filter((p) => p.round !== input.round);
  const prompts = input.text
    ? [...others, { round: input.round, text: input.text, required: input.required }]
    : others;
  prompts.sort((a, b) => a.round - b.round);
  s.reflection = { prompts, memos: state.reflection.memos };
  const which = input.round === 0 ? "every round" : `round ${input.round}`;
  s.control = [
    ...state.control,
    {
      round: state.round,
      kind: "reflection",
      text: input.text
        ? `${which}${input.required ? " (required)" : ""}: ${input.text}`
        : `${which}: prompt removed`,
    },
  ];
  return ok(s);
}

export function writeMemo(state: GameState, power: PowerId, input: WriteMemo): Result<GameState> {
  if (input.round > lastResolvedRound(state))
    return err("wrong_phase", `Round ${input.round} has not been resolved yet.`);
  if (!promptFor(state, input.round))
    return err("not_found", `No reflection prompt is set for round ${input.round}.`);
  const s = cloneState(state);
  s.reflection = {
    prompts: state.reflection.prompts,
    memos: [
      ...state.reflection.memos.filter((m) => !(m.power === power && m.round === input.round)),
      { power, round: input.round, text: input.text },
    ],
  };
  return ok(s);
}
