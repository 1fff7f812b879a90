/**
 * Joining by code is rate-limited per address so codes cannot be enumerated: after a few failed
 * attempts in a minute, further joinById calls from that address are refused until it cools down.
 */
import { matchMaker } from "@colyseus/core";

const WINDOW_MS = 60_000;
const MAX_FAILURES = 10;
const failures = new Map<string, number[]>();
let installed = false;

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  failures.set(key, list);
  return list;
}

export function guardJoinById(): void {
  if (installed) return;
  installed = true;
  const controller = matchMaker.controller;
  const invoke = controller.invokeMethod.bind(controller);
  controller.invokeMethod = async (method, roomName, clientOptions, authOptions) => {
    if (method !== "joinById") return invoke(method, roomName, clientOptions, authOptions);
    const key = authOptions?.ip ?? "unknown";
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

/** For tests: forget all recorded failures. */
export function resetJoinGuard(): void {
  failures.clear();
}
