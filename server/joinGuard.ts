/**
 * Joining by code is rate-limited per address so codes cannot be enumerated: after a few failed
 * guesses in a minute, further joinById calls from that address are refused until it cools down.
 * Only guesses count: a code that names no game. A code of a real game never counts, whatever went
 * wrong — above all a returning player's rejoin of a game that has ended (and left memory, or was
 * not restored after a restart): that is answered `game_ended` with where its debrief is, so a
 * class behind one school address cannot lock itself out of a live game by reloading an old one.
 * Creating games and class sessions is limited per address too (generous: a class behind one
 * school address creates many), so one address cannot fill the server with rooms. The address is
 * the connection's (see clientAddress.ts).
 */
import { matchMaker } from "@colyseus/core";
import { getStore } from "./context.js";
import { log } from "./log.js";
import { countJoinRefusal } from "./metrics.js";

const WINDOW_MS = 60_000;
const failures = new Map<string, number[]>();
let installed = false;

/** Failed guesses of a code allowed per address a minute: `PP_FAILED_JOINS_PER_MINUTE` (default 10). */
function maxFailures(): number {
  const v = Number(process.env.PP_FAILED_JOINS_PER_MINUTE);
  return Number.isInteger(v) && v > 0 ? v : 10;
}

/** The times still inside the window for `key` (older ones are dropped from `log`). */
function within(log: Map<string, number[]>, key: string, now: number, windowMs: number): number[] {
  const list = (log.get(key) ?? []).filter((t) => now - t < windowMs);
  log.set(key, list);
  return list;
}

function recent(key: string, now: number): number[] {
  return within(failures, key, now, WINDOW_MS);
}

/** The refusal of a join of a game that has ended: its code is the key to its debrief page. */
export function gameEndedError(code: string): Error {
  return new Error(
    `game_ended: game ${code} has ended. Its debrief is at /debrief.html?code=${code} (open it with your seat or Control key).`,
  );
}

/**
 * Why a join by code failed, as the error to answer: a code that names no game counts against the
 * address; a game that has ended is `game_ended`; any other failure of a real game is passed on.
 */
async function explainFailure(code: string, error: unknown, key: string, now: number): Promise<unknown> {
  const game = await getStore().getGame(code);
  if (!game) {
    recent(key, now).push(now);
    countJoinRefusal("unknown_code");
    return error;
  }
  if (game.status === "ended") {
    countJoinRefusal("game_ended");
    return gameEndedError(code);
  }
  countJoinRefusal("other");
  log.info({ game: code, err: error }, "a join of a known game failed");
  return error;
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
    if (recent(key, now).length >= maxFailures()) {
      countJoinRefusal("rate_limited");
      throw new Error("rate_limited: too many join attempts; wait a minute and try again.");
    }
    try {
      return await invoke(method, roomName, clientOptions, authOptions);
    } catch (e) {
      throw await explainFailure(roomName, e, key, now);
    }
  };
}

/** Whether an address may look a code up now (the same budget as joining by code). */
export function allowLookup(key: string): boolean {
  return recent(key, Date.now()).length < maxFailures();
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
