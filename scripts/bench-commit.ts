/**
 * `npm run bench:commit -- [--rooms 200] [--inputs 20] [--database-url postgres://…]`: what group
 * commit does for the storage. `rooms` rooms each store `inputs` inputs one after another (a room
 * waits for each to commit, as a game room does), all rooms at once; first with one transaction per
 * input (group commit off), then with group commit. Prints inputs stored per second and the
 * acknowledgement latency (p50/p99) for each, on SQLite (fsync on every commit) or PostgreSQL.
 *
 * A benchmark, not a test: the figures depend on the disk and on what else runs on the machine.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { GroupCommit } from "../server/commit.js";
import type { Store, Write } from "../server/store.js";
import { PostgresStore } from "../server/stores/postgres.js";
import { SqliteStore } from "../server/stores/sqlite.js";

const { values } = parseArgs({
  options: {
    rooms: { type: "string", default: "200" },
    inputs: { type: "string", default: "20" },
    "database-url": { type: "string" },
  },
});
const rooms = Number(values.rooms);
const perRoom = Number(values.inputs);
const url = values["database-url"];

async function open(): Promise<Store> {
  if (url) return PostgresStore.open(url);
  return new SqliteStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pp-commit-")), "pp.db"));
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function run(label: string, maxBatch: number): Promise<void> {
  const store = await open();
  const tag = `${label[0]}${Date.now().toString(36)}`;
  const ids = Array.from({ length: rooms }, (_, i) => `${tag}-${i}`);
  const create: Write[] = ids.map((id) => ({
    kind: "create_game",
    owner: "bench",
    row: {
      id,
      seed: 1,
      options: { preset: "quick" } as never,
      status: "active",
      deadline: 0,
      pausedRemaining: 0,
      started: true,
      controlToken: null,
      createdAt: Date.now(),
    },
  }));
  await store.write([{ writes: create }]);
  const gc = new GroupCommit(store, maxBatch);
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    ids.map(async (id) => {
      for (let seq = 0; seq < perRoom; seq++) {
        const at = performance.now();
        await gc.submit({
          fence: { gameId: id, owner: "bench", epoch: 1 },
          writes: [
            {
              kind: "input",
              gameId: id,
              row: {
                seq,
                actor: "US",
                input: { type: "advance_phase" },
                round: 1,
                phase: "orders",
                at: Date.now(),
              },
            },
          ],
        });
        latencies.push(performance.now() - at);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const row = {
    mode: label,
    backend: store.backend,
    inputs: latencies.length,
    inputsPerSecond: Math.round(latencies.length / seconds),
    ackP50Ms: Number(pct(latencies, 50).toFixed(2)),
    ackP99Ms: Number(pct(latencies, 99).toFixed(2)),
  };
  console.log(JSON.stringify(row));
  await store.close();
}

await run("one transaction per input", 1);
await run("group commit", Number.POSITIVE_INFINITY);
