/**
 * Joining by code is rate-limited per address so codes cannot be enumerated: after a few failed
 * attempts in a minute, further joinById calls from that address are refused until it cools down.
 * Creating games and class sessions is limited per address too (generous: a class behind one
 * school address creates many), so one address cannot fill the server with rooms.
 */
import { matchMaker } from "@colyseus/core";

const WINDOW_MS = 60_000;
const MAX_FAILURES = 10;
const failures = new Map<string, number[]>();
let installed = false;

/** The times still inside the window for `key` (older ones are dropped from `log`). */
function within(log: Map<string, number[]>, key: string, now: number, windowMs: number): number[] {
  const list = (log.get(key) ?? []).filter((t) => now - t < windowMs);
  log.set(key, list);
  return list;
}

function recent(key: string, now: number): number[] {
  return within(failures, key, now, WINDOW_MS);
}

export function guardJoinById(): void {
  if (installed) return;
  installed = true;
  const controller = matchMaker.controller;
  const invoke = controller.invokeMethod.bind(controller);
  controller.invokeMethod = async (method, roomName, clientOptions, authOptions) => {
    const key = authOptions?.ip ?? "unknown";
    if (method === "create") {
      if (!allowCreate("game", key))
        throw new Error("rate_limited: too many new games from your address; wait a while.");
      return invoke(method, roomName, clientOptions, authOptions);
    }
    if (method !== "joinById") return invoke(method, roomName, clientOptions, authOptions);
    const now = Date.now();
    if (recent(key, now).length >= MAX_FAILURES) {
      throw new Error("rate_limited: too many join attempts; wait a minute and try again.");
    }
    try {
      return await invoke(method, roomName, clientOptions, authOptions);
    } catch (e) {
      recent(key, now).push(now);
      throw e;
    }
  };
}

/** Whether an address may look a code up now (the same budget as joining by code). */
export function allowLookup(key: string): boolean {
  return recent(key, Date.now()).length < MAX_FAILURES;
}

export function noteFailure(key: string): void {
  const now = Date.now();
  recent(key, now).push(now);
}

const CREATE_WINDOW_MS = 60 * 60_000;
/** Creations allowed per address an hour: `PP_GAMES_PER_HOUR` (default 100), `PP_CLASSES_PER_HOUR` (20). */
function createLimit(kind: "game" | "class"): number {
  const v = Number(kind === "game" ? process.env.PP_GAMES_PER_HOUR : process.env.PP_CLASSES_PER_HOUR);
  return Number.isInteger(v) && v > 0 ? v : kind === "game" ? 100 : 20;
}
const creations = new Map<string, number[]>();

/** Counts a creation by `key` and says whether it is allowed (refused ones do not count). */
export function allowCreate(kind: "game" | "class", key: string): boolean {
  const now = Date.now();
  const list = within(creations, `${kind}:${key}`, now, CREATE_WINDOW_MS);
  if (list.length >= createLimit(kind)) return false;
  list.push(now);
  return true;
}

/** For tests: forget all recorded failures and creations. */
export function resetJoinGuard(): void {
  failures.clear();
  creations.clear();
}
