/**
 * Control's commands and chat when the storage fails, by what players see and what is stored: a
 * refused command changes nothing (the clock, the start, the bots' seats, a mute), and works when
 * tried again; a command or message stored with its answer lost is found by the next request (its
 * number never used twice, a mute in force, the message in the history); a public table's bot fill
 * refused by the storage is tried again until it starts the game.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { SqliteStore } from "../../server/stores/sqlite.js";
import type { ChatMessage } from "../../shared/index.js";
import { type FaultyStore, faulty } from "../support/faultyStore.js";
import { cmd, publicHost, refusedAs } from "../support/roomProbe.js";
import { bootTestServer, connect, type TestServer, until } from "./helpers.js";

let server: TestServer;
let store: FaultyStore;
beforeAll(async () => {
  store = faulty(new SqliteStore(":memory:"));
  server = await bootTestServer(store);
});
afterAll(async () => {
  store.fault = "none";
  await server.colyseus.shutdown();
});

const unavailable = refusedAs("storage_unavailable");

test("refused by the storage: start, pause, extend and mute change nothing, and work when tried again", async () => {
  const { sdk } = server.colyseus;
  const control = await connect(await sdk.create("game", { asControl: true, fillWithBots: true }));
  const code = control.seat.code;
  const cn = await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));

  store.fault = "refuse";
  expect(await cmd(control, { command: "start" })).toMatchObject(unavailable);
  store.fault = "none";
  // A later change to the room's state (an observer joins) carries whatever the refusal left.
  await connect(await sdk.joinById(code, { observer: true }));
  await until(() => cn.room.state.observers === 1);
  expect(cn.room.state.started).toBe(false);
  expect(["US", "RU", "KP", "KR"].map((p) => cn.room.state.seats.get(p)?.bot)).toEqual([
    false,
    false,
    false,
    false,
  ]);
  expect((await server.store.seats(code)).map((s) => s.power)).toEqual(["CN"]);
  expect(await server.store.controlLog(code)).toEqual([]);
  // The person at China's seat is still there, by name and connected.
  expect(cn.room.state.seats.get("CN")).toMatchObject({ name: "Li", connected: true, bot: false });

  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  await until(() => cn.room.state.started === true && cn.room.state.deadline > 0);
  await until(() => cn.room.state.seats.get("US")?.bot === true);
  const deadline = cn.room.state.deadline;

  store.fault = "refuse";
  expect(await cmd(control, { command: "pause" })).toMatchObject(unavailable);
  expect(await cmd(control, { command: "extend", seconds: 60 })).toMatchObject(unavailable);
  expect(await cmd(control, { command: "mute", power: "CN", on: true })).toMatchObject(unavailable);
  store.fault = "none";
  expect(cn.room.state.paused).toBe(false);
  expect(cn.room.state.deadline).toBe(deadline);
  expect(cn.room.state.seats.get("CN")?.muted).toBe(false);
  expect(await cn.room.request("chat", { channel: "public", text: "still heard" })).toEqual({ ok: true });
  expect((await server.store.controlLog(code)).map((r) => r.seq)).toEqual([0]);

  // Tried again, each works, numbered on from the last stored command.
  expect(await cmd(control, { command: "extend", seconds: 60 })).toEqual({ ok: true });
  await until(() => cn.room.state.deadline === deadline + 60_000);
  expect(await cmd(control, { command: "pause" })).toEqual({ ok: true });
  await until(() => cn.room.state.paused === true);
  const left = cn.room.state.pausedRemaining;
  store.fault = "refuse";
  expect(await cmd(control, { command: "resume" })).toMatchObject(unavailable);
  store.fault = "none";
  // A later change to the room's state carries whatever the refused resume left.
  expect(await cmd(control, { command: "advisor", on: false })).toEqual({ ok: true });
  await until(() => cn.room.state.advisor === false);
  expect(cn.room.state.paused).toBe(true);
  expect(cn.room.state.deadline).toBe(0);
  expect(cn.room.state.pausedRemaining).toBe(left);
  expect(
    (await server.store.controlLog(code)).map((r) => [r.seq, (r.command as { command: string }).command]),
  ).toEqual([
    [0, "start"],
    [1, "extend"],
    [2, "pause"],
    [3, "advisor"],
  ]);
});

test("stored with the answer lost: the next request finds the message in the history and the mute in force", async () => {
  const { sdk } = server.colyseus;
  const control = await connect(await sdk.create("game", { asControl: true, fillWithBots: false }));
  const code = control.seat.code;
  const cn = await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));
  const us = await connect(await sdk.joinById(code, { name: "Sam", power: "US" }));

  // The next request is of another kind here; the test below sends the same kind.
  store.fault = "lost_ack";
  expect(await cn.room.request("chat", { channel: "public", text: "lost answer" })).toMatchObject(
    unavailable,
  );
  store.fault = "none";
  expect(await cmd(control, { command: "advisor", on: false })).toEqual({ ok: true });
  await until(() => cn.room.state.advisor === false);
  // The room re-read its log: a seat joining now reads the message, and the next one is numbered on.
  const kp = await sdk.joinById(code, { name: "Kim", power: "KP" });
  const history = await new Promise<{ messages: ChatMessage[] }>((resolve) =>
    kp.onMessage("chat_history", resolve),
  );
  for (const t of ["seat", "view", "view_delta", "chat"]) kp.onMessage(t, () => {});
  expect(history.messages.map((m) => m.text)).toEqual(["lost answer"]);
  expect(await us.room.request("chat", { channel: "public", text: "next" })).toEqual({ ok: true });
  expect((await server.store.messages(code)).map((m) => [m.id, m.text])).toEqual([
    [0, "lost answer"],
    [1, "next"],
  ]);

  store.fault = "lost_ack";
  expect(await cmd(control, { command: "mute", power: "CN", on: true })).toMatchObject(unavailable);
  store.fault = "none";
  expect(await us.room.request("chat", { channel: "public", text: "after the mute" })).toEqual({ ok: true });
  expect(await cn.room.request("chat", { channel: "public", text: "muted?" })).toMatchObject(
    refusedAs("muted"),
  );
  expect(await cmd(control, { command: "broadcast", text: "noted" })).toEqual({ ok: true });
  await until(() => cn.room.state.seats.get("CN")?.muted === true);
  // Muting touched nothing else: the advisor stays off.
  expect(cn.room.state.advisor).toBe(false);
  expect(
    (await server.store.controlLog(code)).map((r) => [r.seq, (r.command as { command: string }).command]),
  ).toEqual([
    [0, "advisor"],
    [1, "mute"],
    [2, "broadcast"],
  ]);
});

test("stored with the answer lost, then the same kind at once: a message, a Control command and an order each take the next number", async () => {
  const { sdk } = server.colyseus;
  const control = await connect(await sdk.create("game", { asControl: true, fillWithBots: false }));
  const code = control.seat.code;
  const cn = await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));

  store.fault = "lost_ack";
  expect(await cn.room.request("chat", { channel: "public", text: "first" })).toMatchObject(unavailable);
  store.fault = "none";
  expect(await cn.room.request("chat", { channel: "public", text: "second" })).toEqual({ ok: true });
  expect((await server.store.messages(code)).map((m) => [m.id, m.text])).toEqual([
    [0, "first"],
    [1, "second"],
  ]);

  store.fault = "lost_ack";
  expect(await cmd(control, { command: "advisor", on: false })).toMatchObject(unavailable);
  store.fault = "none";
  expect(await cmd(control, { command: "advisor", on: true })).toEqual({ ok: true });
  expect(
    (await server.store.controlLog(code)).map((r) => [r.seq, (r.command as { on: boolean }).on]),
  ).toEqual([
    [0, false],
    [1, true],
  ]);

  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
  const orders = (target: number) => ({ actions: [{ type: "set_enforcement", announced: 80, target }] });
  store.fault = "lost_ack";
  expect(await cn.room.request("orders", orders(70))).toMatchObject(unavailable);
  store.fault = "none";
  expect(await cn.room.request("orders", orders(60))).toEqual({ ok: true });
  const inputs = await server.store.inputs(code);
  const [lost, next] = inputs.slice(-2);
  expect([lost!.input, next!.input]).toMatchObject([
    { orders: { actions: [{ target: 70 }] } },
    { orders: { actions: [{ target: 60 }] } },
  ]);
  expect(next!.seq).toBe(lost!.seq + 1);
  expect(inputs.map((r) => r.seq)).toEqual(inputs.map((_, i) => i));
});

test("a public table's bot fill refused by the storage is tried again, and the game starts once it can", async () => {
  // The create itself is stored; then the fill's writes are refused.
  const host = await publicHost(server, 1);
  const code = host.seat.code;
  store.fault = "refuse";
  const fillTries = () =>
    store.refused.filter((g) => g.writes.some((w) => w.kind === "started" && w.gameId === code)).length;
  await until(() => fillTries() >= 2, 10_000);
  expect(host.room.state.started).toBe(false);
  expect(host.room.state.seats.get("CN")?.bot).toBe(false);
  store.fault = "none";
  await until(() => host.room.state.started === true, 10_000);
  await until(() => ["CN", "RU", "KP", "KR"].every((p) => host.room.state.seats.get(p)?.bot === true));
  expect((await server.store.getGame(code))?.started).toBe(true);
}, 30_000);
