/**
 * Seats by value: who gets which power (empty seats first in the powers' order, then the smallest
 * team; a bot's seat before the start, never after), who is host, what the lobby lists (humans and
 * free powers), the names a team shows, and the bot that plays a seat whose connection the server
 * closed for flooding once the reconnection window has passed.
 */
import { matchMaker } from "@colyseus/core";
import { expect, test } from "vitest";
import type { LobbyEntry } from "../../shared/index.js";
import { cmd, refusedAs } from "../support/roomProbe.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

async function listing(code: string): Promise<LobbyEntry> {
  const [room] = await matchMaker.query({ roomId: code });
  return room?.metadata as LobbyEntry;
}

test("auto-assignment: empty seats first in the powers' order, then the smallest team, then watching", async () => {
  const { sdk } = server().colyseus;
  const first = await connect(await sdk.create("game", { name: "P0", teamSize: 3, fillWithBots: false }));
  const code = first.seat.code;
  const seats = [first.seat.power];
  // KP's team grows out of turn: the next joiners fill the smaller teams first.
  for (const name of ["K1", "K2"])
    expect((await connect(await sdk.joinById(code, { name, power: "KP" }))).seat.power).toBe("KP");
  for (let i = 1; i < 15; i++) {
    const p = await connect(await sdk.joinById(code, { name: `P${i}` }));
    seats.push(p.seat.power);
    if (i === 14) expect(p.seat.seat).toBe("OBSERVER");
  }
  expect(seats).toEqual([
    "US",
    "CN",
    "RU",
    "KR",
    "US",
    "CN",
    "RU",
    "KR",
    "US",
    "CN",
    "RU",
    "KP",
    "KR",
    null,
    null,
  ]);
  await until(() => first.room.state.observers === 2);
  expect(first.room.state.seats.get("US")?.name).toBe("P0, P4, P8");
  expect(first.room.state.seats.get("KP")?.name).toBe("K1, K2, P11");
  expect(await listing(code)).toMatchObject({ code, humans: 15, freePowers: [], started: false, round: 1 });
  await expect(sdk.joinById(code, { name: "late", power: "CN" })).rejects.toThrow(/^seat_taken/);
});

test("the lobby lists the humans and the powers nobody holds; a bot's seat is taken before the start only", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(
    await sdk.create("game", { name: "Sam", power: "US", bots: ["KP"], fillWithBots: true }),
  );
  const code = us.seat.code;
  expect(us.seat.host).toBe(true);
  await until(() => us.room.state.seats.get("KP")?.bot === true);
  expect(us.room.state.seats.get("KP")?.name).toBe("Bot");
  expect(await listing(code)).toMatchObject({
    humans: 1,
    freePowers: ["CN", "RU", "KP", "KR"],
    preset: "standard",
  });

  // Before the start a person may take the bot's seat.
  const kp = await connect(await sdk.joinById(code, { name: "Kim", power: "KP" }));
  expect(kp.seat.power).toBe("KP");
  expect(kp.seat.host).toBe(false);
  await until(() => us.room.state.seats.get("KP")?.bot === false);
  expect(us.room.state.seats.get("KP")?.name).toBe("Kim");
  // The person has not said they are ready (the bot had been).
  expect(us.room.state.seats.get("KP")?.ready).toBe(false);
  expect(await listing(code)).toMatchObject({ humans: 2, freePowers: ["CN", "RU", "KR"] });

  // Only the host starts; then bots hold every empty seat and none can be claimed.
  expect(await cmd(kp, { command: "start" })).toMatchObject(refusedAs("control_only"));
  expect(await cmd(us, { command: "start" })).toEqual({ ok: true });
  await until(() => ["CN", "RU", "KR"].every((p) => us.room.state.seats.get(p)?.bot === true));
  expect(us.room.state.seats.get("US")?.bot).toBe(false);
  expect(us.room.state.seats.get("KP")?.bot).toBe(false);
  await until(async () => (await listing(code)).started === true);
  await expect(sdk.joinById(code, { name: "late", power: "RU" })).rejects.toThrow(/^seat_taken/);
  const late = await connect(await sdk.joinById(code, { name: "late" }));
  expect(late.seat).toMatchObject({ seat: "OBSERVER", power: null, host: false });
  expect(late.seat.token).toBeUndefined();
  expect((await server().store.seats(code)).map((s) => [s.power, s.bot]).sort()).toEqual([
    ["CN", true],
    ["KP", false],
    ["KR", true],
    ["RU", true],
    ["US", false],
  ]);
});

