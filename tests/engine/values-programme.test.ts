/**
 * North Korea's programme by value (shared/engine/programme.ts, step 7): the resource factor, a
 * missile test's success chance, progress and stage, readiness in tenths with a carry, a failed
 * test, tests after stage 5, the crisis a test adds, a nuclear test, and passive growth. A test's
 * roll is made certain (chance 100 or 0) by the rules the test sets, so each branch is checked alone.
 */
import { describe, expect, test } from "vitest";
import { type Ctx, makeCtx } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import { resolveProgramme, resourceFactor } from "../../shared/engine/programme.js";
import { newGame } from "../../shared/index.js";
import type { Action } from "../../shared/orders.js";
import { byPower } from "../../shared/powers.js";
import type { Rules } from "../../shared/scenario/rules.js";
import type { GameState } from "../../shared/state.js";

const game = (seed = 1) => newGame({ gameId: "values-programme", seed });
const sc = game().scenario;
const rules = sc.rules;
const mulDiv = (a: number, b: number, c: number) => Math.trunc((a * b) / c);
const missile = sc.actions.find((a) => a.type === "missile_test")!;
const nuclear = sc.actions.find((a) => a.type === "nuclear_test")!;

/** Full resources: currency and fuel at their reference levels give a resource factor of 100. */
function stateWith(set: (s: GameState) => void = () => {}, seed = 1): GameState {
  const s = copyState(game(seed));
  s.nk = {
    ...s.nk,
    currency: rules.currencyFull,
    fuel: rules.fuelConsumption,
    progress: 0,
    readinessTenths: 0,
    testsAtStage5: 0,
  };
  s.programme = { stage: 1, readiness: 40, tests: 0 };
  s.crisis = 20;
  set(s);
  return s;
}

const ALWAYS: Partial<Rules> = { testSuccessBase: 100, testSuccessMax: 100 };
const NEVER: Partial<Rules> = { testSuccessBase: 0, testSuccessMax: 0 };

function run(s: GameState, actions: Action[], over: Partial<Rules> = {}): Ctx {
  const ctx = makeCtx(game(), s);
  ctx.actions = byPower((p) => (p === "KP" ? actions : []));
  ctx.rules = { ...rules, ...over };
  resolveProgramme(ctx);
  return ctx;
}

/** Tenths of readiness a gain of `n` points is worth at resource factor `rf`. */
const scale = (n: number, rf: number) => mulDiv(n * 10, 50 + Math.trunc(rf / 2), 100);

describe("resourceFactor", () => {
  test("the mean of currency as % of currencyFull and fuel as % of one round's consumption, each capped at 100", () => {
    const rf = (currency: number, fuel: number) =>
      resourceFactor(
        stateWith((s) => {
          s.nk.currency = currency;
          s.nk.fuel = fuel;
        }),
      );
    const c = Math.trunc(rules.currencyFull * 0.37);
    const f = Math.trunc(rules.fuelConsumption * 0.61);
    expect(rf(c, f)).toBe(
      Math.trunc((mulDiv(c, 100, rules.currencyFull) + mulDiv(f, 100, rules.fuelConsumption)) / 2),
    );
    expect(rf(c, 0)).toBe(Math.trunc(mulDiv(c, 100, rules.currencyFull) / 2));
    expect(rf(0, f)).toBe(Math.trunc(mulDiv(f, 100, rules.fuelConsumption) / 2));
    expect(rf(rules.currencyFull * 3, 0)).toBe(50);
    expect(rf(0, rules.fuelConsumption * 3)).toBe(50);
    expect(rf(rules.currencyFull * 3, rules.fuelConsumption * 3)).toBe(100);
  });
});

