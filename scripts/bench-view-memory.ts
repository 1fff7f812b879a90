/**
 * `npm run bench:view-memory -- [--games 300] [--slots 1,8]`: what a room's `ViewMemory`
 * (shared/view.ts) costs in heap and saves in time, for each number of slots per cache.
 *
 * It plays `--games` bot games of 4 rounds (`selfPlayStates`, outside the timing), then replays their
 * states interleaved, as a server's rooms take turns: after each state, every seat's view (five
 * powers, the observer and Control) through that game's own memory, and the delta from the seat's
 * last view (`viewDelta`, server/rooms/views.ts). It prints the time per seat view and delta, the
 * operations sent (the same for every slot count: memory changes speed, never a view), and the
 * heap the memories and the last views hold per table beyond the current states (after a full
 * GC, with and without them; older states count, as a server keeps none).
 * Run with `--expose-gc` (the npm script does).
 *
 * A benchmark, not a test: the figures depend on the machine and on what else runs on it.
 */

import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { viewDelta } from "../server/rooms/views.js";
import { gameSeed, selfPlayStates } from "../shared/bots/selfplay.js";
import { type GameState, type PlayerView, type Seat, ViewMemory, viewFor } from "../shared/index.js";
import { POWERS } from "../shared/powers.js";

const { values } = parseArgs({
  options: { games: { type: "string", default: "300" }, slots: { type: "string", default: "1,8" } },
});
const games = Number(values.games);
const slotCounts = values.slots.split(",").map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !Number.isInteger(games) || games < 1 || slotCounts.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error("usage: npm run bench:view-memory -- [--games 300] [--slots 1,8] (node --expose-gc)");
  process.exit(2);
}
const SEATS: Seat[] = [...POWERS, "OBSERVER", "CONTROL"];
/** Several full collections before each heap reading, so that nothing one of them leaves is counted. */
const fullGc = () => {
  for (let i = 0; i < 4; i++) gc();
};

/** Every state one bot game of 4 rounds goes through. */
const statesOf = (g: number): GameState[] =>
  selfPlayStates({ gameId: `mem${g}`, seed: gameSeed(5, g), maxRounds: 4 });
/**
 * One pass of the replay: the time and operations, and the KB a table its memories and last views
 * hold beyond the current states.
 */
function measure(slots: number, games: number): { us: number; ops: number; kb: number } {
  // Played afresh for each count, and let go before the heap is read: a server keeps no old states,
  // so what a memory keeps of them counts against it.
  let played = Array.from({ length: games }, (_, g) => statesOf(g));
  const longest = Math.max(...played.map((s) => s.length));
  const tables = played.map(() => ({ memory: new ViewMemory(slots), sent: new Map<Seat, PlayerView>() }));
  let ms = 0;
  let ops = 0;
  let views = 0;
  for (let i = 0; i < longest; i++)
    for (const [g, states] of played.entries()) {
      const s = states[i];
      const table = tables[g]!;
      if (!s) continue;
      const t0 = performance.now();
      for (const seat of SEATS) {
        const view = viewFor(s, seat, table.memory);
        const last = table.sent.get(seat);
        if (last) ops += viewDelta(last, view).length;
        table.sent.set(seat, view);
        views++;
      }
      ms += performance.now() - t0;
    }
  const current = played.map((states) => states.at(-1));
  played = [];
  fullGc();
  const held = process.memoryUsage().heapUsed;
  tables.length = 0;
  fullGc();
  const kb = (held - process.memoryUsage().heapUsed) / games / 1024;
  if (current.length !== games) throw new Error("the current states were let go too");
  return { us: (ms / views) * 1000, ops, kb };
}

// A first pass, not printed: it holds one-off costs (code, hidden classes) that are let go with its
// tables, and read ~80 KB a table more than the same pass repeated, at 100 games.
measure(1, Math.min(games, 50));
for (const slots of slotCounts) {
  const { us, ops, kb } = measure(slots, games);
  console.log(
    `${slots} slot(s): ${us.toFixed(1)} µs a seat's view and delta, ${ops} operations, ${kb.toFixed(1)} KB a table held by the memory and the last views`,
  );
}
