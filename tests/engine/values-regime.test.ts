/**
 * North Korea's economy and stability, China's border and the crisis's costs by value
 * (shared/engine/regime.ts, steps 9 and 10). Each test sets the flows and stocks it needs and
 * computes the expected figures from the rule and the scenario's constants (regime shares, fuel per
 * $100M, comfort levels, thresholds).
 */
import { describe, expect, test } from "vitest";
import { type Ctx, makeCtx } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import {
  borderTrade,
  resolveNorthKoreaEconomy,
  resolveStability,
  ruTrade,
  totalTrade,
} from "../../shared/engine/regime.js";
import { newGame } from "../../shared/index.js";
import type { Action } from "../../shared/orders.js";
import { byPower, type PowerId } from "../../shared/powers.js";
import type { Rules } from "../../shared/scenario/rules.js";
import type { Commodity, Flow, GameState } from "../../shared/state.js";

const game = () => newGame({ gameId: "values-regime", seed: 1 });
const sc = game().scenario;
const rules = sc.rules;
/** North Korea's currency, fuel and food at the rules' comfort levels (no stress from any), then `over`. */
const atComfort = (nk: GameState["nk"], over: Partial<GameState["nk"]> = {}): GameState["nk"] => ({
  ...nk,
  currency: rules.currencyComfort,
  fuel: rules.fuelConsumption,
  food: rules.foodComfort,
  ...over,
});
const pctOf = (v: number, p: number) => Math.trunc((v * p) / 100);
const mulDiv = (a: number, b: number, c: number) => Math.trunc((a * b) / c);

const flow = (
  commodity: Commodity,
  fromKP: boolean,
  official: number,
  illicit = 0,
  enforcedBy: PowerId = "CN",
  base = 0,
): Flow => ({
  id: `${commodity}-${official}-${illicit}`,
  from: "X",
  to: "Y",
  commodity,
  base,
  official,
  illicit,
  enforcedBy,
  fromKP,
});

/**
 * A working state with the given flows, no finance squeeze (finance channel of capacity `finance`),
 * and North Korea's stocks comfortable unless set.
 */
function stateWith(flows: Flow[], set: (s: GameState) => void = () => {}, finance = 1000): GameState {
  const s = copyState(game());
  s.flows = flows;
  s.illicit = {
    ...s.illicit,
    nodes: [{ id: "f", name: "f", region: "finance", capacity: finance, knownBy: ["KP"] }],
  };
  s.enforcement.US.actual = 0;
  s.enforcement.CN.actual = 0;
  s.nk = { ...s.nk, currency: 1000, fuel: 300, food: 90, lowRounds: 0 };
  s.tracks = { ...s.tracks };
  s.explanations = [];
  s.history = [];
  set(s);
  return s;
}

function ctxOf(
  s: GameState,
  actions: Partial<Record<PowerId, Action[]>> = {},
  over: Partial<Rules> = {},
): Ctx {
  const ctx = makeCtx(game(), s);
  ctx.actions = byPower((p) => actions[p] ?? []);
  ctx.rules = { ...rules, ...over };
  return ctx;
}

const economy = (s: GameState, spend = 0, gain = { currency: 0, food: 0, fuel: 0 }, fuelSpend = 0) => {
  const ctx = ctxOf(s);
  ctx.nkSpend.currency = spend;
  ctx.nkSpend.fuel = fuelSpend;
  ctx.nkGain.currency = gain.currency;
  ctx.nkGain.food = gain.food;
  ctx.nkGain.fuel = gain.fuel;
  resolveNorthKoreaEconomy(ctx);
  return ctx;
};

describe("trade totals", () => {
  test("totalTrade sums official and illicit of every flow; borderTrade only China's; ruTrade only Russia's", () => {
    const s = stateWith([
      flow("coal", true, 10, 1, "CN"),
      flow("labour", true, 20, 2, "RU"),
      flow("food", false, 40, 4, "KR"),
    ]);
    expect(totalTrade(s)).toBe(77);
    expect(borderTrade(s)).toBe(11);
    expect(ruTrade(s)).toBe(22);
  });
});