describe("a missile test's success chance: min(testSuccessMax, testSuccessBase + readiness / 4)", () => {
  const successes = (readiness: number, over: Partial<Rules>) => {
    let n = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const s = stateWith((x) => {
        x.programme.readiness = readiness;
      }, seed);
      const ctx = run(s, [{ type: "missile_test" }], over);
      if (ctx.events.find((e) => e.kind === "missile_tested")!.data.success === 1) n++;
    }
    return n;
  };
  test("base 100 − readiness/4 gives chance 100: every test succeeds (60 seeds)", () => {
    expect(successes(43, { testSuccessBase: 100 - Math.trunc(43 / 4), testSuccessMax: 100 })).toBe(60);
  });
  test("readiness 3 adds nothing (3/4 truncates to 0): at base 0 every test fails", () => {
    expect(successes(3, { testSuccessBase: 0, testSuccessMax: 100 })).toBe(0);
  });
  test("testSuccessMax caps the chance: max 0 fails every test however high the base", () => {
    expect(successes(80, { testSuccessBase: 100, testSuccessMax: 0 })).toBe(0);
  });
  test("a chance between 0 and 100 gives both outcomes (the roll decides)", () => {
    const n = successes(0, { testSuccessBase: 50, testSuccessMax: 100 });
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(60);
  });
});

describe("a successful missile test", () => {
  test("pays the test's currency and fuel, counts the test and adds progressMin + (progressMax − progressMin) × resources %", () => {
    const s = stateWith((x) => {
      x.nk.currency = Math.trunc(rules.currencyFull / 2);
      x.nk.fuel = 0;
      x.nk.progress = 10;
    });
    const rf = resourceFactor(s);
    const ctx = run(s, [{ type: "missile_test" }], ALWAYS);
    expect(ctx.nkSpend).toMatchObject({ currency: missile.numbers.currency, fuel: missile.numbers.fuel });
    expect(ctx.s.programme.tests).toBe(1);
    const progress = 10 + rules.progressMin + mulDiv(rules.progressMax - rules.progressMin, rf, 100);
    expect(progress).toBeLessThan(100);
    expect(ctx.s.nk.progress).toBe(progress);
    expect(ctx.s.programme.stage).toBe(1);
  });

  test("progress reaching exactly 100 moves up a stage and carries the rest; 99 does not", () => {
    const gain = rules.progressMin + mulDiv(rules.progressMax - rules.progressMin, 100, 100);
    const at = (progress: number) =>
      run(
        stateWith((x) => void Object.assign(x.nk, { progress })),
        [{ type: "missile_test" }],
        ALWAYS,
      );
    const up = at(100 - gain);
    expect([up.s.programme.stage, up.s.nk.progress]).toEqual([2, 0]);
    const carry = at(100 - gain + 7);
    expect([carry.s.programme.stage, carry.s.nk.progress]).toEqual([2, 7]);
    const short = at(99 - gain);
    expect([short.s.programme.stage, short.s.nk.progress]).toEqual([1, 99]);
    expect(up.events.find((e) => e.kind === "missile_tested")!.extra).toEqual({ stageUp: 1 });
    expect(short.events.find((e) => e.kind === "missile_tested")!.extra).toBeUndefined();
  });

  test("reaching stage 5 clears progress and costs the US 2 stability", () => {
    const ctx = run(
      stateWith((x) => {
        x.programme.stage = 4;
        x.nk.progress = 99;
        x.powers.US.stability = 60;
      }),
      [{ type: "missile_test" }],
      ALWAYS,
    );
    expect([ctx.s.programme.stage, ctx.s.nk.progress, ctx.s.powers.US.stability]).toEqual([5, 0, 58]);
  });

  test("a stage up below 5 leaves the US's stability alone", () => {
    const ctx = run(
      stateWith((x) => {
        x.programme.stage = 2;
        x.nk.progress = 99;
        x.powers.US.stability = 60;
      }),
      [{ type: "missile_test" }],
      ALWAYS,
    );
    expect([ctx.s.programme.stage, ctx.s.powers.US.stability]).toEqual([3, 60]);
  });

  test("readiness gains readinessPerTest scaled by resources, plus passive growth, in tenths with the remainder carried", () => {
    const s = stateWith((x) => {
      x.nk.currency = Math.trunc(rules.currencyFull * 0.3);
      x.nk.fuel = Math.trunc(rules.fuelConsumption * 0.7);
      x.nk.readinessTenths = 4;
      x.programme.readiness = 40;
    });
    const rf = resourceFactor(s);
    const ctx = run(s, [{ type: "missile_test" }], ALWAYS);
    const tenths = 4 + scale(rules.readinessPerTest, rf) + scale(rules.readinessPassive, rf);
    // The test's tenths are banked before the passive ones; whole points are the same either way.
    expect(ctx.s.programme.readiness).toBe(40 + Math.trunc(tenths / 10));
    expect(ctx.s.nk.readinessTenths).toBe(tenths % 10);
  });

  test("the test adds its crisis (plus crisisStageUp when it moves a stage) in North Korea's name", () => {
    // No resources: progress gains progressMin only, short of a stage.
    const plain = run(
      stateWith((x) => {
        x.nk.currency = 0;
        x.nk.fuel = 0;
      }),
      [{ type: "missile_test" }],
      ALWAYS,
    );
    expect(plain.s.programme.stage).toBe(1);
    expect(plain.s.crisis).toBe(20 + missile.numbers.crisis!);
    expect(plain.crisisBy.KP).toBe(missile.numbers.crisis);
    const up = run(
      stateWith((x) => {
        x.nk.progress = 99;
      }),
      [{ type: "missile_test" }],
      ALWAYS,
    );
    expect(up.s.crisis).toBe(20 + missile.numbers.crisis! + missile.numbers.crisisStageUp!);
  });

  test("the test's effects apply (relations)", () => {
    const s = stateWith();
    const before = { ...s.relations };
    const ctx = run(s, [{ type: "missile_test" }], ALWAYS);
    for (const [k, d] of Object.entries(missile.effects!.relations!))
      expect(ctx.s.relations[k as keyof typeof before]).toBe(
        Math.max(-100, before[k as keyof typeof before] + (d ?? 0)),
      );
  });
});

