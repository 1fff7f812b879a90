/**
 * What the room relies on the store for, checked at the store (kept apart so the store's rewrite
 * can adapt this file alone): which games a process restores (its owner filter), the heartbeat a
 * restart measures downtime from, a bot's row giving way to a human, fresh codes when a random code
 * is taken, and a restore of a game that does not exist.
 */
import { matchMaker } from "@colyseus/core";
import { beforeEach, expect, test, vi } from "vitest";
import { RESTORE_KEY } from "../../server/context.js";
import { type GameRow, Store } from "../../server/store.js";
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

function row(id: string, status: GameRow["status"] = "active"): Omit<GameRow, "updatedAt"> {
  return {
    id,
    seed: 1,
    options: {} as GameRow["options"],
    status,
    deadline: 0,
    pausedRemaining: 0,
    started: false,
    controlToken: null,
    createdAt: 1,
  };
}

test("a process restores only the unfinished games it owns", () => {
  const store = new Store(":memory:");
  store.createGame(row("AAAAAA"), "p0");
  store.createGame(row("BBBBBB"), "p1");
  store.createGame(row("CCCCCC", "ended"), "p0");
  store.createGame(row("DDDDDD"), "p0");
  store.setStatus("DDDDDD", "ended", 2);
  expect(store.activeGames("p0").map((g) => g.id)).toEqual(["AAAAAA"]);
  expect(store.activeGames("p1").map((g) => g.id)).toEqual(["BBBBBB"]);
  expect(store.activeGames("p2")).toEqual([]);
  store.close();
});

test("a live room's heartbeat moves its game's updated time forward", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "US", power: "US", fillWithBots: false }));
  const first = server().store.getGame(us.seat.code)!.updatedAt;
  await until(() => server().store.getGame(us.seat.code)!.updatedAt > first, 10_000);
});

test("a human taking a bot's seat before the start removes the bot's row, and only a bot's", async () => {
  const { sdk } = server().colyseus;
  const host = await connect(
    await sdk.create("game", { name: "Host", power: "CN", bots: ["US"], fillWithBots: false }),
  );
  const code = host.seat.code;
  expect(
    server()
      .store.seats(code)
      .find((s) => s.power === "US")?.bot,
  ).toBe(true);
  const us = await connect(await sdk.joinById(code, { name: "Sam", power: "US" }));
  expect(us.seat.power).toBe("US");
  const rows = server()
    .store.seats(code)
    .filter((s) => s.power === "US");
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ name: "Sam", bot: false });
  // dropBotSeat leaves a human's row alone.
  server().store.dropBotSeat(code, "CN");
  expect(
    server()
      .store.seats(code)
      .find((s) => s.power === "CN"),
  ).toMatchObject({ bot: false });
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
  expect(server().store.getGame(fresh)).toBeDefined();
});

test("restoring a game that does not exist fails with not_found and makes no room", async () => {
  const before = (await matchMaker.query({})).length;
  await expect(matchMaker.createRoom("game", { restore: "NOSUCH", restoreKey: RESTORE_KEY })).rejects.toThrow(
    /not_found/,
  );
  expect((await matchMaker.query({})).length).toBe(before);
  expect(server().store.getGame("NOSUCH")).toBeUndefined();
});
