/**
 * The dynamics run (issue 10): `npm run dynamics -- --games N --seed S [--rounds R] [--planner P]
 * [--resamples B] [--json]`. Plays N self-play games (mixed personalities; P% planner seats, default
 * 20), measures each dynamic of DESIGN §5 in them — causal effects by branching the same game with
 * and without one change (scripts/dynamics/measure.ts) — and prints, per check, the statistic, its
 * 95% bootstrap interval, the threshold fixed before tuning, and pass/fail. With --json the last line
 * of stdout is one JSON object. Exit code 1 if any check fails.
 */

import { numberArgs } from "./args.js";
import { evaluate } from "./dynamics/checks.js";
import { type GameRecord, measureGame } from "./dynamics/measure.js";

const arg = numberArgs(
  "npm run dynamics -- --games N --seed S [--rounds R] [--planner P] [--resamples B] [--json]",
);

const games = arg("games", 200);
const seed = arg("seed", 1);
const rounds = arg("rounds", 8);
const plannerPct = arg("planner", 20);
const resamples = arg("resamples", 1000);
const json = process.argv.includes("--json");

const t0 = performance.now();
const records: GameRecord[] = [];
for (let i = 0; i < games; i++) records.push(measureGame(seed, i, { plannerPct, rounds, nogo: true }));
const results = evaluate(records, resamples, seed);
const seconds = (performance.now() - t0) / 1000;

const f = (x: number) => (Number.isNaN(x) ? "n/a" : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(3));
console.log(
  `${games} games, seed ${seed}, ${rounds} rounds, ${plannerPct}% planner seats, ${resamples} bootstrap resamples, ${seconds.toFixed(1)} s`,
);
console.log("check  value     95% interval          threshold  n     result  statistic");
for (const r of results)
  console.log(
    `${r.id.padEnd(6)} ${f(r.value).padStart(8)}  [${f(r.ci95[0])}, ${f(r.ci95[1])}]`.padEnd(38) +
      ` ${r.op} ${String(r.threshold).padEnd(6)}  ${String(r.samples).padEnd(5)} ${r.pass ? "pass" : "FAIL"}    ${r.statistic}`,
  );
const avg = (xs: (number | undefined)[]) => {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
};
const observed = {
  cnBaselineStart: avg(records.map((r) => r.baselineStart)),
  cnBaselineEnd: avg(records.map((r) => r.baselineEnd)),
  testOnAnnounced: avg(records.map((r) => r.opticsParts?.[0])),
  testOnAchieved: avg(records.map((r) => r.opticsParts?.[1])),
};
console.log(
  `observed: a test raises China's announced enforcement by ${f(observed.testOnAnnounced)} and its achieved by ${f(observed.testOnAchieved)} the next round (mean)`,
);
console.log(
  `observed: China's effective enforcement baseline ${f(observed.cnBaselineStart)} after round 1, ${f(observed.cnBaselineEnd)} at the end (mean)`,
);
const byDynamic = new Map<number, boolean>();
for (const r of results) byDynamic.set(r.dynamic, (byDynamic.get(r.dynamic) ?? true) && r.pass);
const dynamics = Object.fromEntries([...byDynamic].map(([d, ok]) => [d, ok]));
const allPass = results.every((r) => r.pass);
console.log(
  `dynamics: ${[...byDynamic].map(([d, ok]) => `${d} ${ok ? "pass" : "FAIL"}`).join(", ")} — ${allPass ? "all pass" : "some fail"}`,
);
if (json)
  console.log(
    JSON.stringify({
      games,
      seed,
      rounds,
      plannerPct,
      resamples,
      seconds,
      allPass,
      dynamics,
      checks: results,
    }),
  );
if (!allPass) process.exitCode = 1;
