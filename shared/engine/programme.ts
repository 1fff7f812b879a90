/**
 * North Korea's programme (DESIGN §5, dynamic 9). Progress per test grows with hard currency and
 * fuel, so pressure slows the programme but never stops it; once stage 5 is shown, each further
 * test is worth less. Readiness also creeps up every round (warheads, reliability).
 */
import type { GameState, Reason } from "../state.js";
import { addCrisis, type Ctx, emit, has, only, roll } from "./context.js";
import { applyEffects } from "./effects.js";
import { explain } from "./explain.js";
import { clamp100, mulDiv } from "./math.js";

/** 0–100: how well North Korea can fund its programme (hard currency and fuel). */
export function resourceFactor(s: GameState): number {
  const r = s.scenario.rules;
  const cur = Math.min(100, mulDiv(s.nk.currency, 100, r.currencyFull));
  const fuel = Math.min(100, mulDiv(s.nk.fuel, 100, r.fuelConsumption));
  return Math.trunc((cur + fuel) / 2);
}

/**
 * Adds readiness earned in tenths of a point; whole points go to readiness, the rest is carried.
 * Returns the whole points added now.
 */
function addReadiness(s: GameState, tenths: number): number {
  const carry = (s.nk.readinessTenths ?? 0) + tenths;
  const whole = Math.trunc(carry / 10);
  const before = s.programme.readiness;
  s.programme.readiness = clamp100(before + whole);
  s.nk.readinessTenths = carry - whole * 10;
  return s.programme.readiness - before;
}

/** Step 7 of the resolution: tests, then the programme's steady growth. */
export function resolveProgramme(ctx: Ctx): void {
  const { s, rules } = ctx;
  const prog = s.programme;
  const rf = resourceFactor(s);
  const before = { stage: prog.stage, readiness: prog.readiness };
  const parts: Reason[] = [];
  // Gains in tenths of a point: half of each gain is assured, the other half needs resources.
  const scale = (n: number) => mulDiv(n * 10, 50 + Math.trunc(rf / 2), 100);

  if (has(ctx, "KP", "missile_test")) {
    const spec = s.scenario.actions.find((a) => a.type === "missile_test")!;
    const n = spec.numbers;
    ctx.nkSpend.currency += n.currency ?? 0;
    ctx.nkSpend.fuel += n.fuel ?? 0;
    const chance = Math.min(rules.testSuccessMax, rules.testSuccessBase + Math.trunc(prog.readiness / 4));
    const success = roll(ctx, chance);
    prog.tests += 1;
    const atFive = prog.stage >= 5;
    let stageUp = false;
    if (success) {
      if (!atFive) {
        s.nk.progress += rules.progressMin + mulDiv(rules.progressMax - rules.progressMin, rf, 100);
        if (s.nk.progress >= 100) {
          prog.stage += 1;
          s.nk.progress = prog.stage >= 5 ? 0 : s.nk.progress - 100;
          stageUp = true;
        }
      }
      const gain = addReadiness(
        s,
        Math.trunc(scale(rules.readinessPerTest) / (1 + (atFive ? s.nk.testsAtStage5 : 0))),
      );
      parts.push({ why: "test_succeeded", value: gain, delta: gain, visibleTo: "all" });
    } else {
      s.nk.progress = Math.min(99, s.nk.progress + rules.progressOnFailure);
      prog.readiness = clamp100(prog.readiness + 1);
      parts.push({
        why: "label",
        label: "missile test failed: a little learned",
        delta: 1,
        visibleTo: "all",
      });
    }
    if (atFive) s.nk.testsAtStage5 += 1;
    // A test after stage 5 alarms less: it shows nothing new.
    const crisis = atFive
      ? Math.trunc((n.crisis ?? 8) / 2)
      : (n.crisis ?? 8) + (stageUp ? (n.crisisStageUp ?? 0) : 0);
    addCrisis(ctx, "KP", crisis, success ? "North Korean missile test" : "failed North Korean missile test");
    applyEffects(ctx, spec.effects, "KP", "missile test");
    // A test adds no pressure on enforcement by itself: it invites sanctions (UN drafts, designations),
    // and those press. Direct pressure per test ratcheted China's baseline up and swamped the fade.
    emit(
      ctx,
      "missile_tested",
      { success: success ? 1 : 0, stage: prog.stage },
      "all",
      stageUp ? { stageUp: 1 } : undefined,
    );
    emit(ctx, "programme_progress", { progress: s.nk.progress, resources: rf }, only("KP"));
  }

  if (has(ctx, "KP", "nuclear_test")) {
    const spec = s.scenario.actions.find((a) => a.type === "nuclear_test")!;
    ctx.nkSpend.currency += spec.numbers.currency ?? 0;
    const gain = addReadiness(s, scale(spec.numbers.readiness ?? 12));
    prog.tests += 1;
    applyEffects(ctx, spec.effects, "KP", "North Korean nuclear test");
    parts.push({ why: "nuclear_test", value: gain, delta: gain, visibleTo: "all" });
    emit(ctx, "nuclear_tested", { readiness: prog.readiness });
  }

  const passive = addReadiness(s, scale(rules.readinessPassive));
  if (passive > 0) {
    parts.push({ why: "passive", value: passive, delta: passive, visibleTo: "all" });
  }
  parts.push({ why: "resources", value: rf, visibleTo: only("KP") });
  explain(ctx, "readiness", before.readiness, prog.readiness, "all", parts);
  if (prog.stage !== before.stage) {
    explain(ctx, "stage", before.stage, prog.stage, "all", [
      { why: "stage", stage: prog.stage, visibleTo: "all" },
    ]);
    if (prog.stage === 5) s.powers.US.stability = clamp100(s.powers.US.stability - 2);
  }
}

export const STAGE_NAMES = ["none", "Japan", "Guam", "Alaska", "Hawaii", "continental US"] as const;
