/**
 * The illicit network by value (shared/engine/illicit.ts): inspections' choke, the finance channel's
 * room and squeeze, the sharing of capacity among flows, exposures, smuggling operations, regrowth
 * after a delay, organic growth and a designation's cut. Each test builds the network it needs and
 * computes the expected figures from the rule and the scenario's constants.
 */
import { describe, expect, test } from "vitest";
import { type Ctx, makeCtx, relation } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import {
  allocateIllicit,
  designateFinance,
  effectiveCapacity,
  financeCapacity,
  financeRoom,
  resolveIllicit,
  totalCapacity,
} from "../../shared/engine/illicit.js";
import { newGame } from "../../shared/index.js";
import type { Action } from "../../shared/orders.js";
import { byPower, type PowerId } from "../../shared/powers.js";
import type { Flow, GameState, IllicitNode, Region } from "../../shared/state.js";

const game = () => newGame({ gameId: "values-illicit", seed: 1 });
const rules = game().scenario.rules;
const pctOf = (v: number, p: number) => Math.trunc((v * p) / 100);
const spec = (type: string) => game().scenario.actions.find((a) => a.type === type)!.numbers;

const node = (id: string, region: Region, capacity: number, knownBy: PowerId[] = ["KP"]): IllicitNode => ({
  id,
  name: id,
  region,
  capacity,
  knownBy,
});

/** A fresh game's working state with the network replaced by `nodes` under `ceiling`. */
function withNetwork(
  nodes: IllicitNode[],
  ceiling = 1000,
  set: (s: GameState) => void = () => {},
): GameState {
  const s = copyState(game());
  s.illicit = { ...s.illicit, nodes, ceiling, regrowing: [], russianLink: 0 };
  s.sanctions = { ...s.sanctions, designations: [] };
  set(s);
  return s;
}

function ctxOf(s: GameState, actions: Partial<Record<PowerId, Action[]>> = {}): Ctx {
  const ctx = makeCtx(game(), s);
  ctx.actions = byPower((p) => actions[p] ?? []);
  return ctx;
}

const scenarioFinance = game()
  .scenario.illicit.nodes.filter((n) => n.region === "finance")
  .reduce((a, n) => a + n.capacity, 0);

