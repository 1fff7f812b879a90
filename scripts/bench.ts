/**
 * `npm run bench`: round-resolution time (median, p99) and full games per second on one core,
 * simple bots in every seat. Targets (issue 3): p99 ≤ 0.2 ms per round; ≥ 1,000 8-round games/s.
 * Timing lives here, never in tests.
 */
import { gameSeed, selfPlay } from "../shared/bots/selfplay.js";
import { type GameState, POWERS, simpleBot, step, viewFor } from "../shared/index.js";
import { newGame } from "../shared/scenario.js";

const now = () => performance.now();

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
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;

for (let i = 0; i < 200; i++) selfPlay({ gameId: `warm-${i}`, seed: gameSeed(3, i) }); // warm-up
const games = 2000;
const t0 = now();
for (let i = 0; i < games; i++) selfPlay({ gameId: `bench-${i}`, seed: gameSeed(11, i) });
const seconds = (now() - t0) / 1000;

console.log(
  `round resolution: median ${(q(0.5) * 1000).toFixed(1)} µs, p99 ${(q(0.99) * 1000).toFixed(1)} µs over ${times.length} rounds (target p99 ≤ 200 µs)`,
);
console.log(
  `full 8-round games with simple bots: ${Math.round(games / seconds)} games/s on one core (target ≥ 1000)`,
);
