/**
 * Sanctions enforcement (DESIGN §5, dynamics 2 and 5). Announced is free talk; achieved follows
 * the power's target only while it pays to sustain it, and otherwise drifts back to its baseline:
 * R' = B + (R − B)·fade. China's baseline falls with US–China tension and rises with pressure
 * (UN resolutions, designations of Chinese banks, agreements, North Korean tests).
 */
import { POWERS, type PowerId } from "../powers.js";
import type { GameState, Reason } from "../state.js";
import { type Ctx, only, relation } from "./context.js";
import { explain, indexKey } from "./explain.js";
import { clamp100, mulDiv, pct } from "./math.js";

/** A power's effective baseline in a state: the scenario's, minus tension, plus pressure. */
export function baselineOf(s: GameState, p: PowerId): number {
  const r = s.scenario.rules;
  // Pressure lifts the baseline only so far: a pile of resolutions makes lax enforcement costlier,
  // it does not make a government enforce what it chooses not to (DESIGN §5.2, issue 10).
  let b =
    s.scenario.powers[p].enforcement.baseline + Math.min(r.pressureMax, pct(s.pressure[p], r.pressureWeight));
  if (p === "CN") b -= pct(s.tension, r.tensionWeight);
  // Better US–Russia relations make Russia more willing to enforce (and less to backfill).
  if (p === "RU")
    b += Math.trunc((relation(s, "RU", "US") - (s.scenario.relations["RU-US"] ?? 0)) / r.ruRelationsDivisor);
  return clamp100(b);
}

/** Step 4 of the resolution: baselines, then achieved enforcement for every power. */
export function resolveEnforcement(ctx: Ctx, raisedTarget: ReadonlySet<PowerId>): void {
  const { s, rules } = ctx;
  for (const p of POWERS) {
    if (p === "KP") continue;
    const e = s.enforcement[p];
    const prevB = e.baseline;
    e.baseline = baselineOf(s, p);
    if (e.baseline !== prevB) {
      const mine = only(p);
      const parts: Reason[] = [
        { why: "scenario_baseline", value: s.scenario.powers[p].enforcement.baseline, visibleTo: mine },
        { why: "pressure", value: s.pressure[p], visibleTo: mine },
      ];
      if (p === "CN") parts.push({ why: "tension", value: s.tension, visibleTo: mine });
      explain(ctx, indexKey("baseline", p), prevB, e.baseline, mine, parts);
    }
    const before = e.actual;
    let mode: "sustained" | "crackdown" | "drift" = "drift";
    let cap = 0;
    if (e.sustain) {
      const gap = e.target - e.actual;
      const step =
        gap >= 0 ? Math.min(gap, rules.enforcementStepUp) : Math.max(gap, -rules.enforcementStepDown);
      e.actual = clamp100(e.actual + step);
      mode = "sustained";
    } else if (raisedTarget.has(p) && e.target > e.actual) {
      // A crackdown nobody pays to sustain moves achieved enforcement a short step (less than a
      // paid one) and at most that far above the baseline: optics, then fade.
      // Clamped: on the 0–100 scale the explanation must not promise "at most 108".
      cap = clamp100(Math.max(e.actual, e.baseline + rules.crackdownStep));
      // Never less than the drift would give: a baseline that jumped (pressure) lifts it anyway.
      const drift = e.baseline + mulDiv(e.actual - e.baseline, rules.enforcementFade, 100);
      const crackdown = Math.min(e.target, e.actual + rules.crackdownStep, cap);
      e.actual = clamp100(Math.max(drift, crackdown));
      mode = crackdown >= drift ? "crackdown" : "drift";
    } else {
      e.actual = clamp100(e.baseline + mulDiv(e.actual - e.baseline, rules.enforcementFade, 100));
    }
    if (e.actual === before) continue;
    const mine = only(p);
    const after = e.actual;
    const why: Reason =
      mode === "sustained"
        ? { why: mode, before, after, target: e.target, visibleTo: mine }
        : mode === "crackdown"
          ? { why: mode, before, after, target: e.target, cap, visibleTo: mine }
          : { why: mode, before, after, baseline: e.baseline, visibleTo: mine };
    explain(ctx, indexKey("enforcement", p), before, after, mine, [why]);
  }
}

/** End of round: US–China tension and pressures decay (they must be fed to last). */
export function decayPressures(ctx: Ctx): void {
  const { s, rules } = ctx;
  s.tension = pct(s.tension, rules.tensionKeep);
  for (const p of POWERS) s.pressure[p] = pct(s.pressure[p], rules.pressureKeep);
}

/** Adds pressure to a power's baseline (it decays each round unless renewed). */
export function addPressure(s: GameState, p: PowerId, amount: number): void {
  s.pressure[p] = clamp100(s.pressure[p] + amount);
}

/**
 * What another seat can infer about `p`'s achieved enforcement: a range that narrows with the
 * viewer's intelligence. It is offset by a per-round secret noise so its midpoint gives nothing away.
 */
export function impliedRange(s: GameState, p: PowerId, viewerIntel: number): [number, number] {
  const width = Math.max(6, 40 - 7 * viewerIntel);
  const actual = s.enforcement[p].actual;
  const below = mulDiv(width, s.intelNoise[p], 100);
  const lo = clamp100(actual - below);
  return [lo, clamp100(lo + width)];
}
