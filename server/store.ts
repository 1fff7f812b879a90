/**
 * The record of every game, behind one asynchronous interface with two backends: SQLite (embedded,
 * the default) and PostgreSQL (`DATABASE_URL`, shared by several server processes). Every accepted
 * input is written before it is acknowledged, so a restarted (or another) server rebuilds each game
 * by replaying its log through the engine.
 *
 * Writes travel as values (`Write`) in groups: one group is what one request changes, checked
 * against the writer's lease (`Fence`) in the same transaction, and many groups share a
 * transaction (group commit, see commit.ts).
 */
import type { Actor, ChatMessage, CreateOptions, Input, PowerId } from "../shared/index.js";

export interface GameRow {
  id: string;
  seed: number;
  options: CreateOptions;
  status: "active" | "ended";
  /** Epoch ms when the current phase ends (0: no clock running). */
  deadline: number;
  /** Milliseconds left when paused (0: not paused). */
  pausedRemaining: number;
  started: boolean;
  controlToken: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface InputRow {
  seq: number;
  actor: Actor;
  input: Input;
  round: number;
  phase: string;
  at: number;
}

export interface SeatRow {
  power: PowerId;
  name: string;
  /** Each member of a team has their own ("bot:XX" for a seat a bot holds from the start). */
  token: string;
  bot: boolean;
  /** The game's creator (the host, when the game has no Control seat). */
  host: boolean;
}

/** A class session: several tables run by one teacher, who is Control at each. */
export interface ClassRow {
  code: string;
  teacherToken: string;
  name: string;
  tables: { code: string; controlToken: string }[];
  createdAt: number;
}

export interface ControlRow {
  seq: number;
  command: unknown;
  at: number;
}

/** One change to the record. A request's changes are a list of these, stored together or not at all. */
export type Write =
  | { kind: "create_game"; row: Omit<GameRow, "updatedAt">; owner: string }
  | { kind: "started"; gameId: string; at: number }
  | { kind: "input"; gameId: string; row: InputRow }
  | { kind: "message"; gameId: string; message: ChatMessage }
  | { kind: "control"; gameId: string; row: ControlRow }
  | { kind: "clock"; gameId: string; deadline: number; pausedRemaining: number; at: number }
  | { kind: "status"; gameId: string; status: GameRow["status"]; at: number }
  | { kind: "seat"; gameId: string; seat: SeatRow }
  | { kind: "drop_bot_seat"; gameId: string; power: PowerId }
  | { kind: "resolution"; gameId: string; round: number; hash: string; at: number }
  | { kind: "class"; row: ClassRow };

/**
 * The writer's lease on a game: its process owns the game at this epoch. Checked in the same
 * transaction as the writes, so once another process has taken the game over (raising the epoch),
 * the old writer can store nothing more: two processes never both accept inputs for one game.
 */
export interface Fence {
  gameId: string;
  owner: string;
  epoch: number;
}

export interface WriteGroup {
  fence?: Fence;
  writes: Write[];
}

/** "fenced": the group was not stored because another process holds the game now. */
export type GroupResult = "ok" | "fenced";

/** Everything a room needs to come back: its row, logs and seats (read after its lease is held). */
export interface LoadedGame {
  row: GameRow;
  inputs: InputRow[];
  messages: ChatMessage[];
  control: ControlRow[];
  seats: SeatRow[];
}

/** A game this process now holds: the new epoch, and when its previous holder was last alive. */
export interface Claim {
  id: string;
  epoch: number;
  /** Epoch ms of the previous holder's last heartbeat (0 if unknown): the clock stopped then. */
  lastAlive: number;
}

/** The next number of each of a game's logs: MAX + 1 of what is stored, never a row count. */
export interface Counters {
  seq: number;
  messageSeq: number;
  controlSeq: number;
}

export interface ClaimOptions {
  ids?: string[];
  limit?: number;
  own?: boolean;
}

export interface Store {
  readonly backend: "sqlite" | "postgres";
  /**
   * Stores every group in one transaction (each group's fence checked first; a fenced group's
   * writes are left out). Rejects, storing nothing, when the storage fails.
   */
  write(groups: readonly WriteGroup[]): Promise<GroupResult[]>;

  getGame(id: string): Promise<GameRow | undefined>;
  gameExists(id: string): Promise<boolean>;
  loadGame(id: string): Promise<LoadedGame | undefined>;
  inputs(gameId: string): Promise<InputRow[]>;
  messages(gameId: string): Promise<ChatMessage[]>;
  controlLog(gameId: string): Promise<ControlRow[]>;
  seats(gameId: string): Promise<SeatRow[]>;
  counters(gameId: string): Promise<Counters>;
  getClass(code: string): Promise<ClassRow | undefined>;
  codeInUse(code: string): Promise<boolean>;

  /** Renews this process's lease on all its games at once (one row: the per-process heartbeat). */
  heartbeat(processId: string, leaseMs: number): Promise<void>;
  /** Gives up this process's lease now (a graceful stop), so others take its games at once. */
  release(processId: string): Promise<void>;
  /**
   * Takes the lease on unfinished games (raising each one's epoch): `ids` if given, each only if
   * it is this process's or its holder's lease has run out; otherwise up to `limit` orphaned ones
   * (their holder's lease ran out), and with `own` this process's own as well (after a restart).
   */
  claim(processId: string, opts: ClaimOptions): Promise<Claim[]>;

  close(): Promise<void>;
}
