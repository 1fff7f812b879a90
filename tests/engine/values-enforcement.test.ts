/**
 * Enforcement by value (shared/engine/enforcement.ts, step 4): the baseline (scenario + capped
 * pressure − China's tension share + Russia's relations term), the three ways achieved enforcement
 * moves (sustained steps, an unpaid crackdown's capped step, the drift R' = B + (R − B)·fade),
 * pressures' and tension's decay, and the implied range others see.
 */
import { describe, expect, test } from "vitest";
import { type Ctx, makeCtx } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import {
  addPressure,
  baselineOf,
  decayPressures,
  impliedRange,
  resolveEnforcement,
} from "../../shared/engine/enforcement.js";
import { newGame } from "../../shared/index.js";
import type { PowerId } from "../../shared/powers.js";
import type { GameState } from "../../shared/state.js";

const game = () => newGame({ gameId: "values-enforcement", seed: 1 });
const sc = game().scenario;
const rules = sc.rules;
const pctOf = (v: number, p: number) => Math.trunc((v * p) / 100);
const mulDiv = (a: number, b: number, c: number) => Math.trunc((a * b) / c);
const B = (p: PowerId) => sc.powers[p].enforcement.baseline;
const ruUsStart = sc.relations["RU-US"] ?? 0;

/** No pressure, no tension, US–Russia relations at their start: every baseline is the scenario's. */
function stateWith(set: (s: GameState) => void = () => {}): GameState {
  const s = copyState(game());
  s.pressure = { US: 0, CN: 0, RU: 0, KP: 0, KR: 0 };
  s.tension = 0;
  s.relations = { ...s.relations, "RU-US": ruUsStart };
  s.explanations = [];
  for (const p of ["US", "CN", "RU", "KP", "KR"] as const)
    s.enforcement[p] = { ...s.enforcement[p], baseline: B(p), actual: B(p), target: B(p), sustain: false };
  set(s);
  return s;
}

function run(s: GameState, raised: PowerId[] = []): Ctx {
  const ctx = makeCtx(game(), s);
  resolveEnforcement(ctx, new Set(raised));
  return ctx;
}

describe("baselineOf", () => {
  test("with no pressure, tension or change in relations, it is the scenario's baseline", () => {
    const s = stateWith();
    for (const p of ["US", "CN", "RU", "KR"] as const) expect(baselineOf(s, p)).toBe(B(p));
  });

  test("pressure adds pressureWeight% of itself, at most pressureMax", () => {
    const small = Math.trunc((rules.pressureMax * 100) / rules.pressureWeight / 2);
    const s = stateWith((x) => {
      x.pressure.US = small;
      x.pressure.KR = 100;
    });
    expect(baselineOf(s, "US")).toBe(Math.min(100, B("US") + pctOf(small, rules.pressureWeight)));
    expect(pctOf(small, rules.pressureWeight)).toBeLessThan(rules.pressureMax);
    expect(baselineOf(s, "KR")).toBe(Math.min(100, B("KR") + rules.pressureMax));
  });

  test("China's baseline falls by tensionWeight% of US–China tension; no one else's does", () => {
    const s = stateWith((x) => {
      x.tension = 57;
    });
    expect(baselineOf(s, "CN")).toBe(B("CN") - pctOf(57, rules.tensionWeight));
    expect(baselineOf(s, "KR")).toBe(B("KR"));
  });

  test("Russia's baseline moves by the change in US–Russia relations / ruRelationsDivisor (truncated), up and down", () => {
    const at = (delta: number) =>
      baselineOf(
        stateWith((x) => {
          x.relations = { ...x.relations, "RU-US": ruUsStart + delta };
        }),
        "RU",
      );
    expect(at(35)).toBe(B("RU") + Math.trunc(35 / rules.ruRelationsDivisor));
    expect(at(-25)).toBe(B("RU") + Math.trunc(-25 / rules.ruRelationsDivisor));
    expect(at(rules.ruRelationsDivisor - 1)).toBe(B("RU"));
    const cn = stateWith((x) => {
      x.relations = { ...x.relations, "RU-US": ruUsStart + 50 };
    });
    expect(baselineOf(cn, "CN")).toBe(B("CN"));
  });

  test("the baseline stays within 0–100", () => {
    const s = stateWith((x) => {
      x.tension = 100;
      x.pressure.US = 100;
      x.scenario = {
        ...x.scenario,
        powers: {
          ...x.scenario.powers,
          CN: { ...x.scenario.powers.CN, enforcement: { ...x.scenario.powers.CN.enforcement, baseline: 10 } },
          US: { ...x.scenario.powers.US, enforcement: { ...x.scenario.powers.US.enforcement, baseline: 99 } },
        },
      };
    });
    expect(baselineOf(s, "CN")).toBe(0);
    expect(baselineOf(s, "US")).toBe(100);
  });
});

