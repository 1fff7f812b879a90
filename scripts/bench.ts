/**
 * `npm run bench`: round-resolution time (median, p99), the cost of a view and of a state's hash,
 * and full games per second on one core, simple bots in every seat (they decide from `viewFor`, so
 * its cost counts). Targets (issue 3): p99 ≤ 0.2 ms per round; ≥ 1,000 8-round games/s.
 * Timing lives here, never in tests.
 *
 * It runs the way production does (the server runs TypeScript through tsx) and says so;
 * `npm run bench -- --compiled` also runs the same benchmark bundled by esbuild.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gameSeed, selfPlay } from "../shared/bots/selfplay.js";
import { type GameState, hashOf, POWERS, simpleBot, step, viewFor } from "../shared/index.js";
import { newGame } from "../shared/scenario.js";

const now = () => performance.now();
const self = fileURLToPath(import.meta.url);
const how = self.endsWith(".ts")
  ? process.execArgv.join(" ").includes("tsx")
    ? "TypeScript through tsx, as the server runs"
    : "TypeScript through a loader"
  : "compiled bundle (esbuild)";
console.log(`node ${process.version}, ${how}`);

// Collect realistic orders-phase states (bots' orders in), then time only their resolution.
function ordersStates(games: number): GameState[] {
  const out: GameState[] = [];
  for (let g = 0; g < games; g++) {
    let s = newGame({ gameId: `bench-${g}`, seed: gameSeed(7, g) });
    while (s.phase !== "ended") {
      for (const p of POWERS)
        for (const input of simpleBot(viewFor(s, p), p)) {
          const r = step(s, p, input);
          if (r.ok) s = r.value;
        }
      if (s.phase === "orders") out.push(s);
      const r = step(s, "SYSTEM", { type: "advance_phase" });
      if (!r.ok) throw new Error(r.error.code);
      s = r.value;
    }
  }
  return out;
}

function quantiles(times: number[]): (p: number) => number {
  times.sort((a, b) => a - b);
  return (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
}
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

const states = ordersStates(400);
for (const s of states) step(s, "SYSTEM", { type: "advance_phase" }); // warm-up
const times: number[] = [];
for (let rep = 0; rep < 5; rep++) {
  for (const s of states) {
    const t = now();
    step(s, "SYSTEM", { type: "advance_phase" });
    times.push(now() - t);
  }
}
const q = quantiles(times);
console.log(
  `round resolution: median ${us(q(0.5))}, p99 ${us(q(0.99))} over ${times.length} rounds (target p99 ≤ 200 µs)`,
);

const viewTimes: number[] = [];
for (const s of states) {
  const t = now();
  for (const p of POWERS) viewFor(s, p);
  viewTimes.push((now() - t) / POWERS.length);
}
console.log(`viewFor: median ${us(quantiles(viewTimes)(0.5))} per seat`);
const hashTimes: number[] = [];
for (const s of states.slice(0, 500)) {
  const t = now();
  hashOf(s);
  hashTimes.push(now() - t);
}
console.log(`hashOf(state): median ${us(quantiles(hashTimes)(0.5))}`);

const play = (gameId: string, seed: number) => selfPlay({ gameId, seed, policy: simpleBot });
for (let i = 0; i < 200; i++) play(`warm-${i}`, gameSeed(3, i)); // warm-up
const games = 2000;
const t0 = now();
for (let i = 0; i < games; i++) play(`bench-${i}`, gameSeed(11, i));
const seconds = (now() - t0) / 1000;
console.log(
  `full 8-round games with simple bots: ${Math.round(games / seconds)} games/s on one core (target ≥ 1000)`,
);

if (process.argv.includes("--compiled") && self.endsWith(".ts")) {
  const { build } = await import("esbuild");
  const out = path.join(os.tmpdir(), `pressure-point-bench-${process.pid}.mjs`);
  await build({ entryPoints: [self], bundle: true, platform: "node", format: "esm", outfile: out });
  console.log("");
  spawnSync(process.execPath, [out], { stdio: "inherit" });
  fs.rmSync(out, { force: true });
}