describe("capacities", () => {
  test("China's inspections at 30 leave 70% (truncated) of Dandong and Yellow Sea nodes, and do not touch other regions", () => {
    const s = withNetwork([], 1000, (x) => {
      x.policies.CN.inspections = 30;
    });
    expect(effectiveCapacity(s, node("a", "dandong", 50))).toBe(pctOf(50, 70));
    expect(effectiveCapacity(s, node("b", "yellow_sea", 45))).toBe(pctOf(45, 70));
    expect(effectiveCapacity(s, node("c", "east_china_sea", 45))).toBe(45);
    expect(effectiveCapacity(s, node("d", "vladivostok", 45))).toBe(45);
    expect(effectiveCapacity(s, node("e", "finance", 45))).toBe(45);
  });

  test("totalCapacity is the sum over every node", () => {
    expect(totalCapacity(withNetwork([node("a", "dandong", 7), node("b", "finance", 11)]))).toBe(18);
  });

  test("finance room: the scenario's finance capacity less designations made in play (round > 0) less today's finance nodes, never below 0", () => {
    expect(scenarioFinance).toBeGreaterThan(10);
    const entities = game().scenario.entities.filter((e) => e.financeWeight > 0);
    const [e1, e2] = entities;
    const room = (now: number, designations: { entity: string; round: number }[]) =>
      financeRoom(
        withNetwork([node("f", "finance", now), node("d", "dandong", 99)], 1000, (s) => {
          s.sanctions = { ...s.sanctions, designations: designations as never };
        }),
      );
    expect(room(0, [])).toBe(scenarioFinance);
    expect(room(5, [])).toBe(scenarioFinance - 5);
    expect(room(5, [{ entity: e1!.id, round: 1 }])).toBe(scenarioFinance - e1!.financeWeight - 5);
    // Designations in force at the start (round 0) are already in the scenario's figure.
    expect(room(5, [{ entity: e1!.id, round: 0 }])).toBe(scenarioFinance - 5);
    if (e2)
      expect(
        room(0, [
          { entity: e1!.id, round: 1 },
          { entity: e2.id, round: 2 },
        ]),
      ).toBe(Math.max(0, scenarioFinance - e1!.financeWeight - e2.financeWeight));
    expect(room(scenarioFinance + 1, [])).toBe(0);
    expect(room(0, [{ entity: "no-such-entity", round: 1 }])).toBe(scenarioFinance);
  });

  test("finance capacity is squeezed by financeSqueezeUS% of US and financeSqueezeCN% of China's achieved enforcement, each term alone and together", () => {
    const cap = (us: number, cn: number) =>
      financeCapacity(
        withNetwork(
          [node("f1", "finance", 60), node("f2", "finance", 41), node("d", "dandong", 99)],
          1000,
          (s) => {
            s.enforcement.US.actual = us;
            s.enforcement.CN.actual = cn;
          },
        ),
      );
    const c = 101;
    expect(cap(0, 0)).toBe(c);
    expect(cap(40, 0)).toBe(pctOf(c, 100 - pctOf(40, rules.financeSqueezeUS)));
    expect(cap(0, 50)).toBe(pctOf(c, 100 - pctOf(50, rules.financeSqueezeCN)));
    expect(cap(40, 50)).toBe(
      pctOf(c, 100 - pctOf(40, rules.financeSqueezeUS) - pctOf(50, rules.financeSqueezeCN)),
    );
  });

  test("a squeeze beyond 100% closes the finance channel entirely, never below 0", () => {
    const s = withNetwork([node("f", "finance", 80)], 1000, (x) => {
      x.enforcement.US.actual = 100;
      x.enforcement.CN.actual = 100;
      x.scenario = {
        ...x.scenario,
        rules: { ...x.scenario.rules, financeSqueezeUS: 70, financeSqueezeCN: 60 },
      };
    });
    expect(financeCapacity(s)).toBe(0);
  });
});

describe("allocateIllicit: sharing capacity among the flows' demand", () => {
  const flow = (id: string, enforcedBy: PowerId): Flow => ({
    id,
    from: "KP",
    to: "X",
    commodity: "coal",
    base: 0,
    official: 0,
    illicit: -1,
    enforcedBy,
    fromKP: true,
  });
  /** China-side capacity 50 + 30 (+ 20 at sea), Russia's 15 + link 5; flows CN, CN, RU, KR. */
  const setup = () => {
    const s = withNetwork(
      [
        node("d", "dandong", 50),
        node("y", "yellow_sea", 30),
        node("e", "east_china_sea", 20),
        node("v", "vladivostok", 15),
        node("f", "finance", 500),
      ],
      1000,
      (x) => {
        x.policies.CN.inspections = 0;
        x.illicit.russianLink = 5;
        x.flows = [flow("c1", "CN"), flow("c2", "CN"), flow("r1", "RU"), flow("k1", "KR")];
      },
    );
    return ctxOf(s);
  };
  const capNet = 50 + 30 + 20;
  const capRu = 15 + 5;

  test("demand exactly at capacity is carried in full and nothing is unmet; flows no network serves carry 0", () => {
    const ctx = setup();
    allocateIllicit(ctx, [60, capNet - 60, capRu, 40]);
    expect(ctx.s.flows.map((f) => f.illicit)).toEqual([60, capNet - 60, capRu, 0]);
    expect(ctx.unmetIllicit).toBe(0);
  });

  test("one over capacity: each China-side flow gets its share d × capacity / demand (truncated), and the excess is unmet", () => {
    const ctx = setup();
    const d = [61, capNet - 60];
    const dNet = d[0]! + d[1]!;
    allocateIllicit(ctx, [...d, capRu + 1, 0]);
    expect(ctx.s.flows[0]!.illicit).toBe(Math.trunc((d[0]! * capNet) / dNet));
    expect(ctx.s.flows[1]!.illicit).toBe(Math.trunc((d[1]! * capNet) / dNet));
    expect(ctx.s.flows[2]!.illicit).toBe(Math.trunc(((capRu + 1) * capRu) / (capRu + 1)));
    expect(ctx.unmetIllicit).toBe(dNet - capNet);
  });

  test("Russia's side is shared separately: its shortfall is not counted as unmet", () => {
    const ctx = setup();
    allocateIllicit(ctx, [10, 10, 3 * capRu, 0]);
    expect(ctx.s.flows[2]!.illicit).toBe(Math.trunc((3 * capRu * capRu) / (3 * capRu)));
    expect(ctx.s.flows.slice(0, 2).map((f) => f.illicit)).toEqual([10, 10]);
    expect(ctx.unmetIllicit).toBe(0);
  });

  test("inspections choke China's side: at 50, capacity is half of Dandong and the Yellow Sea plus the East China Sea", () => {
    const ctx = setup();
    ctx.s.policies.CN.inspections = 50;
    const cap = pctOf(50, 50) + pctOf(30, 50) + 20;
    allocateIllicit(ctx, [capNet, 0, 0, 0]);
    expect(ctx.s.flows[0]!.illicit).toBe(cap);
    expect(ctx.unmetIllicit).toBe(capNet - cap);
  });
});

