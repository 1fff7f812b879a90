/**
 * The room's small parts by value: the handlers' metrics (instrument.ts: each outcome counted and
 * timed, an exception counted and passed on, unknown types counted only), the room's timers and
 * its once-per-turn state patch (pacing.ts), and the replay that yields between slices
 * (replay.ts). Ordering is checked with immediates and vitest's fake timers, never with time.
 */
import type { Client, Room } from "@colyseus/core";
import { afterEach, expect, test, vi } from "vitest";
import { registry } from "../../server/metrics.js";
import { instrumented } from "../../server/rooms/instrument.js";
import { LATE_ANCHOR_MS, nextDeadline, patchSoon, RoomTimers } from "../../server/rooms/pacing.js";
import { replayYielding } from "../../server/rooms/replay.js";
import { type Actor, type GameState, type Input, newGame, step } from "../../shared/index.js";

afterEach(() => {
  vi.useRealTimers();
});

async function count(type: string, outcome: string): Promise<number> {
  const metric = await registry.getSingleMetric("pp_requests_total")!.get();
  return metric.values.find((v) => v.labels.type === type && v.labels.outcome === outcome)?.value ?? 0;
}

async function timed(type: string): Promise<number> {
  const metric = await registry.getSingleMetric("pp_request_duration_seconds")!.get();
  return (
    metric.values.find(
      (v) => v.labels.type === type && (v as { metricName?: string }).metricName?.endsWith("_count"),
    )?.value ?? 0
  );
}

const client = { sessionId: "s1" } as unknown as Client;
const room = { roomId: "TESTRM" };

test("each handler's reply is returned as is and counted by its outcome, and timed", async () => {
  const replies: Record<string, unknown> = {
    ok: { ok: true },
    refused: { ok: false, error: { code: "wrong_phase", message: "no" } },
    nocode: { ok: false, error: {} },
    plain: "pong",
  };
  const seen: unknown[][] = [];
  const handlers = instrumented({
    vt_sync(this: unknown, _c: Client, which: string, extra: number) {
      seen.push([this, which, extra]);
      return replies[which];
    },
  });
  for (const which of ["ok", "refused", "nocode", "plain"])
    expect(handlers.vt_sync.call(room, client, which, 7)).toBe(replies[which]);
  expect(seen).toEqual([
    [room, "ok", 7],
    [room, "refused", 7],
    [room, "nocode", 7],
    [room, "plain", 7],
  ]);
  expect(await count("vt_sync", "ok")).toBe(2);
  expect(await count("vt_sync", "wrong_phase")).toBe(1);
  expect(await count("vt_sync", "error")).toBe(1);
  expect(await timed("vt_sync")).toBe(4);
});

test("a promised reply is counted once it settles, with its own outcome", async () => {
  let settle: (v: unknown) => void = () => {};
  const handlers = instrumented({
    vt_async: (_c: Client) => new Promise((resolve) => (settle = resolve)),
  });
  const pending = handlers.vt_async.call(room, client) as Promise<unknown>;
  expect(pending).toBeInstanceOf(Promise);
  expect(await count("vt_async", "muted")).toBe(0);
  expect(await timed("vt_async")).toBe(0);
  const reply = { ok: false, error: { code: "muted", message: "shh" } };
  settle(reply);
  expect(await pending).toBe(reply);
  expect(await count("vt_async", "muted")).toBe(1);
  expect(await timed("vt_async")).toBe(1);
  // An object whose `then` is not a function is a plain reply.
  // biome-ignore lint/suspicious/noThenProperty: the point is a `then` that is not a function.
  const odd = { ok: true, then: 1 };
  const h2 = instrumented({ vt_odd: (_c: Client) => odd, vt_none: (_c: Client): unknown => undefined });
  expect(h2.vt_odd.call(room, client)).toBe(odd);
  expect(await count("vt_odd", "ok")).toBe(1);
  // A handler that answers nothing (no reply at all) is counted as handled.
  expect(h2.vt_none.call(room, client)).toBeUndefined();
  expect(await count("vt_none", "ok")).toBe(1);
});

test("a handler that throws or rejects is counted as an exception and the error goes on to Colyseus", async () => {
  const boom = new Error("boom");
  const handlers = instrumented({
    vt_throw: (_c: Client) => {
      throw boom;
    },
    vt_reject: (_c: Client) => Promise.reject(boom),
  });
  expect(() => handlers.vt_throw.call(room, client)).toThrow(boom);
  await expect(handlers.vt_reject.call(room, client) as Promise<unknown>).rejects.toBe(boom);
  expect(await count("vt_throw", "exception")).toBe(1);
  expect(await count("vt_reject", "exception")).toBe(1);
  expect(await count("vt_throw", "ok")).toBe(0);
  expect(await count("vt_reject", "ok")).toBe(0);
  expect(await timed("vt_throw")).toBe(1);
  expect(await timed("vt_reject")).toBe(1);
});

test("the wildcard handler is counted as an unknown message, not timed, and still called", async () => {
  const calls: unknown[][] = [];
  const handlers = instrumented({
    "*": function (this: unknown, _c: Client, ...args: unknown[]) {
      calls.push([this, ...args]);
      return "dropped";
    },
  });
  const before = await count("unknown", "dropped");
  expect(handlers["*"].call(room, client, "no_such_type", { a: 1 })).toBe("dropped");
  expect(calls).toEqual([[room, "no_such_type", { a: 1 }]]);
  expect(await count("unknown", "dropped")).toBe(before + 1);
  expect(await timed("*")).toBe(0);
  expect(await count("*", "ok")).toBe(0);
});

