/**
 * After a restart: /health says ready only once the unfinished games are back (a returning player
 * reaches their seat at once), and rejoining a game that ended before the restart answers
 * `game_ended` with its debrief, as often as a class likes, without locking its address out.
 */
import "../../server/polyfill.js";
import { Client } from "@colyseus/sdk";
import { afterAll, expect, test } from "vitest";
import { type RunningServer, startServer } from "../support/harness.js";
import { connect, until } from "./helpers.js";

const started: RunningServer[] = [];
async function start(opts: Parameters<typeof startServer>[0]): Promise<RunningServer> {
  const s = await startServer({ client: false, ...opts, env: { LOG_LEVEL: "info" } });
  started.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop("SIGKILL")));
});

async function metric(server: RunningServer, sample: string): Promise<number | undefined> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

test("after a restart: ready means restored, and an ended game answers game_ended every time", async () => {
  const first = await start({});
  let sdk = new Client(`ws://127.0.0.1:${first.port}`);
  // One game played to its end, one still running.
  const ended = await connect(await sdk.create("game", { name: "Host", power: "US", preset: "quick" }));
  expect(await ended.room.request("control", { command: "start" })).toEqual({ ok: true });
  for (let i = 0; i < 8; i++)
    expect(await ended.room.request("control", { command: "advance" })).toEqual({ ok: true });
  await until(() => ended.latest().phase === "ended");
  const running = await connect(await sdk.create("game", { name: "Beijing", power: "CN" }));
  expect(await running.room.request("control", { command: "start" })).toEqual({ ok: true });

  await first.stop("SIGKILL");
  const second = await start({ dataDir: first.dataDir });
  sdk = new Client(`ws://127.0.0.1:${second.port}`);

  // startServer returned on the first 200 from /health: the running game must be there already.
  expect(await metric(second, 'pp_restores_total{outcome="ok"}')).toBe(1);
  const back = await connect(
    await sdk.joinById(running.seat.code, { name: "Beijing", token: running.seat.token ?? "" }),
  );
  expect(back.seat.power).toBe("CN");

  // A class behind one address reloading the ended game: well past the failed-join limit (10).
  for (let i = 0; i < 15; i++)
    await expect(
      sdk.joinById(ended.seat.code, { name: `S${i}`, token: ended.seat.token ?? "" }),
    ).rejects.toThrow(new RegExp(`^game_ended: .*/debrief\\.html\\?code=${ended.seat.code}`));
  expect(await metric(second, 'pp_join_refusals_total{reason="game_ended"}')).toBe(15);
  // The address is not locked out: the running game still takes someone new (bots hold the free
  // seats since the start, so as an observer).
  const watcher = await connect(await sdk.joinById(running.seat.code, { name: "Watcher", observer: true }));
  expect(watcher.seat.seat).toBe("OBSERVER");

  // Structured logs: JSON lines; every line a room wrote names its game. (The child's output
  // arrives through a pipe: wait for the second join's line rather than assume it is there.)
  const lines = () =>
    second
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  await until(() => lines().filter((l) => l.msg === "joined").length === 2);
  const startLine = `Pressure Point at http://localhost:${second.port} `;
  expect(lines().find((l) => String(l.msg).startsWith(startLine))).toMatchObject({
    level: "info",
    restored: 1,
  });
  expect(lines().find((l) => l.msg === "game restored")).toMatchObject({
    game: running.seat.code,
    round: 1,
    phase: "diplomacy",
  });
  expect(
    lines()
      .filter((l) => l.msg === "joined")
      .map((l) => l.game),
  ).toEqual([running.seat.code, running.seat.code]);
  await watcher.room.leave();
  await back.room.leave();
});
