/**
 * Legality of orders by value (shared/engine/validate.ts): every refusal code `checkOrders` can
 * give, with the input that triggers it and the nearest input that passes; the action-point budget
 * at, below and above its limit with the upkeep of a sustained target (one point per
 * `upkeepPerPoint` above the baseline, rounded up); and `ordersCost`, the client's figure.
 */
import { describe, expect, test } from "vitest";
import {
  type Action,
  catalogueOf,
  checkOrders,
  type GameState,
  newGame,
  ordersCost,
  type PowerId,
  upkeepCost,
} from "../../shared/index.js";

const base = newGame({ gameId: "values-validate", seed: 1 });
const cat = catalogueOf(base.scenario);
const per = base.scenario.rules.upkeepPerPoint;
const inOrders: GameState = { ...base, phase: "orders" };
const check = (power: PowerId, actions: unknown[], s: GameState = inOrders) => {
  const r = checkOrders(s, power, { actions: actions as Action[] });
  // A refusal must say what is wrong, not only give its code.
  return r.ok ? "ok" : r.error.message ? r.error.code : "no message";
};
/** A state where `power` has `points` action points and this enforcement. */
const withPower = (
  power: PowerId,
  points: number,
  enf?: Partial<GameState["enforcement"]["US"]>,
): GameState => ({
  ...inOrders,
  powers: { ...inOrders.powers, [power]: { ...inOrders.powers[power], actionPoints: points } },
  enforcement: { ...inOrders.enforcement, [power]: { ...inOrders.enforcement[power], ...enf } },
});

describe("phase and shape", () => {
  test("game_over when ended, wrong_phase outside the orders phase, ok in it", () => {
    expect(check("US", [], { ...base, phase: "ended" })).toBe("game_over");
    expect(check("US", [], { ...base, phase: "diplomacy" })).toBe("wrong_phase");
    expect(check("US", [])).toBe("ok");
  });

  test("bad_shape when the orders have no list of actions", () => {
    for (const orders of [null, { actions: "fonop" }]) {
      const r = checkOrders(inOrders, "US", orders as never);
      expect(r.ok ? "ok" : r.error.code).toBe("bad_shape");
      expect(r.ok ? "" : r.error.message).toMatch(/list of actions/);
    }
  });

  test("unknown_action for a type outside the catalogue, not_your_action for another power's action", () => {
    expect(check("US", [{ type: "teleport" }])).toBe("unknown_action");
    expect(check("US", [{ type: "toString" }])).toBe("unknown_action");
    expect(check("US", [{ type: "missile_test" }])).toBe("not_your_action");
    expect(check("KP", [{ type: "missile_test" }])).toBe("ok");
  });
});

describe("parameters", () => {
  test("bad_level when announced, target or level is outside 0–100 or not an integer; 0 and 100 pass", () => {
    const enf = (announced: number, target: number) => [{ type: "set_enforcement", announced, target }];
    expect(check("US", enf(0, 0))).toBe("ok");
    expect(check("US", enf(100, 85))).toBe("ok");
    expect(check("US", enf(101, 85))).toBe("bad_level");
    expect(check("US", enf(-1, 85))).toBe("bad_level");
    expect(check("US", enf(50, 50.5))).toBe("bad_level");
    expect(check("CN", [{ type: "set_inspections", level: 100 }])).toBe("ok");
    expect(check("CN", [{ type: "set_inspections", level: 101 }])).toBe("bad_level");
  });

  test("a summit needs another power: itself or a non-power is bad_target", () => {
    expect(check("US", [{ type: "summit", target: "CN" }])).toBe("ok");
    expect(check("US", [{ type: "summit", target: "US" }])).toBe("bad_target");
    expect(check("US", [{ type: "summit", target: "XX" }])).toBe("bad_target");
  });

  test("China retaliates against the US or South Korea only", () => {
    expect(check("CN", [{ type: "retaliate", target: "US" }])).toBe("ok");
    expect(check("CN", [{ type: "retaliate", target: "KR" }])).toBe("ok");
    expect(check("CN", [{ type: "retaliate", target: "RU" }])).toBe("bad_target");
  });

  test("set_trade needs a known commodity group; intel and smuggling operations a known region", () => {
    expect(check("CN", [{ type: "set_trade", commodityGroup: "fuel", level: 50 }])).toBe("ok");
    expect(check("CN", [{ type: "set_trade", commodityGroup: "gold", level: 50 }])).toBe("bad_target");
    expect(check("US", [{ type: "intel_op", region: "yellow_sea" }])).toBe("ok");
    expect(check("US", [{ type: "intel_op", region: "atlantis" }])).toBe("bad_target");
    expect(check("KP", [{ type: "smuggling_op", region: "atlantis" }])).toBe("bad_target");
    expect(check("KP", [{ type: "smuggling_op", region: "yellow_sea" }])).toBe("ok");
  });

  test("a power can expose only a node it has found", () => {
    const found = base.illicit.nodes.find((n) => n.knownBy.includes("CN"))!;
    const unfound = base.illicit.nodes.find((n) => !n.knownBy.includes("CN"))!;
    expect(check("CN", [{ type: "expose", node: found.id }])).toBe("ok");
    expect(check("CN", [{ type: "expose", node: unfound.id }])).toBe("bad_target");
    expect(check("CN", [{ type: "expose", node: "no-such-node" }])).toBe("bad_target");
  });

  test("a designation needs a known entity not yet designated", () => {
    const done = new Set(base.sanctions.designations.map((d) => d.entity));
    const fresh = base.scenario.entities.find((e) => !done.has(e.id))!;
    expect(check("US", [{ type: "designate", entity: fresh.id }])).toBe("ok");
    expect(check("US", [{ type: "designate", entity: [...done][0] }])).toBe("bad_target");
    expect(check("US", [{ type: "designate", entity: "nobody" }])).toBe("bad_target");
  });
});

