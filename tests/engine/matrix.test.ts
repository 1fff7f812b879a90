/**
 * Free-form ("matrix") actions in time and reflection memos (shared/engine/matrix.ts,
 * reflection.ts): Control reads an argument the moment its orders come in, judges it during the
 * orders phase, and it applies in that round's resolution with its roll in the news; no other
 * power ever sees the argument, and the power sees no verdict before it applies.
 */
import { describe, expect, test } from "vitest";
import {
  type GameState,
  hashOf,
  type Input,
  InputSchema,
  newGame,
  replay,
  step,
  viewFor,
} from "../../shared/index.js";
import { must } from "./helpers.js";

const ARGUMENT = "Quiet back-channel through Stockholm: offer a freeze of drills for a freeze of tests";
const matrixOrders = (text = ARGUMENT): Input => ({
  type: "submit_orders",
  orders: { actions: [{ type: "matrix_action", text, rationale: "Lower the temperature first" }] },
});
const judge = (matrixId: string, strength = 5): Input => ({
  type: "control_adjudicate",
  matrixId,
  title: "Stockholm channel",
  argument: "Plausible: Sweden hosted such contacts",
  strength,
  effects: { relations: { "KP-US": 12 } },
  failEffects: { crisis: 3 },
});

/** A game in its first orders phase. */
function inOrders(seed = 7): GameState {
  return must(newGame({ gameId: "m", seed }), "SYSTEM", { type: "advance_phase" });
}

describe("matrix actions reach Control in time", () => {
  test("queued with argument and rationale the moment the orders are submitted; no other power sees it", () => {
    const s = must(inOrders(), "KP", matrixOrders());
    const item = viewFor(s, "CONTROL").matrix[0]!;
    expect(item).toMatchObject({ power: "KP", round: 1, text: ARGUMENT, status: "pending" });
    expect(item.rationale).toBe("Lower the temperature first");
    expect(viewFor(s, "KP").matrix).toHaveLength(1);
    for (const seat of ["US", "CN", "RU", "KR", "OBSERVER"] as const)
      expect(JSON.stringify(viewFor(s, seat))).not.toContain("Stockholm");
  });

  test("judged during orders: hidden from the power until it applies in the same round's resolution", () => {
    let s = must(inOrders(), "KP", matrixOrders());
    const id = s.matrix[0]!.id;
    const relation = s.relations["KP-US"];
    const crisis = s.crisis;
    s = must(s, "CONTROL", judge(id));
    expect(s.matrix[0]!.status).toBe("judged");
    const verdict = s.matrix[0]!.verdict!;
    expect(verdict.chance).toBe(s.scenario.rules.adjudication5);
    expect(verdict.roll).toBeGreaterThanOrEqual(1);
    expect(verdict.roll).toBeLessThanOrEqual(100);
    expect(verdict.success).toBe(verdict.roll <= verdict.chance);
    // Nothing applied yet; the power reads "pending" and no verdict.
    expect(s.relations["KP-US"]).toBe(relation);
    const kp = viewFor(s, "KP").matrix[0]!;
    expect(kp.status).toBe("pending");
    expect(JSON.stringify(viewFor(s, "KP"))).not.toContain("Plausible");
    // Judged twice: refused, state untouched.
    const again = step(s, "CONTROL", judge(id));
    expect(again.ok ? "" : again.error.code).toBe("already_decided");

    const after = must(s, "SYSTEM", { type: "advance_phase" });
    expect(after.round).toBe(2);
    const news = viewFor(after, "KP").events.find((e) => e.kind === "adjudicated")!;
    expect(news.data).toMatchObject({ roll: verdict.roll, chance: verdict.chance, power: "KP" });
    expect(news.round).toBe(1);
    // The verdict is public news; everyone reads it.
    expect(viewFor(after, "US").events.some((e) => e.kind === "adjudicated")).toBe(true);
    expect(viewFor(after, "KP").matrix[0]!.status).toBe(verdict.success ? "success" : "failure");
    if (verdict.success) expect(after.relations["KP-US"]).not.toBe(relation);
    else expect(after.crisis).not.toBe(crisis);
  });

  test("the roll comes from the game's seeded PRNG: the same log gives the same verdicts", () => {
    const log = (id: string) => [
      { actor: "SYSTEM" as const, input: { type: "advance_phase" } as Input },
      { actor: "KP" as const, input: matrixOrders() },
      { actor: "CONTROL" as const, input: judge(id, 3) },
      { actor: "SYSTEM" as const, input: { type: "advance_phase" } as Input },
    ];
    const a = replay(newGame({ gameId: "m", seed: 11 }), log("M1"));
    const b = replay(newGame({ gameId: "m", seed: 11 }), log("M1"));
    expect(hashOf(a)).toBe(hashOf(b));
    const rolls = [1, 2, 3, 4, 5, 6].map(
      (seed) => replay(newGame({ gameId: "m", seed }), log("M1")).matrix[0]!.verdict!.roll,
    );
    expect(new Set(rolls).size).toBeGreaterThan(1);
  });

  test("deferred: the power is told in the news; judged in a later round, it applies at that round's resolution", () => {
    let s = must(inOrders(), "KP", matrixOrders());
    const id = s.matrix[0]!.id;
    s = must(s, "CONTROL", { type: "control_defer", matrixId: id, reason: "Needs the US reply first" });
    s = must(s, "SYSTEM", { type: "advance_phase" });
    const told = viewFor(s, "KP").events.find((e) => e.kind === "matrix_deferred");
    expect(told?.extra).toEqual({ reason: "Needs the US reply first" });
    expect(viewFor(s, "US").events.some((e) => e.kind === "matrix_deferred")).toBe(false);
    expect(s.matrix[0]!.status).toBe("deferred");
    s = must(s, "CONTROL", judge(id));
    s = must(s, "SYSTEM", { type: "advance_phase" });
    s = must(s, "SYSTEM", { type: "advance_phase" });
    expect(s.round).toBe(3);
    expect(["success", "failure"]).toContain(s.matrix[0]!.status);
    expect(s.events.find((e) => e.kind === "adjudicated")?.round).toBe(2);
  });

  test("revised orders: an argument kept keeps its item; one dropped is withdrawn and never applies", () => {
    let s = must(inOrders(), "KP", matrixOrders());
    const id = s.matrix[0]!.id;
    s = must(s, "KP", matrixOrders());
    expect(s.matrix.map((m) => m.id)).toEqual([id]);
    s = must(s, "CONTROL", judge(id));
    s = must(s, "KP", { type: "submit_orders", orders: { actions: [] } });
    expect(s.matrix[0]!.status).toBe("withdrawn");
    const relation = s.relations["KP-US"];
    const after = must(s, "SYSTEM", { type: "advance_phase" });
    expect(after.events.some((e) => e.kind === "adjudicated")).toBe(false);
    expect(after.relations["KP-US"] - relation).not.toBe(12);
    const r = step(after, "CONTROL", judge(id));
    expect(r.ok ? "" : r.error.code).toBe("not_found");
  });

  test("only Control judges or defers", () => {
    const s = must(inOrders(), "KP", matrixOrders());
    const id = s.matrix[0]!.id;
    for (const input of [judge(id), { type: "control_defer", matrixId: id, reason: "" } as Input]) {
      const r = step(s, "KP", input);
      expect(r.ok ? "" : r.error.code).toBe("control_only");
    }
  });
});

