/**
 * `npm run bench:server -- [--tables N] [--rounds R]`: how one game-server process carries many
 * tables at once. It starts `server/main.ts` (SQLite in a temporary folder) and plays N tables of
 * five connected players each, through the public protocol: every player decides with the simple
 * bot on its own view, sends its inputs and marks itself ready, so rounds follow each other as fast
 * as the server allows. It prints the rounds resolved per second over all tables, the server's CPU
 * time per round (from /proc; Linux), and how long the server took to answer each request (the
 * round trip from this process, which also runs every client).
 *
 * A benchmark, not a test: the figures depend on the machine and on what else runs on it.
 */
import { WebSocket } from "ws";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

import fs from "node:fs";
import { parseArgs } from "node:util";
import { Client, type Room } from "@colyseus/sdk";
import { simpleBot } from "../shared/bots/simple.js";
import {
  isPower,
  type PlayerView,
  POWERS,
  type PowerId,
  type Reply,
  type SeatMessage,
  ViewReplica,
} from "../shared/index.js";
import { startServer } from "../tests/support/harness.js";

const { values } = parseArgs({
  options: {
    tables: { type: "string", default: "20" },
    rounds: { type: "string", default: "4" },
  },
});
const tables = Number(values.tables);
const rounds = Number(values.rounds);
if (!Number.isInteger(tables) || tables < 1 || !Number.isInteger(rounds) || rounds < 4 || rounds > 12) {
  console.error("usage: npm run bench:server -- [--tables 1…] [--rounds 4…12]");
  process.exit(2);
}

/** The server process's CPU time in ms (utime + stime from /proc), or NaN elsewhere. */
function serverCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

const server = await startServer({
  client: false,
  env: { PP_GAMES_PER_HOUR: "100000", NODE_ENV: "production" },
});
const serverPid = server.proc.pid!;
const latencies: number[] = [];
let roundsResolved = 0;
let tablesEnded = 0;

/** One player: joins, then plays each phase once from its view, and says when the game ended. */
function player(room: Room, power: PowerId, ended: () => void): void {
  let latest: PlayerView | undefined;
  let played = "";
  let busy = false;
  let lastRound = 0;
  const timed = async (type: string, payload: unknown): Promise<Reply> => {
    const t = performance.now();
    const reply: Reply = await room.request(type, payload);
    latencies.push(performance.now() - t);
    return reply;
  };
  const play = async (): Promise<void> => {
    const view = latest;
    if (!view || busy || !isPower(view.seat)) return;
    if (view.phase === "ended") {
      if (played !== "ended") {
        played = "ended";
        ended();
      }
      return;
    }
    const key = `${view.round}:${view.phase}`;
    if (!room.state.started || key === played) return;
    played = key;
    busy = true;
    try {
      for (const input of simpleBot(view, power)) {
        if (input.type === "submit_orders") await timed("orders", input.orders);
        else await timed("act", input);
      }
      await timed("ready", { ready: true });
    } finally {
      busy = false;
    }
    if (latest && `${latest.round}:${latest.phase}` !== played) await play();
  };
  room.onMessage("seat", (_m: SeatMessage) => {});
  room.onMessage("chat_history", () => {});
  room.onMessage("chat", () => {});
  const replica = new ViewReplica(false);
  const viewChanged = () => {
    const view = replica.view!;
    latest = view;
    if (power === "US" && view.round > lastRound) {
      if (lastRound > 0) roundsResolved++;
      lastRound = view.round;
    }
    if (power === "US" && view.phase === "ended" && played !== "ended") roundsResolved++;
    void play();
  };
  replica.follow(room, viewChanged);
  room.onStateChange(() => void play());
}

const client = new Client(`ws://127.0.0.1:${server.port}`);
const done: Promise<void>[] = [];
const hosts: Room[] = [];
const joinStart = performance.now();
for (let i = 0; i < tables; i++) {
  let finish!: () => void;
  done.push(new Promise<void>((r) => (finish = r)));
  const host = await client.create("game", {
    name: `T${i} US`,
    power: "US",
    rounds,
    fillWithBots: false,
    diplomacySeconds: 600,
    ordersSeconds: 600,
  });
  let ended = 0;
  const endedOne = () => {
    if (++ended === POWERS.length) {
      tablesEnded++;
      finish();
    }
  };
  player(host, "US", endedOne);
  const code = host.roomId;
  for (const p of POWERS.filter((x) => x !== "US")) {
    player(await client.joinById(code, { name: `T${i} ${p}`, power: p }), p, endedOne);
  }
  hosts.push(host);
}
const joinSeconds = (performance.now() - joinStart) / 1000;

const cpu0 = serverCpuMs(serverPid);
const t0 = performance.now();
await Promise.all(hosts.map((h) => h.request("control", { command: "start" })));
const limit = setTimeout(() => {
  console.error(`stopped after 10 minutes: ${tablesEnded} of ${tables} tables had ended`);
  void server.stop("SIGKILL").then(() => process.exit(1));
}, 600_000);
await Promise.all(done);
clearTimeout(limit);
const seconds = (performance.now() - t0) / 1000;
const cpuMs = serverCpuMs(serverPid) - cpu0;

latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
console.log(`node ${process.version}; ${tables} tables × 5 connected players, ${rounds} rounds each`);
console.log(`  seated ${tables * 5} players in ${joinSeconds.toFixed(1)} s`);
console.log(
  `  ${roundsResolved} rounds in ${seconds.toFixed(1)} s: ${(roundsResolved / seconds).toFixed(1)} rounds/s over all tables`,
);
if (!Number.isNaN(cpuMs))
  console.log(
    `  server CPU: ${(cpuMs / 1000).toFixed(1)} s, ${(cpuMs / roundsResolved).toFixed(1)} ms a round (inputs, views to 5 seats, SQLite writes), ${((cpuMs / 1000 / seconds) * 100).toFixed(0)}% of one core`,
  );
console.log(
  `  request round trips: median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms over ${latencies.length}`,
);
await server.stop();
fs.rmSync(server.dataDir, { recursive: true, force: true });
process.exit(0);