describe("step 9: currency", () => {
  const start = 1000;
  test("official exports earn the regime's share of their value; their illicit part is not counted as official", () => {
    const ctx = economy(stateWith([flow("coal", true, 101)]));
    expect(ctx.s.nk.currency).toBe(start + pctOf(101, sc.regimeShare.coal) - rules.regimeUpkeep);
  });

  test("illicit sales earn 80% of what the finance channel can move: all of it when the channel is wider, the channel's size when narrower", () => {
    const wide = economy(stateWith([flow("coal", true, 0, 51)], () => {}, 1000));
    expect(wide.s.nk.currency).toBe(start + pctOf(51, 80) - rules.regimeUpkeep);
    const narrow = economy(stateWith([flow("coal", true, 0, 51)], () => {}, 31));
    expect(narrow.s.nk.currency).toBe(start + pctOf(31, 80) - rules.regimeUpkeep);
  });

  test("imports cost the regime's share of official plus illicit", () => {
    const ctx = economy(stateWith([flow("consumer_goods", false, 70, 31)]));
    expect(ctx.s.nk.currency).toBe(start - pctOf(101, sc.regimeShare.consumer_goods) - rules.regimeUpkeep);
  });

  test("test spending is paid and theft or aid cash is added", () => {
    const ctx = economy(stateWith([]), 17, { currency: 29, food: 0, fuel: 0 });
    expect(ctx.s.nk.currency).toBe(start - rules.regimeUpkeep - 17 + 29);
  });

  test("what cannot be paid leaves currency at 0 and comes out of fuel imports first, a quarter of it out of food imports", () => {
    // Currency 10 − upkeep − imports: unpaid = imports + upkeep − 10.
    const fuel = flow("refined_fuel", false, 100);
    const food = flow("food", false, 60);
    const s = stateWith([fuel, food], (x) => {
      x.nk.currency = 10;
      x.nk.fuel = 300;
      x.nk.food = 50;
    });
    const ctx = economy(s);
    const unpaid =
      pctOf(100, sc.regimeShare.refined_fuel) + pctOf(60, sc.regimeShare.food) + rules.regimeUpkeep - 10;
    expect(ctx.s.nk.currency).toBe(0);
    const fuelIn = Math.max(0, mulDiv(100, sc.fuelPer100M.refined_fuel, 100) - unpaid);
    expect(ctx.s.nk.fuel).toBe(
      Math.min(rules.fuelStorage, Math.max(0, 300 + fuelIn - rules.fuelConsumption)),
    );
    const supply = Math.min(
      100,
      rules.harvest +
        mulDiv(Math.max(0, 60 - Math.trunc(unpaid / 4)), 100 - rules.harvest, rules.foodImportsNormal * 2),
    );
    expect(ctx.s.nk.food).toBe(50 + Math.trunc((supply - 50) / 2));
  });

  test("currency exactly used up leaves nothing unpaid", () => {
    const s = stateWith([flow("refined_fuel", false, 100)], (x) => {
      x.nk.currency = rules.regimeUpkeep + pctOf(100, sc.regimeShare.refined_fuel);
      x.nk.fuel = 100;
    });
    const ctx = economy(s);
    expect(ctx.s.nk.currency).toBe(0);
    expect(ctx.s.nk.fuel).toBe(100 + mulDiv(100, sc.fuelPer100M.refined_fuel, 100) - rules.fuelConsumption);
  });
});

describe("step 9: fuel and food", () => {
  test("crude and refined fuel imports (official + illicit) add fuel at the scenario's tonnes per $100M; consumption and test use subtract", () => {
    const s = stateWith([flow("crude_oil", false, 50, 11), flow("refined_fuel", false, 30, 3)], (x) => {
      x.nk.fuel = 100;
    });
    const ctx = economy(s, 0, { currency: 0, food: 0, fuel: 7 }, 5);
    const fuelIn = mulDiv(61, sc.fuelPer100M.crude_oil, 100) + mulDiv(33, sc.fuelPer100M.refined_fuel, 100);
    expect(ctx.s.nk.fuel).toBe(
      Math.max(0, Math.min(rules.fuelStorage, 100 + fuelIn + 7 - rules.fuelConsumption - 5)),
    );
  });

  test("fuel stops at 0 and at the storage limit", () => {
    expect(
      economy(
        stateWith([], (x) => {
          x.nk.fuel = 10;
        }),
      ).s.nk.fuel,
    ).toBe(0);
    const full = economy(
      stateWith([flow("crude_oil", false, 400)], (x) => {
        x.nk.fuel = rules.fuelStorage;
      }),
    );
    expect(full.s.nk.fuel).toBe(rules.fuelStorage);
  });

  test("food moves half way toward supply = harvest + imports scaled so that twice the normal imports fill the rest, + twice aid food", () => {
    for (const [imports, aid, food] of [
      [0, 0, 90],
      [rules.foodImportsNormal, 0, 40],
      [13, 3, 41],
      [rules.foodImportsNormal * 4, 0, 20],
    ] as const) {
      const s = stateWith([flow("food", false, imports)], (x) => {
        x.nk.food = food;
      });
      const ctx = economy(s, 0, { currency: 0, food: aid, fuel: 0 });
      const supply = Math.min(
        100,
        rules.harvest + mulDiv(imports, 100 - rules.harvest, rules.foodImportsNormal * 2) + aid * 2,
      );
      expect(ctx.s.nk.food, `imports ${imports}, aid ${aid}, food ${food}`).toBe(
        food + Math.trunc((supply - food) / 2),
      );
    }
  });

  test("food imports count for food only; fuel imports for fuel only", () => {
    const s = stateWith([flow("food", false, 30), flow("consumer_goods", false, 30)], (x) => {
      x.nk.fuel = 300;
    });
    const ctx = economy(s);
    expect(ctx.s.nk.fuel).toBe(300 - rules.fuelConsumption);
  });
});