describe("a failed missile test", () => {
  test("adds progressOnFailure to progress (never past 99) and 1 readiness; the crisis still rises", () => {
    const s = stateWith((x) => {
      x.nk.progress = 10;
      x.nk.readinessTenths = 0;
    });
    const rf = resourceFactor(s);
    const ctx = run(s, [{ type: "missile_test" }], NEVER);
    expect(ctx.s.nk.progress).toBe(10 + rules.progressOnFailure);
    expect(ctx.s.programme.readiness).toBe(40 + 1 + Math.trunc(scale(rules.readinessPassive, rf) / 10));
    expect(ctx.s.programme.stage).toBe(1);
    expect(ctx.s.programme.tests).toBe(1);
    expect(ctx.s.crisis).toBe(20 + missile.numbers.crisis!);
    const capped = run(
      stateWith((x) => void Object.assign(x.nk, { progress: 95 })),
      [{ type: "missile_test" }],
      NEVER,
    );
    expect(capped.s.nk.progress).toBe(99);
    expect(capped.s.programme.stage).toBe(1);
  });
});

describe("tests after stage 5", () => {
  test("add no progress, readiness divided by 1 + earlier stage-5 tests, half the crisis, and count as stage-5 tests", () => {
    const at = (earlier: number) => {
      const s = stateWith((x) => {
        x.programme.stage = 5;
        x.nk.progress = 0;
        x.nk.testsAtStage5 = earlier;
        x.nk.readinessTenths = 0;
      });
      return { rf: resourceFactor(s), ctx: run(s, [{ type: "missile_test" }], ALWAYS) };
    };
    for (const earlier of [0, 2]) {
      const { rf, ctx } = at(earlier);
      const tenths =
        Math.trunc(scale(rules.readinessPerTest, rf) / (1 + earlier)) + scale(rules.readinessPassive, rf);
      expect(ctx.s.programme.readiness, `after ${earlier} earlier`).toBe(40 + Math.trunc(tenths / 10));
      expect(ctx.s.nk.readinessTenths).toBe(tenths % 10);
      expect(ctx.s.nk.progress).toBe(0);
      expect(ctx.s.programme.stage).toBe(5);
      expect(ctx.s.nk.testsAtStage5).toBe(earlier + 1);
      expect(ctx.s.crisis).toBe(20 + Math.trunc(missile.numbers.crisis! / 2));
    }
  });

  test("a failed test at stage 5 counts as a stage-5 test; one below stage 5 does not", () => {
    const five = run(
      stateWith((x) => void Object.assign(x.programme, { stage: 5 })),
      [{ type: "missile_test" }],
      NEVER,
    );
    expect(five.s.nk.testsAtStage5).toBe(1);
    const four = run(
      stateWith((x) => void Object.assign(x.programme, { stage: 4 })),
      [{ type: "missile_test" }],
      NEVER,
    );
    expect(four.s.nk.testsAtStage5).toBe(0);
  });
});