test("a game with Control: its creator is Control (with the token), players are not hosts", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(await sdk.create("game", { name: "White cell", asControl: true }));
  expect(control.seat).toMatchObject({ seat: "CONTROL", power: null, host: true });
  expect(control.seat.controlToken).toMatch(/.{16,}/);
  const cn = await connect(await sdk.joinById(control.seat.code, { name: "Li", power: "CN" }));
  expect(cn.seat).toMatchObject({ seat: "CN", power: "CN", host: false });
  expect(cn.seat.controlToken).toBeUndefined();
  expect(cn.room.state.hasControl).toBe(true);
  // A second screen with the Control token is Control too; a wrong token is a player.
  const second = await connect(
    await sdk.joinById(control.seat.code, { controlToken: control.seat.controlToken, name: "Screen 2" }),
  );
  expect(second.seat).toMatchObject({ seat: "CONTROL", host: true, controlToken: control.seat.controlToken });
  const guess = await connect(
    await sdk.joinById(control.seat.code, { controlToken: "x".repeat(32), name: "G" }),
  );
  expect(guess.seat.seat).not.toBe("CONTROL");
  expect(guess.seat.host).toBe(false);
  expect(await cmd(guess, { command: "start" })).toMatchObject(refusedAs("control_only"));
});

test("a connection the server closes for flooding is not held open; a bot plays its seat after the window", async () => {
  const { sdk } = server().colyseus;
  const calm = await connect(
    await sdk.create("game", { name: "A", power: "US", fillWithBots: false, reconnectSeconds: 5 }),
  );
  const noisy = await connect(await sdk.joinById(calm.seat.code, { name: "B", power: "CN" }));
  expect(await cmd(calm, { command: "start" })).toEqual({ ok: true });
  noisy.room.reconnection.enabled = false;
  const closed = new Promise<number>((resolve) => noisy.room.onLeave((code) => resolve(code)));
  for (let i = 0; i < 60; i++) noisy.room.send("ready", { ready: i % 2 === 0 });
  expect(await closed).toBeGreaterThanOrEqual(4000);
  // Closed by the server: the session cannot be resumed (only a dropped connection can).
  await expect(sdk.reconnect(noisy.room.reconnectionToken)).rejects.toThrow();
  await until(() => calm.room.state.seats.get("CN")?.connected === false);
  expect(calm.room.state.seats.get("CN")?.bot).toBe(false);
  await until(() => calm.room.state.seats.get("CN")?.bot === true, 15_000);
  expect(calm.room.state.seats.get("US")?.bot).toBe(false);
  // The token still works: the person takes the seat back from the bot.
  const back = await connect(await sdk.joinById(calm.seat.code, { token: noisy.seat.token }));
  expect(back.seat.power).toBe("CN");
  await until(() => calm.room.state.seats.get("CN")?.bot === false);
}, 30_000);

test("a dropped connection resumes its session within the window: its chat history and whole view again", async () => {
  const { sdk } = server().colyseus;
  const kr = await connect(await sdk.create("game", { name: "Seo", power: "KR", fillWithBots: false }));
  const code = kr.seat.code;
  const watcher = await connect(await sdk.joinById(code, { observer: true }));
  expect(await cmd(kr, { command: "start" })).toEqual({ ok: true });
  expect(await kr.room.request("chat", { channel: "public", text: "before the drop" })).toEqual({ ok: true });
  const token = kr.room.reconnectionToken;
  kr.room.reconnection.enabled = false;
  kr.room.connection.close(4100, "network drop");
  await until(() => watcher.room.state.seats.get("KR")?.connected === false);

  const back = await sdk.reconnect(token);
  const history = new Promise<{ messages: { text: string }[] }>((resolve) =>
    back.onMessage("chat_history", resolve),
  );
  const view = new Promise<unknown>((resolve) => back.onMessage("view", resolve));
  back.onMessage("view_delta", () => {});
  back.onMessage("chat", () => {});
  expect((await history).messages.map((m) => m.text)).toEqual(["before the drop"]);
  expect(await view).toBeTruthy();
  await until(() => watcher.room.state.seats.get("KR")?.connected === true);
  expect(watcher.room.state.seats.get("KR")?.bot).toBe(false);
  // The resumed session still speaks for the seat.
  expect(await back.request("ready", { ready: true })).toEqual({ ok: true });
  await until(
    () => watcher.room.state.seats.get("KR")?.ready === true || watcher.latest().phase === "orders",
  );
});

test("a create with bad options is refused with its code and makes no game", async () => {
  const { sdk } = server().colyseus;
  const before = (await matchMaker.query({})).length;
  await expect(sdk.create("game", { name: "X", rounds: 2 })).rejects.toThrow(/^bad_shape: .*rounds/);
  await expect(sdk.create("game", { name: "X", teamSize: 9 })).rejects.toThrow(/^bad_shape: .*teamSize/);
  expect((await matchMaker.query({})).length).toBe(before);
});
