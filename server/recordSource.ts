/**
 * Where the record, the gradebook and branches read a game's stored history. Every read of the
 * store for them goes through these few async functions, so that a different store (an async one,
 * PostgreSQL) is a change here only.
 */
import type { ChatMessage } from "../shared/index.js";
import { getStore } from "./context.js";
import type { ClassRow, GameRow, InputRow, SeatRow } from "./store.js";

export interface StoredGame {
  game: GameRow;
  inputs: InputRow[];
  messages: ChatMessage[];
  seats: SeatRow[];
  controlLog: { seq: number; command: unknown; at: number }[];
}

/** A game's whole stored history, or undefined if there is no such game. */
export async function loadGame(code: string): Promise<StoredGame | undefined> {
  const store = getStore();
  const game = store.getGame(code);
  if (!game) return undefined;
  return {
    game,
    inputs: store.inputs(code),
    messages: store.messages(code),
    seats: store.seats(code),
    controlLog: store.controlLog(code),
  };
}

export async function loadClass(code: string): Promise<ClassRow | undefined> {
  return getStore().getClass(code);
}

/**
 * Gives a branch the seats of the game it came from (same people, same tokens; bots stay bots).
 * Synchronous: a room's onCreate calls it beside `copyInputs` (re-point both together).
 */
export function copySeats(from: string, to: string): SeatRow[] {
  const store = getStore();
  const rows = store.seats(from);
  for (const r of rows) store.putSeat(to, r);
  return rows;
}
