/** Entry point: `npm start`. One process: the game server, SQLite under DATA_DIR, the built client. */
import "./polyfill.js";
import path from "node:path";
import { matchMaker } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { listen } from "@colyseus/tools";
import { GAME_ROOM } from "../shared/index.js";
import { makeServer } from "./app.js";
import { RESTORE_KEY, setProcessId, setStore } from "./context.js";
import { log } from "./log.js";
import { countRestore, observeRestoreDone, secondsSince } from "./metrics.js";
import { markReady, markStopping } from "./ops.js";
import { Store } from "./store.js";

const port = Number(process.env.PORT ?? 2567);
const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
const store = new Store(path.join(dataDir, "pressure-point.db"));
setStore(store);

// Scale-out: with REDIS_URL, processes share rooms and matchmaking through Colyseus's Redis
// presence and driver. Each process needs its own PUBLIC_ADDRESS (host:port clients can reach)
// and a stable PROCESS_ID, which owns the games it created and restores them after a restart.
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

// Bring back every unfinished game this process owns, where it stood. /health says ready after.
const restoreStart = process.hrtime.bigint();
let restored = 0;
for (const game of store.activeGames(processId)) {
  try {
    await matchMaker.createRoom(GAME_ROOM, { restore: game.id, restoreKey: RESTORE_KEY });
    countRestore("ok");
    restored++;
  } catch (e) {
    countRestore("failed");
    log.error({ game: game.id, err: e }, "could not restore the game");
  }
}
observeRestoreDone(secondsSince(restoreStart));
markReady();
log.info(
  { port, dataDir, redis: Boolean(redisUrl), restored, restoreSeconds: secondsSince(restoreStart) },
  `Pressure Point at http://localhost:${port}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  markStopping();
  // At warn, so that even a quiet log (LOG_LEVEL=warn) shows why the process went away.
  log.warn({ signal }, `${signal}: finishing writes and closing`);
  try {
    await server.gracefullyShutdown(false);
  } finally {
    store.close();
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
