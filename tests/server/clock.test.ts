/**
 * Control's clock commands through the protocol, including the refusals: starting twice, pausing
 * before the start or twice, resuming a running clock, extending before the start or after the
 * end, advancing before the start. Deadlines are bounded by readings taken around each request
 * (the in-process server shares this clock), never compared with a guessed margin.
 */
import { expect, test } from "vitest";
import type { Reply } from "../../shared/index.js";
import { connect, type Player, until, useTestServer } from "./helpers.js";

const server = useTestServer();

async function table(): Promise<{ control: Player; cn: Player }> {
  const { sdk } = server().colyseus;
  const control = await connect(
    await sdk.create("game", { asControl: true, fillWithBots: false, rounds: 4, diplomacySeconds: 600 }),
  );
  const cn = await connect(await sdk.joinById(control.seat.code, { name: "Li", power: "CN" }));
  return { control, cn };
}

const cmd = (p: Player, command: Record<string, unknown>): Promise<Reply> =>
  p.room.request("control", command);
const refusedAs = (code: string) => ({ ok: false, error: { code } });

test("before the start: pause, resume, extend and advance are refused; starting twice is refused", async () => {
  const { control, cn } = await table();
  expect(await cmd(control, { command: "pause" })).toMatchObject(refusedAs("wrong_phase"));
  expect(await cmd(control, { command: "resume" })).toMatchObject(refusedAs("wrong_phase"));
  expect(await cmd(control, { command: "extend", seconds: 60 })).toMatchObject(refusedAs("wrong_phase"));
  expect(await cmd(control, { command: "advance" })).toMatchObject(refusedAs("wrong_phase"));
  expect(cn.room.state.started).toBe(false);
  expect(cn.latest().phase).toBe("diplomacy");
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  await until(() => cn.room.state.started === true);
  expect(await cmd(control, { command: "start" })).toMatchObject(refusedAs("wrong_phase"));
  // A player is not Control.
  expect(await cmd(cn, { command: "extend", seconds: 60 })).toMatchObject(refusedAs("control_only"));
});

test("a running clock: resume is refused, extend moves the deadline by exactly the seconds", async () => {
  const { control, cn } = await table();
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  await until(() => cn.room.state.deadline > 0);
  expect(await cmd(control, { command: "resume" })).toMatchObject(refusedAs("wrong_phase"));
  const deadline = cn.room.state.deadline;
  const before = Date.now();
  expect(await cmd(control, { command: "extend", seconds: 90 })).toEqual({ ok: true });
  await until(() => cn.room.state.deadline !== deadline);
  const after = Date.now();
  // extend computes (deadline − now₁ + 90 s) and starts the clock at now₂ ≥ now₁.
  expect(cn.room.state.deadline).toBeGreaterThanOrEqual(deadline + 90_000);
  expect(cn.room.state.deadline).toBeLessThanOrEqual(deadline + 90_000 + (after - before));
  expect(await cmd(control, { command: "extend", seconds: 9 })).toMatchObject(refusedAs("bad_shape"));
});

test("a paused clock: pausing again is refused; extend adds to the time left; resume restarts it", async () => {
  const { control, cn } = await table();
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  expect(await cmd(control, { command: "pause" })).toEqual({ ok: true });
  await until(() => cn.room.state.paused === true);
  expect(cn.room.state.deadline).toBe(0);
  const left = cn.room.state.pausedRemaining;
  expect(left).toBeGreaterThan(0);
  expect(left).toBeLessThanOrEqual(600_000);
  expect(await cmd(control, { command: "pause" })).toMatchObject(refusedAs("wrong_phase"));
  expect(await cmd(control, { command: "extend", seconds: 30 })).toEqual({ ok: true });
  await until(() => cn.room.state.pausedRemaining === left + 30_000);
  expect(cn.room.state.paused).toBe(true);
  const before = Date.now();
  expect(await cmd(control, { command: "resume" })).toEqual({ ok: true });
  await until(() => cn.room.state.paused === false);
  const after = Date.now();
  expect(cn.room.state.pausedRemaining).toBe(0);
  expect(cn.room.state.deadline).toBeGreaterThanOrEqual(before + left + 30_000);
  expect(cn.room.state.deadline).toBeLessThanOrEqual(after + left + 30_000);
});

test("after the end: extend and advance are refused and nothing runs", async () => {
  const { control, cn } = await table();
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  // Four rounds of two phases.
  for (let i = 0; i < 8; i++) expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
  await until(() => cn.latest().phase === "ended");
  expect(await cmd(control, { command: "extend", seconds: 60 })).toMatchObject(refusedAs("wrong_phase"));
  expect(await cmd(control, { command: "advance" })).toMatchObject(refusedAs("game_over"));
  expect(cn.room.state.deadline).toBe(0);
});

test("a second tab with the same seat token takes the seat over; the first tab is closed", async () => {
  const { sdk } = server().colyseus;
  const first = await connect(await sdk.create("game", { name: "Ana", power: "US", fillWithBots: false }));
  const left = new Promise<number>((resolve) => first.room.onLeave((code) => resolve(code)));
  const second = await connect(await sdk.joinById(first.seat.code, { token: first.seat.token }));
  expect(second.seat.power).toBe("US");
  expect(second.seat.token).toBe(first.seat.token);
  await left;
  await until(() => second.room.state.seats.get("US")?.connected === true);
  // The seat answers the new tab only.
  expect(await second.room.request("ready", { ready: true })).toEqual({ ok: true });
});
