/**
 * The phase clock by value: each phase runs for its own length (the table's overrides, else the
 * preset's), stored as the game's deadline; a pause keeps exactly the time that was left; the
 * ready flags start, advance and reset as the protocol says, and never move a paused clock; the
 * end stops the clock in the room and in the store. Deadlines are bounded by readings taken around
 * the request (the in-process server shares this process's clock).
 */
import { expect, test } from "vitest";
import { around, cmd, controlTable, expectWithin, refusedAs } from "../support/roomProbe.js";
import { connect, type Player, until, useTestServer } from "./helpers.js";

const server = useTestServer();

const table = (opts: Record<string, unknown> = {}) => controlTable(server(), opts);

const stored = async (code: string) => (await server().store.getGame(code))!;

/** Waits for the room's state to show a new deadline and returns it. */
async function nextDeadline(p: Player, previous: number): Promise<number> {
  await until(() => p.room.state.deadline !== previous && p.room.state.deadline > 0);
  return p.room.state.deadline;
}

test("each phase runs for the table's own seconds (diplomacy, then orders), and the store holds the deadline; once ended, pause and extend are refused", async () => {
  const { control, cn, code } = await table({ diplomacySeconds: 700, ordersSeconds: 300, rounds: 4 });
  let r = await around(() => cmd(control, { command: "start" }));
  let deadline = await nextDeadline(cn, 0);
  expectWithin(deadline, r.before + 700_000, r.after + 700_000, "diplomacy deadline");
  expect((await stored(code)).deadline).toBe(deadline);

  r = await around(() => cmd(control, { command: "advance" }));
  deadline = await nextDeadline(cn, deadline);
  expect(cn.latest().phase).toBe("orders");
  expectWithin(deadline, r.before + 300_000, r.after + 300_000, "orders deadline");
  expect((await stored(code)).deadline).toBe(deadline);

  r = await around(() => cmd(control, { command: "advance" }));
  deadline = await nextDeadline(cn, deadline);
  expect(cn.latest().round).toBe(2);
  expectWithin(deadline, r.before + 700_000, r.after + 700_000, "round 2 deadline");

  // Four rounds, as set: six more phases end the game; the clock stops in the room and the store.
  for (let i = 0; i < 5; i++) expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
  expect(cn.latest().phase).not.toBe("ended");
  expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
  await until(() => cn.latest().phase === "ended");
  await until(() => cn.room.state.deadline === 0);
  expect(await stored(code)).toMatchObject({ status: "ended", deadline: 0, pausedRemaining: 0 });
  // With the game over there is no clock to pause or extend: both refused, nothing stored.
  const log = (await server().store.controlLog(code)).length;
  expect(await cmd(control, { command: "pause" })).toMatchObject(refusedAs("wrong_phase"));
  expect(await cmd(control, { command: "extend", seconds: 60 })).toMatchObject(refusedAs("wrong_phase"));
  expect(await stored(code)).toMatchObject({ status: "ended", deadline: 0, pausedRemaining: 0 });
  expect(cn.room.state.paused).toBe(false);
  expect((await server().store.controlLog(code)).length).toBe(log);
});

test("without overrides a phase runs for the preset's seconds (quick: 120 s, then 60 s)", async () => {
  const { control, cn } = await table({ preset: "quick" });
  let r = await around(() => cmd(control, { command: "start" }));
  let deadline = await nextDeadline(cn, 0);
  expectWithin(deadline, r.before + 120_000, r.after + 120_000, "diplomacy deadline");
  r = await around(() => cmd(control, { command: "advance" }));
  deadline = await nextDeadline(cn, deadline);
  expectWithin(deadline, r.before + 60_000, r.after + 60_000, "orders deadline");
  expect(cn.room.state.maxRounds).toBe(4);
});

test("a phase that ends on its clock, even late, gives the next phase its length from the deadline", async () => {
  // The shortest phase the protocol allows (10 s), run out for real. The server shares this
  // process, so holding the thread across the deadline makes its timer fire ~300 ms late, as on a
  // busy server; the next deadline is still the first plus the orders phase, not now plus it.
  const { control, cn, code } = await table({ diplomacySeconds: 10, ordersSeconds: 20 });
  await cmd(control, { command: "start" });
  const first = await nextDeadline(cn, 0);
  while (Date.now() < first - 50) await new Promise((r) => setTimeout(r, 10));
  while (Date.now() < first + 300) {
    // busy: the room's timer cannot fire until this ends
  }
  const second = await nextDeadline(cn, first);
  expect(cn.latest().phase).toBe("orders");
  expect(second).toBe(first + 20_000);
  expect((await stored(code)).deadline).toBe(second);
}, 20_000);