describe("step 9: North Korea's economy index", () => {
  test("the index is total trade as a percentage of the first history point's trade, between 0 and 200", () => {
    const h0 = game().history[0]!;
    const idx = (now: number, startTrade: number) => {
      const s = stateWith([flow("coal", true, now)], (x) => {
        x.history = [{ ...h0, officialTrade: startTrade - 7, illicitTrade: 7 }];
        x.powers.KP.economy = 55;
      });
      return economy(s).s.powers.KP.economy;
    };
    expect(idx(150, 200)).toBe(mulDiv(150, 100, 200));
    expect(idx(500, 200)).toBe(200);
    expect(idx(0, 200)).toBe(0);
  });

  test("without a history the start is today's trade (index 100)", () => {
    const s = stateWith([flow("coal", true, 123)]);
    expect(economy(s).s.powers.KP.economy).toBe(100);
  });
});

describe("step 9: cyber theft", () => {
  const n = sc.actions.find((a) => a.type === "cyber_theft")!.numbers;
  test("a theft adds between gainMin and gainMin + gainRange; attribution costs 2 standing, at about attributedChance% (300 seeds, within 10 points)", () => {
    const gains: number[] = [];
    let attributed = 0;
    const seeds = 300;
    for (let seed = 1; seed <= seeds; seed++) {
      const s = stateWith([], (x) => {
        x.rng = newGame({ gameId: `cy-${seed}`, seed }).rng;
        x.powers.KP.standing = 50;
      });
      const ctx = ctxOf(s, { KP: [{ type: "cyber_theft" }] });
      resolveNorthKoreaEconomy(ctx);
      gains.push(ctx.nkGain.currency);
      const hit = ctx.events.some((e) => e.kind === "cyber_attributed");
      if (hit) attributed++;
      expect(ctx.s.powers.KP.standing).toBe(hit ? 48 : 50);
      expect(ctx.s.nk.currency).toBe(1000 - rules.regimeUpkeep + ctx.nkGain.currency);
    }
    expect(Math.min(...gains)).toBeGreaterThanOrEqual(n.gainMin!);
    expect(Math.max(...gains)).toBeLessThanOrEqual(n.gainMin! + n.gainRange!);
    // Both ends of the range are reachable: the lowest and highest tenth are both drawn.
    expect(Math.min(...gains)).toBeLessThan(n.gainMin! + n.gainRange! / 10);
    expect(Math.max(...gains)).toBeGreaterThan(n.gainMin! + (n.gainRange! * 9) / 10);
    expect(Math.abs((attributed * 100) / seeds - n.attributedChance!)).toBeLessThanOrEqual(10);
  });
});

