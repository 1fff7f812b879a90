/**
 * A game brought back from the store (after a restart, or on another process): the clock keeps the
 * time that was left, the downtime is added (counted from when the previous process was last
 * alive, never less than 5 s), a paused game comes back paused with its time left, a game not yet
 * started comes back not started with no clock, numbering of the logs continues, and a seat whose
 * people do not come back within the reconnection window is played by a bot.
 */
import { expect, test } from "vitest";
import { getProcessId } from "../../server/context.js";
import {
  around,
  cmd,
  controlTable,
  dropRoom,
  expectWithin,
  publicHost,
  refusedAs,
  restoreRoom,
} from "../support/roomProbe.js";
import { connect, type Player, until, useTestServer } from "./helpers.js";

const server = useTestServer();

const table = (opts: Record<string, unknown> = {}) =>
  controlTable(server(), { diplomacySeconds: 600, ordersSeconds: 300, ...opts });

const observe = async (code: string): Promise<Player> =>
  connect(await server().colyseus.sdk.joinById(code, { observer: true }));

/** The lease the restore runs under, claimed here so the test can say when the holder was last alive. */
async function claim(code: string): Promise<number> {
  const claims = await server().store.claim(getProcessId(), { ids: [code] });
  expect(claims.map((c) => c.id)).toEqual([code]);
  return claims[0]!.epoch;
}

test("restored: the time left is counted from when the old process was last alive, and stored", async () => {
  const { control, code } = await table();
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  const row = (await server().store.getGame(code))!;
  expect(row.deadline).toBeGreaterThan(row.updatedAt);
  await dropRoom(code);

  // The process was alive 200 s after its last write: 200 s of the phase had run by then.
  const lastAlive = row.updatedAt + 200_000;
  const left = row.deadline - lastAlive;
  const epoch = await claim(code);
  const { before, after } = await around(() => restoreRoom(code, { epoch, lastAlive }));
  const obs = await observe(code);
  expect(obs.room.state.started).toBe(true);
  expect(obs.room.state.paused).toBe(false);
  const deadline = obs.room.state.deadline;
  expectWithin(deadline, before + left, after + left, "restored deadline");
  // Stored, so a second failure extends from here.
  await until(async () => (await server().store.getGame(code))?.deadline === deadline);
});

test("restored: a last-alive reading older than the game's last write counts from the write", async () => {
  const { control, code } = await table();
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  const row = (await server().store.getGame(code))!;
  await dropRoom(code);
  const left = row.deadline - row.updatedAt;
  const epoch = await claim(code);
  const { before, after } = await around(() =>
    restoreRoom(code, { epoch, lastAlive: row.updatedAt - 100_000 }),
  );
  const obs = await observe(code);
  expectWithin(obs.room.state.deadline, before + left, after + left, "restored deadline");
});

test("restored after a long downtime: at least 5 s are left, then the phase advances on its own", async () => {
  const { control, cn, code } = await table({ reconnectSeconds: 5 });
  const us = await connect(await server().colyseus.sdk.joinById(code, { name: "Sam", power: "US" }));
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  const row = (await server().store.getGame(code))!;
  await dropRoom(code);

  // The old process lived past the deadline: the phase gets the 5 s floor, not nothing.
  const epoch = await claim(code);
  const { before, after } = await around(() =>
    restoreRoom(code, { epoch, lastAlive: row.deadline + 60_000 }),
  );
  const obs = await observe(code);
  expectWithin(obs.room.state.deadline, before + 5000, after + 5000, "restored deadline");
  // Within the reconnection window the seats are still their people's.
  expect(obs.room.state.seats.get("CN")?.bot).toBe(false);
  expect(obs.room.state.seats.get("US")?.bot).toBe(false);
  expect(obs.latest().phase).toBe("diplomacy");
  // US comes back within the window; CN does not.
  const usBack = await connect(await server().colyseus.sdk.joinById(code, { token: us.seat.token }));
  expect(usBack.seat.power).toBe("US");
  expect(cn.seat.power).toBe("CN");

  // The restored clock runs: the phase ends at its deadline (orders, same round).
  await until(() => obs.latest().phase === "orders", 15_000);
  expect(obs.latest().round).toBe(1);
  expect(obs.room.state.deadline).toBeGreaterThan(0);
  // After the reconnection window a bot plays CN; US, back in time, stays human.
  await until(() => obs.room.state.seats.get("CN")?.bot === true, 15_000);
  expect(obs.room.state.seats.get("US")?.bot).toBe(false);
  expect(obs.room.state.seats.get("US")?.connected).toBe(true);
}, 40_000);

