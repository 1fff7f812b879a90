/**
 * `npm run bench:delta -- [--games 5]`: how a seat's view is best sent after each change, measured
 * on real game views. It plays bot games through `step`, and after every accepted input builds the
 * view of every seat (five powers, an observer, Control) and prices three ways of sending it:
 * the full view (as before), an RFC 6902 patch from `fast-json-patch`'s `compare`, a
 * `jsondiffpatch` delta, and what the server sends (`viewDelta`: `compare` with the logs sent as
 * appends or whole). For each: server CPU to diff and msgpack-encode (the viewFor itself is
 * the same for all and left out), bytes on the wire, and how many sends carry nothing new.
 *
 * Then the budget of issue 11 (≤ 2 KB a client a round, ≤ 40 KB an 8-round game, join ≤ 4 KB): the
 * bytes each seat receives as the server frames them (msgpack, or deflated JSON above `DEFLATE_ABOVE` characters, with the
 * Colyseus frame), per round and per game, for the players and the observer (Control apart), and
 * which top-level keys of the view those bytes carry — at a resolution and during a round.
 *
 * A benchmark, not a test: the figures depend on the machine and on what else runs on it.
 */
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { getMessageBytes, Protocol } from "@colyseus/core";
import jsonpatch from "fast-json-patch";
import { Packr } from "msgpackr";
import { DEFLATE_ABOVE, viewDelta } from "../server/rooms/views.js";
import { gameSeed, selfPlay } from "../shared/bots/selfplay.js";
import { type Input, step } from "../shared/engine/step.js";
import { newGame, type PlayerView, type Seat, viewFor } from "../shared/index.js";
import { POWERS } from "../shared/powers.js";
import { VIEW_DICTIONARY } from "../shared/viewDictionary.js";

const { values } = parseArgs({
  options: {
    games: { type: "string", default: "5" },
    /** Price another threshold than the server's (`DEFLATE_ABOVE`, characters of JSON). */
    "deflate-above": { type: "string", default: String(DEFLATE_ABOVE) },
  },
});
const games = Number(values.games);
const deflateAbove = Number(values["deflate-above"]);
const SEATS: Seat[] = [...POWERS, "OBSERVER", "CONTROL"];
const packr = new Packr({ useRecords: false });
/** Deflated as the server does it: with the protocol's preset dictionary (shared/viewDictionary.ts). */
const DICT = { dictionary: VIEW_DICTIONARY };

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