describe("step 10: North Korea's stability", () => {
  /** Comfortable stocks (no stress) give target nkStabilityBase; food below comfort lowers it by half the gap. */
  const stab = (
    stability: number,
    nk: Partial<GameState["nk"]> = {},
    flows: Flow[] = [],
    over: Partial<Rules> = {},
  ) => {
    const s = stateWith(flows, (x) => {
      x.nk = atComfort(x.nk, { ...nk });
      x.powers.KP.stability = stability;
      x.crisis = 0;
    });
    const ctx = ctxOf(s, {}, over);
    resolveStability(ctx);
    return ctx;
  };
  const base = rules.nkStabilityBase;

  test("at comfort in every stock the target is nkStabilityBase: stability there stays", () => {
    expect(stab(base).s.powers.KP.stability).toBe(base);
  });

  test("stability moves toward the target by at most nkMaxRise up and nkMaxFall down", () => {
    expect(stab(base - 10).s.powers.KP.stability).toBe(base - 10 + rules.nkMaxRise);
    expect(stab(base + 10).s.powers.KP.stability).toBe(base + 10 - rules.nkMaxFall);
    expect(stab(base - rules.nkMaxRise).s.powers.KP.stability).toBe(base);
    expect(stab(base + rules.nkMaxFall).s.powers.KP.stability).toBe(base);
  });

  test("currency stress is 20 × the shortfall below comfort / comfort, at most 20", () => {
    const short = Math.trunc(rules.currencyComfort / 4) + 3;
    const stress = Math.min(20, mulDiv(short, 20, rules.currencyComfort));
    expect(stab(base - stress, { currency: rules.currencyComfort - short }).s.powers.KP.stability).toBe(
      base - stress,
    );
    // At 0 currency the stress is 20: with stability already at the target it stays.
    expect(stab(base - 20, { currency: 0 }).s.powers.KP.stability).toBe(base - 20);
    expect(stab(base - 20, { currency: rules.currencyComfort + 100 }).s.powers.KP.stability).toBe(
      base - 20 + rules.nkMaxRise,
    );
  });

  test("fuel stress is 20 × the shortfall below one round's consumption / consumption, at most 20", () => {
    const short = Math.trunc(rules.fuelConsumption / 3) + 1;
    const stress = Math.min(20, mulDiv(short, 20, rules.fuelConsumption));
    expect(stab(base - stress, { fuel: rules.fuelConsumption - short }).s.powers.KP.stability).toBe(
      base - stress,
    );
    expect(stab(base - 20, { fuel: 0 }).s.powers.KP.stability).toBe(base - 20);
  });

  test("food stress is half the gap below foodComfort (truncated)", () => {
    expect(stab(base - 7, { food: rules.foodComfort - 15 }).s.powers.KP.stability).toBe(base - 7);
    expect(stab(base - 7, { food: rules.foodComfort - 14 }).s.powers.KP.stability).toBe(base - 7);
  });

  test("goods shortage stress is shortageWeight × (base − official − illicit) / base over bought non-food, non-fuel flows, at most 20", () => {
    const goods = flow("consumer_goods", false, 40, 10, "CN", 100);
    const stress = Math.min(20, mulDiv(100 - 50, rules.shortageWeight, 100));
    expect(stab(base - stress, {}, [goods]).s.powers.KP.stability).toBe(base - stress);
    // Sales, food and fuel flows never count, however short.
    const ignored = [
      flow("coal", true, 0, 0, "CN", 500),
      flow("food", false, 0, 0, "CN", 500),
      flow("crude_oil", false, 0, 0, "CN", 500),
      flow("refined_fuel", false, 0, 0, "CN", 500),
    ];
    expect(stab(base - stress, {}, [goods, ...ignored]).s.powers.KP.stability).toBe(base - stress);
    // A flow above its base is no negative shortage.
    const over = flow("machinery", false, 300, 0, "CN", 100);
    const stress2 = Math.min(20, mulDiv(50, rules.shortageWeight, 200));
    expect(stab(base - stress2, {}, [goods, over]).s.powers.KP.stability).toBe(base - stress2);
    const none = flow("machinery", false, 0, 0, "CN", 100);
    expect(stab(base - 20, {}, [none], { shortageWeight: 100 }).s.powers.KP.stability).toBe(base - 20);
  });

  test("the stresses add up: currency, fuel and food short together", () => {
    const cur = Math.min(20, mulDiv(100, 20, rules.currencyComfort));
    const fuel = Math.min(20, mulDiv(50, 20, rules.fuelConsumption));
    const food = 5;
    const t = base - cur - fuel - food;
    const ctx = stab(t, {
      currency: rules.currencyComfort - 100,
      fuel: rules.fuelConsumption - 50,
      food: rules.foodComfort - 10,
    });
    expect(ctx.s.powers.KP.stability).toBe(t);
  });

  test("the lowest stability seen is kept", () => {
    const ctx = stab(base - 10);
    expect(ctx.s.tracks.minNkStability).toBe(
      Math.min(game().tracks.minNkStability, base - 10 + rules.nkMaxRise),
    );
  });

  test("refugees cross below refugeeThreshold: at threshold − 1 China loses 3 stability and the crisis rises 3; at the threshold nothing", () => {
    // Target = base − food stress; stability starts at the target. Discontent (kept at 100%) stays
    // between half the threshold (here 30) and the threshold, so the border rule leaves China's stability alone.
    const at = (v: number) => {
      const k = base - v;
      const s = stateWith([], (x) => {
        x.nk = atComfort(x.nk, { food: rules.foodComfort - 2 * k });
        x.powers.KP.stability = v;
        x.powers.CN.stability = 50;
        x.discontent = 20;
        x.policies.CN.inspections = 0;
        x.crisis = 0;
      });
      const ctx = ctxOf(s, {}, { discontentKeep: 100, discontentThreshold: 30 });
      resolveStability(ctx);
      return ctx;
    };
    const below = at(rules.refugeeThreshold - 1);
    expect(below.s.powers.KP.stability).toBe(rules.refugeeThreshold - 1);
    expect(below.events.map((e) => e.kind)).toContain("refugees");
    expect(below.s.crisis).toBe(3);
    expect(below.s.powers.CN.stability).toBe(50 - 3);
    expect(below.s.discontent).toBe(20 + 5);
    const on = at(rules.refugeeThreshold);
    expect(on.events.map((e) => e.kind)).not.toContain("refugees");
    expect(on.s.crisis).toBe(0);
    expect(on.s.powers.CN.stability).toBe(50);
    expect(on.s.discontent).toBe(20);
  });

  test("refugees add 5 to discontent before it decays with the border rule", () => {
    const k = base - (rules.refugeeThreshold - 1);
    const s = stateWith([], (x) => {
      x.nk = atComfort(x.nk, { food: rules.foodComfort - 2 * k });
      x.powers.KP.stability = rules.refugeeThreshold - 1;
      x.discontent = 10;
      x.crisis = 0;
      x.policies.CN.inspections = 0;
    });
    const ctx = ctxOf(s);
    resolveStability(ctx);
    expect(ctx.s.discontent).toBe(pctOf(15, rules.discontentKeep));
  });

  test("a round below collapseThreshold counts toward collapse; at the threshold the count resets", () => {
    const at = (v: number, low: number) => {
      const k = base - v;
      return stab(v, { food: rules.foodComfort - 2 * k, lowRounds: low });
    };
    expect(at(rules.collapseThreshold - 1, 1).s.nk.lowRounds).toBe(2);
    expect(at(rules.collapseThreshold, 1).s.nk.lowRounds).toBe(0);
  });
});

