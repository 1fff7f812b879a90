/**
 * The shared backend: PostgreSQL through `pg`, for several server processes on several machines.
 * Lease times use the database's clock, so machines whose clocks differ still agree on who holds
 * a game.
 */

import pg from "pg";
import type { ChatMessage } from "../../shared/index.js";
import { log } from "../log.js";
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
    pool.on("error", (e) => log.warn({ err: e.message }, "postgres: idle connection lost"));
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

  /**
   * A batch in a handful of round trips, whatever its size: one statement checks every fence, and
   * each kind of write goes in one multi-row statement (a batch holds at most one group per game,
   * since a room stores one change at a time, so their order within the batch does not matter;
   * where a game's value is set twice, the later one wins).
   */
  async write(groups: readonly WriteGroup[]): Promise<GroupResult[]> {
    return this.tx(async (c) => {
      const fences = groups.flatMap((g) => (g.fence ? [g.fence] : []));
      let held = new Set<string>();
      if (fences.length > 0) {
        // Locks each game's row until commit: a takeover waits for this batch, or this batch sees
        // the takeover's new epoch and stores nothing for the game.
        const r = await c.query(
          q(
            "fences",
            `UPDATE games AS g SET epoch = g.epoch FROM unnest($1::text[], $2::text[], $3::int[]) AS f(id, owner, epoch)
             WHERE g.id = f.id AND g.owner = f.owner AND g.epoch = f.epoch RETURNING f.id, f.owner, f.epoch`,
            [fences.map((f) => f.gameId), fences.map((f) => f.owner), fences.map((f) => f.epoch)],
          ),
        );
        held = new Set(r.rows.map((row) => `${row.id}|${row.owner}|${row.epoch}`));
      }
      const results = groups.map(
        (g): GroupResult =>
          !g.fence || held.has(`${g.fence.gameId}|${g.fence.owner}|${g.fence.epoch}`) ? "ok" : "fenced",
      );
      const stored = groups.filter((_, i) => results[i] === "ok");
      if (oneGroupPerGame(stored))
        await applyAll(
          c,
          stored.flatMap((g) => g.writes),
        );
      // Several changes to one game in a batch (not from rooms, which store one at a time): in order.
      else for (const g of stored) for (const w of g.writes) await c.query(toQuery(w));
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

function oneGroupPerGame(groups: readonly WriteGroup[]): boolean {
  const seen = new Set<string>();
  for (const g of groups) {
    const ids = new Set(
      g.writes.map((w) => ("gameId" in w ? w.gameId : w.kind === "create_game" ? w.row.id : "")),
    );
    for (const id of ids) {
      if (id !== "" && seen.has(id)) return false;
      seen.add(id);
    }
  }
  return true;
}

type Of<K extends Write["kind"]> = Extract<Write, { kind: K }>;

/** The later of two writes to the same key wins (a batch may set a game's clock twice). */
function lastBy<T>(items: T[], key: (t: T) => string): T[] {
  return [...new Map(items.map((t) => [key(t), t])).values()];
}

async function applyAll(c: pg.PoolClient, writes: Write[]): Promise<void> {
  const of = <K extends Write["kind"]>(kind: K) => writes.filter((w): w is Of<K> => w.kind === kind);
  // Rare ones (a game or class created, a bot's seat given up) one by one, first.
  for (const w of writes)
    if (w.kind === "create_game" || w.kind === "class" || w.kind === "drop_bot_seat")
      await c.query(toQuery(w));
  const inputs = of("input");
  if (inputs.length > 0)
    await c.query(
      q(
        "inputs_many",
        `INSERT INTO inputs (game_id, seq, actor, input, round, phase, at)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[])`,
        [
          inputs.map((w) => w.gameId),
          inputs.map((w) => w.row.seq),
          inputs.map((w) => w.row.actor),
          inputs.map((w) => JSON.stringify(w.row.input)),
          inputs.map((w) => w.row.round),
          inputs.map((w) => w.row.phase),
          inputs.map((w) => w.row.at),
        ],
      ),
    );
  const messages = of("message");
  if (messages.length > 0)
    await c.query(
      q(
        "messages_many",
        `INSERT INTO messages (game_id, id, channel, sender, name, text, round, at)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::bigint[])`,
        [
          messages.map((w) => w.gameId),
          messages.map((w) => w.message.id),
          messages.map((w) => w.message.channel),
          messages.map((w) => w.message.from),
          messages.map((w) => w.message.name),
          messages.map((w) => w.message.text),
          messages.map((w) => w.message.round),
          messages.map((w) => w.message.at),
        ],
      ),
    );
  const control = of("control");
  if (control.length > 0)
    await c.query(
      q(
        "control_many",
        `INSERT INTO control_log (game_id, seq, command, at)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[])`,
        [
          control.map((w) => w.gameId),
          control.map((w) => w.row.seq),
          control.map((w) => JSON.stringify(w.row.command)),
          control.map((w) => w.row.at),
        ],
      ),
    );
  const seats = lastBy(of("seat"), (w) => `${w.gameId}\u0000${w.seat.power}\u0000${w.seat.token}`);
  if (seats.length > 0)
    await c.query(
      q(
        "seats_many",
        `INSERT INTO seats (game_id, power, name, token, bot, host)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::boolean[])
         ON CONFLICT (game_id, power, token) DO UPDATE SET name = excluded.name, bot = excluded.bot, host = excluded.host`,
        [
          seats.map((w) => w.gameId),
          seats.map((w) => w.seat.power),
          seats.map((w) => w.seat.name),
          seats.map((w) => w.seat.token),
          seats.map((w) => w.seat.bot),
          seats.map((w) => w.seat.host),
        ],
      ),
    );
  const resolutions = lastBy(of("resolution"), (w) => `${w.gameId}\u0000${w.round}`);
  if (resolutions.length > 0)
    await c.query(
      q(
        "resolutions_many",
        `INSERT INTO resolutions (game_id, round, hash, at)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[])
         ON CONFLICT (game_id, round) DO UPDATE SET hash = excluded.hash, at = excluded.at`,
        [
          resolutions.map((w) => w.gameId),
          resolutions.map((w) => w.round),
          resolutions.map((w) => w.hash),
          resolutions.map((w) => w.at),
        ],
      ),
    );
  const clocks = lastBy(of("clock"), (w) => w.gameId);
  if (clocks.length > 0)
    await c.query(
      q(
        "clocks_many",
        `UPDATE games AS g SET deadline = v.deadline, paused_remaining = v.paused, updated_at = v.at
         FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[]) AS v(id, deadline, paused, at) WHERE g.id = v.id`,
        [
          clocks.map((w) => w.gameId),
          clocks.map((w) => w.deadline),
          clocks.map((w) => w.pausedRemaining),
          clocks.map((w) => w.at),
        ],
      ),
    );
  for (const w of lastBy(of("status"), (x) => x.gameId)) await c.query(toQuery(w));
  for (const w of lastBy(of("started"), (x) => x.gameId)) await c.query(toQuery(w));
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
