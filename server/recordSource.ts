/**
 * Where the record, the gradebook and branches read a game's stored history. Every read of the
 * store for them goes through these few async functions.
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
  const loaded = await getStore().loadGame(code);
  if (!loaded) return undefined;
  return {
    game: loaded.row,
    inputs: loaded.inputs,
    messages: loaded.messages,
    seats: loaded.seats,
    controlLog: loaded.control,
  };
}

export async function loadClass(code: string): Promise<ClassRow | undefined> {
  return getStore().getClass(code);
}