test("a pause keeps exactly the time left at the request, in the room and in the store", async () => {
  const { control, cn, code } = await table({ diplomacySeconds: 900 });
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  const deadline = await nextDeadline(cn, 0);
  const r = await around(() => cmd(control, { command: "pause" }));
  expect(r.value).toEqual({ ok: true });
  await until(() => cn.room.state.paused === true);
  const left = cn.room.state.pausedRemaining;
  expectWithin(left, deadline - r.after, deadline - r.before, "time left");
  expect(cn.room.state.deadline).toBe(0);
  expect(await stored(code)).toMatchObject({ deadline: 0, pausedRemaining: left });

  // Extending a paused clock is stored as time left, not as a deadline.
  expect(await cmd(control, { command: "extend", seconds: 45 })).toEqual({ ok: true });
  await until(() => cn.room.state.pausedRemaining === left + 45_000);
  expect(await stored(code)).toMatchObject({ deadline: 0, pausedRemaining: left + 45_000 });
  expect(cn.room.state.deadline).toBe(0);
});

test("a running clock's extension is stored: the row's deadline is the room's", async () => {
  const { control, cn, code } = await table({ diplomacySeconds: 600 });
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  const deadline = await nextDeadline(cn, 0);
  expect(await cmd(control, { command: "extend", seconds: 120 })).toEqual({ ok: true });
  const extended = await nextDeadline(cn, deadline);
  expect(extended).toBe(deadline + 120_000);
  expect(await stored(code)).toMatchObject({ deadline: extended, pausedRemaining: 0 });
  expect(cn.room.state.paused).toBe(false);
});

test("every human ready: before the start it starts the game, in a phase it advances, and the flags reset", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "Sam", power: "US", fillWithBots: false }));
  const code = us.seat.code;
  const kr = await connect(await sdk.joinById(code, { name: "Seo", power: "KR" }));
  expect(us.seat.host).toBe(true);
  expect(kr.seat.host).toBe(false);

  expect(await us.room.request("ready", { ready: true })).toEqual({ ok: true });
  await until(() => kr.room.state.seats.get("US")?.ready === true);
  expect(kr.room.state.started).toBe(false);
  expect(await kr.room.request("ready", { ready: true })).toEqual({ ok: true });
  await until(() => kr.room.state.started === true);
  // The start resets the humans' flags.
  const flags = () => ["US", "KR"].map((p) => kr.room.state.seats.get(p)?.ready);
  await until(() => flags().every((f) => f === false));
  expect(kr.latest().phase).toBe("diplomacy");

  // One ready is not enough; a flag taken back holds the phase too.
  expect(await us.room.request("ready", { ready: true })).toEqual({ ok: true });
  expect(await kr.room.request("ready", { ready: true })).toEqual({ ok: true });
  await until(() => kr.latest().phase === "orders");
  await until(() => kr.room.state.phase === "orders" && flags().every((f) => f === false));
  expect(await us.room.request("ready", { ready: true })).toEqual({ ok: true });
  expect(await us.room.request("ready", { ready: false })).toEqual({ ok: true });
  expect(await kr.room.request("ready", { ready: true })).toEqual({ ok: true });
  expect(kr.latest().phase).toBe("orders");
  expect((await server().store.inputs(code)).map((r) => [r.actor, r.input.type])).toEqual([
    ["SYSTEM", "advance_phase"],
  ]);
});

test("while the clock is paused, every seat ready does not advance the phase", async () => {
  const { control, cn, code } = await table();
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  expect(await cmd(control, { command: "pause" })).toEqual({ ok: true });
  expect(await cn.room.request("ready", { ready: true })).toEqual({ ok: true });
  await until(() => cn.room.state.seats.get("CN")?.ready === true);
  expect(cn.latest().phase).toBe("diplomacy");
  expect(cn.room.state.paused).toBe(true);
  expect(await server().store.inputs(code)).toEqual([]);
});

test("refusals with their codes: ready from an observer, acts before the start, advancing by act", async () => {
  const { control, cn, code } = await table();
  const obs = await connect(await server().colyseus.sdk.joinById(code, { observer: true }));
  expect(obs.seat.seat).toBe("OBSERVER");
  expect(await obs.room.request("ready", { ready: true })).toMatchObject(refusedAs("not_a_power"));
  expect(await control.room.request("ready", { ready: true })).toMatchObject(refusedAs("not_a_power"));
  expect(await cn.room.request("orders", { actions: [] })).toMatchObject(refusedAs("wrong_phase"));
  expect(await cn.room.request("act", { type: "advance_phase" })).toMatchObject(refusedAs("control_only"));
  expect(await obs.room.request("control", { command: "start" })).toMatchObject(refusedAs("control_only"));
  expect(cn.room.state.started).toBe(false);
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  expect(await cn.room.request("act", { type: "advance_phase" })).toMatchObject(refusedAs("control_only"));
  expect(await cn.room.request("orders", { actions: [] })).toMatchObject(refusedAs("wrong_phase"));
  expect(await server().store.inputs(code)).toEqual([]);
});