test("room timers fire once at their time, repeat when asked, and a cleared one never fires", () => {
  vi.useFakeTimers();
  const timers = new RoomTimers();
  const fired: string[] = [];
  timers.setTimeout(() => fired.push("once"), 100);
  const cancelled = timers.setTimeout(() => fired.push("cancelled"), 100);
  const every = timers.setInterval(() => fired.push("tick"), 40);
  cancelled.clear();
  vi.advanceTimersByTime(99);
  expect(fired).toEqual(["tick", "tick"]);
  vi.advanceTimersByTime(1);
  expect(fired).toEqual(["tick", "tick", "once"]);
  vi.advanceTimersByTime(500);
  expect(fired.filter((f) => f === "once")).toHaveLength(1);
  expect(fired).not.toContain("cancelled");
  every.clear();
  const n = fired.length;
  vi.advanceTimersByTime(500);
  expect(fired).toHaveLength(n);
  // clearAll stops every live timer of the room, timeouts and intervals alike.
  timers.setTimeout(() => fired.push("late"), 10);
  timers.setInterval(() => fired.push("late tick"), 10);
  timers.clearAll();
  vi.advanceTimersByTime(1000);
  expect(fired).toHaveLength(n);
  expect(vi.getTimerCount()).toBe(0);
});

test("a fired or cleared timer is forgotten: clearAll afterwards touches nothing else", () => {
  vi.useFakeTimers();
  const timers = new RoomTimers();
  const fired: string[] = [];
  timers.setTimeout(() => fired.push("a"), 10);
  vi.advanceTimersByTime(10);
  expect(fired).toEqual(["a"]);
  timers.clearAll();
  // A timer set after clearAll still runs.
  timers.setTimeout(() => fired.push("b"), 10);
  vi.advanceTimersByTime(10);
  expect(fired).toEqual(["a", "b"]);
});

test("the room's state is patched once at the end of the turn however many changes, and again after later ones", async () => {
  const patches: number[] = [];
  let turn = 0;
  const fake = { broadcastPatch: () => patches.push(turn) } as unknown as Room;
  const other = { broadcastPatch: () => patches.push(100 + turn) } as unknown as Room;
  patchSoon(fake);
  patchSoon(fake);
  patchSoon(other);
  patchSoon(fake);
  expect(patches).toEqual([]);
  await new Promise((r) => setImmediate(r));
  expect(patches).toEqual([0, 100]);
  turn = 1;
  patchSoon(fake);
  await new Promise((r) => setImmediate(r));
  expect(patches).toEqual([0, 100, 1]);
});

function log(n: number): { actor: Actor; input: Input }[] {
  return Array.from({ length: n }, () => ({
    actor: "SYSTEM" as Actor,
    input: { type: "advance_phase" } as Input,
  }));
}

function playSync(initial: GameState, entries: { actor: Actor; input: Input }[]): GameState {
  let s = initial;
  for (const e of entries) {
    const r = step(s, e.actor, e.input);
    if (!r.ok) throw new Error(r.error.code);
    s = r.value;
  }
  return s;
}

test("a phase ended by its clock gives the next its length from the deadline, unless the deadline fired long ago", () => {
  const phase = 600_000;
  const fired = 1_000_000;
  // On time, or late by up to LATE_ANCHOR_MS: anchored on the deadline, whatever the delay.
  expect(nextDeadline(fired, phase, fired)).toBe(fired + phase);
  expect(nextDeadline(fired + 350, phase, fired)).toBe(fired + phase);
  expect(nextDeadline(fired + LATE_ANCHOR_MS, phase, fired)).toBe(fired + phase);
  // Later than that: the whole phase from now.
  expect(nextDeadline(fired + LATE_ANCHOR_MS + 1, phase, fired)).toBe(fired + LATE_ANCHOR_MS + 1 + phase);
  // A short phase tolerates a quarter of itself: 10 s → 2.5 s would exceed the 2-s cap, 4 s → 1 s.
  expect(nextDeadline(fired + 1000, 4000, fired)).toBe(fired + 4000);
  expect(nextDeadline(fired + 1001, 4000, fired)).toBe(fired + 1001 + 4000);
  // Ended otherwise (every seat ready, Control's advance): from now.
  expect(nextDeadline(fired + 350, phase)).toBe(fired + 350 + phase);
});

test("a replay comes out as the engine's steps, yields between slices, and names the input it cannot replay", async () => {
  const fresh = () => newGame({ gameId: "REPLAY", seed: 7, maxRounds: 4 });
  const entries = log(5);
  const expected = playSync(fresh(), entries);

  // A slice no step can fill: no other work runs before the replay is done.
  let ticks = 0;
  let done = false;
  const tick = () => {
    ticks++;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  const whole = await replayYielding(fresh(), entries, 60_000);
  done = true;
  expect(whole).toEqual(expected);
  expect(whole.round).toBe(3);
  expect(ticks).toBe(0);

  // Slices shorter than any step: other work runs after each one.
  ticks = 0;
  done = false;
  setImmediate(tick);
  const sliced = await replayYielding(fresh(), entries, -1);
  done = true;
  expect(sliced).toEqual(expected);
  expect(ticks).toBeGreaterThanOrEqual(entries.length - 1);

  // An input the engine refuses stops the replay with its position and code.
  const bad = [...log(2), { actor: "US" as Actor, input: { type: "advance_phase" } as Input }];
  await expect(replayYielding(fresh(), bad)).rejects.toThrow(/^replay: input 2 rejected: control_only$/);
  expect(await replayYielding(fresh(), [])).toEqual(fresh());
});