describe("step 5: intelligence operations", () => {
  test("each operation raises the power's intelligence by one, up to intelMax", () => {
    const ops = (n: number): Action[] =>
      Array.from({ length: n }, () => ({ type: "intel_op", region: "finance" }));
    for (const [before, n] of [
      [1, 1],
      [1, 2],
      [rules.intelMax - 1, 2],
    ] as const) {
      const s = withNetwork([], 1000, (x) => {
        x.intel = { ...x.intel, US: before };
      });
      const ctx = ctxOf(s, { US: ops(n) });
      resolveIllicit(ctx);
      expect(ctx.s.intel.US).toBe(Math.min(rules.intelMax, before + n));
      expect(ctx.s.intel.CN).toBe(game().intel.CN);
      expect(ctx.events.filter((e) => e.kind === "intel_report")).toHaveLength(n);
    }
  });

  test("with a chance of exactly 100 every unknown node in the region is found; nodes known already or elsewhere are not reported", () => {
    // Chance = detectBase + detectPerIntel × level; the level after one operation is 3.
    const s = withNetwork(
      [node("a", "yellow_sea", 10), node("b", "yellow_sea", 10, ["KP", "US"]), node("c", "dandong", 10)],
      1000,
      (x) => {
        x.intel = { ...x.intel, US: 2 };
        x.scenario = { ...x.scenario, rules: { ...rules, detectBase: 100 - 3 * rules.detectPerIntel } };
      },
    );
    const ctx = ctxOf(s, { US: [{ type: "intel_op", region: "yellow_sea" }] });
    ctx.rules = s.scenario.rules;
    resolveIllicit(ctx);
    expect(ctx.s.illicit.nodes.map((n) => n.knownBy.includes("US"))).toEqual([true, true, false]);
    const report = ctx.events.find((e) => e.kind === "intel_report")!;
    expect(report.data).toEqual({ region: "yellow_sea", found: 1 });
    expect(report.extra).toEqual({ names: "a" });
    expect(report.visibleTo).toEqual(["US"]);
  });

  test("with a chance of 0 nothing is found and the report has no names", () => {
    const s = withNetwork([node("a", "yellow_sea", 10)], 1000);
    const ctx = ctxOf(s, { US: [{ type: "intel_op", region: "yellow_sea" }] });
    ctx.rules = { ...rules, detectBase: 0, detectPerIntel: 0 };
    resolveIllicit(ctx);
    expect(ctx.s.illicit.nodes[0]!.knownBy).toEqual(["KP"]);
    const report = ctx.events.find((e) => e.kind === "intel_report")!;
    expect(report.data).toEqual({ region: "yellow_sea", found: 0 });
    expect(report.extra).toBeUndefined();
  });

  test("one level short of a certain find misses some nodes over 60 seeds (the level counts)", () => {
    let missed = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const s = withNetwork([node("a", "yellow_sea", 10)], 1000, (x) => {
        x.intel = { ...x.intel, US: 1 };
        x.rng = newGame({ gameId: "x", seed }).rng;
      });
      const ctx = ctxOf(s, { US: [{ type: "intel_op", region: "yellow_sea" }] });
      // After the operation the level is 2: chance 100 − detectPerIntel.
      ctx.rules = { ...rules, detectBase: 100 - 3 * rules.detectPerIntel };
      resolveIllicit(ctx);
      if (!ctx.s.illicit.nodes[0]!.knownBy.includes("US")) missed++;
    }
    expect(missed).toBeGreaterThan(0);
  });
});