describe("duplicates", () => {
  test("a non-repeatable action twice is duplicate_action", () => {
    expect(check("US", [{ type: "fonop" }, { type: "fonop" }])).toBe("duplicate_action");
  });

  test("a repeatable action is distinct by its parameter: two targets pass, the same target twice does not", () => {
    const s = withPower("US", 10);
    expect(
      check(
        "US",
        [
          { type: "summit", target: "CN" },
          { type: "summit", target: "KP" },
        ],
        s,
      ),
    ).toBe("ok");
    expect(
      check(
        "US",
        [
          { type: "summit", target: "CN" },
          { type: "summit", target: "CN" },
        ],
        s,
      ),
    ).toBe("duplicate_action");
    const trade = (g: string) => ({ type: "set_trade", commodityGroup: g, level: 10 });
    expect(check("CN", [trade("fuel"), trade("goods")])).toBe("ok");
    expect(check("CN", [trade("fuel"), trade("fuel")])).toBe("duplicate_action");
    const intel = (region: string) => ({ type: "intel_op", region });
    expect(check("US", [intel("yellow_sea"), intel("dandong")])).toBe("ok");
    expect(check("US", [intel("yellow_sea"), intel("yellow_sea")])).toBe("duplicate_action");
    const done = new Set(base.sanctions.designations.map((d) => d.entity));
    const [a, b] = base.scenario.entities.filter((e) => !done.has(e.id));
    const us = withPower("US", 10);
    expect(
      check(
        "US",
        [
          { type: "designate", entity: a!.id },
          { type: "designate", entity: b!.id },
        ],
        us,
      ),
    ).toBe("ok");
    // China made to know two nodes: exposing both passes, one twice does not.
    const [n1, n2] = base.illicit.nodes;
    const knows: GameState = {
      ...inOrders,
      illicit: {
        ...inOrders.illicit,
        nodes: inOrders.illicit.nodes.map((n) => ({ ...n, knownBy: [...n.knownBy, "CN" as const] })),
      },
    };
    const expose = (node: string) => ({ type: "expose", node });
    expect(check("CN", [expose(n1!.id), expose(n2!.id)], knows)).toBe("ok");
    expect(check("CN", [expose(n1!.id), expose(n1!.id)], knows)).toBe("duplicate_action");
  });
});

describe("the moratorium", () => {
  const kp = (moratorium: boolean): GameState => ({
    ...withPower("KP", 10),
    policies: { ...inOrders.policies, KP: { ...inOrders.policies.KP, moratorium } },
  });

  test("a test while the moratorium is in force is refused, a missile or a nuclear test alike", () => {
    expect(check("KP", [{ type: "missile_test" }], kp(true))).toBe("moratorium_in_force");
    expect(check("KP", [{ type: "nuclear_test" }], kp(true))).toBe("moratorium_in_force");
    expect(check("KP", [{ type: "missile_test" }], kp(false))).toBe("ok");
  });

  test("ending the moratorium in the same orders allows the test; declaring it in them forbids it", () => {
    expect(check("KP", [{ type: "set_moratorium", on: false }, { type: "missile_test" }], kp(true))).toBe(
      "ok",
    );
    expect(check("KP", [{ type: "set_moratorium", on: true }, { type: "missile_test" }], kp(false))).toBe(
      "moratorium_in_force",
    );
    expect(check("KP", [{ type: "set_moratorium", on: true }, { type: "cyber_theft" }], kp(false))).toBe(
      "ok",
    );
  });
});