describe("resolveEnforcement: sustained", () => {
  const sustained = (actual: number, target: number) =>
    run(
      stateWith((x) => {
        x.enforcement.CN = { ...x.enforcement.CN, actual, target, sustain: true };
      }),
    ).s.enforcement.CN.actual;

  test("moves up toward the target by at most enforcementStepUp, reaching it when closer", () => {
    expect(sustained(30, 90)).toBe(30 + rules.enforcementStepUp);
    expect(sustained(30, 30 + rules.enforcementStepUp)).toBe(30 + rules.enforcementStepUp);
    expect(sustained(30, 30 + rules.enforcementStepUp - 1)).toBe(30 + rules.enforcementStepUp - 1);
    expect(sustained(30, 30)).toBe(30);
  });

  test("moves down toward a lower target by at most enforcementStepDown", () => {
    expect(sustained(90, 0)).toBe(90 - rules.enforcementStepDown);
    expect(sustained(90, 90 - rules.enforcementStepDown)).toBe(90 - rules.enforcementStepDown);
    expect(sustained(90, 90 - rules.enforcementStepDown + 1)).toBe(90 - rules.enforcementStepDown + 1);
  });

  test("a sustained change is explained as sustained, with the target", () => {
    const ctx = run(
      stateWith((x) => {
        x.enforcement.CN = { ...x.enforcement.CN, actual: 30, target: 90, sustain: true };
      }),
    );
    const e = ctx.s.explanations.find((x) => x.index === "enforcement:CN")!;
    expect([e.from, e.to]).toEqual([30, 30 + rules.enforcementStepUp]);
    expect(e.parts).toEqual([
      { why: "sustained", before: 30, after: 30 + rules.enforcementStepUp, target: 90, visibleTo: ["CN"] },
    ]);
  });
});

describe("resolveEnforcement: drift", () => {
  const drift = (actual: number, raised: PowerId[] = [], target = 100) =>
    run(
      stateWith((x) => {
        x.enforcement.CN = { ...x.enforcement.CN, actual, target };
      }),
      raised,
    );

  test("without upkeep achieved drifts to B + (R − B) × fade%, from above and from below (truncated toward zero)", () => {
    const b = B("CN");
    expect(drift(b + 38).s.enforcement.CN.actual).toBe(b + mulDiv(38, rules.enforcementFade, 100));
    expect(drift(b - 32).s.enforcement.CN.actual).toBe(b + mulDiv(-32, rules.enforcementFade, 100));
    expect(drift(b).s.enforcement.CN.actual).toBe(b);
  });

  test("a drift is explained as drift, with the baseline; no move, no explanation", () => {
    const b = B("CN");
    const ctx = drift(b + 38);
    const e = ctx.s.explanations.find((x) => x.index === "enforcement:CN")!;
    expect(e.parts).toEqual([
      {
        why: "drift",
        before: b + 38,
        after: b + mulDiv(38, rules.enforcementFade, 100),
        baseline: b,
        visibleTo: ["CN"],
      },
    ]);
    expect(drift(b).s.explanations.find((x) => x.index === "enforcement:CN")).toBeUndefined();
  });

  test("North Korea has no enforcement to move", () => {
    const ctx = run(
      stateWith((x) => {
        x.enforcement.KP = { ...x.enforcement.KP, actual: 50 };
      }),
    );
    expect(ctx.s.enforcement.KP.actual).toBe(50);
  });
});

describe("resolveEnforcement: an unpaid crackdown", () => {
  const b = B("CN");
  const step = rules.crackdownStep;
  const crack = (actual: number, target: number, raised = true) =>
    run(
      stateWith((x) => {
        x.enforcement.CN = { ...x.enforcement.CN, actual, target };
      }),
      raised ? ["CN"] : [],
    );
  const driftOf = (r: number) => b + mulDiv(r - b, rules.enforcementFade, 100);

  test("from the baseline a raised target moves achieved up crackdownStep, explained with the cap B + step", () => {
    const ctx = crack(b, 90);
    expect(ctx.s.enforcement.CN.actual).toBe(b + step);
    const e = ctx.s.explanations.find((x) => x.index === "enforcement:CN")!;
    expect(e.parts).toEqual([
      { why: "crackdown", before: b, after: b + step, target: 90, cap: b + step, visibleTo: ["CN"] },
    ]);
  });

  test("it stops at the target when the target is nearer than a step", () => {
    expect(crack(b, b + step - 1).s.enforcement.CN.actual).toBe(b + step - 1);
  });

  test("it never goes above B + crackdownStep: one below the cap gains one point", () => {
    const ctx = crack(b + step - 1, 90);
    expect(ctx.s.enforcement.CN.actual).toBe(Math.max(driftOf(b + step - 1), b + step));
  });

  test("above the cap it holds where it is (the cap is then achieved itself), when that beats the drift", () => {
    const r = b + step + 10;
    expect(crack(r, 95).s.enforcement.CN.actual).toBe(Math.max(driftOf(r), Math.min(95, r + step, r)));
  });

  test("well below the baseline the drift is the larger and wins, explained as drift", () => {
    const r = b - 30;
    const ctx = crack(r, 90);
    expect(driftOf(r)).toBeGreaterThan(r + step);
    expect(ctx.s.enforcement.CN.actual).toBe(driftOf(r));
    expect(ctx.s.explanations.find((x) => x.index === "enforcement:CN")!.parts[0]!.why).toBe("drift");
  });

  test("when the crackdown and the drift come to the same figure it is explained as a crackdown", () => {
    // R = B − 5: drift B + (−5)·fade (truncated), crackdown min(target, R + step, cap); target = the drift.
    const r = b - 5;
    const d = driftOf(r);
    expect(d).toBeGreaterThan(r);
    const ctx = crack(r, d);
    expect(ctx.s.enforcement.CN.actual).toBe(d);
    expect(ctx.s.explanations.find((x) => x.index === "enforcement:CN")!.parts[0]!.why).toBe("crackdown");
  });

  test("a raised target at or below achieved, or a target not raised this round, only drifts", () => {
    const r = b + 20;
    expect(crack(r, r).s.enforcement.CN.actual).toBe(driftOf(r));
    expect(crack(r, 90, false).s.enforcement.CN.actual).toBe(driftOf(r));
  });
});

