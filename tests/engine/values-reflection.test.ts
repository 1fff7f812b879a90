/**
 * Reflection prompts and memos by value (DESIGN §1, shared/engine/reflection.ts): a round's own
 * prompt before the every-round one, memos only for resolved rounds with a prompt, one memo per
 * power and round, and Control's record of each prompt change.
 */
import { describe, expect, test } from "vitest";
import { lastResolvedRound, promptFor, setReflection, writeMemo } from "../../shared/engine/reflection.js";
import { type GameState, newGame } from "../../shared/index.js";

const base = newGame({ gameId: "values-reflection", seed: 1, maxRounds: 6 });
/** A result's code, "ok", or "no message" for a refusal that does not say what is wrong. */
const code = (r: { ok: boolean; error?: { code: string; message: string } }) =>
  r.ok ? "ok" : r.error!.message ? r.error!.code : "no message";
const value = (r: ReturnType<typeof setReflection>): GameState => {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const set = (s: GameState, round: number, text: string, required = false) =>
  value(setReflection(s, { type: "control_reflection", round, text, required }));

describe("prompts", () => {
  test("a round's own prompt comes before the every-round prompt (round 0), which covers the rest", () => {
    const s = set(set(base, 0, "What changed?"), 3, "Why did you test?");
    expect(promptFor(s, 3)!.text).toBe("Why did you test?");
    expect(promptFor(s, 2)!.text).toBe("What changed?");
    expect(promptFor(set(base, 3, "Only three"), 2)).toBeUndefined();
  });

  test("prompts are kept sorted by round and a round's prompt replaces the earlier one", () => {
    const tabled = set(set(base, 4, "four"), 2, "two");
    expect(tabled.reflection.prompts.map((p) => p.round)).toEqual([2, 4]);
    const s = set(tabled, 4, "four again", true);
    expect(s.reflection.prompts).toEqual([
      { round: 2, text: "two", required: false },
      { round: 4, text: "four again", required: true },
    ]);
  });

  test("an empty text removes the round's prompt", () => {
    const s = set(set(base, 2, "two"), 2, "");
    expect(s.reflection.prompts).toEqual([]);
  });

  test("Control's record names the round or every round, marks a required prompt and a removal", () => {
    const last = (s: GameState) => s.control.at(-1)!;
    expect(last(set(base, 0, "Think", true))).toEqual({
      round: base.round,
      kind: "reflection",
      text: "every round (required): Think",
    });
    expect(last(set(base, 2, "Think")).text).toBe("round 2: Think");
    expect(last(set(base, 2, "")).text).toBe("round 2: prompt removed");
  });

  test("a round beyond the game's last is refused; the last round is accepted", () => {
    expect(
      code(setReflection(base, { type: "control_reflection", round: 7, text: "x", required: false })),
    ).toBe("bad_target");
    expect(
      code(setReflection(base, { type: "control_reflection", round: 6, text: "x", required: false })),
    ).toBe("ok");
  });
});

describe("memos", () => {
  test("the last resolved round is the one before the current, or the current once the game has ended", () => {
    expect(lastResolvedRound({ round: 4, phase: "orders" })).toBe(3);
    expect(lastResolvedRound({ round: 4, phase: "ended" })).toBe(4);
  });

  const at4 = (s: GameState): GameState => ({ ...s, round: 4, phase: "diplomacy" });
  const memo = (s: GameState, round: number, text = "My memo", power: "US" | "KP" = "US") =>
    writeMemo(s, power, { type: "write_memo", round, text });

  test("a memo may be written for a resolved round with a prompt; the current round is refused", () => {
    const s = at4(set(base, 0, "Reflect"));
    expect(code(memo(s, 3))).toBe("ok");
    expect(code(memo(s, 4))).toBe("wrong_phase");
    expect(code(memo({ ...s, phase: "ended" }, 4))).toBe("ok");
  });

  test("a round without a prompt is refused", () => {
    expect(code(memo(at4(set(base, 2, "Two only")), 3))).toBe("not_found");
    expect(code(memo(at4(set(base, 2, "Two only")), 2))).toBe("ok");
  });

  test("writing again replaces the power's memo for that round and keeps the others", () => {
    let s = at4(set(base, 0, "Reflect"));
    const w = (x: ReturnType<typeof memo>) => {
      if (!x.ok) throw new Error(x.error.code);
      return x.value;
    };
    s = w(memo(s, 3, "first"));
    s = w(memo(s, 2, "round two"));
    s = w(memo(s, 3, "kp", "KP"));
    s = w(memo(s, 3, "second"));
    expect(s.reflection.memos).toEqual([
      { power: "US", round: 2, text: "round two" },
      { power: "KP", round: 3, text: "kp" },
      { power: "US", round: 3, text: "second" },
    ]);
  });
});