test("restored paused: still paused with the stored time left, and resume runs exactly that", async () => {
  const { control, code } = await table();
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  expect(await cmd(control, { command: "pause" })).toEqual({ ok: true });
  const row = (await server().store.getGame(code))!;
  expect(row.deadline).toBe(0);
  expect(row.pausedRemaining).toBeGreaterThan(0);
  await dropRoom(code);
  await restoreRoom(code);

  const obs = await observe(code);
  expect(obs.room.state.started).toBe(true);
  expect(obs.room.state.paused).toBe(true);
  expect(obs.room.state.deadline).toBe(0);
  expect(obs.room.state.pausedRemaining).toBe(row.pausedRemaining);
  const ctl = await connect(
    await server().colyseus.sdk.joinById(code, { controlToken: control.seat.controlToken }),
  );
  expect(ctl.seat.seat).toBe("CONTROL");
  expect(await cmd(ctl, { command: "pause" })).toMatchObject(refusedAs("wrong_phase"));
  const { before, after } = await around(() => cmd(ctl, { command: "resume" }));
  await until(() => obs.room.state.paused === false);
  expectWithin(
    obs.room.state.deadline,
    before + row.pausedRemaining,
    after + row.pausedRemaining,
    "deadline after resume",
  );
  expect((await server().store.getGame(code))?.pausedRemaining).toBe(0);
});

test("restored before the start: not started, no clock, and Control can start it", async () => {
  const { control, code } = await table();
  await dropRoom(code);
  await restoreRoom(code);
  const obs = await observe(code);
  expect(obs.room.state.started).toBe(false);
  expect(obs.room.state.deadline).toBe(0);
  expect(obs.room.state.paused).toBe(false);
  const ctl = await connect(
    await server().colyseus.sdk.joinById(code, { controlToken: control.seat.controlToken }),
  );
  expect(await cmd(ctl, { command: "advance" })).toMatchObject(refusedAs("wrong_phase"));
  const { before, after } = await around(() => cmd(ctl, { command: "start" }));
  await until(() => obs.room.state.started === true);
  expectWithin(obs.room.state.deadline, before + 600_000, after + 600_000, "deadline at start");
});

test("restored: the logs' numbering goes on after the largest stored number", async () => {
  const { control, cn, code } = await table();
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  expect(await cn.room.request("chat", { channel: "public", text: "one" })).toEqual({ ok: true });
  expect(await cmd(control, { command: "broadcast", text: "two" })).toEqual({ ok: true });
  expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
  await dropRoom(code);
  await restoreRoom(code);

  // The chat comes back with the game: a seat joining reads it.
  const watcher = await server().colyseus.sdk.joinById(code, { observer: true });
  const history = await new Promise<{ messages: { text: string }[] }>((resolve) =>
    watcher.onMessage("chat_history", resolve),
  );
  for (const t of ["seat", "view", "view_delta", "chat"]) watcher.onMessage(t, () => {});
  expect(history.messages.map((m) => m.text)).toEqual(["one", "two"]);
  const back = await connect(await server().colyseus.sdk.joinById(code, { token: cn.seat.token }));
  const ctl = await connect(
    await server().colyseus.sdk.joinById(code, { controlToken: control.seat.controlToken }),
  );
  expect(back.latest().phase).toBe("orders");
  expect(await back.room.request("chat", { channel: "public", text: "three" })).toEqual({ ok: true });
  expect(await cmd(ctl, { command: "advance" })).toEqual({ ok: true });
  expect(await cmd(ctl, { command: "extend", seconds: 60 })).toEqual({ ok: true });
  const { store } = server();
  expect((await store.messages(code)).map((m) => [m.id, m.text])).toEqual([
    [0, "one"],
    [1, "two"],
    [2, "three"],
  ]);
  expect((await store.inputs(code)).map((r) => r.seq)).toEqual([0, 1]);
  expect(
    (await store.controlLog(code)).map((r) => [r.seq, (r.command as { command: string }).command]),
  ).toEqual([
    [0, "start"],
    [1, "broadcast"],
    [2, "advance"],
    [3, "advance"],
    [4, "extend"],
  ]);
  await until(() => back.latest().round === 2);
});

test("restored: a bot's seat is a bot's again at once; a public table not yet started still fills with bots", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(
    await sdk.create("game", { asControl: true, fillWithBots: false, bots: ["KP"], diplomacySeconds: 600 }),
  );
  const code = control.seat.code;
  await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  await dropRoom(code);
  await restoreRoom(code);
  const obs = await observe(code);
  expect(obs.room.state.seats.get("KP")).toMatchObject({ bot: true, name: "Bot" });
  expect(obs.room.state.seats.get("CN")).toMatchObject({ bot: false, name: "Li" });

  // A public table waiting for its bot fill when the process went: the wait starts again.
  const host = await publicHost(server(), 2);
  const table = host.seat.code;
  await dropRoom(table);
  // (If the load here delayed the drop past the wait, the table is simply restored started.)
  await restoreRoom(table);
  const watcher = await observe(table);
  await until(() => watcher.room.state.started === true, 10_000);
  await until(() => ["CN", "RU", "KP", "KR"].every((p) => watcher.room.state.seats.get(p)?.bot === true));
}, 20_000);