describe("resolveEnforcement: the baseline each round", () => {
  test("a changed baseline is stored and explained (scenario baseline, pressure, and for China tension)", () => {
    const ctx = run(
      stateWith((x) => {
        x.tension = 50;
        x.enforcement.CN.baseline = B("CN");
      }),
    );
    expect(ctx.s.enforcement.CN.baseline).toBe(B("CN") - pctOf(50, rules.tensionWeight));
    const e = ctx.s.explanations.find((x) => x.index === "baseline:CN")!;
    expect(e.parts.map((p) => p.why)).toEqual(["scenario_baseline", "pressure", "tension"]);
    expect(ctx.s.explanations.find((x) => x.index === "baseline:US")).toBeUndefined();
  });

  test("another power's baseline explanation has no tension line", () => {
    const ctx = run(
      stateWith((x) => {
        x.tension = 50;
        x.pressure.US = 100;
      }),
    );
    expect(ctx.s.explanations.find((x) => x.index === "baseline:US")!.parts.map((p) => p.why)).toEqual([
      "scenario_baseline",
      "pressure",
    ]);
  });

  test("the drift uses this round's baseline", () => {
    const ctx = run(
      stateWith((x) => {
        x.pressure.US = 100;
        x.enforcement.US = { ...x.enforcement.US, actual: 50, target: 50 };
      }),
    );
    const b = Math.min(100, B("US") + rules.pressureMax);
    expect(ctx.s.enforcement.US.baseline).toBe(b);
    expect(ctx.s.enforcement.US.actual).toBe(b + mulDiv(50 - b, rules.enforcementFade, 100));
  });
});

describe("pressures and the implied range", () => {
  test("end of round: tension keeps tensionKeep% and each pressure pressureKeep% (truncated)", () => {
    const s = stateWith((x) => {
      x.tension = 57;
      x.pressure = { US: 33, CN: 21, RU: 0, KP: 99, KR: 1 };
    });
    const ctx = makeCtx(game(), s);
    decayPressures(ctx);
    expect(ctx.s.tension).toBe(pctOf(57, rules.tensionKeep));
    expect(ctx.s.pressure).toEqual({
      US: pctOf(33, rules.pressureKeep),
      CN: pctOf(21, rules.pressureKeep),
      RU: 0,
      KP: pctOf(99, rules.pressureKeep),
      KR: pctOf(1, rules.pressureKeep),
    });
  });

  test("addPressure adds and stops at 100", () => {
    const s = stateWith((x) => {
      x.pressure.CN = 90;
    });
    addPressure(s, "CN", 8);
    expect(s.pressure.CN).toBe(98);
    addPressure(s, "CN", 8);
    expect(s.pressure.CN).toBe(100);
    expect(s.pressure.US).toBe(0);
  });

  test("the implied range is max(6, 40 − 7 × intel) wide, offset below achieved by the noise share of the width", () => {
    const range = (actual: number, intel: number, noise: number) =>
      impliedRange(
        stateWith((x) => {
          x.enforcement.CN.actual = actual;
          x.intelNoise = { ...x.intelNoise, CN: noise };
        }),
        "CN",
        intel,
      );
    for (const [actual, intel, noise] of [
      [50, 0, 50],
      [50, 2, 37],
      [50, 5, 100],
      [50, 4, 0],
    ] as const) {
      const width = Math.max(6, 40 - 7 * intel);
      const lo = actual - mulDiv(width, noise, 100);
      expect(range(actual, intel, noise), `intel ${intel} noise ${noise}`).toEqual([lo, lo + width]);
    }
    // Clamped at both ends of the scale.
    expect(range(5, 0, 100)).toEqual([0, 40]);
    expect(range(98, 0, 0)).toEqual([98, 100]);
  });
});
