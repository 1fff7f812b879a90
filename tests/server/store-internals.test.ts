/**
 * What the room relies on the store for, through the room: a bot's row giving way to a human, fresh
 * codes when a random code is taken, and a restore of a game that does not exist. (Which games a
 * process restores and its heartbeat are leases now: tests/server/store.test.ts checks them
 * against SQLite and PostgreSQL.)
 */
import { matchMaker } from "@colyseus/core";
import { beforeEach, expect, test, vi } from "vitest";
import { RESTORE_KEY } from "../../server/context.js";
import { connect, until, useTestServer } from "./helpers.js";

// Game codes come from the OS's CSPRNG; here the next codes can be queued to force a collision.
const queued: string[] = [];
vi.mock("../../server/codes.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../server/codes.js")>();
  return { ...real, newGameCode: () => queued.shift() ?? real.newGameCode() };
});
const { newGameCode } =
  await vi.importActual<typeof import("../../server/codes.js")>("../../server/codes.js");

const server = useTestServer();
beforeEach(() => {
  queued.length = 0;
});

test("a human taking a bot's seat before the start removes the bot's row, and only a bot's", async () => {
  const { sdk } = server().colyseus;
  const host = await connect(
    await sdk.create("game", { name: "Host", power: "CN", bots: ["US"], fillWithBots: false }),
  );
  const code = host.seat.code;
  expect((await server().store.seats(code)).find((s) => s.power === "US")?.bot).toBe(true);
  const us = await connect(await sdk.joinById(code, { name: "Sam", power: "US" }));
  expect(us.seat.power).toBe("US");
  const rows = (await server().store.seats(code)).filter((s) => s.power === "US");
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ name: "Sam", bot: false });
  // Dropping a bot's row leaves a human's row alone.
  await server().store.write([{ writes: [{ kind: "drop_bot_seat", gameId: code, power: "CN" }] }]);
  expect((await server().store.seats(code)).find((s) => s.power === "CN")).toMatchObject({ bot: false });
});

test("a new game never takes a code already in use: the room draws again", async () => {
  const { sdk } = server().colyseus;
  const taken = newGameCode();
  const fresh = newGameCode();
  queued.push(taken);
  const a = await connect(await sdk.create("game", { name: "A", power: "US" }));
  expect(a.seat.code).toBe(taken);
  queued.push(taken, taken, fresh);
  const b = await connect(await sdk.create("game", { name: "B", power: "US" }));
  expect(b.seat.code).toBe(fresh);
  expect(queued).toEqual([]);
  expect(await server().store.getGame(fresh)).toBeDefined();
});

test("restoring a game that does not exist fails with not_found and makes no room", async () => {
  const before = (await matchMaker.query({})).length;
  await expect(matchMaker.createRoom("game", { restore: "NOSUCH", restoreKey: RESTORE_KEY })).rejects.toThrow(
    /not_found/,
  );
  expect((await matchMaker.query({})).length).toBe(before);
  expect(await server().store.getGame("NOSUCH")).toBeUndefined();
});
