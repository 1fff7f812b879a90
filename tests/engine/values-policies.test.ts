/**
 * Standing policies by value (DESIGN §4, shared/engine/policies.ts): each policy order sets its
 * policy; a change is announced (publicly, or to the owner only for the private ones) and an
 * unchanged setting is not; an enforcement target above the achieved level is a crackdown.
 */
import { describe, expect, test } from "vitest";
import { makeCtx } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import { applyPolicies, PUBLIC_POLICIES } from "../../shared/engine/policies.js";
import { type Action, type ByPower, byPower, type GameState, newGame } from "../../shared/index.js";

const base = newGame({ gameId: "values-policies", seed: 1 });

function run(actions: Partial<ByPower<Action[]>>, patch: (s: GameState) => void = () => {}) {
  const s = copyState(base);
  patch(s);
  const ctx = makeCtx(base, s);
  ctx.actions = byPower((p) => actions[p] ?? []);
  const raised = applyPolicies(ctx);
  return { s: ctx.s, events: ctx.events, raised };
}
const kinds = (events: { kind: string }[]) => events.map((e) => e.kind);

test("the public policies are trade, pipeline, exercises, missile-defence consent, tariffs and the moratorium", () => {
  expect([...PUBLIC_POLICIES]).toEqual([
    "trade",
    "pipeline",
    "exercises",
    "mdConsent",
    "tariffs",
    "moratorium",
  ]);
});

describe("enforcement", () => {
  const order = (announced: number, target: number, sustain?: boolean) =>
    ({ type: "set_enforcement", announced, target, ...(sustain === undefined ? {} : { sustain }) }) as Action;

  test("sets announced, target and sustain (false when left out)", () => {
    const { s } = run({ CN: [order(70, 50, true)] });
    expect(s.enforcement.CN).toMatchObject({ announced: 70, target: 50, sustain: true });
    expect(run({ CN: [order(70, 50)] }).s.enforcement.CN.sustain).toBe(false);
  });

  test("a new announced level is announced with the old and new; the same level is not", () => {
    const was = base.enforcement.CN.announced;
    const { events } = run({ CN: [order(was + 1, 40)] });
    expect(events).toEqual([
      {
        round: base.round,
        kind: "enforcement_announced",
        data: { power: "CN", from: was, to: was + 1 },
        visibleTo: "all",
      },
    ]);
    expect(run({ CN: [order(was, 40)] }).events).toEqual([]);
  });

  test("a target above the achieved level is a crackdown; at or below it is not", () => {
    const actual = base.enforcement.CN.actual;
    expect([...run({ CN: [order(0, actual + 1)] }).raised]).toEqual(["CN"]);
    expect([...run({ CN: [order(0, actual)] }).raised]).toEqual([]);
    // A stale, higher target does not block a crackdown.
    const stale = run({ CN: [order(0, actual + 1)] }, (s) => {
      s.enforcement.CN.target = 100;
    });
    expect([...stale.raised]).toEqual(["CN"]);
  });
});

