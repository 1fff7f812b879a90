/**
 * `npm run bench:bots`: time per planner decision (median, p95, max) on one core, over orders-phase
 * views from seeded bot games, plus the rule bot for comparison. The planner's budget is a fixed
 * number of candidates × samples × rounds (shared/bots/planner.ts PLANNER_BUDGET), calibrated here
 * against the 50 ms limit. Timing lives here, never in tests or in shared/.
 */
import { PLANNER_BUDGET, plannerBot } from "../shared/bots/planner.js";
import { ruleBot } from "../shared/bots/rules.js";
import { gameSeed } from "../shared/bots/selfplay.js";
import {
  type GameState,
  newGame,
  type PlayerView,
  POWERS,
  type PowerId,
  step,
  viewFor,
} from "../shared/index.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const games = arg("games", 12);

// Orders-phase views from rule-bot games (every seat, every round).
const views: { view: PlayerView; power: PowerId }[] = [];
for (let g = 0; g < games; g++) {
  let s: GameState = newGame({ gameId: `bench-bots-${g}`, seed: gameSeed(11, g) });
  while (s.phase !== "ended") {
    for (const p of POWERS) {
      if (s.phase === "orders") views.push({ view: viewFor(s, p), power: p });
      for (const input of ruleBot(viewFor(s, p), p)) {
        const r = step(s, p, input);
        if (r.ok) s = r.value;
      }
    }
    const r = step(s, "SYSTEM", { type: "advance_phase" });
    if (!r.ok) throw new Error(r.error.code);
    s = r.value;
  }
}

/**
 * Wall time per decision, and CPU time (user + system, from process.cpuUsage): on a machine shared
 * with other jobs the wall time includes waiting for a core, the CPU time does not.
 */
function time(fn: (v: PlayerView, p: PowerId) => unknown): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const { view, power } of views.slice(0, 20)) fn(view, power); // warm up
  for (const { view, power } of views) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn(view, power);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}
const q = (xs: number[], f: number) => xs[Math.min(xs.length - 1, Math.floor(f * xs.length))]!;
const fmt = (xs: number[]) =>
  `median ${q(xs, 0.5).toFixed(2)} ms, p95 ${q(xs, 0.95).toFixed(2)} ms, max ${xs[xs.length - 1]!.toFixed(2)} ms`;

const rule = time((v, p) => ruleBot(v, p));
const plan = time((v, p) => plannerBot(v, p));
console.log(`${views.length} orders decisions; planner budget ${JSON.stringify(PLANNER_BUDGET)}`);
console.log(`rule bot:  ${fmt(rule.wall)}`);
console.log(`planner:   ${fmt(plan.wall)}`);
console.log(`planner CPU time: ${fmt(plan.cpu)}`);
console.log(
  JSON.stringify({
    decisions: views.length,
    plannerMedianMs: q(plan.wall, 0.5),
    plannerP95Ms: q(plan.wall, 0.95),
    plannerCpuMedianMs: q(plan.cpu, 0.5),
    plannerCpuP95Ms: q(plan.cpu, 0.95),
    ruleMedianMs: q(rule.wall, 0.5),
  }),
);
