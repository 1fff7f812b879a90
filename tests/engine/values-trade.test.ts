/**
 * Trade flows by value (shared/engine/trade.ts, step 8): the banned share, the trade level that
 * applies, official volume = legal − enforced, illicit demand (the scenario's base, Russia's fuel
 * sales, the diverted share of what was stopped) and Russia's backfill. Each test sets its own flows
 * and computes the expected figures from the rule and the scenario's constants.
 */
import { describe, expect, test } from "vitest";
import { type Ctx, makeCtx } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import { bannedShare, officialVolume, resolveTrade, tradeLevel } from "../../shared/engine/trade.js";
import { newGame } from "../../shared/index.js";
import { byPower, type PowerId } from "../../shared/powers.js";
import type { Rules } from "../../shared/scenario/rules.js";
import type { Commodity, CommodityGroup, Flow, GameState, Resolution } from "../../shared/state.js";

const game = () => newGame({ gameId: "values-trade", seed: 1 });
const rules = game().scenario.rules;
const pctOf = (v: number, p: number) => Math.trunc((v * p) / 100);

const resolution = (groups: CommodityGroup[], strength: number): Resolution => ({
  id: `r-${groups.join("-")}-${strength}`,
  name: "r",
  round: 1,
  by: "UN",
  groups,
  strength,
});

interface Spec {
  commodity: Commodity;
  enforcedBy: PowerId;
  base: number;
  /** The scenario's starting illicit volume (base illicit demand). */
  illicit?: number;
  fromKP?: boolean;
}

/**
 * A working state whose flows (and the scenario's flows, for base illicit demand) are `specs`, with
 * every trade level at 100, no resolutions, no enforcement, and a network wide enough to carry all
 * illicit demand (so a flow's illicit volume is its demand) unless `set` says otherwise.
 */
function stateWith(specs: Spec[], set: (s: GameState) => void = () => {}): GameState {
  const s = copyState(game());
  const flows: Flow[] = specs.map((x, i) => ({
    id: `f${i}`,
    from: "A",
    to: "B",
    commodity: x.commodity,
    base: x.base,
    official: x.base,
    illicit: x.illicit ?? 0,
    enforcedBy: x.enforcedBy,
    fromKP: x.fromKP ?? false,
  }));
  s.flows = flows;
  s.scenario = {
    ...s.scenario,
    flows: specs.map((x, i) => ({
      id: `f${i}`,
      from: "A",
      to: "B",
      commodity: x.commodity,
      base: x.base,
      illicit: x.illicit ?? 0,
      enforcedBy: x.enforcedBy,
      recorded: true,
      source: "test",
    })),
  };
  for (const p of ["US", "CN", "RU", "KP", "KR"] as const) {
    s.policies[p].trade = { minerals: 100, textiles_seafood: 100, fuel: 100, labour: 100, goods: 100 };
    s.enforcement[p].actual = 0;
  }
  s.policies.CN.pipeline = 100;
  s.policies.CN.inspections = 0;
  s.policies.RU.fuelSales = 0;
  s.sanctions = { ...s.sanctions, resolutions: [] };
  s.illicit = {
    ...s.illicit,
    nodes: [
      { id: "d", name: "d", region: "dandong", capacity: 10_000, knownBy: ["KP"] },
      { id: "v", name: "v", region: "vladivostok", capacity: 10_000, knownBy: ["KP"] },
    ],
    russianLink: 0,
  };
  s.relations = { ...s.relations, "RU-US": 0 };
  set(s);
  return s;
}

function run(s: GameState, over: Partial<Rules> = {}): Ctx {
  const ctx = makeCtx(game(), s);
  ctx.actions = byPower(() => []);
  ctx.rules = { ...rules, ...over };
  resolveTrade(ctx);
  return ctx;
}

