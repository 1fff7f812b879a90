/**
 * Free-form "matrix" actions by value (DESIGN §4, shared/engine/matrix.ts): the queue follows a
 * power's orders (kept, added, withdrawn), Control may judge or defer only open items (each refusal
 * with its trigger), a verdict is dated and replaces a deferral, and at the resolution a judged item
 * applies its effects and is reported while waiting ones are reported to their power only.
 */
import { describe, expect, test } from "vitest";
import { makeCtx } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import { applyVerdicts, defer, judgeQueued, openItem, queueMatrix } from "../../shared/engine/matrix.js";
import { type Action, type GameState, type MatrixItem, newGame } from "../../shared/index.js";

const base = newGame({ gameId: "values-matrix", seed: 1 });
const arg = (text: string, rationale?: string) =>
  ({ type: "matrix_action", text, ...(rationale ? { rationale } : {}) }) as Action;
const item = (patch: Partial<MatrixItem>): MatrixItem => ({
  id: "M1",
  power: "KP",
  round: base.round,
  text: "An offer",
  status: "pending",
  ...patch,
});
/** A result's code, "ok", or "no message" for a refusal that does not say what is wrong. */
const code = (r: { ok: boolean; error?: { code: string; message: string } }) =>
  r.ok ? "ok" : r.error!.message ? r.error!.code : "no message";

describe("the queue follows the orders", () => {
  const queue = (s0: GameState, actions: Action[], power: "KP" | "US" = "KP") => {
    const s = copyState(s0);
    queueMatrix(s, power, actions);
    return s;
  };

  test("a new argument is queued as pending with the next id and its rationale; seq advances", () => {
    const s = queue({ ...base, seq: 5, matrix: [] }, [
      arg("Offer talks", "why not"),
      { type: "fonop" } as Action,
    ]);
    expect(s.matrix).toEqual([
      {
        id: "M5",
        power: "KP",
        round: base.round,
        text: "Offer talks",
        status: "pending",
        rationale: "why not",
      },
    ]);
    expect(s.seq).toBe(6);
  });

  test("an argument without a rationale has no rationale field", () => {
    const s = queue({ ...base, matrix: [] }, [arg("Offer talks")]);
    expect("rationale" in s.matrix[0]!).toBe(false);
  });

  test("no argument and nothing queued leaves the queue as it was", () => {
    const s0 = { ...base, matrix: [] };
    const s = queue(s0, [{ type: "fonop" } as Action]);
    expect(s.matrix).toBe(s0.matrix);
    expect(s.seq).toBe(s0.seq);
  });

  test("an argument already queued keeps its item and verdict; one dropped from the orders is withdrawn", () => {
    const kept = item({ id: "M1", text: "Keep", status: "judged" });
    const dropped = item({ id: "M2", text: "Drop" });
    const s = queue({ ...base, seq: 9, matrix: [kept, dropped] }, [arg("Keep"), arg("New")]);
    expect(s.matrix[0]).toBe(kept);
    expect(s.matrix[1]).toEqual({ ...dropped, status: "withdrawn" });
    expect(s.matrix[2]).toMatchObject({ id: "M9", text: "New", status: "pending" });
    expect(s.matrix).toHaveLength(3);
  });

  test("two identical arguments keep one queued item and add a second", () => {
    const one = item({ id: "M1", text: "Same" });
    const s = queue({ ...base, seq: 4, matrix: [one] }, [arg("Same"), arg("Same")]);
    expect(s.matrix[0]).toBe(one);
    expect(s.matrix[1]).toMatchObject({ id: "M4", text: "Same", status: "pending" });
  });

  test("only the power's own open items of this round follow its orders", () => {
    const other = item({ id: "M1", power: "US", text: "Theirs" });
    const old = item({ id: "M2", round: base.round - 1, text: "Last round" });
    const done = item({ id: "M3", text: "Done", status: "success" });
    const s = queue({ ...base, matrix: [other, old, done] }, []);
    expect(s.matrix).toEqual([other, old, done]);
  });

  test("deferred items are open: dropping one withdraws it", () => {
    const d = item({ id: "M1", status: "deferred" });
    expect(queue({ ...base, matrix: [d] }, []).matrix[0]!.status).toBe("withdrawn");
  });
});

