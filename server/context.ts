/** Process-wide services the rooms use, set once at start-up (or by a test). */
import { randomBytes } from "node:crypto";
import { GroupCommit } from "./commit.js";
import type { Store } from "./store.js";

/** Proves a restore request comes from this process, never from a client's create options. */
export const RESTORE_KEY = randomBytes(16).toString("hex");

let store: Store | undefined;
let commits: GroupCommit | undefined;

/** Sets the store, and the group commit every room's writes go through. */
export function setStore(s: Store, groupCommit = new GroupCommit(s)): void {
  store = s;
  commits = groupCommit;
}

export function getStore(): Store {
  if (!store) throw new Error("store not initialised: call setStore() before creating rooms");
  return store;
}

export function getCommits(): GroupCommit {
  if (!commits) throw new Error("store not initialised: call setStore() before creating rooms");
  return commits;
}

let processId = "main";

/** The stable id of this process: it holds the lease on the games it runs. */
export function setProcessId(id: string): void {
  processId = id;
}

export function getProcessId(): string {
  return processId;
}

let stopping = false;

/**
 * The process is stopping (SIGTERM): its rooms take no new changes (nor let bots take seats of
 * people it is disconnecting), so what it hands over is exactly what it acknowledged.
 */
export function markStopping(): void {
  stopping = true;
}

export function isStopping(): boolean {
  return stopping;
}

let ready = false;

/** Restore at start-up is done: every unfinished game this process holds is joinable (for /health). */
export function markReady(): void {
  ready = true;
}

export function isReady(): boolean {
  return ready;
}
