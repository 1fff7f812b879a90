/**
 * Entry point: `npm start`. One process: the game server, its store (SQLite under DATA_DIR, or
 * PostgreSQL at DATABASE_URL), the built client.
 */
import "./polyfill.js";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { matchMaker } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { listen } from "@colyseus/tools";
import { GAME_ROOM } from "../shared/index.js";
import { makeServer } from "./app.js";
import {
  RESTORE_KEY,
  markReady as roomsReady,
  setProcessId,
  setStore,
  markStopping as stopRooms,
} from "./context.js";
import { Leases, leaseTiming } from "./lease.js";
import { log } from "./log.js";
import { countRestore, observeRestoreDone } from "./metrics.js";
import { markReady, markStopping } from "./ops.js";
import type { Claim } from "./store.js";
import { storeEvents } from "./storeEvents.js";
import { describeStore, openStore } from "./stores/open.js";

const port = Number(process.env.PORT ?? 2567);
const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
const where = { DATABASE_URL: process.env.DATABASE_URL, dataDir };
const store = await openStore(where);
setStore(store);
// A refused write is answered as an error and retried by its timer; here it is only reported.
storeEvents.on("storage_error", (message) => log.error(`storage: ${message}`));
storeEvents.on("failover", (game, downtimeMs) =>
  log.warn({ game, downtimeMs }, "took over the game from a process whose lease ran out"),
);
storeEvents.on("fenced", (game) => log.warn({ game }, "another process holds the game now"));

// Scale-out: with REDIS_URL, processes share rooms and matchmaking through Colyseus's Redis
// presence and driver. Each process needs its own PUBLIC_ADDRESS (host:port clients can reach)
// and its own PROCESS_ID: the name of its lease on the games it runs. With DATABASE_URL the
// processes share the record, and a game whose process dies is taken over by another.
const redisUrl = process.env.REDIS_URL;
const processId = process.env.PROCESS_ID ?? "main";
setProcessId(processId);
const server = makeServer(
  redisUrl
    ? {
        presence: new RedisPresence(redisUrl),
        driver: new RedisDriver(redisUrl),
        publicAddress: process.env.PUBLIC_ADDRESS ?? `localhost:${port}`,
      }
    : {},
);
await listen(server, port);

/** Runs a game this process has claimed, here (never on another process: the claim is ours). */
async function runHere(claim: Claim, takeover: boolean): Promise<boolean> {
  const t0 = performance.now();
  try {
    // The dead process's listing would send joins to it (each waiting out an IPC timeout) until
    // the room is up here: drop it, so they fail fast and retry.
    if (takeover) await Promise.resolve(matchMaker.driver.remove(claim.id)).catch(() => false);
    await matchMaker.handleCreateRoom(GAME_ROOM, {
      restore: claim.id,
      restoreKey: RESTORE_KEY,
      epoch: claim.epoch,
      lastAlive: claim.lastAlive,
    });
    storeEvents.emit("restore", claim.id, performance.now() - t0);
    if (takeover)
      storeEvents.emit("failover", claim.id, claim.lastAlive > 0 ? Date.now() - claim.lastAlive : 0);
    return true;
  } catch (e) {
    countRestore("failed");
    log.error({ game: claim.id, err: e }, "could not restore the game");
    return false;
  } finally {
    // One game at a time, letting requests and the heartbeat in between.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const leases = new Leases(store, processId, leaseTiming(), runHere);
// Bring back every unfinished game this process held (and any a dead process left), where it stood.
const t0 = performance.now();
const cpu0 = process.cpuUsage();
// One transaction takes every game back at once (on SQLite its fsync holds the loop meanwhile).
const claims = await leases.claimAtStart().catch((e) => {
  log.error({ err: e }, "could not claim games at start");
  return [];
});
const claimMs = Math.round(performance.now() - t0);
// How long the event loop was held at a time while restoring (requests wait that long).
const stalls = monitorEventLoopDelay({ resolution: 10 });
stalls.enable();
leases.run();
await leases.runAll(claims, false);
observeRestoreDone((performance.now() - t0) / 1000);
roomsReady();
markReady();
stalls.disable();
const restoreMs = Math.round(performance.now() - t0);
const restoreCpuMs = cpuMs(process.cpuUsage(cpu0));
const longestStallMs = Math.round(stalls.max / 1e6);
// The start-up line: scripts/bench-restore.ts reads its figures from the message.
log.info(
  {
    port,
    redis: Boolean(redisUrl),
    restored: claims.length,
    claimMs,
    restoreMs,
    restoreCpuMs,
    longestStallMs,
  },
  `Pressure Point at http://localhost:${port} (data: ${describeStore(where)}; claimed ${claims.length} games in ${claimMs} ms, restored ${claims.length} games in ${restoreMs} ms (${restoreCpuMs} ms CPU), longest event-loop stall while restoring ${longestStallMs} ms)`,
);

function cpuMs(u: NodeJS.CpuUsage): number {
  return Math.round((u.user + u.system) / 1000);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  stopRooms();
  markStopping();
  // At warn, so that even a quiet log (LOG_LEVEL=warn) shows why the process went away.
  log.warn({ signal }, `${signal}: finishing writes and closing`);
  try {
    // Rooms close first (every acknowledged write is already stored), then the lease is given
    // up, so another process takes the games over at once instead of after the lease runs out.
    await server.gracefullyShutdown(false);
    await leases.release();
  } finally {
    await store.close().catch(() => {});
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
