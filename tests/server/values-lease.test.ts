/**
 * A game another process has taken over (its lease claimed in the store): this room's next write
 * is refused as `storage_unavailable` with nothing stored, its people are sent away to join again,
 * and the room leaves this process; restoring a game another live process holds is refused as
 * `game_held`.
 */
import { matchMaker } from "@colyseus/core";
import { expect, test } from "vitest";
import { cmd, refusedAs, restoreRoom } from "../support/roomProbe.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

test("after another process claims the game, a write is refused, nothing is stored and the room closes", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "Sam", power: "US", fillWithBots: false }));
  const code = us.seat.code;
  const cn = await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));
  expect(await cmd(us, { command: "start" })).toEqual({ ok: true });
  expect(await cn.room.request("chat", { channel: "public", text: "before" })).toEqual({ ok: true });
  const closed = new Promise<number>((resolve) => cn.room.onLeave((c) => resolve(c)));
  cn.room.reconnection.enabled = false;

  const other = "other-process";
  await server().store.heartbeat(other, 60_000);
  expect((await server().store.claim(other, { ids: [code] })).map((c) => c.id)).toEqual([code]);

  const refused = await cn.room.request("chat", { channel: "public", text: "after" });
  expect(refused).toMatchObject(refusedAs("storage_unavailable"));
  expect((refused as { error: { message: string } }).error.message).toMatch(/moved to another server/);
  expect(await closed).toBeGreaterThanOrEqual(4000);
  await until(() => !matchMaker.getLocalRoomById(code));
  expect((await server().store.messages(code)).map((m) => m.text)).toEqual(["before"]);

  // Held by a live process: this one may not bring it back.
  await expect(restoreRoom(code)).rejects.toThrow(/game_held/);
  await expect(restoreRoom("NOSUCH")).rejects.toThrow(/not_found/);
});
