/**
 * `npm run bench:restore -- [--games 1000] [--rounds 5]`: how long a server takes to bring back
 * many unfinished games after a restart, and the longest the event loop was held meanwhile. It
 * writes N games (each a real self-play log cut off in round `rounds`, every seat a person's, as
 * in a class whose players are away during the restart) into a fresh SQLite store,
 * or the PostgreSQL at DATABASE_URL (its tables are emptied first: use a scratch database), starts
 * `server/main.ts` on it, and prints the server's own start-up line (restore time and longest stall)
 * and the time from spawn until every game was joinable.
 *
 * A benchmark, not a test: the figures depend on the machine and on what else runs on it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import type { InputRow, Store, Write } from "../server/store.js";
import { PostgresStore } from "../server/stores/postgres.js";
import { SqliteStore } from "../server/stores/sqlite.js";
import { selfPlay } from "../shared/bots/selfplay.js";
import { type Actor, type Input, POWERS, step } from "../shared/index.js";
import { startServer } from "../tests/support/harness.js";

const { values } = parseArgs({
  options: { games: { type: "string", default: "1000" }, rounds: { type: "string", default: "5" } },
});
const games = Number(values.games);
const cutRound = Number(values.rounds);
const databaseUrl = process.env.DATABASE_URL;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pp-restore-"));
let store: Store;
if (databaseUrl) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query(
    "DROP TABLE IF EXISTS games, inputs, seats, messages, control_log, classes, resolutions, processes, schema_migrations",
  );
  await c.end();
  store = await PostgresStore.open(databaseUrl);
} else {
  store = new SqliteStore(path.join(dataDir, "pressure-point.db"));
}

const t0 = performance.now();
let inputsWritten = 0;
for (let g = 0; g < games; g += 50) {
  const writes: Write[] = [];
  for (let i = g; i < Math.min(games, g + 50); i++) {
    const id = `R${String(i).padStart(5, "0")}`;
    const seed = 1000 + i;
    const log: InputRow[] = [];
    const recording = (s: Parameters<typeof step>[0], actor: Actor, input: Input) => {
      const r = step(s, actor, input);
      if (r.ok && s.round < cutRound)
        log.push({ seq: log.length, actor, input, round: s.round, phase: s.phase, at: 0 });
      return r;
    };
    selfPlay({ gameId: id, seed, maxRounds: 8, step: recording });
    const now = Date.now();
    writes.push({
      kind: "create_game",
      owner: "main",
      row: {
        id,
        seed,
        options: { preset: "standard", rounds: 8, fillWithBots: true } as never,
        status: "active",
        deadline: now + 60_000,
        pausedRemaining: 0,
        started: true,
        controlToken: null,
        createdAt: now,
      },
    });
    for (const row of log) writes.push({ kind: "input", gameId: id, row: { ...row, at: now } });
    for (const p of POWERS)
      writes.push({
        kind: "seat",
        gameId: id,
        seat: { power: p, name: `Player ${p}`, token: `t-${id}-${p}`, bot: false, host: p === "US" },
      });
    inputsWritten += log.length;
  }
  await store.write([{ writes }]);
}
await store.close();
console.log(
  `wrote ${games} games (${inputsWritten} inputs, ${Math.round(inputsWritten / games)} a game) in ${Math.round(performance.now() - t0)} ms`,
);

const spawnAt = performance.now();
const server = await startServer({
  client: false,
  dataDir,
  env: { NODE_ENV: "production", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
});
// The start-up line is printed once every game is up (joinable).
while (!/claimed \d+ games in \d+ ms, restored \d+ games/.test(server.output()))
  await new Promise((r) => setTimeout(r, 20));
const readyMs = performance.now() - spawnAt;
const line =
  server
    .output()
    .split("\n")
    .find((l) => l.includes("claimed")) ?? "";
console.log(line.trim());
console.log(`spawn to every game joinable: ${Math.round(readyMs)} ms (includes starting Node and tsx)`);
const m =
  /claimed \d+ games in (\d+) ms, restored (\d+) games in (\d+) ms \((\d+) ms CPU\), longest event-loop stall while restoring (\d+) ms/.exec(
    line,
  );
console.log(
  JSON.stringify({
    games,
    claimMs: Number(m?.[1]),
    restoreMs: Number(m?.[3]),
    restoreCpuMs: Number(m?.[4]),
    longestStallWhileRestoringMs: Number(m?.[5]),
    spawnToReadyMs: Math.round(readyMs),
  }),
);
await server.stop("SIGKILL");
fs.rmSync(dataDir, { recursive: true, force: true });
