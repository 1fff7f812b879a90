/** Entry point: `npm start`. One process: the game server, SQLite under DATA_DIR, the built client. */
import "./polyfill.js";
import path from "node:path";
import { matchMaker } from "@colyseus/core";
import { listen } from "@colyseus/tools";
import { GAME_ROOM } from "../shared/index.js";
import { makeServer } from "./app.js";
import { RESTORE_KEY, setStore } from "./context.js";
import { Store } from "./store.js";

const port = Number(process.env.PORT ?? 2567);
const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
const store = new Store(path.join(dataDir, "pressure-point.db"));
setStore(store);

const server = makeServer();
await listen(server, port);

// Bring back every unfinished game where it stood.
for (const game of store.activeGames()) {
  try {
    await matchMaker.createRoom(GAME_ROOM, { restore: game.id, restoreKey: RESTORE_KEY });
  } catch (e) {
    console.error(`could not restore game ${game.id}:`, e);
  }
}
console.log(`Pressure Point at http://localhost:${port} (data: ${dataDir})`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing writes and closing`);
  try {
    await server.gracefullyShutdown(false);
  } finally {
    store.close();
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
