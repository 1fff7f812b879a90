/**
 * What keeps one address from filling the server: limits on new games and class sessions, and
 * ended games leaving memory once everyone has gone (their record stays in SQLite).
 */
import { matchMaker } from "@colyseus/core";
import { afterEach, expect, test } from "vitest";
import { resetJoinGuard } from "../../server/joinGuard.js";
import { buildRecord } from "../../server/record.js";
import { loadGame } from "../../server/recordSource.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

afterEach(() => {
  delete process.env.PP_GAMES_PER_HOUR;
  delete process.env.PP_CLASSES_PER_HOUR;
  delete process.env.PP_ENDED_IDLE_MS;
  resetJoinGuard();
});

test("an address may create only so many games an hour; a refused create makes no game", async () => {
  process.env.PP_GAMES_PER_HOUR = "3";
  const { sdk } = server().colyseus;
  const before = (await matchMaker.query({})).length;
  for (let i = 0; i < 3; i++) {
    const room = await sdk.create("game", { name: `G${i}`, power: "US" });
    await room.leave();
  }
  await expect(sdk.create("game", { name: "one more", power: "US" })).rejects.toThrow(/rate_limited/);
  expect((await matchMaker.query({})).length).toBe(before + 3);
  // The window passing (here: forgetting it) lets the address create again.
  resetJoinGuard();
  const again = await sdk.create("game", { name: "after reset", power: "US" });
  await again.leave();
});

test("class sessions are limited per address, with a clear error", async () => {
  process.env.PP_CLASSES_PER_HOUR = "1";
  const post = () =>
    fetch(`${server().base}/api/classes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Period 1", tables: 1 }),
    });
  expect((await post()).status).toBe(200);
  const refused = await post();
  expect(refused.status).toBe(429);
  expect(await refused.json()).toMatchObject({ error: "rate_limited" });
});

test("an ended game leaves memory once everyone has left; its record stays", async () => {
  process.env.PP_ENDED_IDLE_MS = "100";
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "Washington", power: "US", preset: "quick" }));
  const code = us.seat.code;
  await us.room.request("control", { command: "start" });
  // The quick preset has four rounds of two phases.
  for (let i = 0; i < 8; i++)
    expect(await us.room.request("control", { command: "advance" })).toEqual({ ok: true });
  await until(() => us.latest().phase === "ended");
  // Still there while someone is connected: wait on the room's own clock until well past the idle
  // period (timers on one clock fire in deadline order, so a disposal timer would have fired first).
  const room = matchMaker.getLocalRoomById(code)!;
  await new Promise((r) => room.clock.setTimeout(r, 300));
  expect(matchMaker.getLocalRoomById(code)).toBe(room);
  expect(room.clients.length).toBe(1);
  await us.room.leave();
  await until(() => !matchMaker.getLocalRoomById(code), 3000);
  expect((await server().store.getGame(code))?.status).toBe("ended");
  expect(buildRecord((await loadGame(code))!).rounds.length).toBeGreaterThan(0);
});
