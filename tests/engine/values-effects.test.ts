/**
 * Immediate effects by value (shared/engine/effects.ts): each field of an effect alone, its clamps,
 * the actor- and target-dependent parts, and applyEffectsNow landing North Korea's gains at once.
 */
import { describe, expect, test } from "vitest";
import { type Ctx, makeCtx, relation } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import { applyEffects, applyEffectsNow } from "../../shared/engine/effects.js";
import { newGame } from "../../shared/index.js";
import type { Effects } from "../../shared/scenario/schema.js";
import type { GameState } from "../../shared/state.js";

const game = () => newGame({ gameId: "values-effects", seed: 1 });

/** Every power at economy 100, stability 50, standing 50; relations 0; crisis, tension 40; readiness 40. */
function ctxOf(set: (s: GameState) => void = () => {}): Ctx {
  const s = copyState(game());
  for (const p of ["US", "CN", "RU", "KP", "KR"] as const)
    s.powers[p] = { ...s.powers[p], economy: 100, stability: 50, standing: 50 };
  s.relations = Object.fromEntries(Object.keys(s.relations).map((k) => [k, 0])) as GameState["relations"];
  s.crisis = 40;
  s.tension = 40;
  s.programme = { ...s.programme, readiness: 40 };
  s.nk = { ...s.nk, currency: 100, fuel: 100, food: 50 };
  set(s);
  return makeCtx(game(), s);
}

const apply = (
  effects: Effects | undefined,
  actor: Parameters<typeof applyEffects>[2] = "US",
  target?: Parameters<typeof applyEffects>[4],
) => {
  const ctx = ctxOf();
  applyEffects(ctx, effects, actor, "label", target);
  return ctx;
};

describe("applyEffects: each field alone", () => {
  test("no effects change nothing", () => {
    const ctx = apply(undefined);
    expect(ctx.s.crisis).toBe(40);
    expect(ctx.crisisParts).toEqual([]);
  });

  test("crisis is added in the actor's name, with the label as its reason", () => {
    const ctx = apply({ crisis: 7 });
    expect(ctx.s.crisis).toBe(47);
    expect(ctx.crisisBy.US).toBe(7);
    expect(ctx.crisisParts).toEqual([{ why: "label", label: "label", delta: 7, visibleTo: "all" }]);
    expect(ctx.s.tension).toBe(40);
  });

  test("tension and readiness are added and clamped to 0–100", () => {
    expect(apply({ tension: 9 }).s.tension).toBe(49);
    expect(apply({ tension: 90 }).s.tension).toBe(100);
    expect(apply({ tension: -90 }).s.tension).toBe(0);
    expect(apply({ readiness: -15 }).s.programme.readiness).toBe(25);
    expect(apply({ readiness: 90 }).s.programme.readiness).toBe(100);
    expect(apply({ readiness: -90 }).s.programme.readiness).toBe(0);
  });

  test("per-power economy (0–200), stability and standing (0–100) move only the named power", () => {
    const ctx = apply({
      economy: { KR: -3, CN: 150 },
      stability: { KR: -4, RU: 90 },
      standing: { KP: 6, US: -80 },
    });
    expect(ctx.s.powers.KR).toMatchObject({ economy: 97, stability: 46, standing: 50 });
    expect(ctx.s.powers.CN.economy).toBe(200);
    expect(ctx.s.powers.RU.stability).toBe(100);
    expect(ctx.s.powers.KP.standing).toBe(56);
    expect(ctx.s.powers.US).toMatchObject({ economy: 100, stability: 50, standing: 0 });
    expect(apply({ economy: { KR: -150 } }).s.powers.KR.economy).toBe(0);
  });

  test("relations move by pair key", () => {
    const ctx = apply({ relations: { "KP-US": -5, "CN-KR": 4 } });
    expect(relation(ctx.s, "KP", "US")).toBe(-5);
    expect(relation(ctx.s, "CN", "KR")).toBe(4);
    expect(relation(ctx.s, "CN", "US")).toBe(0);
  });

  test("withTarget moves the actor's relation with the target, and needs both", () => {
    expect(relation(apply({ withTarget: -6 }, "US", "CN").s, "US", "CN")).toBe(-6);
    expect(relation(apply({ withTarget: -6 }, "US").s, "US", "CN")).toBe(0);
    expect(apply({ withTarget: -6 }, null, "CN").s.relations).toEqual(ctxOf().s.relations);
  });

  test("self effects apply to the actor, clamped; without an actor they do nothing", () => {
    const ctx = apply({ self: { economy: -2, stability: 3, standing: -4 } }, "RU");
    expect(ctx.s.powers.RU).toMatchObject({ economy: 98, stability: 53, standing: 46 });
    expect(ctx.s.powers.US).toMatchObject({ economy: 100, stability: 50, standing: 50 });
    const big = apply({ self: { economy: 500, stability: 500, standing: -500 } }, "RU");
    expect(big.s.powers.RU).toMatchObject({ economy: 200, stability: 100, standing: 0 });
    const none = apply({ self: { economy: -2, stability: 3, standing: -4 } }, null);
    for (const p of ["US", "CN", "RU", "KP", "KR"] as const)
      expect(none.s.powers[p]).toMatchObject({ economy: 100, stability: 50, standing: 50 });
  });

  test("North Korea's currency, fuel and food are gains for the round (not stocks yet); its stability moves at once", () => {
    const ctx = apply({ nk: { currency: 30, fuel: 20, food: 5, stability: -7 } });
    expect([ctx.nkGain.currency, ctx.nkGain.fuel, ctx.nkGain.food]).toEqual([30, 20, 5]);
    expect(ctx.nkGain.parts).toEqual([{ why: "label", label: "label", delta: 30, visibleTo: ["KP"] }]);
    expect([ctx.s.nk.currency, ctx.s.nk.fuel, ctx.s.nk.food]).toEqual([100, 100, 50]);
    expect(ctx.s.powers.KP.stability).toBe(43);
    expect(apply({ nk: { stability: 90 } }).s.powers.KP.stability).toBe(100);
    expect(apply({ nk: { fuel: 3 } }).nkGain.parts).toEqual([]);
  });
});

