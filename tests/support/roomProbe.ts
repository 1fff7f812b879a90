/**
 * Small helpers for the in-process server tests that check values (tests/server/values-*.test.ts):
 * Control's commands and their refusals, bounds read around a request (the in-process server
 * shares this process's clock), and a room brought back from the store as after a restart.
 */
import { matchMaker } from "@colyseus/core";
import { expect } from "vitest";
import { RESTORE_KEY } from "../../server/context.js";
import type { Reply } from "../../shared/index.js";
import { connect, type Player, type TestServer, until } from "../server/helpers.js";

export const cmd = (p: Player, command: Record<string, unknown>): Promise<Reply> =>
  p.room.request("control", command);

export const refusedAs = (code: string) => ({ ok: false, error: { code } });

/** The US offers North Korea a summit for a stop to its tests, for two rounds (an "act" request). */
export const TESTS_FOR_A_SUMMIT = {
  type: "propose",
  parties: ["KP"],
  terms: [
    { kind: "no_tests", party: "KP" },
    { kind: "summit", party: "US" },
  ],
  duration: 2,
};

/** A game with a Control seat (no bots) and a person at China's seat, created with `opts`. */
export async function controlTable(
  server: TestServer,
  opts: Record<string, unknown> = {},
): Promise<{ control: Player; cn: Player; code: string }> {
  const { sdk } = server.colyseus;
  const control = await connect(await sdk.create("game", { asControl: true, fillWithBots: false, ...opts }));
  const cn = await connect(await sdk.joinById(control.seat.code, { name: "Li", power: "CN" }));
  return { control, cn, code: control.seat.code };
}

/** A public table whose empty seats bots take after `botFillSeconds`, with a person ("Host") at the US seat. */
export async function publicHost(server: TestServer, botFillSeconds: number): Promise<Player> {
  const { sdk } = server.colyseus;
  return connect(
    await sdk.create("game", { name: "Host", power: "US", public: true, fillWithBots: true, botFillSeconds }),
  );
}

/**
 * Runs `action` and returns Date.now() read just before and just after it: a deadline the server
 * computed as `now + ms` during the action lies in [before + ms, after + ms].
 */
export async function around<T>(
  action: () => Promise<T>,
): Promise<{ before: number; after: number; value: T }> {
  const before = Date.now();
  const value = await action();
  const after = Date.now();
  return { before, after, value };
}

export function expectWithin(value: number, lo: number, hi: number, what = "value"): void {
  expect(value, `${what} ≥ ${lo}`).toBeGreaterThanOrEqual(lo);
  expect(value, `${what} ≤ ${hi}`).toBeLessThanOrEqual(hi);
}

/** Closes the game's room in this process (as a crash would lose it) and waits until it is gone. */
export async function dropRoom(code: string): Promise<void> {
  const room = matchMaker.getLocalRoomById(code);
  if (room) await room.disconnect();
  await until(() => !matchMaker.getLocalRoomById(code));
}

/** Brings the game back from the store, as the server does after a restart or a takeover. */
export async function restoreRoom(
  code: string,
  extra: { epoch?: number; lastAlive?: number } = {},
): Promise<void> {
  await matchMaker.createRoom("game", { restore: code, restoreKey: RESTORE_KEY, ...extra });
}