describe("step 5: exposures", () => {
  const ex = spec("expose");
  test("exposing a Dandong node closes it, schedules its regrowth after the delay, and costs China standing and relations", () => {
    const s = withNetwork([node("d", "dandong", 40), node("y", "yellow_sea", 30)], 1000, (x) => {
      x.round = 3;
      x.powers.US.standing = 50;
      x.powers.CN.standing = 50;
      x.relations = { ...x.relations, "CN-US": 0 };
    });
    const ctx = ctxOf(s, { US: [{ type: "expose", node: "d" }] });
    ctx.round = 3;
    resolveIllicit(ctx);
    expect(ctx.s.illicit.nodes.map((n) => n.id)).toEqual(["y"]);
    expect(ctx.s.illicit.regrowing).toEqual([
      { capacity: 40, round: 3 + rules.illicitRegrowDelay, from: "dandong" },
    ]);
    expect(ctx.s.powers.US.standing).toBe(50 + (ex.standing ?? 0));
    expect(ctx.s.powers.CN.standing).toBe(50 + (ex.hostStanding ?? 0));
    expect(relation(ctx.s, "US", "CN")).toBe(ex.hostRelations ?? 0);
    const closed = ctx.events.find((e) => e.kind === "node_closed")!;
    expect(closed.data).toEqual({ node: "d", region: "dandong", capacity: 40 });
    expect(closed.visibleTo).toBe("all");
    expect(ctx.s.explanations.find((x) => x.index === "node:d")!.visibleTo).toBe("all");
  });

  test("a Vladivostok node's host is Russia; a Yellow Sea node has no host", () => {
    const s = withNetwork([node("v", "vladivostok", 15), node("y", "yellow_sea", 30)], 1000, (x) => {
      x.powers.RU.standing = 50;
      x.powers.CN.standing = 50;
      x.relations = { ...x.relations, "RU-US": 0, "CN-US": 0 };
    });
    const ctx = ctxOf(s, {
      US: [
        { type: "expose", node: "v" },
        { type: "expose", node: "y" },
      ],
    });
    resolveIllicit(ctx);
    expect(ctx.s.powers.RU.standing).toBe(50 + (ex.hostStanding ?? 0));
    expect(relation(ctx.s, "US", "RU")).toBe(ex.hostRelations ?? 0);
    expect(ctx.s.powers.CN.standing).toBe(50);
    expect(relation(ctx.s, "US", "CN")).toBe(0);
  });

  test("a node two powers expose closes once: the second exposure does nothing", () => {
    const s = withNetwork([node("d", "dandong", 40)], 1000, (x) => {
      x.powers.KR.standing = 50;
    });
    const ctx = ctxOf(s, { US: [{ type: "expose", node: "d" }], KR: [{ type: "expose", node: "d" }] });
    resolveIllicit(ctx);
    expect(ctx.s.illicit.regrowing).toHaveLength(1);
    expect(ctx.s.powers.KR.standing).toBe(50);
  });
});

