/**
 * The resolution's working helpers by value (shared/engine/context.ts, math.ts, catalogue.ts,
 * copy.ts): rolls against the PRNG's draw, crisis and relation changes with their clamps and
 * records, visibility lists, integer arithmetic rounding toward zero, the catalogue lookups, and
 * which parts of a state a copy owns.
 */
import { describe, expect, test } from "vitest";
import {
  actionsOf,
  addCrisis,
  addRelation,
  emit,
  has,
  makeCtx,
  only,
  relation,
  roll,
  rollInt,
} from "../../shared/engine/context.js";
import { cloneState, copyState } from "../../shared/engine/copy.js";
import { clamp, clamp100, mulDiv, pct } from "../../shared/engine/math.js";
import {
  type Action,
  actionsFor,
  byPower,
  CATALOGUE,
  catalogueOf,
  draw,
  type GameState,
  newGame,
  SUMMER_2017,
} from "../../shared/index.js";

const base = newGame({ gameId: "values-context", seed: 8 });
const ctxOf = (patch: (s: GameState) => void = () => {}) => {
  const s = copyState(base);
  patch(s);
  return makeCtx(base, s);
};

describe("makeCtx and events", () => {
  test("the context starts empty, with the round, the rules and each power's orders", () => {
    const ctx = ctxOf((s) => {
      s.round = 3;
      s.orders = { US: { actions: [{ type: "fonop" }] } };
    });
    expect(ctx.round).toBe(3);
    expect(ctx.rules).toBe(base.scenario.rules);
    expect(ctx.prev).toBe(base);
    expect(ctx.actions.US).toEqual([{ type: "fonop" }]);
    expect(ctx.actions.CN).toEqual([]);
    expect([ctx.events, ctx.crisisParts, ctx.crisisBy, ctx.strikeWar, ctx.unmetIllicit]).toEqual([
      [],
      [],
      {},
      false,
      0,
    ]);
    expect(ctx.nkSpend).toEqual({ currency: 0, fuel: 0, parts: [] });
    expect(ctx.nkGain).toEqual({ currency: 0, food: 0, fuel: 0, parts: [] });
  });

  test("emit records the round, kind, data and visibility, and extra only when given", () => {
    const ctx = ctxOf();
    emit(ctx, "collapse");
    emit(ctx, "statement", { power: "KR" }, ["KR"], { text: "Hi" });
    expect(ctx.events).toEqual([
      { round: base.round, kind: "collapse", data: {}, visibleTo: "all" },
      {
        round: base.round,
        kind: "statement",
        data: { power: "KR" },
        visibleTo: ["KR"],
        extra: { text: "Hi" },
      },
    ]);
    expect("extra" in ctx.events[0]!).toBe(false);
  });
});

describe("rolls", () => {
  test("roll is true when the draw × 100 is below the chance, and advances the PRNG by one draw", () => {
    const d = draw(base.rng);
    const at = d.value * 100;
    const r = (chance: number) => {
      const ctx = ctxOf();
      const out = roll(ctx, chance);
      expect(ctx.s.rng).toBe(d.next);
      return out;
    };
    expect(r(Math.ceil(at + 1e-9))).toBe(true);
    expect(r(Math.floor(at))).toBe(false);
    expect(r(at)).toBe(false);
    expect(r(100)).toBe(true);
    expect(r(0)).toBe(false);
  });

  test("rollInt is floor(draw × n), one draw", () => {
    const d = draw(base.rng);
    for (const n of [1, 6, 101]) {
      const ctx = ctxOf();
      expect(rollInt(ctx, n)).toBe(Math.floor(d.value * n));
      expect(ctx.s.rng).toBe(d.next);
    }
  });
});

describe("crisis and relations", () => {
  test("addCrisis adds the delta within 0–100, charges a positive delta to the power, and records the reason", () => {
    const ctx = ctxOf((s) => (s.crisis = 50));
    addCrisis(ctx, "KP", 7, "a missile test");
    addCrisis(ctx, "KP", 3, "another");
    addCrisis(ctx, "US", -4, "talks");
    addCrisis(ctx, null, 2, "drift");
    addCrisis(ctx, null, -1, { a: "KP", b: "US" });
    expect(ctx.s.crisis).toBe(50 + 7 + 3 - 4 + 2 - 1);
    expect(ctx.crisisBy).toEqual({ KP: 10 });
    expect(ctx.crisisParts).toEqual([
      { why: "label", label: "a missile test", delta: 7, visibleTo: "all" },
      { why: "label", label: "another", delta: 3, visibleTo: "all" },
      { why: "label", label: "talks", delta: -4, visibleTo: "all" },
      { why: "label", label: "drift", delta: 2, visibleTo: "all" },
      { why: "summit", a: "KP", b: "US", delta: -1, visibleTo: "all" },
    ]);
  });

  test("addCrisis clamps at 100 and 0, and a zero delta records nothing", () => {
    const ctx = ctxOf((s) => (s.crisis = 98));
    addCrisis(ctx, "US", 5, "x");
    expect(ctx.s.crisis).toBe(100);
    expect(ctx.crisisBy.US).toBe(5);
    addCrisis(ctx, null, -150, "y");
    expect(ctx.s.crisis).toBe(0);
    addCrisis(ctx, "US", 0, "z");
    expect(ctx.crisisParts).toHaveLength(2);
  });

  test("addRelation changes the pair either way round within −100..100; to oneself or by 0 nothing", () => {
    const s = copyState(base);
    s.relations["CN-US"] = 10;
    addRelation(s, "US", "CN", 5);
    expect(s.relations["CN-US"]).toBe(15);
    addRelation(s, "CN", "US", -200);
    expect(s.relations["CN-US"]).toBe(-100);
    addRelation(s, "CN", "US", 250);
    expect(s.relations["CN-US"]).toBe(100);
    const before = { ...s.relations };
    addRelation(s, "US", "US", 5);
    addRelation(s, "US", "KR", 0);
    expect(s.relations).toEqual(before);
  });

  test("relation reads the pair either way round; with oneself it is 100", () => {
    const s = { ...base, relations: { ...base.relations, "KP-KR": -12 } };
    expect(relation(s, "KP", "KR")).toBe(-12);
    expect(relation(s, "KR", "KP")).toBe(-12);
    expect(relation(s, "KR", "KR")).toBe(100);
  });
});