describe("step 10: China's border", () => {
  const h0 = game().history[0]!;
  /** Discontent keeps 100% here unless said, so the input is what the stability rule sees. */
  const border = (
    opts: {
      discontent?: number;
      now?: number;
      start?: number;
      inspections?: number;
      cnStability?: number;
      cnEconomy?: number;
    },
    over: Partial<Rules> = { discontentKeep: 100 },
  ) => {
    const s = stateWith([flow("coal", true, opts.now ?? 1000, 0, "CN")], (x) => {
      x.discontent = opts.discontent ?? 0;
      x.policies.CN.inspections = opts.inspections ?? 0;
      x.history = [{ ...h0, borderTrade: opts.start ?? opts.now ?? 1000, ruTrade: 0 }];
      x.powers.CN.stability = opts.cnStability ?? 50;
      x.powers.CN.economy = opts.cnEconomy ?? 100;
      x.nk = atComfort(x.nk);
      x.powers.KP.stability = rules.nkStabilityBase;
      x.crisis = 0;
    });
    const ctx = ctxOf(s, {}, over);
    resolveStability(ctx);
    return ctx.s;
  };

  test("discontent keeps discontentKeep% and gains discontentPer100M per $100M of border trade lost", () => {
    const s = border({ discontent: 33, now: 700, start: 1000, cnStability: 100 }, {});
    expect(s.discontent).toBe(pctOf(33, rules.discontentKeep) + mulDiv(300, rules.discontentPer100M, 100));
  });

  test("trade above the start is no negative loss", () => {
    expect(border({ discontent: 10, now: 1500, start: 1000 }).discontent).toBe(10);
  });

  test("inspections add a point per 10 above 20 (30 → 1, 29 → 0)", () => {
    expect(border({ discontent: 0, inspections: 30 }).discontent).toBe(1);
    expect(border({ discontent: 0, inspections: 29 }).discontent).toBe(0);
    expect(border({ discontent: 0, inspections: 55 }).discontent).toBe(3);
  });

  test("discontent above the threshold costs China 1 + (D − threshold)/10 stability, at most 3", () => {
    const t = rules.discontentThreshold;
    expect(border({ discontent: t }).powers.CN.stability).toBe(50);
    expect(border({ discontent: t + 1 }).powers.CN.stability).toBe(50 - 1);
    expect(border({ discontent: t + 10 }).powers.CN.stability).toBe(50 - 2);
    expect(border({ discontent: t + 20 }).powers.CN.stability).toBe(50 - 3);
    expect(border({ discontent: t + 40 }).powers.CN.stability).toBe(50 - 3);
  });

  test("below half the threshold China recovers 1 stability toward its starting level, not beyond", () => {
    const cnStart = sc.powers.CN.stability;
    const half = rules.discontentThreshold / 2;
    expect(border({ discontent: Math.ceil(half) - 1, cnStability: cnStart - 5 }).powers.CN.stability).toBe(
      cnStart - 4,
    );
    expect(border({ discontent: half, cnStability: cnStart - 5 }).powers.CN.stability).toBe(cnStart - 5);
    expect(border({ discontent: 0, cnStability: cnStart }).powers.CN.stability).toBe(cnStart);
  });

  test("China's economy loses 1 (not more) once border trade lost reaches $300M", () => {
    expect(
      border({ now: 1000 - 299, start: 1000, discontent: 0 }, { discontentKeep: 100, discontentPer100M: 0 })
        .powers.CN.economy,
    ).toBe(100);
    expect(
      border({ now: 1000 - 300, start: 1000 }, { discontentKeep: 100, discontentPer100M: 0 }).powers.CN
        .economy,
    ).toBe(99);
    expect(
      border({ now: 100, start: 1000 }, { discontentKeep: 100, discontentPer100M: 0 }).powers.CN.economy,
    ).toBe(99);
  });
});