describe("applyEffectsNow", () => {
  test("lands currency, fuel and food at once (currency and fuel not below 0, food 0–100) and clears the gains", () => {
    const ctx = ctxOf();
    applyEffectsNow(ctx, { nk: { currency: 30, fuel: -20, food: 7 } }, null, "inject");
    expect([ctx.s.nk.currency, ctx.s.nk.fuel, ctx.s.nk.food]).toEqual([130, 80, 57]);
    expect(ctx.nkGain).toEqual({ currency: 0, food: 0, fuel: 0, parts: [] });
    const floor = ctxOf();
    applyEffectsNow(floor, { nk: { currency: -500, fuel: -500, food: -500 } }, null, "inject");
    expect([floor.s.nk.currency, floor.s.nk.fuel, floor.s.nk.food]).toEqual([0, 0, 0]);
    const ceil = ctxOf();
    applyEffectsNow(ceil, { nk: { food: 500 } }, null, "inject");
    expect(ceil.s.nk.food).toBe(100);
  });
});

describe("applyEffects: fields left out change nothing", () => {
  test("an effect with only tension leaves the crisis and readiness as they were", () => {
    const ctx = apply({ tension: 1 });
    expect(ctx.s.crisis).toBe(40);
    expect(ctx.crisisParts).toEqual([]);
    expect(ctx.s.programme.readiness).toBe(40);
  });

  test("a self effect with one field moves only that field", () => {
    for (const [field, self] of [
      ["economy", { economy: -2 }],
      ["stability", { stability: 3 }],
      ["standing", { standing: -4 }],
    ] as const) {
      const ctx = apply({ self }, "RU");
      const me = ctx.s.powers.RU;
      const want = {
        economy: 100,
        stability: 50,
        standing: 50,
        [field]: (field === "economy" ? 100 : 50) + Object.values(self)[0]!,
      };
      expect({ economy: me.economy, stability: me.stability, standing: me.standing }, field).toEqual(want);
    }
  });

  test("a North Korea effect with only currency adds no fuel or food and leaves its stability", () => {
    const ctx = apply({ nk: { currency: 5 } });
    expect([ctx.nkGain.fuel, ctx.nkGain.food]).toEqual([0, 0]);
    expect(ctx.s.powers.KP.stability).toBe(50);
    const food = apply({ nk: { food: 4 } });
    expect([food.nkGain.currency, food.nkGain.fuel, food.nkGain.food]).toEqual([0, 0, 4]);
  });
});
