/**
 * Failover with the real parts: PostgreSQL as the shared record, Redis for presence and
 * matchmaking, three game-server processes. `kill -9` the process running a game: another takes it
 * over (replayed from the store, its deadline extended by the downtime) and the players rejoin by
 * code and token to their seats with everything acknowledged there. A process that was only
 * frozen, not dead, cannot accept anything for a game once it has moved (the lease's fence), and
 * SIGTERM hands the games over without losing any.
 *
 * The times printed (kill to everyone seated again) are measurements for the README, not limits.
 */
import "../../server/polyfill.js";
import { Client } from "@colyseus/sdk";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import type { Reply } from "../../shared/index.js";
import { freePort, type RunningServer, startServer } from "../support/harness.js";
import { type RunningPostgres, type RunningRedis, startPostgres, startRedis } from "../support/services.js";
import { connect, type Player, until } from "./helpers.js";

let db: RunningPostgres | undefined;
let redis: RunningRedis | undefined;
let sql: pg.Client | undefined;
const servers = new Map<string, RunningServer>();
afterAll(async () => {
  for (const s of servers.values()) {
    if (s.proc.signalCode === null && s.proc.exitCode === null) s.proc.kill("SIGCONT");
    await s.stop("SIGKILL");
  }
  await sql?.end().catch(() => {});
  redis?.stop();
  db?.stop();
});

async function owner(code: string): Promise<string> {
  const r = await sql!.query("SELECT owner FROM games WHERE id = $1", [code]);
  return String(r.rows[0]?.owner);
}

async function ordersStored(code: string): Promise<number> {
  console.log(
    (await sql!.query("SELECT seq, actor, input, at FROM inputs WHERE game_id = $1 ORDER BY seq", [code]))
      .rows,
  );
  const r = await sql!.query(
    "SELECT count(*) AS n FROM inputs WHERE game_id = $1 AND input LIKE '%submit_orders%'",
    [code],
  );
  return Number(r.rows[0]?.n);
}

/** Joins by code and token through `server`, retrying while the game is still on its way there. */
async function rejoin(server: RunningServer, code: string, token: string): Promise<Player> {
  for (let attempt = 0; ; attempt++) {
    try {
      const p = await connect(await new Client(`ws://127.0.0.1:${server.port}`).joinById(code, { token }));
      p.room.reconnection.enabled = false;
      await until(() => p.views.length > 0);
      return p;
    } catch (e) {
      if (attempt >= 100) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const live = (except: string[]) => [...servers.entries()].filter(([id]) => !except.includes(id));

test("kill -9 mid-game: another process takes over and nothing acknowledged is lost; a frozen process is fenced; SIGTERM hands over", async () => {
  [db, redis] = await Promise.all([startPostgres(), startRedis()]);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  for (const id of ["s0", "s1", "s2"]) {
    const port = await freePort();
    servers.set(
      id,
      await startServer({
        client: false,
        port,
        env: {
          DATABASE_URL: db.url,
          REDIS_URL: redis.url,
          PROCESS_ID: id,
          PUBLIC_ADDRESS: `127.0.0.1:${port}`,
        },
      }),
    );
  }
  const first = servers.get("s0")!;
  const us = await connect(
    await new Client(`ws://127.0.0.1:${first.port}`).create("game", {
      name: "US",
      power: "US",
      rounds: 4,
      fillWithBots: false,
    }),
  );
  const code = us.seat.code;
  const cn = await connect(
    await new Client(`ws://127.0.0.1:${first.port}`).joinById(code, { name: "KP", power: "KP" }),
  );
  for (const p of [us, cn]) p.room.reconnection.enabled = false;
  const ok = async (p: Promise<Reply>) => expect(await p).toEqual({ ok: true });
  await ok(us.room.request("control", { command: "start" }));
  await ok(us.room.request("control", { command: "advance" }));
  await ok(us.room.request("orders", { actions: [{ type: "set_enforcement", announced: 80, target: 70 }] }));
  await ok(cn.room.request("orders", { actions: [{ type: "missile_test" }] }));
  await ok(us.room.request("chat", { channel: "public", text: "acknowledged before the crash" }));
  await until(() => us.latest().phase === "orders" && us.room.state.deadline > 0);
  const deadlineBefore = us.room.state.deadline;

  // ── kill -9 the process running the game ──
  const victimId = await owner(code);
  const victim = servers.get(victimId)!;
  const killedAt = Date.now();
  await victim.stop("SIGKILL");
  await until(async () => (await owner(code)) !== victimId, 30_000);
  const heirId = await owner(code);
  console.log(`failover: kill -9 to the game claimed by ${heirId}: ${Date.now() - killedAt} ms`);
  const [, via] = live([victimId])[0]!;
  const us2 = await rejoin(via, code, us.seat.token!);
  const cn2 = await rejoin(via, code, cn.seat.token!);
  const failoverMs = Date.now() - killedAt;
  console.log(`failover: kill -9 to both players seated again on ${heirId}: ${failoverMs} ms`);

  expect(us2.seat.power).toBe("US");
  expect(cn2.seat.power).toBe("KP");
  expect(us2.latest()).toMatchObject({ round: 1, phase: "orders" });
  expect(await ordersStored(code)).toBe(2);
  const chat = await sql.query("SELECT text FROM messages WHERE game_id = $1", [code]);
  expect(chat.rows.map((r) => r.text)).toEqual(["acknowledged before the crash"]);
  await until(() => us2.room.state.deadline > 0);
  // The clock stood still while nobody ran the game: the deadline moved on by the downtime.
  expect(us2.room.state.deadline).toBeGreaterThan(deadlineBefore);

  // ── freeze the new holder: the game moves on, and the frozen one can accept nothing for it ──
  const heir = servers.get(heirId)!;
  heir.proc.kill("SIGSTOP");
  const late = us2.room.request("orders", {
    actions: [{ type: "set_enforcement", announced: 90, target: 90 }],
  });
  await until(async () => (await owner(code)) !== heirId, 30_000);
  const thirdId = await owner(code);
  heir.proc.kill("SIGCONT");
  expect(await late).toMatchObject({ ok: false, error: { code: "storage_unavailable" } });
  expect(await ordersStored(code)).toBe(2);
  const third = servers.get(thirdId)!;
  const us3 = await rejoin(third, code, us.seat.token!);
  await rejoin(third, code, cn.seat.token!);
  await ok(us3.room.request("orders", { actions: [{ type: "set_enforcement", announced: 90, target: 90 }] }));
  expect(await ordersStored(code)).toBe(3);

  // ── SIGTERM hands the game over at once, without waiting for the lease to run out ──
  const exited = new Promise<number | null>((resolve) => third.proc.once("exit", (c) => resolve(c)));
  const termAt = Date.now();
  third.proc.kill("SIGTERM");
  expect(await exited).toBe(0);
  await until(async () => (await owner(code)) === heirId, 30_000);
  const us4 = await rejoin(heir, code, us.seat.token!);
  const cn4 = await rejoin(heir, code, cn.seat.token!);
  console.log(`handover: SIGTERM to both players seated again on ${heirId}: ${Date.now() - termAt} ms`);
  expect(await ordersStored(code)).toBe(3);
  expect(us4.latest()).toMatchObject({ round: 1, phase: "orders" });
  // The game goes on where it stood.
  await ok(us4.room.request("control", { command: "advance" }));
  await until(() => cn4.latest().round === 2);
}, 180_000);