describe("actions and visibility", () => {
  test("has and actionsOf find a power's actions of one type", () => {
    const ctx = ctxOf();
    const summits = [
      { type: "summit", target: "CN" },
      { type: "summit", target: "KP" },
    ] as Action[];
    ctx.actions = byPower((p) => (p === "US" ? [{ type: "fonop" } as Action, ...summits] : []));
    expect(has(ctx, "US", "fonop")).toBe(true);
    expect(has(ctx, "US", "designate")).toBe(false);
    expect(has(ctx, "CN", "fonop")).toBe(false);
    expect(actionsOf(ctx, "US", "summit")).toEqual(summits);
    expect(actionsOf(ctx, "US", "designate")).toEqual([]);
  });

  test("only lists one seat or two, and hands out the same list for the same seats", () => {
    expect(only("KP")).toEqual(["KP"]);
    expect(only("KP", "US")).toEqual(["KP", "US"]);
    expect(only("KP", "US")).toBe(only("KP", "US"));
    expect(only("KP")).toBe(only("KP"));
    expect(only("KP", "CN")).toEqual(["KP", "CN"]);
    expect(only("CONTROL")).toEqual(["CONTROL"]);
  });
});

describe("integer arithmetic", () => {
  test("clamp and clamp100 bound a value; clamp100 truncates toward zero first", () => {
    expect([clamp(5, 0, 10), clamp(-1, 0, 10), clamp(11, 0, 10), clamp(0, 0, 10), clamp(10, 0, 10)]).toEqual([
      5, 0, 10, 0, 10,
    ]);
    expect([clamp100(50.9), clamp100(-0.5), clamp100(101), clamp100(-3), clamp100(100), clamp100(0)]).toEqual(
      [50, 0, 100, 0, 100, 0],
    );
  });

  test("pct and mulDiv truncate toward zero, for negative values too", () => {
    expect(pct(250, 10)).toBe(25);
    expect(pct(19, 10)).toBe(1);
    expect(pct(-19, 10)).toBe(-1);
    expect(mulDiv(7, 3, 2)).toBe(10);
    expect(mulDiv(-7, 3, 2)).toBe(-10);
    expect(mulDiv(7, 3, -2)).toBe(-10);
  });
});

describe("the catalogue", () => {
  test("catalogueOf keys the scenario's actions by type, once per scenario", () => {
    const cat = catalogueOf(SUMMER_2017);
    expect(Object.keys(cat).sort()).toEqual(SUMMER_2017.actions.map((a) => a.type).sort());
    for (const a of SUMMER_2017.actions) expect(cat[a.type as keyof typeof cat]).toBe(a);
    expect(catalogueOf(SUMMER_2017)).toBe(cat);
    expect(CATALOGUE).toBe(cat);
    const other = { ...SUMMER_2017, actions: SUMMER_2017.actions.slice(0, 2) };
    expect(Object.keys(catalogueOf(other))).toHaveLength(2);
  });

  test("actionsFor lists exactly the actions open to a power", () => {
    const kp = actionsFor("KP");
    expect(kp.map((a) => a.type)).toEqual(
      SUMMER_2017.actions.filter((a) => a.powers.includes("KP")).map((a) => a.type),
    );
    expect(kp.some((a) => a.type === "missile_test")).toBe(true);
    expect(kp.some((a) => a.type === "designate")).toBe(false);
  });
});

describe("copies", () => {
  test("cloneState keeps every key and shares every part", () => {
    const c = cloneState(base);
    expect(Object.keys(c).sort()).toEqual(Object.keys(base).sort());
    for (const k of Object.keys(base) as (keyof GameState)[]) expect(c[k]).toBe(base[k]);
  });

  test("copyState owns the parts a resolution mutates: changing them leaves the original untouched", () => {
    const c = copyState(base);
    c.powers.KR.economy += 1;
    c.enforcement.CN.actual += 1;
    c.policies.KR.trade.goods += 1;
    c.programme.readiness += 1;
    c.nk.currency += 1;
    c.relations["CN-US"] += 1;
    c.pressure.CN += 1;
    c.flows[0]!.official += 1;
    c.illicit.nodes[0]!.capacity += 1;
    c.illicit.nodes[0]!.knownBy.push("US");
    c.illicit.regrowing.push({} as never);
    c.intel.US += 1;
    c.tracks.summits.push("CN-US");
    c.tracks.adoptedOverRussia += 1;
    const fresh = newGame({ gameId: "values-context", seed: 8 });
    expect(base).toEqual(fresh);
  });
});
