/**
 * The embedded backend: one SQLite file (WAL, fsync on every commit). better-sqlite3 is
 * synchronous, so a commit blocks the event loop for its fsync: group commit (commit.ts) is what
 * keeps that to one fsync per batch of requests instead of one per request.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { ChatMessage } from "../../shared/index.js";
import type {
  Claim,
  ClaimOptions,
  ClassRow,
  ControlRow,
  Counters,
  GameRow,
  GroupResult,
  InputRow,
  LoadedGame,
  SeatRow,
  Store,
  Write,
  WriteGroup,
} from "../store.js";
import { MIGRATIONS } from "./migrations.js";
import { claimable, toClassRow, toControlRow, toGameRow, toInputRow, toMessage, toSeatRow } from "./rows.js";
import { SqliteWriter } from "./sqliteWriter.js";

type Row = Record<string, unknown>;

export class SqliteStore implements Store {
  readonly backend = "sqlite";
  readonly db: Database.Database;
  /** Prepared once, run many times: every input, message and heartbeat goes through these. */
  private readonly statements = new Map<string, Database.Statement>();

  /** With `writer: "thread"` the write groups are committed on a thread of their own (sqliteWriter.ts). */
  private readonly writer: SqliteWriter | undefined;

  constructor(file: string, options: { writer?: "inline" | "thread" } = {}) {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    // Several processes may share the file (scale-out on one machine): wait for a writer's lock.
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
    // After the migrations: the thread opens the file as it is now.
    if (options.writer === "thread" && file !== ":memory:") this.writer = new SqliteWriter(file);
  }

  private migrate(): void {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
    );
    this.db
      .transaction(() => {
        const done = new Set(
          (this.db.prepare("SELECT version FROM schema_migrations").all() as Row[]).map((r) =>
            Number(r.version),
          ),
        );
        for (const m of MIGRATIONS) {
          if (done.has(m.version)) continue;
          this.db.exec(m.sqlite);
          this.db
            .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
            .run(m.version, m.name, Date.now());
        }
      })
      .immediate();
  }

  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  async write(groups: readonly WriteGroup[]): Promise<GroupResult[]> {
    if (this.writer) return this.writer.write(groups);
    return this.db
      .transaction(() =>
        groups.map((g): GroupResult => {
          if (g.fence) {
            const held = this.sql(
              "UPDATE games SET epoch = epoch WHERE id = ? AND owner = ? AND epoch = ?",
            ).run(g.fence.gameId, g.fence.owner, g.fence.epoch);
            if (held.changes === 0) return "fenced";
          }
          for (const w of g.writes) this.apply(w);
          return "ok";
        }),
      )
      .immediate();
  }

  private apply(w: Write): void {
    switch (w.kind) {
      case "create_game": {
        const r = w.row;
        this.sql(
          "INSERT INTO games (id, seed, options, status, deadline, paused_remaining, started, control_token, created_at, updated_at, owner, epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        ).run(
          r.id,
          r.seed,
          JSON.stringify(r.options),
          r.status,
          r.deadline,
          r.pausedRemaining,
          r.started ? 1 : 0,
          r.controlToken,
          r.createdAt,
          r.createdAt,
          w.owner,
        );
        return;
      }
      case "started":
        this.sql("UPDATE games SET started = 1, updated_at = ? WHERE id = ?").run(w.at, w.gameId);
        return;
      case "input":
        this.sql(
          "INSERT INTO inputs (game_id, seq, actor, input, round, phase, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ).run(
          w.gameId,
          w.row.seq,
          w.row.actor,
          JSON.stringify(w.row.input),
          w.row.round,
          w.row.phase,
          w.row.at,
        );
        return;
      case "message": {
        const m = w.message;
        this.sql(
          "INSERT INTO messages (game_id, id, channel, sender, name, text, round, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ).run(w.gameId, m.id, m.channel, m.from, m.name, m.text, m.round, m.at);
        return;
      }
      case "control":
        this.sql("INSERT INTO control_log (game_id, seq, command, at) VALUES (?, ?, ?, ?)").run(
          w.gameId,
          w.row.seq,
          JSON.stringify(w.row.command),
          w.row.at,
        );
        return;
      case "clock":
        this.sql("UPDATE games SET deadline = ?, paused_remaining = ?, updated_at = ? WHERE id = ?").run(
          w.deadline,
          w.pausedRemaining,
          w.at,
          w.gameId,
        );
        return;
      case "status":
        this.sql("UPDATE games SET status = ?, updated_at = ? WHERE id = ?").run(w.status, w.at, w.gameId);
        return;
      case "seat":
        this.sql(
          "INSERT OR REPLACE INTO seats (game_id, power, name, token, bot, host) VALUES (?, ?, ?, ?, ?, ?)",
        ).run(w.gameId, w.seat.power, w.seat.name, w.seat.token, w.seat.bot ? 1 : 0, w.seat.host ? 1 : 0);
        return;
      case "drop_bot_seat":
        this.sql("DELETE FROM seats WHERE game_id = ? AND power = ? AND bot = 1").run(w.gameId, w.power);
        return;
      case "resolution":
        this.sql("INSERT OR REPLACE INTO resolutions (game_id, round, hash, at) VALUES (?, ?, ?, ?)").run(
          w.gameId,
          w.round,
          w.hash,
          w.at,
        );
        return;
      case "class":
        this.sql(
          "INSERT INTO classes (code, teacher_token, name, tables, created_at) VALUES (?, ?, ?, ?, ?)",
        ).run(w.row.code, w.row.teacherToken, w.row.name, JSON.stringify(w.row.tables), w.row.createdAt);
        return;
    }
  }

  private all(text: string, ...args: unknown[]): Row[] {
    return this.sql(text).all(...args) as Row[];
  }

  async getGame(id: string): Promise<GameRow | undefined> {
    const r = this.sql("SELECT * FROM games WHERE id = ?").get(id) as Row | undefined;
    return r ? toGameRow(r) : undefined;
  }

  async gameExists(id: string): Promise<boolean> {
    return this.sql("SELECT 1 FROM games WHERE id = ?").get(id) !== undefined;
  }

  async loadGame(id: string): Promise<LoadedGame | undefined> {
    const row = await this.getGame(id);
    if (!row) return undefined;
    return {
      row,
      inputs: await this.inputs(id),
      messages: await this.messages(id),
      control: await this.controlLog(id),
      seats: await this.seats(id),
    };
  }

  async inputs(gameId: string): Promise<InputRow[]> {
    return this.all("SELECT * FROM inputs WHERE game_id = ? ORDER BY seq", gameId).map(toInputRow);
  }

  async messages(gameId: string): Promise<ChatMessage[]> {
    return this.all("SELECT * FROM messages WHERE game_id = ? ORDER BY id", gameId).map(toMessage);
  }

  async controlLog(gameId: string): Promise<ControlRow[]> {
    return this.all("SELECT * FROM control_log WHERE game_id = ? ORDER BY seq", gameId).map(toControlRow);
  }

  async seats(gameId: string): Promise<SeatRow[]> {
    return this.all("SELECT power, name, token, bot, host FROM seats WHERE game_id = ?", gameId).map(
      toSeatRow,
    );
  }

  async counters(gameId: string): Promise<Counters> {
    const r = this.sql(
      `SELECT (SELECT COALESCE(MAX(seq) + 1, 0) FROM inputs WHERE game_id = @id) AS seq,
              (SELECT COALESCE(MAX(id) + 1, 0) FROM messages WHERE game_id = @id) AS message_seq,
              (SELECT COALESCE(MAX(seq) + 1, 0) FROM control_log WHERE game_id = @id) AS control_seq`,
    ).get({ id: gameId }) as Row;
    return { seq: Number(r.seq), messageSeq: Number(r.message_seq), controlSeq: Number(r.control_seq) };
  }

  async getClass(code: string): Promise<ClassRow | undefined> {
    const r = this.sql("SELECT * FROM classes WHERE code = ?").get(code) as Row | undefined;
    return r ? toClassRow(r) : undefined;
  }

  async codeInUse(code: string): Promise<boolean> {
    return (
      (await this.gameExists(code)) ||
      this.sql("SELECT 1 FROM classes WHERE code = ?").get(code) !== undefined
    );
  }

  async heartbeat(processId: string, leaseMs: number): Promise<void> {
    const now = Date.now();
    this.sql(
      "INSERT INTO processes (id, alive_at, alive_until) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET alive_at = excluded.alive_at, alive_until = excluded.alive_until",
    ).run(processId, now, now + leaseMs);
  }

  async release(processId: string): Promise<void> {
    this.sql("UPDATE processes SET alive_at = ?, alive_until = 0 WHERE id = ?").run(Date.now(), processId);
  }

  async claim(processId: string, opts: ClaimOptions): Promise<Claim[]> {
    return this.db
      .transaction(() => {
        const base =
          "SELECT g.id, g.owner, g.epoch, p.alive_at, p.alive_until FROM games g LEFT JOIN processes p ON p.id = g.owner WHERE g.status = 'active'";
        const candidates = (
          opts.ids
            ? opts.ids.flatMap((id) => this.all(`${base} AND g.id = ?`, id))
            : this.all(
                `${base} AND (g.owner = ? OR (g.owner <> ? AND (p.alive_until IS NULL OR p.alive_until < ?))) LIMIT ?`,
                opts.own ? processId : "",
                processId,
                Date.now(),
                opts.limit ?? -1,
              )
        ) as { id: string; owner: string; epoch: number; alive_at: unknown; alive_until: unknown }[];
        const claims = claimable(candidates, processId, Date.now());
        for (const c of claims)
          this.sql("UPDATE games SET owner = ?, epoch = ? WHERE id = ?").run(processId, c.epoch, c.id);
        return claims;
      })
      .immediate();
  }

  async close(): Promise<void> {
    await this.writer?.close();
    this.db.close();
  }
}
