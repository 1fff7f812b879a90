/**
 * The failed-join limit counts guesses of codes, not returning players: rejoining a game that has
 * ended (and left memory) answers `game_ended` with where its debrief is, however often a class
 * behind one address does it, while wrong codes still lock the address out for a minute. And the
 * address is the connection's, not whatever X-Forwarded-For a client sends.
 */
import type { IncomingMessage } from "node:http";
import { matchMaker } from "@colyseus/core";
import { afterEach, expect, test } from "vitest";
import { clientAddress } from "../../server/clientAddress.js";
import { resetJoinGuard } from "../../server/joinGuard.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();
/** The default limit: 10 failed guesses a minute. */
const LIMIT = 10;

afterEach(() => {
  delete process.env.PP_ENDED_IDLE_MS;
  resetJoinGuard();
});

/** A quick game played to its end by its host, who then leaves; resolves once the room has closed. */
async function endedGame(): Promise<{ code: string; token: string }> {
  process.env.PP_ENDED_IDLE_MS = "0";
  const { sdk } = server().colyseus;
  const host = await connect(await sdk.create("game", { name: "Host", power: "US", preset: "quick" }));
  const code = host.seat.code;
  const token = host.seat.token ?? "";
  expect(await host.room.request("control", { command: "start" })).toEqual({ ok: true });
  // The quick preset has four rounds of two phases.
  for (let i = 0; i < 8; i++)
    expect(await host.room.request("control", { command: "advance" })).toEqual({ ok: true });
  await until(() => host.latest().phase === "ended");
  await host.room.leave();
  await until(() => !matchMaker.getLocalRoomById(code), 3000);
  return { code, token };
}

test("a class rejoining an ended game many times gets game_ended each time and can still join a live game", async () => {
  const { sdk } = server().colyseus;
  const ended = await endedGame();
  // A class of students behind one school address reloading the old game: three times the limit.
  for (let i = 0; i < 3 * LIMIT; i++) {
    const options = i % 2 === 0 ? { name: `S${i}`, token: ended.token } : { name: `S${i}` };
    const refusal = sdk.joinById(ended.code, options);
    await expect(refusal).rejects.toThrow(/^game_ended: /);
    await expect(refusal).rejects.toThrow(`/debrief.html?code=${ended.code}`);
  }
  // The same address still joins a live game by its code.
  const live = await connect(await sdk.create("game", { name: "Teacher", power: "CN" }));
  const student = await connect(await sdk.joinById(live.seat.code, { name: "Student", power: "KP" }));
  expect(student.seat.power).toBe("KP");
  // And looks codes up.
  expect((await fetch(`${server().base}/api/seat-for/${live.seat.code}`)).status).toBe(200);
  await student.room.leave();
  await live.room.leave();
});

test("wrong codes still hit the limit, and then the address cannot join a live game either", async () => {
  const { sdk } = server().colyseus;
  const live = await connect(await sdk.create("game", { name: "Host", power: "US" }));
  for (let i = 0; i < LIMIT; i++)
    await expect(sdk.joinById(`ZZZZ${String(i).padStart(2, "2")}`, { name: "Guess" })).rejects.toThrow(
      /not found/,
    );
  await expect(sdk.joinById(live.seat.code, { name: "Late" })).rejects.toThrow(/^rate_limited: /);
  expect((await fetch(`${server().base}/api/seat-for/${live.seat.code}`)).status).toBe(429);
  await live.room.leave();
});

test("a client cannot escape the limit by sending a different X-Forwarded-For with each guess", async () => {
  const guess = (i: number) =>
    fetch(`${server().base}/matchmake/joinById/YYYY${String(i).padStart(2, "2")}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": `203.0.113.${i}`,
        "x-real-ip": `198.51.100.${i}`,
      },
      body: JSON.stringify({ name: "Guess" }),
    }).then(async (r) => ((await r.json()) as { error?: string }).error ?? "");
  for (let i = 0; i < LIMIT; i++) expect(await guess(i)).toMatch(/not found/);
  expect(await guess(LIMIT)).toMatch(/^rate_limited: /);
});

test("the client address is the socket's unless proxies are trusted, then the entry they appended", () => {
  const req = (forwarded?: string) =>
    ({
      socket: { remoteAddress: "10.0.0.5" },
      headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded },
    }) as unknown as IncomingMessage;
  expect(clientAddress(req("203.0.113.9"), 0)).toBe("10.0.0.5");
  expect(clientAddress(req(), 1)).toBe("10.0.0.5");
  // One proxy appended the client's address; what the client wrote before it proves nothing.
  expect(clientAddress(req("6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9");
  // Two proxies (a CDN, then nginx): the client is the second entry from the right.
  expect(clientAddress(req("6.6.6.6, 203.0.113.9, 192.0.2.1"), 2)).toBe("203.0.113.9");
});
