/**
 * `npm run bench:delta -- [--games 5]`: how a seat's view is best sent after each change, measured
 * on real game views. It plays bot games through `step`, and after every accepted input builds the
 * view of every seat (five powers, an observer, Control) and prices three ways of sending it:
 * the full view (as before), an RFC 6902 patch from `fast-json-patch`'s `compare`, a
 * `jsondiffpatch` delta, and what the server sends (`viewDelta`: `compare` with the logs sent as
 * appends or whole). For each: server CPU to diff and msgpack-encode (the viewFor itself is
 * the same for all and left out), bytes on the wire, and how many sends carry nothing new.
 *
 * A benchmark, not a test: the figures depend on the machine and on what else runs on it.
 */
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import jsonpatch from "fast-json-patch";
import { Packr } from "msgpackr";
import { viewDelta } from "../server/rooms/views.js";
import { gameSeed, selfPlay } from "../shared/bots/selfplay.js";
import { type Input, step } from "../shared/engine/step.js";
import { newGame, type PlayerView, type Seat, viewFor } from "../shared/index.js";
import { POWERS } from "../shared/powers.js";

const { values } = parseArgs({ options: { games: { type: "string", default: "5" } } });
const games = Number(values.games);
const SEATS: Seat[] = [...POWERS, "OBSERVER", "CONTROL"];
const packr = new Packr({ useRecords: false });

// jsondiffpatch is measured only when it is installed (`npm install --no-save jsondiffpatch@0.7.7`).
let jdp: { diff(a: unknown, b: unknown): unknown } | null = null;
try {
  const mod = await import("jsondiffpatch" as string);
  jdp = mod.create({ arrays: { detectMove: false } });
} catch {
  console.log("jsondiffpatch not installed: measuring full views and fast-json-patch only");
}

interface Tally {
  ms: number;
  bytes: number;
  sends: number;
}
const tally = (): Tally => ({ ms: 0, bytes: 0, sends: 0 });
const full = tally();
const fjp = tally();
const jd = tally();
const ours = tally();
const oursZ = tally();
const fullZ = tally();
let joinPlain = 0;
let joinZ = 0;
let joins = 0;
let views = 0;
let unchanged = 0;

for (let g = 0; g < games; g++) {
  const last = new Map<Seat, PlayerView>();
  const observe = (s: Parameters<typeof viewFor>[0]) => {
    for (const seat of SEATS) {
      const view = viewFor(s, seat);
      const before = last.get(seat);
      last.set(seat, view);
      if (!before) continue;
      views++;
      let t = performance.now();
      const bytesFull = packr.pack({ view }).length;
      full.ms += performance.now() - t;
      full.bytes += bytesFull;
      full.sends++;

      t = performance.now();
      const ops = jsonpatch.compare(before, view);
      const bytesOps = ops.length ? packr.pack({ seq: 1, ops }).length : 0;
      fjp.ms += performance.now() - t;
      if (ops.length) {
        fjp.bytes += bytesOps;
        fjp.sends++;
      } else unchanged++;

      t = performance.now();
      const mine = viewDelta(before, view);
      const bytesMine = mine.length ? packr.pack({ seq: 1, ops: mine }).length : 0;
      ours.ms += performance.now() - t;
      if (mine.length) {
        ours.bytes += bytesMine;
        ours.sends++;
        t = performance.now();
        const json = JSON.stringify({ seq: 1, ops: mine });
        const z = json.length > 1024 ? zlib.deflateRawSync(json).length : bytesMine;
        oursZ.ms += performance.now() - t;
        oursZ.bytes += z;
        oursZ.sends++;
      }
      t = performance.now();
      fullZ.bytes += zlib.deflateRawSync(JSON.stringify({ seq: 1, view })).length;
      fullZ.ms += performance.now() - t;
      fullZ.sends++;

      if (jdp) {
        t = performance.now();
        const d = jdp.diff(before, view);
        const bytesD = d ? packr.pack({ seq: 1, d }).length : 0;
        jd.ms += performance.now() - t;
        if (d) {
          jd.bytes += bytesD;
          jd.sends++;
        }
      }
    }
  };
  const observedStep: typeof step = (s, actor, input: Input) => {
    const r = step(s, actor, input);
    if (r.ok) observe(r.value);
    return r;
  };
  for (const seat of SEATS) {
    const start = viewFor(newGame({ gameId: `D${g}`, seed: gameSeed(7, g), maxRounds: 8 }), seat);
    joins++;
    joinPlain += packr.pack({ seq: 0, view: start }).length;
    joinZ += zlib.deflateRawSync(JSON.stringify({ seq: 0, view: start })).length;
  }
  selfPlay({ gameId: `D${g}`, seed: gameSeed(7, g), maxRounds: 8, step: observedStep });
}

const row = (name: string, t: Tally) =>
  `${name.padEnd(16)} ${(t.ms / views).toFixed(4).padStart(8)} ms/view  ${Math.round(t.bytes / views)
    .toString()
    .padStart(6)} B/view  ${t.sends} sends`;
console.log(`${games} bot games of 8 rounds, ${views} seat views after accepted inputs (7 seats)`);
console.log(row("full view", full));
console.log(row("fast-json-patch", fjp));
if (jdp) console.log(row("jsondiffpatch", jd));
console.log(row("viewDelta (sent)", ours));
console.log(row("+ deflate >1 KB", oursZ), "(ms: JSON text and deflate, on top of the line above)");
console.log(row("full, deflated", fullZ));
console.log(
  `a seat's view at the start of a game: ${Math.round(joinPlain / joins)} B msgpack, ${Math.round(joinZ / joins)} B deflated JSON`,
);
console.log(`views identical to the one before: ${unchanged} (${((unchanged / views) * 100).toFixed(0)}%)`);