describe("bannedShare and tradeLevel", () => {
  test("the strongest resolution covering the commodity's group applies; others and weaker ones do not", () => {
    const s = stateWith([], (x) => {
      x.sanctions.resolutions = [
        resolution(["minerals"], 40),
        resolution(["minerals", "fuel"], 90),
        resolution(["minerals"], 60),
        resolution(["goods"], 100),
      ];
    });
    expect(bannedShare(s, "coal")).toBe(90);
    expect(bannedShare(s, "refined_fuel")).toBe(90);
    expect(bannedShare(s, "textiles")).toBe(0);
    expect(bannedShare(s, "machinery")).toBe(100);
  });

  test("crude oil is never banned, whatever covers fuel", () => {
    const s = stateWith([], (x) => {
      x.sanctions.resolutions = [resolution(["fuel"], 90)];
    });
    expect(bannedShare(s, "crude_oil")).toBe(0);
    expect(bannedShare(s, "refined_fuel")).toBe(90);
  });

  test("the level is the enforcing power's policy for the group; China's crude follows its pipeline; labour is capped by North Korea's", () => {
    const s = stateWith([], (x) => {
      x.policies.CN.trade.fuel = 70;
      x.policies.RU.trade.fuel = 60;
      x.policies.CN.pipeline = 35;
      x.policies.RU.trade.labour = 80;
      x.policies.KP.trade.labour = 45;
      x.policies.CN.trade.labour = 30;
      x.policies.KR.trade.goods = 20;
    });
    const f = (commodity: Commodity, enforcedBy: PowerId) =>
      stateWith([{ commodity, enforcedBy, base: 100 }]).flows[0]!;
    expect(tradeLevel(s, f("refined_fuel", "CN"))).toBe(70);
    expect(tradeLevel(s, f("crude_oil", "CN"))).toBe(35);
    expect(tradeLevel(s, f("crude_oil", "RU"))).toBe(60);
    expect(tradeLevel(s, f("labour", "RU"))).toBe(45);
    expect(tradeLevel(s, f("labour", "CN"))).toBe(30);
    expect(tradeLevel(s, f("consumer_goods", "KR"))).toBe(20);
  });
});

describe("officialVolume", () => {
  test("legal = base × level; banned = legal × share; enforced = banned × achieved; official = legal − enforced; cut = base − legal", () => {
    const s = stateWith([{ commodity: "coal", enforcedBy: "CN", base: 333 }], (x) => {
      x.policies.CN.trade.minerals = 77;
      x.sanctions.resolutions = [resolution(["minerals"], 61)];
      x.enforcement.CN.actual = 43;
    });
    const legal = pctOf(333, 77);
    const enforced = pctOf(pctOf(legal, 61), 43);
    expect(officialVolume(s, s.flows[0]!)).toEqual({
      official: legal - enforced,
      enforced,
      cut: 333 - legal,
    });
  });

  test("each factor alone: no ban stops nothing; no enforcement stops nothing; full level cuts nothing", () => {
    const v = (level: number, strength: number, actual: number) =>
      officialVolume(
        stateWith([{ commodity: "coal", enforcedBy: "CN", base: 200 }], (x) => {
          x.policies.CN.trade.minerals = level;
          x.sanctions.resolutions = [resolution(["minerals"], strength)];
          x.enforcement.CN.actual = actual;
        }),
        stateWith([{ commodity: "coal", enforcedBy: "CN", base: 200 }]).flows[0]!,
      );
    expect(v(100, 0, 100)).toEqual({ official: 200, enforced: 0, cut: 0 });
    expect(v(100, 100, 0)).toEqual({ official: 200, enforced: 0, cut: 0 });
    expect(v(50, 0, 0)).toEqual({ official: 100, enforced: 0, cut: 100 });
    expect(v(100, 100, 100)).toEqual({ official: 0, enforced: 200, cut: 0 });
  });
});