describe("step 5: smuggling operations", () => {
  const add = spec("smuggling_op").capacity ?? 15;
  const run = (nodes: IllicitNode[], ceiling: number, region: Region, set?: (s: GameState) => void) => {
    const ctx = ctxOf(withNetwork(nodes, ceiling, set), { KP: [{ type: "smuggling_op", region }] });
    resolveIllicit(ctx);
    return ctx;
  };

  test(`an operation adds ${add} to the region's node when the ceiling leaves room`, () => {
    const ctx = run([node("y", "yellow_sea", 30)], 30 + add + 1, "yellow_sea");
    expect(ctx.s.illicit.nodes[0]!.capacity).toBe(30 + add);
  });

  test("it adds only what the ceiling leaves: room 4 adds 4, room 0 adds nothing and reports the cap", () => {
    expect(run([node("y", "yellow_sea", 30)], 34, "yellow_sea").s.illicit.nodes[0]!.capacity).toBe(34);
    const capped = run([node("y", "yellow_sea", 30)], 30, "yellow_sea");
    expect(capped.s.illicit.nodes[0]!.capacity).toBe(30);
    expect(capped.events.find((e) => e.kind === "smuggling_capped")!.visibleTo).toEqual(["KP"]);
    const over = run([node("y", "yellow_sea", 40)], 30, "yellow_sea");
    expect(over.s.illicit.nodes[0]!.capacity).toBe(40);
  });

  test("in a region with no node it opens one, known only to North Korea, with the next id", () => {
    const ctx = run([node("y", "yellow_sea", 30)], 1000, "east_china_sea");
    const next = withNetwork([]).illicit.nextId;
    const opened = ctx.s.illicit.nodes[1]!;
    expect(opened).toMatchObject({
      id: `node-${next}`,
      region: "east_china_sea",
      capacity: add,
      knownBy: ["KP"],
    });
    expect(ctx.s.illicit.nextId).toBe(next + 1);
  });

  test("in the finance channel it adds no more than the finance room", () => {
    // Finance nodes now: scenarioFinance − 3 → room 3.
    const ctx = run([node("f", "finance", scenarioFinance - 3)], 1000, "finance");
    expect(ctx.s.illicit.nodes[0]!.capacity).toBe(scenarioFinance - 3 + Math.min(add, 3));
  });
});

