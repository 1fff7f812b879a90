/**
 * Bots say why they accept or refuse a proposal: a reason from their own valuation rides on the
 * answer, the engine keeps it on the proposal, and only the proposal's parties see it. The reason
 * does not change the decision (the same answers as the valuation alone gives).
 */
import { describe, expect, test } from "vitest";
import { ruleBot } from "../../shared/bots/rules.js";
import { InputSchema, newGame, step, viewFor } from "../../shared/index.js";
import type { PowerId } from "../../shared/powers.js";
import type { GameState, Term } from "../../shared/state.js";

function proposed(to: PowerId, terms: Term[]): GameState {
  const r = step(newGame({ gameId: "g", seed: 1 }), "US", {
    type: "propose",
    parties: [to],
    terms,
    duration: 2,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("answer reasons", () => {
  test.each([
    // China's ask in the issue, offered by the US: China gains the promise it wanted.
    {
      to: "CN",
      terms: [
        { kind: "no_designations", party: "US" },
        { kind: "summit", party: "CN" },
      ],
      accept: true,
      why: "worth_it",
    },
    // A test ban costs North Korea more than suspended exercises bring it.
    {
      to: "KP",
      terms: [
        { kind: "suspend_exercises", party: "US" },
        { kind: "no_tests", party: "KP" },
      ],
      accept: false,
      why: "costs_too_much",
    },
  ] as { to: PowerId; terms: Term[]; accept: boolean; why: string }[])(
    "$to answers $accept ($why)",
    ({ to, terms, accept, why }) => {
      const s = proposed(to, terms);
      const answer = ruleBot(viewFor(s, to), to, "pragmatist").find((i) => i.type === "respond_proposal");
      expect(answer).toMatchObject({ type: "respond_proposal", accept, reason: { why } });
      const r = step(s, to, answer!);
      if (!r.ok) throw new Error(r.error.message);
      // The parties see the reason; a third power does not even see the proposal.
      expect(viewFor(r.value, "US").proposals[0]?.reasons?.[to]?.why).toBe(why);
      expect(viewFor(r.value, "RU").proposals).toEqual([]);
    },
  );

  test("the schema takes a reason of the known kinds only", () => {
    const base = { type: "respond_proposal", id: "P1", accept: false };
    expect(InputSchema.safeParse({ ...base, reason: { why: "too_little" } }).success).toBe(true);
    expect(InputSchema.safeParse({ ...base, reason: { why: "because" } }).success).toBe(false);
    expect(InputSchema.safeParse({ ...base, reason: "no" }).success).toBe(false);
  });
});