describe("step 10: the crisis's costs and Russia's trade", () => {
  const at = (crisis: number, flows: Flow[] = [], ruStart?: number, ruEconomy = 100) => {
    const s = stateWith(flows, (x) => {
      x.crisis = crisis;
      x.powers.KR.economy = 100;
      x.powers.KR.stability = 60;
      x.powers.US.stability = 70;
      x.powers.RU.economy = ruEconomy;
      x.nk = atComfort(x.nk);
      x.powers.KP.stability = rules.nkStabilityBase;
      if (ruStart !== undefined) x.history = [{ ...game().history[0]!, ruTrade: ruStart, borderTrade: 0 }];
    });
    const ctx = ctxOf(s);
    resolveStability(ctx);
    return ctx;
  };

  test("a crisis above crisisHurtsKorea costs South Korea 1 economy and 1 stability; at it, nothing", () => {
    const t = rules.crisisHurtsKorea;
    const over = at(t + 1);
    expect([over.s.powers.KR.economy, over.s.powers.KR.stability, over.s.powers.US.stability]).toEqual([
      99, 59, 70,
    ]);
    expect(over.events.map((e) => e.kind)).toContain("crisis_costs");
    const on = at(t);
    expect([on.s.powers.KR.economy, on.s.powers.KR.stability]).toEqual([100, 60]);
  });

  test("above 80 the US loses 1 stability too; at 80 it does not", () => {
    expect(at(81).s.powers.US.stability).toBe(69);
    expect(at(80).s.powers.US.stability).toBe(70);
  });

  test("Russia's economy moves by a tenth of its trade's change against the start, between −2 and +3", () => {
    const ru = (now: number) => flow("labour", true, now, 0, "RU");
    expect(at(0, [ru(120)], 100).s.powers.RU.economy).toBe(102);
    expect(at(0, [ru(119)], 100).s.powers.RU.economy).toBe(101);
    expect(at(0, [ru(109)], 100).s.powers.RU.economy).toBe(100);
    expect(at(0, [ru(500)], 100).s.powers.RU.economy).toBe(103);
    expect(at(0, [ru(80)], 100).s.powers.RU.economy).toBe(98);
    expect(at(0, [ru(0)], 100).s.powers.RU.economy).toBe(98);
    expect(at(0, [ru(500)], 100, 199).s.powers.RU.economy).toBe(200);
    expect(at(0, [ru(500)]).s.powers.RU.economy).toBe(100);
  });
});