describe("step 5: regrowth and organic growth", () => {
  const regrow = (
    nodes: IllicitNode[],
    entry: { capacity: number; round: number; from: Region },
    ceiling = 1000,
    round = 5,
  ) => {
    const s = withNetwork(nodes, ceiling, (x) => {
      x.round = round;
      x.illicit.regrowing = [entry];
    });
    const ctx = ctxOf(s);
    ctx.round = round;
    resolveIllicit(ctx);
    return ctx;
  };

  test("closed capacity reappears in its due round at illicitRegrowShare%, at the next China-side region", () => {
    const ctx = regrow([], { capacity: 41, round: 5, from: "dandong" });
    expect(ctx.s.illicit.regrowing).toEqual([]);
    expect(ctx.s.illicit.nodes).toHaveLength(1);
    expect(ctx.s.illicit.nodes[0]).toMatchObject({
      region: "yellow_sea",
      capacity: pctOf(41, rules.illicitRegrowShare),
    });
  });

  test("a regrowth due next round waits; one overdue is done", () => {
    const later = regrow([], { capacity: 40, round: 6, from: "dandong" });
    expect(later.s.illicit.regrowing).toHaveLength(1);
    expect(later.s.illicit.nodes).toHaveLength(0);
    const overdue = regrow([], { capacity: 40, round: 4, from: "dandong" });
    expect(overdue.s.illicit.regrowing).toHaveLength(0);
    expect(overdue.s.illicit.nodes).toHaveLength(1);
  });

  test("regrowth is capped by the room under the ceiling; with no room nothing opens", () => {
    const room = regrow([node("v", "vladivostok", 10)], { capacity: 40, round: 5, from: "dandong" }, 13);
    expect(room.s.illicit.nodes[1]!.capacity).toBe(3);
    const none = regrow([node("v", "vladivostok", 10)], { capacity: 40, round: 5, from: "dandong" }, 10);
    expect(none.s.illicit.nodes).toHaveLength(1);
  });

  test("the next region skips one holding a node over 60; a node of exactly 60 does not block it", () => {
    const blocked = regrow([node("y", "yellow_sea", 61)], { capacity: 40, round: 5, from: "dandong" });
    expect(blocked.s.illicit.nodes[1]!.region).toBe("east_china_sea");
    const at60 = regrow([node("y", "yellow_sea", 60)], { capacity: 40, round: 5, from: "dandong" });
    expect(at60.s.illicit.nodes[1]!.region).toBe("yellow_sea");
    const wraps = regrow([], { capacity: 40, round: 5, from: "east_china_sea" });
    expect(wraps.s.illicit.nodes[0]!.region).toBe("dandong");
    const allFull = regrow([node("y", "yellow_sea", 61), node("e", "east_china_sea", 61)], {
      capacity: 40,
      round: 5,
      from: "dandong",
    });
    expect(allFull.s.illicit.nodes[2]!.region).toBe("yellow_sea");
  });

  test("Vladivostok's and the finance channel's capacity reopen where they were; finance within its room", () => {
    const vl = regrow([], { capacity: 20, round: 5, from: "vladivostok" });
    expect(vl.s.illicit.nodes[0]).toMatchObject({
      region: "vladivostok",
      capacity: pctOf(20, rules.illicitRegrowShare),
    });
    const fin = regrow([node("f", "finance", scenarioFinance - 2)], {
      capacity: 20,
      round: 5,
      from: "finance",
    });
    expect(fin.s.illicit.nodes[1]).toMatchObject({ region: "finance", capacity: 2 });
  });

  test("unmet demand grows each non-finance node by illicitGrowth% (at least 1), within the room under the ceiling", () => {
    const grow = (nodes: IllicitNode[], ceiling: number, unmet: number) => {
      const ctx = ctxOf(withNetwork(nodes, ceiling));
      ctx.unmetIllicit = unmet;
      resolveIllicit(ctx);
      return ctx.s.illicit.nodes.map((n) => n.capacity);
    };
    const nodes = () => [node("d", "dandong", 55), node("f", "finance", 50), node("y", "yellow_sea", 5)];
    expect(grow(nodes(), 1000, 1)).toEqual([
      55 + pctOf(55, rules.illicitGrowth),
      50,
      5 + Math.max(1, pctOf(5, rules.illicitGrowth)),
    ]);
    expect(grow(nodes(), 1000, 0)).toEqual([55, 50, 5]);
    // Room 3 (ceiling 113 − 110): the first node takes it all.
    expect(grow(nodes(), 113, 1)).toEqual([58, 50, 5]);
    // Room 6: the first node takes its growth (5), the second the 1 left.
    expect(grow(nodes(), 110 + pctOf(55, rules.illicitGrowth) + 1, 1)).toEqual([
      55 + pctOf(55, rules.illicitGrowth),
      50,
      6,
    ]);
  });
});

describe("designateFinance", () => {
  test("lowers the ceiling and every finance node by the weight (not below 0), and every pending regrowth", () => {
    const s = withNetwork(
      [node("f1", "finance", 30), node("f2", "finance", 4), node("d", "dandong", 20)],
      200,
      (x) => {
        x.illicit.regrowing = [
          { capacity: 12, round: 9, from: "dandong" },
          { capacity: 3, round: 9, from: "finance" },
        ];
      },
    );
    const ctx = ctxOf(s);
    designateFinance(ctx, 10);
    expect(ctx.s.illicit.ceiling).toBe(190);
    expect(ctx.s.illicit.nodes.map((n) => n.capacity)).toEqual([20, 0, 20]);
    expect(ctx.s.illicit.regrowing.map((r) => r.capacity)).toEqual([2, 0]);
  });

  test("a weight above the ceiling leaves it at 0", () => {
    const ctx = ctxOf(withNetwork([], 5));
    designateFinance(ctx, 10);
    expect(ctx.s.illicit.ceiling).toBe(0);
  });

  test("a network over the new ceiling is cut largest node first (ties by id) until it fits", () => {
    const s = withNetwork(
      [
        node("b", "dandong", 30),
        node("a", "yellow_sea", 30),
        node("c", "east_china_sea", 10),
        node("f", "finance", 5),
      ],
      80,
    );
    const ctx = ctxOf(s);
    // Ceiling 80 − 5 = 75; finance 5 − 5 = 0; total 70: fits, nothing cut.
    designateFinance(ctx, 5);
    expect(ctx.s.illicit.nodes.map((n) => n.capacity)).toEqual([30, 30, 10, 0]);
    // Ceiling 75 − 40 = 35; finance 0; total 70 → 35 over: "a" (first of the tied 30s by id) loses 30, "b" 5.
    designateFinance(ctx, 40);
    expect(ctx.s.illicit.nodes.map((n) => [n.id, n.capacity])).toEqual([
      ["b", 25],
      ["a", 0],
      ["c", 10],
      ["f", 0],
    ]);
    expect(totalCapacity(ctx.s)).toBe(ctx.s.illicit.ceiling);
  });
});