describe("a nuclear test and passive growth", () => {
  test("a nuclear test pays its currency, counts as a test, and adds its readiness scaled by resources plus passive growth", () => {
    const s = stateWith((x) => {
      x.nk.currency = Math.trunc(rules.currencyFull * 0.2);
      x.nk.fuel = Math.trunc(rules.fuelConsumption * 0.9);
      x.powers.KP.standing = 50;
    });
    const rf = resourceFactor(s);
    const ctx = run(s, [{ type: "nuclear_test" }]);
    expect(ctx.nkSpend.currency).toBe(nuclear.numbers.currency);
    expect(ctx.s.programme.tests).toBe(1);
    const tenths = scale(nuclear.numbers.readiness!, rf) + scale(rules.readinessPassive, rf);
    expect(ctx.s.programme.readiness).toBe(40 + Math.trunc(tenths / 10));
    expect(ctx.s.nk.readinessTenths).toBe(tenths % 10);
    expect(ctx.s.crisis).toBe(20 + nuclear.effects!.crisis!);
    expect(ctx.s.powers.KP.standing).toBe(50 + nuclear.effects!.self!.standing!);
    // The event reports readiness after the test, before the round's passive growth.
    expect(ctx.events.find((e) => e.kind === "nuclear_tested")!.data).toEqual({
      readiness: 40 + Math.trunc(scale(nuclear.numbers.readiness!, rf) / 10),
    });
  });

  test("with no test, readiness grows by readinessPassive scaled by resources (50% assured + 50% × resources)", () => {
    for (const [currency, fuel] of [
      [0, 0],
      [rules.currencyFull, rules.fuelConsumption],
      [Math.trunc(rules.currencyFull / 3), 0],
    ] as const) {
      const s = stateWith((x) => {
        x.nk.currency = currency;
        x.nk.fuel = fuel;
        x.nk.readinessTenths = 9;
      });
      const rf = resourceFactor(s);
      const ctx = run(s, []);
      const tenths = 9 + scale(rules.readinessPassive, rf);
      expect(ctx.s.programme.readiness, `rf ${rf}`).toBe(40 + Math.trunc(tenths / 10));
      expect(ctx.s.nk.readinessTenths).toBe(tenths % 10);
      expect(ctx.s.programme.tests).toBe(0);
      expect(ctx.s.crisis).toBe(20);
    }
  });

  test("readiness stops at 100", () => {
    const ctx = run(
      stateWith((x) => void Object.assign(x.programme, { readiness: 100 })),
      [{ type: "nuclear_test" }],
    );
    expect(ctx.s.programme.readiness).toBe(100);
  });
});

