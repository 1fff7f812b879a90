/** Process-wide services the rooms use, set once at start-up (or by a test). */
import { randomBytes } from "node:crypto";
import type { Store } from "./store.js";

/** Proves a restore request comes from this process, never from a client's create options. */
export const RESTORE_KEY = randomBytes(16).toString("hex");

let store: Store | undefined;

export function setStore(s: Store): void {
  store = s;
}

export function getStore(): Store {
  if (!store) throw new Error("store not initialised: call setStore() before creating rooms");
  return store;
}

let processId = "main";

/** The stable id of this process: it owns (and restores) the games it created. */
export function setProcessId(id: string): void {
  processId = id;
}

export function getProcessId(): string {
  return processId;
}