describe("step 5: details the sums above do not show", () => {
  test("Russia's side below its capacity carries its demand in full (not scaled up to the capacity)", () => {
    const s = withNetwork([node("v", "vladivostok", 40)], 1000, (x) => {
      x.illicit.russianLink = 10;
      x.flows = x.flows.slice(0, 1).map((f) => ({ ...f, enforcedBy: "RU" as const }));
    });
    const ctx = ctxOf(s);
    allocateIllicit(ctx, [7]);
    expect(ctx.s.flows[0]!.illicit).toBe(7);
  });

  test("a certain find is certain on every seed (30 seeds), and every name found is listed", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const s = withNetwork([node("a", "yellow_sea", 10), node("c", "yellow_sea", 10)], 1000, (x) => {
        x.intel = { ...x.intel, US: 2 };
        x.rng = newGame({ gameId: "x", seed }).rng;
      });
      const ctx = ctxOf(s, { US: [{ type: "intel_op", region: "yellow_sea" }] });
      ctx.rules = { ...rules, detectBase: 100 - 3 * rules.detectPerIntel };
      resolveIllicit(ctx);
      expect(ctx.events.find((e) => e.kind === "intel_report")!.extra).toEqual({ names: "a, c" });
    }
  });

  test("exposing the second node closes that one and leaves the first", () => {
    const ctx = ctxOf(withNetwork([node("d", "dandong", 40), node("e", "east_china_sea", 30)]), {
      US: [{ type: "expose", node: "e" }],
    });
    resolveIllicit(ctx);
    expect(ctx.s.illicit.nodes.map((n) => n.id)).toEqual(["d"]);
    const closed = ctx.events.find((e) => e.kind === "node_closed")!;
    expect([closed.data, closed.extra]).toEqual([
      { node: "e", region: "east_china_sea", capacity: 30 },
      { by: "US", name: "e" },
    ]);
    expect(ctx.s.explanations.find((x) => x.index === "node:e")).toMatchObject({
      from: 30,
      to: 0,
      parts: [{ why: "exposed", by: "US", name: "e", visibleTo: "all" }],
    });
  });

  test("exposing a Yellow Sea node alone costs no host anything", () => {
    const s = withNetwork([node("y", "yellow_sea", 30)], 1000, (x) => {
      x.powers.RU.standing = 50;
      x.powers.CN.standing = 50;
    });
    const ctx = ctxOf(s, { US: [{ type: "expose", node: "y" }] });
    resolveIllicit(ctx);
    expect([ctx.s.powers.RU.standing, ctx.s.powers.CN.standing]).toEqual([50, 50]);
  });

  test("a smuggling operation adds the catalogue's capacity (here set to 9), and the finance room limits only the finance channel", () => {
    const s = withNetwork([node("y", "yellow_sea", 30), node("f", "finance", scenarioFinance)], 1000, (x) => {
      x.scenario = {
        ...x.scenario,
        actions: x.scenario.actions.map((a) =>
          a.type === "smuggling_op" ? { ...a, numbers: { capacity: 9 } } : a,
        ),
      };
    });
    const ctx = ctxOf(s, { KP: [{ type: "smuggling_op", region: "yellow_sea" }] });
    resolveIllicit(ctx);
    expect(ctx.s.illicit.nodes[0]!.capacity).toBe(39);
    expect(ctx.events.find((e) => e.kind === "smuggling_op")).toMatchObject({
      data: { region: "yellow_sea", add: 9 },
      visibleTo: ["KP"],
    });
  });

  test("a new node is named for its kind and region and announced to North Korea with its capacity", () => {
    const opened = (region: Region) => {
      const ctx = ctxOf(withNetwork([], 1000), { KP: [{ type: "smuggling_op", region }] });
      resolveIllicit(ctx);
      const ev = ctx.events.find((e) => e.kind === "node_opened")!;
      return { name: ctx.s.illicit.nodes[0]!.name, ev };
    };
    const add = spec("smuggling_op").capacity ?? 15;
    expect(opened("finance").name).toBe("New accounts (finance)");
    expect(opened("dandong").name).toBe("New fronts (dandong)");
    expect(opened("vladivostok").name).toBe("New fronts (vladivostok)");
    expect(opened("yellow_sea").name).toBe("New ship-to-ship zone (yellow sea)");
    const { ev } = opened("east_china_sea");
    expect([ev.data, ev.extra, ev.visibleTo]).toEqual([
      { node: `node-${withNetwork([]).illicit.nextId}`, region: "east_china_sea" },
      { capacity: add },
      ["KP"],
    ]);
  });

  test("of two pending regrowths only the due one is done; the other stays pending", () => {
    const s = withNetwork([], 1000, (x) => {
      x.round = 5;
      x.illicit.regrowing = [
        { capacity: 40, round: 5, from: "dandong" },
        { capacity: 30, round: 7, from: "vladivostok" },
      ];
    });
    const ctx = ctxOf(s);
    ctx.round = 5;
    resolveIllicit(ctx);
    expect(ctx.s.illicit.regrowing).toEqual([{ capacity: 30, round: 7, from: "vladivostok" }]);
  });

  test("the finance room limits regrowth from the finance channel only", () => {
    const s = withNetwork([node("f", "finance", scenarioFinance)], 1000, (x) => {
      x.round = 5;
      x.illicit.regrowing = [{ capacity: 40, round: 5, from: "dandong" }];
    });
    const ctx = ctxOf(s);
    ctx.round = 5;
    resolveIllicit(ctx);
    expect(ctx.s.illicit.nodes[1]).toMatchObject({
      region: "yellow_sea",
      capacity: pctOf(40, rules.illicitRegrowShare),
    });
  });

  test("a region is blocked only by its own node over 60, whatever other nodes there are", () => {
    const s = withNetwork([node("d", "dandong", 10), node("y", "yellow_sea", 61)], 1000, (x) => {
      x.round = 5;
      x.illicit.regrowing = [{ capacity: 40, round: 5, from: "dandong" }];
    });
    const ctx = ctxOf(s);
    ctx.round = 5;
    resolveIllicit(ctx);
    expect(ctx.s.illicit.nodes[2]!.region).toBe("east_china_sea");
  });

  test("a designation's cut takes tied nodes in id order", () => {
    const s = withNetwork(
      [node("c", "dandong", 20), node("b", "yellow_sea", 20), node("a", "east_china_sea", 20)],
      100,
    );
    const ctx = ctxOf(s);
    // Ceiling 100 − 70 = 30; total 60 → 30 over: "a" loses 20, "b" 10.
    designateFinance(ctx, 70);
    expect(ctx.s.illicit.nodes.map((n) => [n.id, n.capacity])).toEqual([
      ["c", 20],
      ["b", 10],
      ["a", 0],
    ]);
  });

  test("tied nodes already in id order are cut in that order", () => {
    const ctx = ctxOf(withNetwork([node("a", "dandong", 20), node("b", "yellow_sea", 20)], 100));
    // Ceiling 100 − 75 = 25; total 40 → 15 over: "a" loses 15.
    designateFinance(ctx, 75);
    expect(ctx.s.illicit.nodes.map((n) => [n.id, n.capacity])).toEqual([
      ["a", 5],
      ["b", 20],
    ]);
  });
});