describe("what the step records", () => {
  const find = (ctx: Ctx, index: string) => ctx.s.explanations.find((x) => x.index === index);

  test("a successful test's readiness explanation: the test's whole points, the passive points, the resource factor (to North Korea)", () => {
    const s = stateWith((x) => {
      x.nk.readinessTenths = 0;
      // Half resources: progress gains short of a stage.
      x.nk.currency = 0;
    });
    const rf = resourceFactor(s);
    const ctx = run(s, [{ type: "missile_test" }], ALWAYS);
    const test1 = Math.trunc(scale(rules.readinessPerTest, rf) / 10);
    const carry = scale(rules.readinessPerTest, rf) % 10;
    const passive = Math.trunc((carry + scale(rules.readinessPassive, rf)) / 10);
    expect(passive).toBeGreaterThan(0);
    const e = find(ctx, "readiness")!;
    expect(e).toMatchObject({ from: 40, to: 40 + test1 + passive, visibleTo: "all" });
    expect(e.parts).toEqual([
      { why: "test_succeeded", value: test1, delta: test1, visibleTo: "all" },
      { why: "passive", value: passive, delta: passive, visibleTo: "all" },
      { why: "resources", value: rf, visibleTo: ["KP"] },
    ]);
    expect(ctx.crisisParts).toEqual([
      { why: "label", label: "North Korean missile test", delta: missile.numbers.crisis, visibleTo: "all" },
    ]);
    expect(ctx.events.find((e) => e.kind === "programme_progress")).toMatchObject({
      data: { progress: ctx.s.nk.progress, resources: rf },
      visibleTo: ["KP"],
    });
    expect(ctx.events.find((e) => e.kind === "missile_tested")).toMatchObject({
      data: { success: 1, stage: 1 },
      visibleTo: "all",
    });
  });

  test("a failed test is explained as a little learned; with no passive whole point there is no passive line", () => {
    const s = stateWith((x) => {
      x.nk.currency = 0;
      x.nk.fuel = 0;
      x.nk.readinessTenths = 0;
    });
    // A passive gain of 1 point is 5 tenths at no resources: no whole point this round.
    const ctx = run(s, [{ type: "missile_test" }], { ...NEVER, readinessPassive: 1 });
    expect(scale(1, 0)).toBeLessThan(10);
    expect(find(ctx, "readiness")!.parts).toEqual([
      { why: "label", label: "missile test failed: a little learned", delta: 1, visibleTo: "all" },
      { why: "resources", value: 0, visibleTo: ["KP"] },
    ]);
    expect(ctx.crisisParts[0]).toMatchObject({ label: "failed North Korean missile test" });
    expect(ctx.events.find((e) => e.kind === "missile_tested")!.data).toEqual({ success: 0, stage: 1 });
  });

  test("a nuclear test's readiness line carries its whole points", () => {
    const s = stateWith((x) => {
      x.nk.readinessTenths = 0;
    });
    const rf = resourceFactor(s);
    const ctx = run(s, [{ type: "nuclear_test" }]);
    const gain = Math.trunc(scale(nuclear.numbers.readiness!, rf) / 10);
    expect(find(ctx, "readiness")!.parts[0]).toEqual({
      why: "nuclear_test",
      value: gain,
      delta: gain,
      visibleTo: "all",
    });
    expect(ctx.crisisParts[0]).toMatchObject({ label: "North Korean nuclear test" });
  });

  test("a stage change is explained with the new stage; no change, no stage explanation", () => {
    const up = run(
      stateWith((x) => void Object.assign(x.nk, { progress: 99 })),
      [{ type: "missile_test" }],
      ALWAYS,
    );
    expect(find(up, "stage")).toMatchObject({
      from: 1,
      to: 2,
      visibleTo: "all",
      parts: [{ why: "stage", stage: 2, visibleTo: "all" }],
    });
    expect(find(run(stateWith(), []), "stage")).toBeUndefined();
  });

  test("the catalogue's numbers drive a test (here crisis 10, stage-up 6, nuclear readiness 30)", () => {
    const tuned = (x: GameState) => {
      x.scenario = {
        ...x.scenario,
        actions: x.scenario.actions.map((a) =>
          a.type === "missile_test"
            ? { ...a, numbers: { ...a.numbers, crisis: 10, crisisStageUp: 6 } }
            : a.type === "nuclear_test"
              ? { ...a, numbers: { ...a.numbers, readiness: 30 } }
              : a,
        ),
      };
    };
    const plain = run(
      stateWith((x) => {
        tuned(x);
        x.nk.currency = 0;
        x.nk.fuel = 0;
      }),
      [{ type: "missile_test" }],
      ALWAYS,
    );
    expect(plain.s.crisis).toBe(30);
    const up = run(
      stateWith((x) => {
        tuned(x);
        x.nk.progress = 99;
      }),
      [{ type: "missile_test" }],
      ALWAYS,
    );
    expect(up.s.crisis).toBe(36);
    const five = run(
      stateWith((x) => {
        tuned(x);
        x.programme.stage = 5;
      }),
      [{ type: "missile_test" }],
      ALWAYS,
    );
    expect(five.s.crisis).toBe(25);
    const s = stateWith((x) => {
      tuned(x);
      x.nk.readinessTenths = 0;
    });
    const rf = resourceFactor(s);
    const nuke = run(s, [{ type: "nuclear_test" }]);
    expect(nuke.s.programme.readiness).toBe(
      40 + Math.trunc((scale(30, rf) + scale(rules.readinessPassive, rf)) / 10),
    );
  });
});