describe("step 8: illicit demand", () => {
  test("with nothing stopped, a China-side flow's illicit demand is its scenario base", () => {
    const ctx = run(stateWith([{ commodity: "coal", enforcedBy: "CN", base: 100, illicit: 37 }]));
    expect(ctx.s.flows[0]!.official).toBe(100);
    expect(ctx.s.flows[0]!.illicit).toBe(37);
  });

  test("divertShare% of what enforcement stopped and policy cut tries to go illicit", () => {
    const s = stateWith([{ commodity: "coal", enforcedBy: "CN", base: 300, illicit: 11 }], (x) => {
      x.policies.CN.trade.minerals = 70;
      x.sanctions.resolutions = [resolution(["minerals"], 100)];
      x.enforcement.CN.actual = 50;
    });
    const v = officialVolume(s, s.flows[0]!);
    expect(v.enforced).toBeGreaterThan(0);
    expect(v.cut).toBeGreaterThan(0);
    const ctx = run(s);
    expect(ctx.s.flows[0]!.official).toBe(v.official);
    expect(ctx.s.flows[0]!.illicit).toBe(11 + pctOf(v.enforced + v.cut, rules.divertShare));
  });

  test("labour never diverts, and Russia-side flows do not divert", () => {
    const s = stateWith(
      [
        { commodity: "labour", enforcedBy: "CN", base: 100, illicit: 5, fromKP: true },
        { commodity: "consumer_goods", enforcedBy: "RU", base: 100, illicit: 6 },
      ],
      (x) => {
        x.policies.CN.trade.labour = 0;
        x.policies.RU.trade.goods = 0;
      },
    );
    const ctx = run(s);
    expect(ctx.s.flows.map((f) => f.illicit)).toEqual([5, 6]);
  });

  test("Russia's fuel flows carry twice their base demand × Russia's off-book fuel sales %", () => {
    for (const sales of [0, 30, 100]) {
      const s = stateWith(
        [
          { commodity: "refined_fuel", enforcedBy: "RU", base: 50, illicit: 41 },
          { commodity: "consumer_goods", enforcedBy: "RU", base: 50, illicit: 13 },
        ],
        (x) => {
          x.policies.RU.fuelSales = sales;
        },
      );
      const ctx = run(s);
      expect(ctx.s.flows[0]!.illicit, `sales ${sales}`).toBe(pctOf(41 * 2, sales));
      expect(ctx.s.flows[1]!.illicit).toBe(13);
    }
  });

  test("a flow neither China nor Russia polices carries no illicit trade", () => {
    const ctx = run(stateWith([{ commodity: "consumer_goods", enforcedBy: "KR", base: 100, illicit: 20 }]));
    expect(ctx.s.flows[0]!.illicit).toBe(0);
  });
});

describe("step 8: Russia's backfill", () => {
  /**
   * China's fuel import (base 200) and goods import (base 100) are cut to 0 by policy; an export from
   * North Korea (never backfilled) too. Russia has a fuel and a goods import flow to carry the backfill.
   * The China-side network is closed (capacity 0) so China's illicit volume stays 0.
   */
  const setup = (opts: { sales: number; link: number; ruUs?: number }) =>
    stateWith(
      [
        { commodity: "refined_fuel", enforcedBy: "CN", base: 200 },
        { commodity: "consumer_goods", enforcedBy: "CN", base: 100 },
        { commodity: "coal", enforcedBy: "CN", base: 500, fromKP: true },
        { commodity: "refined_fuel", enforcedBy: "RU", base: 0 },
        { commodity: "consumer_goods", enforcedBy: "RU", base: 0 },
      ],
      (x) => {
        x.policies.CN.trade.fuel = 0;
        x.policies.CN.trade.goods = 0;
        x.policies.CN.trade.minerals = 0;
        x.policies.RU.fuelSales = opts.sales;
        x.illicit.nodes = [];
        x.illicit.russianLink = opts.link;
        x.relations = { ...x.relations, "RU-US": opts.ruUs ?? 0 };
      },
    );

  test("Russia fills (backfillBase + hostility share) × 2 × fuel sales % of China's lost imports, split between fuel and goods by what was lost", () => {
    const sales = 40;
    const ctx = run(setup({ sales, link: 10_000 }));
    const share = Math.min(100, pctOf(rules.backfillBase, sales * 2));
    const want = pctOf(300, share);
    const fuel = Math.trunc((want * 200) / 300);
    expect(ctx.s.flows[3]!.illicit).toBe(fuel);
    expect(ctx.s.flows[4]!.illicit).toBe(want - fuel);
    const ev = ctx.events.find((e) => e.kind === "russia_backfilled")!;
    expect(ev.data).toEqual({ backfill: want, wanted: want, capacity: 10_000 });
    expect(ev.visibleTo).toEqual(["RU", "KP"]);
  });

  test("hostile US–Russia relations raise the share by backfillRelations% of the hostility; friendly ones do not lower it", () => {
    const sales = 40;
    const hostile = run(setup({ sales, link: 10_000, ruUs: -50 }));
    const share = Math.min(100, pctOf(rules.backfillBase + pctOf(50, rules.backfillRelations), sales * 2));
    const want = pctOf(300, share);
    expect(hostile.s.flows[3]!.illicit + hostile.s.flows[4]!.illicit).toBe(want);
    const friendly = run(setup({ sales, link: 10_000, ruUs: 50 }));
    const base = pctOf(300, Math.min(100, pctOf(rules.backfillBase, sales * 2)));
    expect(friendly.s.flows[3]!.illicit + friendly.s.flows[4]!.illicit).toBe(base);
  });

  test("the share stops at 100%", () => {
    const ctx = run(setup({ sales: 100, link: 10_000, ruUs: -100 }), { backfillBase: 80 });
    expect(ctx.s.flows[3]!.illicit + ctx.s.flows[4]!.illicit).toBe(300);
  });

  test("the backfill is capped by Russia's link", () => {
    const ctx = run(setup({ sales: 50, link: 7 }));
    const fuel = Math.trunc((7 * 200) / 300);
    expect([ctx.s.flows[3]!.illicit, ctx.s.flows[4]!.illicit]).toEqual([fuel, 7 - fuel]);
  });

  test("no fuel sales, no backfill and no event", () => {
    const ctx = run(setup({ sales: 0, link: 10_000 }));
    expect([ctx.s.flows[3]!.illicit, ctx.s.flows[4]!.illicit]).toEqual([0, 0]);
    expect(ctx.events.some((e) => e.kind === "russia_backfilled")).toBe(false);
  });

  test("only goods lost: all of the backfill goes to Russia's goods flow", () => {
    const s = setup({ sales: 50, link: 10_000 });
    s.policies.CN.trade.fuel = 100;
    const ctx = run(s);
    const want = pctOf(100, Math.min(100, pctOf(rules.backfillBase, 100)));
    expect([ctx.s.flows[3]!.illicit, ctx.s.flows[4]!.illicit]).toEqual([0, want]);
  });

  test("China's illicit imports count against the loss: base − official − illicit, never below 0", () => {
    const s = setup({ sales: 50, link: 10_000 });
    // China's side carries the goods flow's diverted demand (divertShare% of its 100 cut).
    s.illicit.nodes = [{ id: "d", name: "d", region: "dandong", capacity: 10_000, knownBy: ["KP"] }];
    s.policies.CN.trade.fuel = 100;
    const ctx = run(s);
    const goodsIllicit = ctx.s.flows[1]!.illicit;
    expect(goodsIllicit).toBe(pctOf(100, rules.divertShare));
    const want = pctOf(100 - goodsIllicit, Math.min(100, pctOf(rules.backfillBase, 100)));
    expect(ctx.s.flows[4]!.illicit).toBe(want);
  });
});