describe("the budget", () => {
  test("orders costing exactly the power's action points pass; one point more is over_budget", () => {
    const cost = cat.fonop.cost + cat.arms_sale_taiwan.cost;
    const orders = [{ type: "fonop" }, { type: "arms_sale_taiwan" }];
    expect(check("US", orders, withPower("US", cost))).toBe("ok");
    expect(check("US", orders, withPower("US", cost - 1))).toBe("over_budget");
  });

  test("sustaining a target above the baseline adds ceil((target − baseline) / upkeepPerPoint) points", () => {
    const baseline = 30;
    const target = baseline + per + 1; // two points of upkeep
    const upkeep = Math.ceil((target - baseline) / per);
    expect(upkeep).toBe(2);
    const orders = [{ type: "set_enforcement", announced: target, target, sustain: true }];
    const need = cat.set_enforcement.cost + upkeep;
    expect(check("CN", orders, withPower("CN", need, { baseline }))).toBe("ok");
    const r = checkOrders(withPower("CN", need - 1, { baseline }), "CN", { actions: orders as Action[] });
    expect(r.ok ? "ok" : r.error.code).toBe("over_budget");
    expect(r.ok ? "" : r.error.message).toBe(
      `These orders cost ${cat.set_enforcement.cost} action points plus ${upkeep} to sustain enforcement; you have ${need - 1}.`,
    );
    // Without sustain, no upkeep.
    const noSustain = [{ type: "set_enforcement", announced: target, target }];
    expect(check("CN", noSustain, withPower("CN", cat.set_enforcement.cost, { baseline }))).toBe("ok");
  });

  test("a target already sustained in the state costs its upkeep even when these orders do not touch it", () => {
    const s = withPower("CN", cat.scs_patrol.cost, { baseline: 30, target: 30 + per, sustain: true });
    expect(check("CN", [{ type: "scs_patrol" }], s)).toBe("over_budget");
    expect(
      check(
        "CN",
        [{ type: "scs_patrol" }],
        withPower("CN", cat.scs_patrol.cost + 1, { baseline: 30, target: 30 + per, sustain: true }),
      ),
    ).toBe("ok");
  });

  test("the over-budget message leaves out upkeep when there is none", () => {
    const r = checkOrders(withPower("US", 0), "US", { actions: [{ type: "fonop" }] });
    expect(r.ok ? "" : r.error.message).toBe(
      `These orders cost ${cat.fonop.cost} action points; you have 0.`,
    );
  });

  test("upkeepCost is 0 at or below the baseline and rounds up above it", () => {
    expect(upkeepCost(base, 30, 30)).toBe(0);
    expect(upkeepCost(base, 29, 30)).toBe(0);
    expect(upkeepCost(base, 31, 30)).toBe(1);
    expect(upkeepCost(base, 30 + per, 30)).toBe(1);
    expect(upkeepCost(base, 30 + per + 1, 30)).toBe(2);
  });
});

describe("ordersCost", () => {
  test("sums the catalogue costs of the actions", () => {
    const orders = { actions: [{ type: "fonop" }, { type: "designate", entity: "x" }] as Action[] };
    expect(ordersCost(orders)).toBe(cat.fonop.cost + cat.designate.cost);
  });

  test("adds the upkeep of a sustained target above the baseline, the orders' own target replacing the state's", () => {
    const own = { target: 30 + per + 1, baseline: 30, sustain: true };
    expect(ordersCost({ actions: [] }, own)).toBe(2);
    expect(ordersCost({ actions: [] }, { ...own, sustain: false })).toBe(0);
    expect(ordersCost({ actions: [] }, { ...own, target: 30 })).toBe(0);
    const set = { type: "set_enforcement", announced: 0, target: 30 + per, sustain: true } as Action;
    expect(ordersCost({ actions: [set] }, own)).toBe(cat.set_enforcement.cost + 1);
    const unsustained = { type: "set_enforcement", announced: 0, target: 100 } as Action;
    expect(ordersCost({ actions: [unsustained] }, own)).toBe(cat.set_enforcement.cost);
  });

  test("an action type outside the catalogue costs nothing", () => {
    expect(ordersCost({ actions: [{ type: "teleport" } as never, { type: "fonop" }] })).toBe(cat.fonop.cost);
  });

  test("without the power's enforcement the baseline is taken as 100: no upkeep", () => {
    const set = { type: "set_enforcement", announced: 0, target: 100, sustain: true } as Action;
    expect(ordersCost({ actions: [set] })).toBe(cat.set_enforcement.cost);
    expect(ordersCost({ actions: [set] }, { baseline: 100 - per - 1 })).toBe(cat.set_enforcement.cost + 2);
  });
});