/** What the server puts on the wire for one view message (server/rooms/views.ts `encode`). */
function wireBytes(type: "view" | "view_delta", msg: object): number {
  const json = JSON.stringify(msg);
  if (json.length <= deflateAbove) return getMessageBytes.raw(Protocol.ROOM_DATA, type, msg).length;
  deflates++;
  return getMessageBytes.raw(Protocol.ROOM_DATA_BYTES, type, undefined, zlib.deflateRawSync(json, DICT))
    .length;
}
/** Bytes every seat received (wire), and rounds resolved, over all games. */
const wireBySeat = new Map<Seat, number>();
/** Messages the server would deflate (each costs a deflate with the dictionary: CPU). */
let deflates = 0;
/** Wire bytes and sends to the players and the observer, at resolutions and during rounds. */
const wireByMoment = new Map<string, number>();
let roundsPlayed = 0;
/** msgpack bytes of delta operations by the view's top-level key: at resolutions, and between. */
const byKeyResolution = new Map<string, number>();
const byKeyRound = new Map<string, number>();
const joinByKey = new Map<string, number>();
const deflatedByKey = new Map<string, number>();
let joinWire = 0;
const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

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
      if (mine.length) {
        const w = wireBytes("view_delta", { seq: 1, ops: mine });
        add(wireBySeat, seat, w);
        const resolution = before.round !== view.round || before.phase !== view.phase;
        if (SEATS.indexOf(seat) < 6) add(wireByMoment, resolution ? "resolution" : "during", w);
        if (SEATS.indexOf(seat) < 6) add(wireByMoment, resolution ? "resolution sends" : "during sends", 1);
        const tally = resolution ? byKeyResolution : byKeyRound;
        // What each key adds to a deflated delta: its size without that key's operations, taken away.
        if (resolution && w > deflateAbove) {
          for (const k of new Set(mine.map((op) => op.path.split("/")[1] ?? ""))) {
            const rest = mine.filter((op) => (op.path.split("/")[1] ?? "") !== k);
            const without = zlib.deflateRawSync(JSON.stringify({ seq: 1, ops: rest }), DICT).length;
            add(
              deflatedByKey,
              k,
              zlib.deflateRawSync(JSON.stringify({ seq: 1, ops: mine }), DICT).length - without,
            );
          }
        }
        for (const op of mine) add(tally, op.path.split("/")[1] ?? "", packr.pack(op).length);
      }
      const bytesMine = mine.length ? packr.pack({ seq: 1, ops: mine }).length : 0;
      ours.ms += performance.now() - t;
      if (mine.length) {
        ours.bytes += bytesMine;
        ours.sends++;
        t = performance.now();
        const json = JSON.stringify({ seq: 1, ops: mine });
        const z = json.length > deflateAbove ? zlib.deflateRawSync(json, DICT).length : bytesMine;
        oursZ.ms += performance.now() - t;
        oursZ.bytes += z;
        oursZ.sends++;
      }
      t = performance.now();
      fullZ.bytes += zlib.deflateRawSync(JSON.stringify({ seq: 1, view }), DICT).length;
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
    if (r.ok && (r.value.round !== s.round || (r.value.phase === "ended" && s.phase !== "ended")))
      roundsPlayed++;
    if (r.ok) observe(r.value);
    return r;
  };
  for (const seat of SEATS) {
    const start = viewFor(newGame({ gameId: `D${g}`, seed: gameSeed(7, g), maxRounds: 8 }), seat);
    joins++;
    joinPlain += packr.pack({ seq: 0, view: start }).length;
    joinZ += zlib.deflateRawSync(JSON.stringify({ seq: 0, view: start }), DICT).length;
    joinWire += wireBytes("view", { seq: 0, view: start });
    for (const [k, v] of Object.entries(start)) add(joinByKey, k, packr.pack(v).length + k.length + 1);
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
console.log(
  row(`+ deflate >${deflateAbove} B`, oursZ),
  "(ms: JSON text and deflate, on top of the line above)",
);
console.log(row("full, deflated", fullZ));
console.log(
  `a seat's view at the start of a game: ${Math.round(joinPlain / joins)} B msgpack, ${Math.round(joinZ / joins)} B deflated JSON`,
);
console.log(`views identical to the one before: ${unchanged} (${((unchanged / views) * 100).toFixed(0)}%)`);

// The budget: what a client receives, as the server frames it.
const players: Seat[] = [...POWERS, "OBSERVER"];
const perSeat = (seats: Seat[]) => seats.reduce((n, s) => n + (wireBySeat.get(s) ?? 0), 0) / seats.length;
const clientGame = perSeat(players) / games;
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
console.log(
  `\nper client (5 powers + observer; ${roundsPlayed} rounds in ${games} games): ${kb(clientGame / (roundsPlayed / games))} a round, ${kb(clientGame)} a game as played, ${kb((clientGame / (roundsPlayed / games)) * 8)} for 8 rounds; join view ${kb(joinWire / joins)}`,
);
console.log(
  `messages deflated (over ${deflateAbove} characters of JSON): ${(deflates / roundsPlayed / SEATS.length).toFixed(1)} a seat a round`,
);
console.log(
  `by seat, a round: ${[...players, "CONTROL" as Seat].map((s) => `${s} ${Math.round((wireBySeat.get(s) ?? 0) / roundsPlayed)} B`).join(", ")}`,
);
console.log(
  `a client a round: ${[...wireByMoment.entries()].map(([k, v]) => `${k} ${Math.round(v / roundsPlayed / players.length)}`).join(", ")}`,
);
const table = (title: string, m: Map<string, number>, per: number, how = "msgpack, before deflate") => {
  const total = [...m.values()].reduce((a, b) => a + b, 0);
  console.log(`${title}: ${Math.round(total / per)} B (${how})`);
  for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(
      `  ${k.padEnd(14)} ${Math.round(v / per)
        .toString()
        .padStart(7)}  ${((v / total) * 100).toFixed(0).padStart(3)}%`,
    );
};
const seatRounds = roundsPlayed * SEATS.length;
table("delta bytes by view key at resolutions, a seat a round", byKeyResolution, seatRounds);
table(
  "what each key adds to a deflated resolution delta, a seat a round",
  deflatedByKey,
  seatRounds,
  "deflated",
);
table("delta bytes by view key during rounds, a seat a round", byKeyRound, seatRounds);
table("join view by key, a seat", joinByKey, joins);
