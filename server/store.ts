/**
 * Persistence in SQLite: every accepted input is written before it is acknowledged, so a restarted
 * server rebuilds each game by replaying its log through the engine.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Actor, ChatMessage, CreateOptions, Input, PowerId } from "../shared/index.js";
import { observeStoreCommit, secondsSince } from "./metrics.js";

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

export class Store {
  readonly db: Database.Database;
  /** Prepared once, run many times: every input, message and heartbeat goes through these. */
  private readonly statements = new Map<string, Database.Statement>();

  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  constructor(file: string) {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS games (
        id TEXT PRIMARY KEY, seed INTEGER NOT NULL, options TEXT NOT NULL, status TEXT NOT NULL,
        deadline INTEGER NOT NULL DEFAULT 0, paused_remaining INTEGER NOT NULL DEFAULT 0,
        started INTEGER NOT NULL DEFAULT 0, control_token TEXT, owner TEXT NOT NULL DEFAULT 'main',
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS inputs (
        game_id TEXT NOT NULL, seq INTEGER NOT NULL, actor TEXT NOT NULL, input TEXT NOT NULL,
        round INTEGER NOT NULL, phase TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (game_id, seq));
      CREATE TABLE IF NOT EXISTS seats (
        game_id TEXT NOT NULL, power TEXT NOT NULL, name TEXT NOT NULL, token TEXT NOT NULL, bot INTEGER NOT NULL DEFAULT 0, host INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (game_id, power, token));
      CREATE TABLE IF NOT EXISTS messages (
        game_id TEXT NOT NULL, id INTEGER NOT NULL, channel TEXT NOT NULL, sender TEXT NOT NULL,
        name TEXT NOT NULL, text TEXT NOT NULL, round INTEGER NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (game_id, id));
      CREATE TABLE IF NOT EXISTS control_log (
        game_id TEXT NOT NULL, seq INTEGER NOT NULL, command TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (game_id, seq));
      CREATE TABLE IF NOT EXISTS classes (
        code TEXT PRIMARY KEY, teacher_token TEXT NOT NULL, name TEXT NOT NULL, tables TEXT NOT NULL,
        created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS resolutions (
        game_id TEXT NOT NULL, round INTEGER NOT NULL, hash TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (game_id, round));
    `);
  }

  createGame(row: Omit<GameRow, "updatedAt">, owner = "main"): void {
    this.sql(
      "INSERT INTO games (id, seed, options, status, deadline, paused_remaining, started, control_token, created_at, updated_at, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(
      row.id,
      row.seed,
      JSON.stringify(row.options),
      row.status,
      row.deadline,
      row.pausedRemaining,
      row.started ? 1 : 0,
      row.controlToken,
      row.createdAt,
      row.createdAt,
      owner,
    );
  }

  setStarted(id: string, now: number): void {
    this.sql("UPDATE games SET started = 1, updated_at = ? WHERE id = ?").run(now, id);
  }

  /** Records that the game's process is alive (so a restart can extend deadlines by the downtime). */
  touch(id: string, now: number): void {
    this.sql("UPDATE games SET updated_at = ? WHERE id = ?").run(now, id);
  }

  appendMessage(gameId: string, m: ChatMessage): void {
    const start = process.hrtime.bigint();
    this.sql(
      "INSERT INTO messages (game_id, id, channel, sender, name, text, round, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(gameId, m.id, m.channel, m.from, m.name, m.text, m.round, m.at);
    observeStoreCommit(secondsSince(start));
  }

  messages(gameId: string): ChatMessage[] {
    const rows = this.sql("SELECT * FROM messages WHERE game_id = ? ORDER BY id").all(gameId) as Record<
      string,
      unknown
    >[];
    return rows.map((r) => ({
      id: Number(r.id),
      channel: String(r.channel),
      from: String(r.sender) as ChatMessage["from"],
      name: String(r.name),
      text: String(r.text),
      round: Number(r.round),
      at: Number(r.at),
    }));
  }

  appendControl(gameId: string, seq: number, command: unknown, at: number): void {
    this.sql("INSERT INTO control_log (game_id, seq, command, at) VALUES (?, ?, ?, ?)").run(
      gameId,
      seq,
      JSON.stringify(command),
      at,
    );
  }

  controlLog(gameId: string): { seq: number; command: unknown; at: number }[] {
    const rows = this.sql("SELECT * FROM control_log WHERE game_id = ? ORDER BY seq").all(gameId) as Record<
      string,
      unknown
    >[];
    return rows.map((r) => ({
      seq: Number(r.seq),
      command: JSON.parse(String(r.command)),
      at: Number(r.at),
    }));
  }

  gameExists(id: string): boolean {
    return this.sql("SELECT 1 FROM games WHERE id = ?").get(id) !== undefined;
  }

  getGame(id: string): GameRow | undefined {
    const r = this.sql("SELECT * FROM games WHERE id = ?").get(id) as Record<string, unknown> | undefined;
    return r ? toGameRow(r) : undefined;
  }

  /** Unfinished games owned by a process (the one that created them). */
  activeGames(owner: string): GameRow[] {
    return (
      this.sql("SELECT * FROM games WHERE status = 'active' AND owner = ?").all(owner) as Record<
        string,
        unknown
      >[]
    ).map(toGameRow);
  }

  setClock(id: string, deadline: number, pausedRemaining: number, now: number): void {
    this.sql("UPDATE games SET deadline = ?, paused_remaining = ?, updated_at = ? WHERE id = ?").run(
      deadline,
      pausedRemaining,
      now,
      id,
    );
  }

  setStatus(id: string, status: GameRow["status"], now: number): void {
    this.sql("UPDATE games SET status = ?, updated_at = ? WHERE id = ?").run(status, now, id);
  }

  appendInput(gameId: string, row: InputRow): void {
    // Each write commits on its own (autocommit, synchronous=FULL): its time is a commit's.
    const start = process.hrtime.bigint();
    this.sql(
      "INSERT INTO inputs (game_id, seq, actor, input, round, phase, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ).run(gameId, row.seq, row.actor, JSON.stringify(row.input), row.round, row.phase, row.at);
    observeStoreCommit(secondsSince(start));
  }

  /** Copies a game's accepted inputs from before `round` into another game (a branch). */
  copyInputs(from: string, to: string, beforeRound: number): number {
    const rows = this.inputs(from).filter((r) => r.round < beforeRound);
    const insert = this.db.transaction(() => {
      for (const r of rows) this.appendInput(to, r);
    });
    insert();
    return rows.length;
  }

  inputs(gameId: string): InputRow[] {
    const rows = this.sql("SELECT * FROM inputs WHERE game_id = ? ORDER BY seq").all(gameId) as Record<
      string,
      unknown
    >[];
    return rows.map((r) => ({
      seq: Number(r.seq),
      actor: String(r.actor) as Actor,
      input: JSON.parse(String(r.input)) as Input,
      round: Number(r.round),
      phase: String(r.phase),
      at: Number(r.at),
    }));
  }

  /** Removes a bot's row when a human takes its seat before the start. */
  dropBotSeat(gameId: string, power: PowerId): void {
    this.sql("DELETE FROM seats WHERE game_id = ? AND power = ? AND bot = 1").run(gameId, power);
  }

  putSeat(gameId: string, seat: SeatRow): void {
    this.sql(
      "INSERT OR REPLACE INTO seats (game_id, power, name, token, bot, host) VALUES (?, ?, ?, ?, ?, ?)",
    ).run(gameId, seat.power, seat.name, seat.token, seat.bot ? 1 : 0, seat.host ? 1 : 0);
  }

  seats(gameId: string): SeatRow[] {
    const rows = this.sql("SELECT power, name, token, bot, host FROM seats WHERE game_id = ?").all(
      gameId,
    ) as Record<string, unknown>[];
    return rows.map((r) => ({
      power: String(r.power) as PowerId,
      name: String(r.name),
      token: String(r.token),
      bot: Number(r.bot) === 1,
      host: Number(r.host) === 1,
    }));
  }

  recordResolution(gameId: string, round: number, hash: string, at: number): void {
    this.sql("INSERT OR REPLACE INTO resolutions (game_id, round, hash, at) VALUES (?, ?, ?, ?)").run(
      gameId,
      round,
      hash,
      at,
    );
  }

  createClass(row: ClassRow): void {
    this.sql(
      "INSERT INTO classes (code, teacher_token, name, tables, created_at) VALUES (?, ?, ?, ?, ?)",
    ).run(row.code, row.teacherToken, row.name, JSON.stringify(row.tables), row.createdAt);
  }

  getClass(code: string): ClassRow | undefined {
    const r = this.sql("SELECT * FROM classes WHERE code = ?").get(code) as
      | Record<string, unknown>
      | undefined;
    if (!r) return undefined;
    return {
      code: String(r.code),
      teacherToken: String(r.teacher_token),
      name: String(r.name),
      tables: JSON.parse(String(r.tables)) as ClassRow["tables"],
      createdAt: Number(r.created_at),
    };
  }

  codeInUse(code: string): boolean {
    return this.gameExists(code) || this.sql("SELECT 1 FROM classes WHERE code = ?").get(code) !== undefined;
  }

  close(): void {
    this.db.close();
  }
}

function toGameRow(r: Record<string, unknown>): GameRow {
  return {
    id: String(r.id),
    seed: Number(r.seed),
    options: JSON.parse(String(r.options)) as CreateOptions,
    status: String(r.status) as GameRow["status"],
    deadline: Number(r.deadline),
    pausedRemaining: Number(r.paused_remaining),
    started: Number(r.started) === 1,
    controlToken: r.control_token == null ? null : String(r.control_token),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
