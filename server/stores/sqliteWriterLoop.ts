/**
 * Inside the SQLite writer thread: its own connection to the game file, running each batch the
 * main thread posts as one transaction (the same `write` as on the main thread), in order, and
 * answering with the results or the error's message.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { WriteGroup } from "../store.js";
import { SqliteStore } from "./sqlite.js";

const store = new SqliteStore((workerData as { file: string }).file);
const port = parentPort;
if (!port) throw new Error("sqliteWriterLoop runs in a worker thread");

port.on("message", async ({ id, groups }: { id: number; groups: string }) => {
  try {
    port.postMessage({ id, results: await store.write(JSON.parse(groups) as WriteGroup[]) });
  } catch (e) {
    port.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
port.postMessage({ ready: true });
