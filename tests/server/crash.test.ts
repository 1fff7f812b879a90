/**
 * Nothing lost: SIGKILL the server mid-round, start it again on the same data, and check that every
 * acknowledged input is there and the game goes on to the same result as an uninterrupted run.
 */
import "../../server/polyfill.js";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import {
  type Actor,
  hashOf,
  type Input,
  newGame,
  type Reply,
  step,
  ViewReplica,
} from "../../shared/index.js";
import { type RunningServer, startServer } from "../support/harness.js";
import { until } from "./helpers.js";

/** The server a test talks to now. Every server any test started is stopped after the file. */
let server: RunningServer | undefined;
const started: RunningServer[] = [];
async function start(opts: Parameters<typeof startServer>[0]): Promise<RunningServer> {
  const s = await startServer(opts);
  started.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop("SIGKILL")));
});

interface Seat {
  room: Room;
  token: string;
  code: string;
  view: { round: number; phase: string } | undefined;
}

async function seatUp(room: Room): Promise<Seat> {
  const seat: Seat = { room, token: "", code: "", view: undefined };
  room.onMessage("chat_history", () => {});
  room.onMessage("chat", () => {});
  const replica = new ViewReplica();
  room.onMessage("view", (m: unknown) => {
    if (replica.full(m)) seat.view = replica.view!;
  });
  room.onMessage("view_delta", (m: unknown) => {
    if (replica.delta(m) === "applied") seat.view = replica.view!;
  });
  await new Promise<void>((resolve) =>
    room.onMessage("seat", (m: { token: string; code: string }) => {
      seat.token = m.token;
      seat.code = m.code;
      resolve();
    }),
  );
  await until(() => seat.view !== undefined);
  return seat;
}

async function ok(p: Promise<Reply>): Promise<void> {
  expect(await p).toEqual({ ok: true });
}

test("SIGKILL mid-round loses nothing, and the game continues to the same result", async () => {
  server = await start({ client: false });
  const dataDir = server.dataDir;
  let sdk = new Client(`ws://127.0.0.1:${server.port}`);
  const cn = await seatUp(
    await sdk.create("game", { name: "CN", power: "CN", rounds: 4, fillWithBots: false }),
  );
  const kp = await seatUp(await sdk.joinById(cn.code, { name: "KP", power: "KP" }));
  const code = cn.code;

  // Start, go to orders, resolve round 1, then give round 2's orders and die before it resolves.
  await ok(cn.room.request("control", { command: "start" }));
  await ok(cn.room.request("control", { command: "advance" }));
  await ok(cn.room.request("orders", { actions: [{ type: "set_enforcement", announced: 80, target: 70 }] }));
  await ok(kp.room.request("orders", { actions: [{ type: "missile_test" }] }));
  await ok(cn.room.request("control", { command: "advance" }));
  await until(() => cn.view?.round === 2);
  await ok(cn.room.request("control", { command: "advance" }));
  await ok(kp.room.request("orders", { actions: [{ type: "missile_test" }] }));
  await ok(cn.room.request("orders", { actions: [{ type: "set_enforcement", announced: 90, target: 80 }] }));

  await server.stop("SIGKILL");
  server = await start({ client: false, dataDir });
  sdk = new Client(`ws://127.0.0.1:${server.port}`);

  // Both players come back to their own seats with their tokens.
  const cn2 = await seatUp(await sdk.joinById(code, { token: cn.token }));
  const kp2 = await seatUp(await sdk.joinById(code, { token: kp.token }));
  expect(cn2.view).toMatchObject({ round: 2, phase: "orders" });
  expect(kp2.view).toMatchObject({ round: 2, phase: "orders" });
  expect(cn2.room.state.deadline).toBeGreaterThan(Date.now());

  // Play on to the end.
  await ok(cn2.room.request("control", { command: "advance" }));
  await until(() => cn2.view?.round === 3);
  for (let round = 3; round <= 4; round++) {
    await ok(cn2.room.request("control", { command: "advance" }));
    await ok(kp2.room.request("orders", { actions: [{ type: "missile_test" }] }));
    await ok(cn2.room.request("control", { command: "advance" }));
  }
  await until(() => cn2.view?.phase === "ended");

  // The oracle: an uninterrupted run of the same inputs from the same seed.
  const db = new Database(path.join(dataDir, "pressure-point.db"), { readonly: true });
  // A resolution's record (its hash) is written just after the reply that caused it: wait for the last.
  const resolutions = db.prepare("SELECT COUNT(*) AS n FROM resolutions WHERE game_id = ?");
  await until(() => (resolutions.get(code) as { n: number }).n >= 4);
  const seed = Number((db.prepare("SELECT seed FROM games WHERE id = ?").get(code) as { seed: number }).seed);
  const log = db.prepare("SELECT actor, input FROM inputs WHERE game_id = ? ORDER BY seq").all(code) as {
    actor: string;
    input: string;
  }[];
  const recorded = db
    .prepare("SELECT round, hash FROM resolutions WHERE game_id = ? ORDER BY round")
    .all(code) as {
    round: number;
    hash: string;
  }[];
  db.close();

  // Every acknowledged order is in the log (3 before the crash in round 1–2, then 2 more).
  const orders = log.filter((e) => (JSON.parse(e.input) as Input).type === "submit_orders");
  expect(orders).toHaveLength(6);

  let state = newGame({ gameId: code, seed, maxRounds: 4 });
  const straight: { round: number; hash: string }[] = [];
  for (const e of log) {
    const before = state.round;
    const r = step(state, e.actor as Actor, JSON.parse(e.input) as Input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    state = r.value;
    if (state.round !== before || state.phase === "ended")
      straight.push({ round: before, hash: hashOf(state) });
  }
  expect(state.phase).toBe("ended");
  expect(recorded).toEqual(straight);
}, 90_000);

test("SIGTERM finishes cleanly and the game is there after the restart", async () => {
  const first = await start({ client: false });
  server = first;
  const sdk = new Client(`ws://127.0.0.1:${first.port}`);
  const us = await seatUp(await sdk.create("game", { name: "US", power: "US", fillWithBots: false }));
  await ok(us.room.request("control", { command: "start" }));
  await ok(us.room.request("chat", { channel: "public", text: "before the restart" }));
  const exited = new Promise<number | null>((resolve) => first.proc.once("exit", (c) => resolve(c)));
  first.proc.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(first.output()).toContain("SIGTERM: finishing writes and closing");

  server = await start({ client: false, dataDir: first.dataDir });
  const back = new Client(`ws://127.0.0.1:${server.port}`);
  const room = await back.joinById(us.code, { token: us.token });
  const history = await new Promise<{ messages: { text: string }[] }>((resolve) =>
    room.onMessage("chat_history", resolve),
  );
  expect(history.messages.map((m) => m.text)).toEqual(["before the restart"]);
}, 60_000);

test("a flood of messages closes that connection only", async () => {
  server ??= await start({ client: false });
  const sdk = new Client(`ws://127.0.0.1:${server.port}`);
  const calm = await seatUp(await sdk.create("game", { name: "A", power: "US", fillWithBots: false }));
  const noisy = await seatUp(await sdk.joinById(calm.code, { name: "B", power: "CN" }));
  noisy.room.reconnection.enabled = false;
  const closed = new Promise<number>((resolve) => noisy.room.onLeave((code) => resolve(code)));
  for (let i = 0; i < 60; i++) noisy.room.send("ready", { ready: i % 2 === 0 });
  expect(await closed).toBeGreaterThanOrEqual(4000);
  await ok(calm.room.request("ready", { ready: true }));
}, 30_000);