describe("step 8: details the sums above do not show", () => {
  test("China's fuel flows keep their base demand whatever Russia's fuel sales", () => {
    const s = stateWith([{ commodity: "refined_fuel", enforcedBy: "CN", base: 50, illicit: 41 }], (x) => {
      x.policies.RU.fuelSales = 30;
    });
    expect(run(s).s.flows[0]!.illicit).toBe(41);
  });

  test("only China's import flows count toward what Russia backfills", () => {
    const s = stateWith(
      [
        { commodity: "consumer_goods", enforcedBy: "CN", base: 100 },
        { commodity: "consumer_goods", enforcedBy: "KR", base: 400 },
        { commodity: "consumer_goods", enforcedBy: "RU", base: 0 },
      ],
      (x) => {
        x.policies.CN.trade.goods = 0;
        x.policies.KR.trade.goods = 0;
        x.policies.RU.fuelSales = 50;
        x.illicit.nodes = [];
        x.illicit.russianLink = 10_000;
      },
    );
    const want = pctOf(100, Math.min(100, pctOf(rules.backfillBase, 100)));
    expect(run(s).s.flows[2]!.illicit).toBe(want);
  });

  /**
   * China bans its fuel and goods imports, Russia sells fuel at 50 and its link carries anything,
   * and the China-side network is closed: what Russia backfills is all the illicit volume there is.
   */
  const bannedByChina = (flows: Parameters<typeof stateWith>[0]) =>
    stateWith(flows, (x) => {
      x.policies.CN.trade.fuel = 0;
      x.policies.CN.trade.goods = 0;
      x.policies.RU.fuelSales = 50;
      x.illicit.nodes = [];
      x.illicit.russianLink = 10_000;
    });

  test("the split follows the losses when goods lost more than fuel", () => {
    const s = bannedByChina([
      { commodity: "refined_fuel", enforcedBy: "CN", base: 100 },
      { commodity: "consumer_goods", enforcedBy: "CN", base: 300 },
      { commodity: "refined_fuel", enforcedBy: "RU", base: 0 },
      { commodity: "consumer_goods", enforcedBy: "RU", base: 0 },
    ]);
    const want = pctOf(400, Math.min(100, pctOf(rules.backfillBase, 100)));
    const fuel = Math.trunc((want * 100) / 400);
    const ctx = run(s);
    expect([ctx.s.flows[2]!.illicit, ctx.s.flows[3]!.illicit]).toEqual([fuel, want - fuel]);
    expect(ctx.s.flows[0]!.illicit).toBe(0);
  });

  test("without a Russian fuel flow the fuel part is not carried; the goods part still is", () => {
    const s = bannedByChina([
      { commodity: "refined_fuel", enforcedBy: "CN", base: 200 },
      { commodity: "consumer_goods", enforcedBy: "CN", base: 100 },
      { commodity: "consumer_goods", enforcedBy: "RU", base: 0 },
    ]);
    const want = pctOf(300, Math.min(100, pctOf(rules.backfillBase, 100)));
    const fuel = Math.trunc((want * 200) / 300);
    const ctx = run(s);
    expect(ctx.s.flows.map((f) => f.illicit)).toEqual([0, 0, want - fuel]);
  });

  test("a flow whose official volume moved is explained: its owner and North Korea see the enforcement, the others the ban", () => {
    const s = stateWith([{ commodity: "coal", enforcedBy: "CN", base: 200 }], (x) => {
      x.sanctions.resolutions = [resolution(["minerals"], 60)];
      x.enforcement.CN.actual = 50;
      x.policies.CN.trade.minerals = 80;
    });
    const ctx = run(s);
    const v = officialVolume(s, s.flows[0]!);
    const e = ctx.s.explanations.find((x) => x.index === "flow:f0")!;
    expect(e).toMatchObject({ from: 200, to: v.official, visibleTo: "all" });
    expect(e.parts).toEqual([
      {
        why: "flow_owner",
        flow: "f0",
        before: game().enforcement.CN.actual,
        after: 50,
        level: 80,
        banned: 60,
        visibleTo: ["CN", "KP"],
      },
      {
        why: "flow_public",
        flow: "f0",
        banned: 60,
        enforced: true,
        visibleTo: ["US", "RU", "KR", "OBSERVER"],
      },
    ]);
  });

  test("a flow cut by policy alone is explained as not enforced; an unchanged flow is not explained", () => {
    const s = stateWith(
      [
        { commodity: "consumer_goods", enforcedBy: "RU", base: 200 },
        { commodity: "textiles", enforcedBy: "CN", base: 100 },
      ],
      (x) => {
        x.policies.RU.trade.goods = 50;
      },
    );
    const ctx = run(s);
    const e = ctx.s.explanations.find((x) => x.index === "flow:f0")!;
    expect(e.parts[1]).toEqual({
      why: "flow_public",
      flow: "f0",
      banned: 0,
      enforced: false,
      visibleTo: ["US", "CN", "KR", "OBSERVER"],
    });
    expect(ctx.s.explanations.find((x) => x.index === "flow:f1")).toBeUndefined();
  });

  test("a flow whose illicit volume moved is explained to North Korea only; an unchanged one is not", () => {
    const s = stateWith(
      [
        { commodity: "coal", enforcedBy: "CN", base: 100, illicit: 30 },
        { commodity: "textiles", enforcedBy: "CN", base: 100, illicit: 20 },
      ],
      (x) => {
        x.flows[0]!.illicit = 5;
      },
    );
    const ctx = run(s);
    expect(ctx.s.explanations.find((x) => x.index === "illicit:f0")).toEqual({
      round: ctx.round,
      index: "illicit:f0",
      from: 5,
      to: 30,
      visibleTo: ["KP"],
      parts: [{ why: "illicit_flow", flow: "f0", visibleTo: ["KP"] }],
    });
    expect(ctx.s.explanations.find((x) => x.index === "illicit:f1")).toBeUndefined();
  });

  test("without a Russian goods flow the goods part is not carried; the fuel part still is", () => {
    const s = bannedByChina([
      { commodity: "refined_fuel", enforcedBy: "CN", base: 200 },
      { commodity: "consumer_goods", enforcedBy: "CN", base: 100 },
      { commodity: "refined_fuel", enforcedBy: "RU", base: 0 },
    ]);
    const want = pctOf(300, Math.min(100, pctOf(rules.backfillBase, 100)));
    const fuel = Math.trunc((want * 200) / 300);
    expect(run(s).s.flows.map((f) => f.illicit)).toEqual([0, 0, fuel]);
  });
});