describe("reflection memos", () => {
  test("a memo answers the prompt of a resolved round; it stays private to its power and Control", () => {
    let s = inOrders();
    const memo: Input = { type: "write_memo", round: 1, text: "We tested too early: China closed ranks." };
    expect((step(s, "KP", memo) as { ok: false; error: { code: string } }).error.code).toBe("wrong_phase");
    s = must(s, "SYSTEM", { type: "advance_phase" });
    expect((step(s, "KP", memo) as { ok: false; error: { code: string } }).error.code).toBe("not_found");
    const prompt: Input = {
      type: "control_reflection",
      round: 0,
      text: "What did you expect?",
      required: true,
    };
    expect((step(s, "KP", prompt) as { ok: false; error: { code: string } }).error.code).toBe("control_only");
    s = must(s, "CONTROL", prompt);
    expect(viewFor(s, "US").reflection.prompts).toEqual([
      { round: 0, text: "What did you expect?", required: true },
    ]);
    s = must(s, "KP", memo);
    s = must(s, "KP", { ...memo, text: "Second thoughts." } as Input);
    expect(viewFor(s, "KP").reflection.memos).toEqual([{ power: "KP", round: 1, text: "Second thoughts." }]);
    expect(viewFor(s, "CONTROL").reflection.memos).toHaveLength(1);
    expect(viewFor(s, "US").reflection.memos).toEqual([]);
    // The shape check (the server's, before step) refuses a memo over 1,000 characters.
    expect(InputSchema.safeParse({ type: "write_memo", round: 1, text: "x".repeat(1001) }).success).toBe(
      false,
    );
    expect(InputSchema.safeParse({ type: "write_memo", round: 1, text: "x".repeat(1000) }).success).toBe(
      true,
    );
  });
});