describe("details the sums above do not show", () => {
  test("food imports count official plus illicit", () => {
    const s = stateWith([flow("food", false, 10, 6)], (x) => {
      x.nk.food = 40;
    });
    const ctx = economy(s);
    const supply = Math.min(
      100,
      rules.harvest + mulDiv(16, 100 - rules.harvest, rules.foodImportsNormal * 2),
    );
    expect(ctx.s.nk.food).toBe(40 + Math.trunc((supply - 40) / 2));
  });

  test("cyber theft uses the catalogue's numbers: gain in [gainMin, gainMin + gainRange], both ends reached, attribution at 100% and 0%", () => {
    const withNumbers = (numbers: Record<string, number>, seed: number) => {
      const s = stateWith([], (x) => {
        x.rng = newGame({ gameId: `cy-${seed}`, seed }).rng;
        x.powers.KP.standing = 50;
      });
      s.scenario = {
        ...s.scenario,
        actions: s.scenario.actions.map((a) => (a.type === "cyber_theft" ? { ...a, numbers } : a)),
      };
      const ctx = ctxOf(s, { KP: [{ type: "cyber_theft" }] });
      resolveNorthKoreaEconomy(ctx);
      return ctx;
    };
    const seen = new Set<number>();
    for (let seed = 1; seed <= 60; seed++) {
      const ctx = withNumbers({ gainMin: 5, gainRange: 3, attributedChance: 100 }, seed);
      seen.add(ctx.nkGain.currency);
      expect(ctx.s.powers.KP.standing).toBe(48);
      expect(ctx.nkGain.parts).toEqual([
        { why: "cyber_theft", value: ctx.nkGain.currency, delta: ctx.nkGain.currency, visibleTo: ["KP"] },
      ]);
      expect(withNumbers({ gainMin: 5, gainRange: 3, attributedChance: 0 }, seed).s.powers.KP.standing).toBe(
        50,
      );
    }
    // Four values, each drawn with chance 1/4: over 60 draws every one appears (the range is inclusive).
    expect([...seen].sort()).toEqual([5, 6, 7, 8]);
  });

  test("currency's explanation lists each term with its sign, test spending when there is some, and what went unpaid", () => {
    const s = stateWith([flow("coal", true, 100, 20), flow("consumer_goods", false, 400)], (x) => {
      x.nk.currency = 10;
    });
    const ctx = economy(s, 12, { currency: 0, food: 0, fuel: 0 });
    const exp = pctOf(100, sc.regimeShare.coal);
    const ill = pctOf(20, 80);
    const imp = pctOf(400, sc.regimeShare.consumer_goods);
    const cur = 10 + exp + ill - imp - rules.regimeUpkeep - 12;
    const e = ctx.s.explanations.find((x) => x.index === "nk:currency")!;
    const kp = ["KP"];
    expect(e.parts).toEqual([
      { why: "exports", value: exp, delta: exp, visibleTo: kp },
      { why: "illicit_sales", value: ill, delta: ill, visibleTo: kp },
      { why: "imports", value: imp, delta: -imp, visibleTo: kp },
      { why: "upkeep", value: rules.regimeUpkeep, delta: -rules.regimeUpkeep, visibleTo: kp },
      { why: "tests", value: 12, delta: -12, visibleTo: kp },
      ...(cur < 0 ? [{ why: "unpaid", value: -cur, visibleTo: kp }] : []),
    ]);
    expect(cur).toBeLessThan(0);
    expect([e.from, e.to]).toEqual([10, 0]);
  });

  test("without test spending the explanation has no tests line; currency exactly used up has no unpaid line", () => {
    const s = stateWith([], (x) => {
      x.nk.currency = rules.regimeUpkeep;
    });
    const ctx = economy(s);
    expect(ctx.s.explanations.find((x) => x.index === "nk:currency")!.parts.map((p) => p.why)).toEqual([
      "exports",
      "illicit_sales",
      "imports",
      "upkeep",
    ]);
  });

  test("fuel's and food's explanations give fuel in (with aid), fuel used (with tests), imports and supply", () => {
    const s = stateWith([flow("crude_oil", false, 40), flow("food", false, 20)], (x) => {
      x.nk.fuel = 100;
      x.nk.food = 40;
    });
    const ctx = economy(s, 0, { currency: 0, food: 0, fuel: 9 }, 4);
    const fuelIn = mulDiv(40, sc.fuelPer100M.crude_oil, 100);
    const fuel = ctx.s.explanations.find((x) => x.index === "nk:fuel")!;
    expect(fuel.parts).toEqual([
      { why: "fuel", fuelIn: fuelIn + 9, used: rules.fuelConsumption + 4, visibleTo: ["KP"] },
    ]);
    const supply = Math.min(
      100,
      rules.harvest + mulDiv(20, 100 - rules.harvest, rules.foodImportsNormal * 2),
    );
    const food = ctx.s.explanations.find((x) => x.index === "nk:food")!;
    expect(food.parts).toEqual([{ why: "food", imports: 20, supply, visibleTo: ["KP"] }]);
  });

  test("the economy index is explained only when it moves", () => {
    const h0 = game().history[0]!;
    const s = stateWith([flow("coal", true, 150)], (x) => {
      x.history = [{ ...h0, officialTrade: 200, illicitTrade: 0 }];
      x.powers.KP.economy = 55;
    });
    const e = economy(s).s.explanations.find((x) => x.index === "economy:KP")!;
    expect(e).toMatchObject({ from: 55, to: 75, parts: [{ why: "kp_trade", value: 75, visibleTo: ["KP"] }] });
    const same = stateWith([flow("coal", true, 150)], (x) => {
      x.history = [{ ...h0, officialTrade: 200, illicitTrade: 0 }];
      x.powers.KP.economy = 75;
    });
    expect(economy(same).s.explanations.find((x) => x.index === "economy:KP")).toBeUndefined();
  });

  test("each kind of flow left out of the goods shortage is left out on its own", () => {
    const base = rules.nkStabilityBase;
    // A quarter of the goods base missing: stress shortageWeight × 25 / 100, below the cap of 20.
    const goods = flow("consumer_goods", false, 75, 0, "CN", 100);
    const stress = mulDiv(25, rules.shortageWeight, 100);
    expect(stress).toBeLessThan(20);
    for (const ignored of [
      flow("coal", true, 0, 0, "CN", 500),
      flow("food", false, 0, 0, "CN", 500),
      flow("crude_oil", false, 0, 0, "CN", 500),
      flow("refined_fuel", false, 0, 0, "CN", 500),
    ]) {
      const s = stateWith([goods, ignored], (x) => {
        x.nk = atComfort(x.nk);
        x.powers.KP.stability = base - stress;
        x.crisis = 0;
      });
      const ctx = ctxOf(s);
      resolveStability(ctx);
      expect(ctx.s.powers.KP.stability, ignored.commodity).toBe(base - stress);
    }
  });

  test("stability's explanation gives each stress, the target and the limits of a move", () => {
    const s = stateWith([], (x) => {
      x.nk = {
        ...x.nk,
        currency: rules.currencyComfort - 100,
        fuel: rules.fuelConsumption - 50,
        food: rules.foodComfort - 10,
      };
      x.powers.KP.stability = 60;
      x.crisis = 0;
    });
    const ctx = ctxOf(s);
    resolveStability(ctx);
    const cur = mulDiv(100, 20, rules.currencyComfort);
    const fuel = mulDiv(50, 20, rules.fuelConsumption);
    const e = ctx.s.explanations.find((x) => x.index === "stability:KP")!;
    expect(e.parts).toEqual([
      {
        why: "nk_stress",
        currency: cur,
        fuel,
        food: 5,
        target: rules.nkStabilityBase - cur - fuel - 5,
        visibleTo: ["KP"],
      },
      { why: "nk_max_move", fall: rules.nkMaxFall, rise: rules.nkMaxRise, visibleTo: ["KP"] },
    ]);
  });

  test("China's discontent, stability and Russia's economy are explained to their own seat; unchanged stability is not", () => {
    const h0 = game().history[0]!;
    const s = stateWith([flow("coal", true, 700, 0, "CN"), flow("labour", true, 150, 0, "RU")], (x) => {
      x.discontent = 30;
      x.policies.CN.inspections = 40;
      x.history = [{ ...h0, borderTrade: 1000, ruTrade: 100 }];
      x.powers.CN.stability = 50;
      x.powers.RU.economy = 100;
      x.nk = atComfort(x.nk);
      x.powers.KP.stability = rules.nkStabilityBase;
      x.crisis = 0;
    });
    const ctx = ctxOf(s);
    resolveStability(ctx);
    const find = (i: string) => ctx.s.explanations.find((x) => x.index === i);
    expect(find("discontent")!.parts).toEqual([
      { why: "border_trade", now: 700, start: 1000, visibleTo: ["CN"] },
      { why: "inspections", value: 40, visibleTo: ["CN"] },
    ]);
    expect(find("stability:CN")).toMatchObject({
      from: 50,
      to: ctx.s.powers.CN.stability,
      parts: [{ why: "discontent", value: ctx.s.discontent, visibleTo: ["CN"] }],
    });
    expect(ctx.s.powers.CN.stability).toBeLessThan(50);
    expect(find("economy:RU")).toMatchObject({
      from: 100,
      to: 103,
      visibleTo: ["RU"],
      parts: [{ why: "ru_trade", now: 150, start: 100, gain: 3, visibleTo: ["RU"] }],
    });
    const calm = stateWith([], (x) => {
      x.discontent = 15;
      x.powers.CN.stability = 50;
      x.nk = atComfort(x.nk);
      x.powers.KP.stability = rules.nkStabilityBase;
      x.crisis = 0;
    });
    const c2 = ctxOf(calm, {}, { discontentKeep: 100 });
    resolveStability(c2);
    expect(c2.s.explanations.find((x) => x.index === "stability:CN")).toBeUndefined();
    expect(c2.s.explanations.find((x) => x.index === "economy:RU")).toBeUndefined();
  });

  test("refugees and crisis costs are announced with their figures", () => {
    const base = rules.nkStabilityBase;
    const v = rules.refugeeThreshold - 1;
    const s = stateWith([], (x) => {
      x.nk = atComfort(x.nk, { food: rules.foodComfort - 2 * (base - v) });
      x.powers.KP.stability = v;
      x.crisis = rules.crisisHurtsKorea;
    });
    const ctx = ctxOf(s);
    resolveStability(ctx);
    expect(ctx.events.find((e) => e.kind === "refugees")!.data).toEqual({ stability: v });
    expect(ctx.crisisParts).toEqual([
      { why: "label", label: "refugees crossing into China", delta: 3, visibleTo: "all" },
    ]);
    expect(ctx.events.find((e) => e.kind === "crisis_costs")!.data).toEqual({
      crisis: rules.crisisHurtsKorea + 3,
    });
  });
});
