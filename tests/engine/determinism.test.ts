import { describe, expect, test } from "vitest";
import { cloneState } from "../../shared/engine/copy.js";
import { type Actor, hashOf, type Input, newGame, replay, step } from "../../shared/index.js";

const script: { actor: Actor; input: Input }[] = [
  { actor: "SYSTEM", input: { type: "advance_phase" } },
  {
    actor: "CN",
    input: {
      type: "submit_orders",
      orders: { actions: [{ type: "set_enforcement", announced: 80, target: 60 }] },
    },
  },
  { actor: "KP", input: { type: "submit_orders", orders: { actions: [{ type: "missile_test" }] } } },
  { actor: "SYSTEM", input: { type: "advance_phase" } },
  { actor: "SYSTEM", input: { type: "advance_phase" } },
  { actor: "KP", input: { type: "submit_orders", orders: { actions: [{ type: "missile_test" }] } } },
  { actor: "SYSTEM", input: { type: "advance_phase" } },
];

describe("determinism", () => {
  test("same seed and inputs give the same state, hash for hash", () => {
    const a = replay(newGame({ gameId: "g", seed: 42 }), script);
    const b = replay(newGame({ gameId: "g", seed: 42 }), script);
    expect(hashOf(a)).toBe(hashOf(b));
    expect(a.round).toBe(3);
    expect(a.programme.tests).toBe(2);
  });

  test("the seed matters: some seed gives a different missile outcome", () => {
    const hashes = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => hashOf(replay(newGame({ gameId: "g", seed }), script))),
    );
    expect(hashes.size).toBeGreaterThan(1);
  });

  test("step is pure: the input state is not mutated", () => {
    const s0 = replay(newGame({ gameId: "g", seed: 7 }), script.slice(0, 3));
    const before = hashOf(s0);
    const r = step(s0, "SYSTEM", { type: "advance_phase" });
    expect(r.ok).toBe(true);
    expect(hashOf(s0)).toBe(before);
  });
});

describe("orders are checked against the rules, and a rejection changes nothing", () => {
  const inOrders = replay(newGame({ gameId: "g", seed: 1 }), script.slice(0, 1));
  test.each([
    // North Korea cannot set enforcement; China cannot test missiles.
    ["KP", { actions: [{ type: "set_enforcement", announced: 1, target: 1 }] }, "not_your_action"],
    ["CN", { actions: [{ type: "missile_test" }] }, "not_your_action"],
    // Observers and Control give no power orders.
    ["OBSERVER", { actions: [] }, "not_a_power"],
    // The same action twice in one set of orders.
    [
      "CN",
      {
        actions: [
          { type: "set_enforcement", announced: 1, target: 1 },
          { type: "set_enforcement", announced: 2, target: 2 },
        ],
      },
      "duplicate_action",
    ],
  ] as const)("%s %j → %s", (actor, orders, code) => {
    const before = hashOf(inOrders);
    const r = step(inOrders, actor, { type: "submit_orders", orders: structuredClone(orders) as never });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
    expect(hashOf(inOrders)).toBe(before);
  });

  test("orders outside the orders phase are refused with wrong_phase", () => {
    const r = step(newGame({ gameId: "g", seed: 1 }), "CN", {
      type: "submit_orders",
      orders: { actions: [] },
    });
    expect(r.ok ? "ok" : r.error.code).toBe("wrong_phase");
  });

  test("players cannot advance the phase", () => {
    const r = step(newGame({ gameId: "g", seed: 1 }), "US", { type: "advance_phase" });
    expect(r.ok ? "ok" : r.error.code).toBe("control_only");
  });
});

describe("state copies", () => {
  test("cloneState keeps every field of a state (GameState has no field it could drop)", () => {
    const s = replay(newGame({ gameId: "g", seed: 42 }), script);
    const copy = cloneState(s);
    expect(Object.keys(copy).sort()).toEqual(Object.keys(s).sort());
    for (const k of Object.keys(s) as (keyof typeof s)[]) expect(copy[k]).toBe(s[k]);
    expect(copy).not.toBe(s);
  });
});
