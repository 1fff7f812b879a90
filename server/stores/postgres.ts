/**
 * The shared backend: PostgreSQL through `pg`, for several server processes on several machines.
 * Lease times use the database's clock, so machines whose clocks differ still agree on who holds
 * a game.
 */
import pg from "pg";
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

type Row = Record<string, unknown>;
type Query = { name: string; text: string; values: unknown[] };

/** The database's clock in epoch milliseconds. */
const NOW_MS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";
/** Any constant: only the migrations take this lock, so processes starting together take turns. */
const MIGRATION_LOCK = 727_274;

/** A named statement: PostgreSQL parses and plans it once per connection. */
function q(name: string, text: string, values: unknown[]): Query {
  return { name, text, values };
}

export class PostgresStore implements Store {
  readonly backend = "postgres";
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    // A connection the server drops while idle must not crash the process: the next query reconnects.
    pool.on("error", (e) => console.error("postgres: idle connection lost:", e.message));
    const store = new PostgresStore(pool);
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      await c.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
      );
      const done = new Set(
        (await c.query("SELECT version FROM schema_migrations")).rows.map((r) => Number(r.version)),
      );
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query(m.postgres);
        await c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
          m.version,
          m.name,
          Date.now(),
        ]);
      }
    });
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query("BEGIN");
      const out = await fn(c);
      await c.query("COMMIT");
      return out;
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  private async rows(query: Query): Promise<Row[]> {
    return (await this.pool.query(query)).rows as Row[];
  }

  async write(groups: readonly WriteGroup[]): Promise<GroupResult[]> {
    return this.tx(async (c) => {
      const results: GroupResult[] = [];
      for (const g of groups) {
        if (g.fence) {
          // Locks the game's row until commit: a takeover waits for this batch, or this batch
          // sees the takeover's new epoch and stores nothing for the game.
          const held = await c.query(
            q("fence", "UPDATE games SET epoch = epoch WHERE id = $1 AND owner = $2 AND epoch = $3", [
              g.fence.gameId,
              g.fence.owner,
              g.fence.epoch,
            ]),
          );
          if (held.rowCount === 0) {
            results.push("fenced");
            continue;
          }
        }
        for (const w of g.writes) await c.query(toQuery(w));
        results.push("ok");
      }
      return results;
    });
  }

  async getGame(id: string): Promise<GameRow | undefined> {
    const [r] = await this.rows(q("game", "SELECT * FROM games WHERE id = $1", [id]));
    return r ? toGameRow(r) : undefined;
  }

  async gameExists(id: string): Promise<boolean> {
    return (await this.rows(q("game_exists", "SELECT 1 FROM games WHERE id = $1", [id]))).length > 0;
  }

  async loadGame(id: string): Promise<LoadedGame | undefined> {
    const [row, inputs, messages, control, seats] = await Promise.all([
      this.getGame(id),
      this.inputs(id),
      this.messages(id),
      this.controlLog(id),
      this.seats(id),
    ]);
    return row ? { row, inputs, messages, control, seats } : undefined;
  }

  async inputs(gameId: string): Promise<InputRow[]> {
    return (
      await this.rows(q("inputs", "SELECT * FROM inputs WHERE game_id = $1 ORDER BY seq", [gameId]))
    ).map(toInputRow);
  }

  async messages(gameId: string): Promise<ChatMessage[]> {
    return (
      await this.rows(q("messages", "SELECT * FROM messages WHERE game_id = $1 ORDER BY id", [gameId]))
    ).map(toMessage);
  }

  async controlLog(gameId: string): Promise<ControlRow[]> {
    return (
      await this.rows(q("control_log", "SELECT * FROM control_log WHERE game_id = $1 ORDER BY seq", [gameId]))
    ).map(toControlRow);
  }

  async seats(gameId: string): Promise<SeatRow[]> {
    return (
      await this.rows(
        q("seats", "SELECT power, name, token, bot, host FROM seats WHERE game_id = $1", [gameId]),
      )
    ).map(toSeatRow);
  }

  async counters(gameId: string): Promise<Counters> {
    const [r] = await this.rows(
      q(
        "counters",
        `SELECT (SELECT COALESCE(MAX(seq) + 1, 0) FROM inputs WHERE game_id = $1) AS seq,
                (SELECT COALESCE(MAX(id) + 1, 0) FROM messages WHERE game_id = $1) AS message_seq,
                (SELECT COALESCE(MAX(seq) + 1, 0) FROM control_log WHERE game_id = $1) AS control_seq`,
        [gameId],
      ),
    );
    return { seq: Number(r?.seq), messageSeq: Number(r?.message_seq), controlSeq: Number(r?.control_seq) };
  }

  async getClass(code: string): Promise<ClassRow | undefined> {
    const [r] = await this.rows(q("class", "SELECT * FROM classes WHERE code = $1", [code]));
    return r ? toClassRow(r) : undefined;
  }

  async codeInUse(code: string): Promise<boolean> {
    const rows = await this.rows(
      q("code_in_use", "SELECT 1 FROM games WHERE id = $1 UNION ALL SELECT 1 FROM classes WHERE code = $1", [
        code,
      ]),
    );
    return rows.length > 0;
  }

  async heartbeat(processId: string, leaseMs: number): Promise<void> {
    await this.pool.query(
      q(
        "heartbeat",
        `INSERT INTO processes (id, alive_at, alive_until) VALUES ($1, ${NOW_MS}, ${NOW_MS} + $2)
         ON CONFLICT (id) DO UPDATE SET alive_at = excluded.alive_at, alive_until = excluded.alive_until`,
        [processId, leaseMs],
      ),
    );
  }

  async release(processId: string): Promise<void> {
    await this.pool.query(
      q("release", `UPDATE processes SET alive_at = ${NOW_MS}, alive_until = 0 WHERE id = $1`, [processId]),
    );
  }

  async claim(processId: string, opts: ClaimOptions): Promise<Claim[]> {
    return this.tx(async (c) => {
      const now = Number((await c.query(`SELECT ${NOW_MS} AS now`)).rows[0].now);
      const base =
        "SELECT g.id, g.owner, g.epoch, p.alive_at, p.alive_until FROM games g LEFT JOIN processes p ON p.id = g.owner WHERE g.status = 'active'";
      // FOR UPDATE OF g: a claim waits for a batch writing to the game, and two claims take turns.
      const found = opts.ids
        ? await c.query(`${base} AND g.id = ANY($1) FOR UPDATE OF g`, [opts.ids])
        : await c.query(
            `${base} AND (g.owner = $1 OR (g.owner <> $2 AND (p.alive_until IS NULL OR p.alive_until < $3))) LIMIT $4 FOR UPDATE OF g SKIP LOCKED`,
            [opts.own ? processId : "", processId, now, opts.limit ?? 1_000_000],
          );
      const claims = claimable(
        found.rows as { id: string; owner: string; epoch: number; alive_at: unknown; alive_until: unknown }[],
        processId,
        now,
      );
      if (claims.length > 0)
        await c.query(
          "UPDATE games AS g SET owner = $1, epoch = c.epoch FROM unnest($2::text[], $3::int[]) AS c(id, epoch) WHERE g.id = c.id",
          [processId, claims.map((x) => x.id), claims.map((x) => x.epoch)],
        );
      return claims;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function toQuery(w: Write): Query {
  switch (w.kind) {
    case "create_game": {
      const r = w.row;
      return q(
        "create_game",
        "INSERT INTO games (id, seed, options, status, deadline, paused_remaining, started, control_token, created_at, updated_at, owner, epoch) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, 1)",
        [
          r.id,
          r.seed,
          JSON.stringify(r.options),
          r.status,
          r.deadline,
          r.pausedRemaining,
          r.started,
          r.controlToken,
          r.createdAt,
          w.owner,
        ],
      );
    }
    case "started":
      return q("started", "UPDATE games SET started = TRUE, updated_at = $1 WHERE id = $2", [w.at, w.gameId]);
    case "input":
      return q(
        "input",
        "INSERT INTO inputs (game_id, seq, actor, input, round, phase, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [w.gameId, w.row.seq, w.row.actor, JSON.stringify(w.row.input), w.row.round, w.row.phase, w.row.at],
      );
    case "message": {
      const m = w.message;
      return q(
        "message",
        "INSERT INTO messages (game_id, id, channel, sender, name, text, round, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        [w.gameId, m.id, m.channel, m.from, m.name, m.text, m.round, m.at],
      );
    }
    case "control":
      return q("control", "INSERT INTO control_log (game_id, seq, command, at) VALUES ($1, $2, $3, $4)", [
        w.gameId,
        w.row.seq,
        JSON.stringify(w.row.command),
        w.row.at,
      ]);
    case "clock":
      return q(
        "clock",
        "UPDATE games SET deadline = $1, paused_remaining = $2, updated_at = $3 WHERE id = $4",
        [w.deadline, w.pausedRemaining, w.at, w.gameId],
      );
    case "status":
      return q("status", "UPDATE games SET status = $1, updated_at = $2 WHERE id = $3", [
        w.status,
        w.at,
        w.gameId,
      ]);
    case "seat":
      return q(
        "seat",
        `INSERT INTO seats (game_id, power, name, token, bot, host) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (game_id, power, token) DO UPDATE SET name = excluded.name, bot = excluded.bot, host = excluded.host`,
        [w.gameId, w.seat.power, w.seat.name, w.seat.token, w.seat.bot, w.seat.host],
      );
    case "drop_bot_seat":
      return q("drop_bot_seat", "DELETE FROM seats WHERE game_id = $1 AND power = $2 AND bot", [
        w.gameId,
        w.power,
      ]);
    case "resolution":
      return q(
        "resolution",
        `INSERT INTO resolutions (game_id, round, hash, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (game_id, round) DO UPDATE SET hash = excluded.hash, at = excluded.at`,
        [w.gameId, w.round, w.hash, w.at],
      );
    case "class":
      return q(
        "class",
        "INSERT INTO classes (code, teacher_token, name, tables, created_at) VALUES ($1, $2, $3, $4, $5)",
        [w.row.code, w.row.teacherToken, w.row.name, JSON.stringify(w.row.tables), w.row.createdAt],
      );
  }
}