describe("Control's choices", () => {
  test("openItem: pending and deferred are open; missing and withdrawn are not_found; decided ones already_decided", () => {
    const at = (status: MatrixItem["status"]) =>
      code(openItem({ ...base, matrix: [item({ status })] }, "M1"));
    expect(at("pending")).toBe("ok");
    expect(at("deferred")).toBe("ok");
    expect(at("withdrawn")).toBe("not_found");
    for (const s of ["judged", "success", "failure"] as const) expect(at(s)).toBe("already_decided");
    expect(code(openItem({ ...base, matrix: [item({})] }, "M2"))).toBe("not_found");
  });

  test("defer marks the item deferred with its reason, leaves the other items, and records it for Control", () => {
    const other = item({ id: "M2", power: "US" });
    const s0 = { ...base, matrix: [item({}), other] };
    const r = defer(s0, "M1", "Say more");
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.matrix[0]).toEqual({ ...item({}), status: "deferred", deferReason: "Say more" });
    expect(r.value.matrix[1]).toBe(other);
    expect(r.value.control.at(-1)).toEqual({ round: base.round, kind: "defer", text: "M1 (KP) — Say more" });
    expect(s0.matrix[0]!.status).toBe("pending");
  });

  test("defer without a reason records none", () => {
    const r = defer({ ...base, matrix: [item({})] }, "M1", "");
    if (!r.ok) throw new Error(r.error.code);
    expect("deferReason" in r.value.matrix[0]!).toBe(false);
    expect(r.value.control.at(-1)!.text).toBe("M1 (KP)");
  });

  test("defer refusals: ended game, an item already deferred, one not open", () => {
    expect(code(defer({ ...base, phase: "ended", matrix: [item({})] }, "M1", ""))).toBe("game_over");
    expect(code(defer({ ...base, matrix: [item({ status: "deferred" })] }, "M1", ""))).toBe(
      "already_decided",
    );
    expect(code(defer({ ...base, matrix: [item({ status: "judged" })] }, "M1", ""))).toBe("already_decided");
    expect(code(defer({ ...base, matrix: [] }, "M1", ""))).toBe("not_found");
  });

  test("judgeQueued dates the verdict with the round, drops a deferral's reason and touches no other item", () => {
    const s = copyState({
      ...base,
      matrix: [item({ status: "deferred", deferReason: "later" }), item({ id: "M2" })],
    });
    const j = { title: "Talks", reason: "Plausible", strength: 4, chance: 70, roll: 12, success: true };
    judgeQueued(s, "M1", { ...j, effects: { tension: -3 } });
    expect(s.matrix[0]).toEqual({
      ...item({}),
      status: "judged",
      verdict: { ...j, round: base.round, effects: { tension: -3 } },
    });
    expect(s.matrix[1]).toEqual(item({ id: "M2" }));
    judgeQueued(s, "M2", j);
    expect("effects" in s.matrix[1]!.verdict!).toBe(false);
  });
});

describe("at the resolution", () => {
  const resolve = (matrix: MatrixItem[]) => {
    const s = copyState({ ...base, matrix, tension: 50 });
    const ctx = makeCtx(base, s);
    applyVerdicts(ctx);
    return ctx;
  };
  const verdict = (success: boolean) => ({
    title: "Talks",
    reason: "r",
    strength: 3,
    chance: 50,
    roll: success ? 20 : 80,
    success,
    round: base.round,
    effects: { tension: -4 },
  });

  test("a judged success applies its effects, is announced to all with its roll, and becomes success", () => {
    const ctx = resolve([item({ status: "judged", verdict: verdict(true) })]);
    expect(ctx.s.tension).toBe(46);
    expect(ctx.s.matrix[0]!.status).toBe("success");
    expect(ctx.events).toEqual([
      {
        round: base.round,
        kind: "adjudicated",
        data: { title: "Talks", chance: 50, success: 1, roll: 20, power: "KP" },
        visibleTo: "all",
      },
    ]);
  });

  test("a judged failure becomes failure and is announced with success 0", () => {
    const ctx = resolve([item({ status: "judged", verdict: verdict(false) })]);
    expect(ctx.s.matrix[0]!.status).toBe("failure");
    expect(ctx.events[0]!.data.success).toBe(0);
  });

  test("a deferred item is reported to its power with the reason; a pending one of this round as queued; older pending ones not at all", () => {
    const ctx = resolve([
      item({ id: "M1", status: "deferred", deferReason: "more detail" }),
      item({ id: "M2", power: "US", status: "deferred" }),
      item({ id: "M3", power: "RU" }),
      item({ id: "M4", power: "CN", round: base.round - 1 }),
    ]);
    expect(ctx.events.map((e) => [e.kind, e.data.power, e.visibleTo, e.extra])).toEqual([
      ["matrix_deferred", "KP", ["KP"], { reason: "more detail" }],
      ["matrix_deferred", "US", ["US"], undefined],
      ["matrix_queued", "RU", ["RU"], undefined],
    ]);
    expect(ctx.s.tension).toBe(50);
  });

  test("with nothing judged the queue is left as it was", () => {
    const matrix = [item({})];
    expect(resolve(matrix).s.matrix).toBe(matrix);
  });
});