describe("the other policies", () => {
  test("trade: the group's level is set; a change is announced publicly with power, group and level", () => {
    const now = base.policies.CN.trade.fuel;
    const r = run({
      CN: [{ type: "set_trade", commodityGroup: "fuel", level: now === 40 ? 41 : 40 } as Action],
    });
    const level = now === 40 ? 41 : 40;
    expect(r.s.policies.CN.trade.fuel).toBe(level);
    expect(r.events).toEqual([
      {
        round: base.round,
        kind: "trade_policy",
        data: { power: "CN", group: "fuel", level },
        visibleTo: "all",
      },
    ]);
    expect(run({ CN: [{ type: "set_trade", commodityGroup: "fuel", level: now } as Action] }).events).toEqual(
      [],
    );
  });

  test("pipeline: set, announced when changed only", () => {
    const now = base.policies.CN.pipeline;
    const r = run({ CN: [{ type: "set_pipeline", level: now - 10 } as Action] });
    expect(r.s.policies.CN.pipeline).toBe(now - 10);
    expect(r.events.map((e) => [e.kind, e.data])).toEqual([["pipeline", { level: now - 10 }]]);
    expect(run({ CN: [{ type: "set_pipeline", level: now } as Action] }).events).toEqual([]);
  });

  test("inspections and off-book fuel sales are set and told to their owner only, changed or not", () => {
    const r = run({
      CN: [{ type: "set_inspections", level: base.policies.CN.inspections } as Action],
      RU: [{ type: "set_fuel_sales", level: 33 } as Action],
    });
    expect(r.s.policies.RU.fuelSales).toBe(33);
    expect(r.events.map((e) => [e.kind, e.visibleTo])).toEqual([
      ["inspections", ["CN"]],
      ["fuel_sales", ["RU"]],
    ]);
    expect(run({ CN: [{ type: "set_inspections", level: 77 } as Action] }).s.policies.CN.inspections).toBe(
      77,
    );
  });

  test.each([
    ["set_exercises", "US", "exercises", "exercises_policy"],
    ["set_md_consent", "KR", "mdConsent", "md_consent"],
    ["set_tariffs", "US", "tariffs", "tariffs"],
    ["set_moratorium", "KP", "moratorium", "moratorium"],
  ] as const)(
    "%s: switched both ways, announced with on 1 or 0 when it changes, silent when it does not",
    (type, p, field, kind) => {
      for (const on of [true, false]) {
        const r = run({ [p]: [{ type, on } as Action] }, (s) => {
          s.policies[p][field] = !on;
        });
        expect(r.s.policies[p][field]).toBe(on);
        expect(kinds(r.events)).toEqual([kind]);
        expect(r.events[0]!.data.on).toBe(on ? 1 : 0);
        const same = run({ [p]: [{ type, on } as Action] }, (s) => {
          s.policies[p][field] = on;
        });
        expect(same.events).toEqual([]);
        expect(same.s.policies[p][field]).toBe(on);
      }
    },
  );

  test("exercises name the power that changed them", () => {
    const r = run({ KR: [{ type: "set_exercises", on: false } as Action] }, (s) => {
      s.policies.KR.exercises = true;
    });
    expect(r.events[0]!.data).toEqual({ power: "KR", on: 0 });
  });

  test("labourers set North Korea's labour trade, announced when changed", () => {
    const now = base.policies.KP.trade.labour;
    const r = run({ KP: [{ type: "send_labourers", level: now === 20 ? 30 : 20 } as Action] });
    const level = now === 20 ? 30 : 20;
    expect(r.s.policies.KP.trade.labour).toBe(level);
    expect(r.events.map((e) => [e.kind, e.data])).toEqual([["labourers", { level }]]);
    expect(run({ KP: [{ type: "send_labourers", level: now } as Action] }).events).toEqual([]);
  });

  test("engagement sets every one of South Korea's trade groups, announced when the goods level changes", () => {
    const r = run({ KR: [{ type: "set_engagement", level: 60 } as Action] }, (s) => {
      s.policies.KR.trade.goods = 0;
    });
    for (const level of Object.values(r.s.policies.KR.trade)) expect(level).toBe(60);
    expect(r.events.map((e) => [e.kind, e.data])).toEqual([["engagement", { level: 60 }]]);
    const same = run({ KR: [{ type: "set_engagement", level: 60 } as Action] }, (s) => {
      s.policies.KR.trade.goods = 60;
      s.policies.KR.trade.fuel = 0;
    });
    expect(same.events).toEqual([]);
    expect(same.s.policies.KR.trade.fuel).toBe(60);
  });

  test("actions that are not policies change no policy and announce nothing", () => {
    const r = run({ US: [{ type: "fonop" } as Action] });
    expect(r.s.policies).toEqual(base.policies);
    expect(r.events).toEqual([]);
    expect(r.raised.size).toBe(0);
  });
});
