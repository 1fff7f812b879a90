/**
 * server/rooms/turns.ts: heavy tasks (a phase deadline's resolution and views) run in slices of
 * an event-loop turn, so other work — here an immediate standing for a socket's request — runs
 * between two slices instead of after the whole burst. The clock is a fake one that each task
 * moves on, so the slicing is checked without measuring time.
 */
import { expect, test } from "vitest";
import { nextTurn, Turns, turnsWaiting } from "../../server/rooms/turns.js";

test("a slice runs waiters in order until its budget is spent; other work runs between slices", async () => {
  let clock = 0;
  const turns = new Turns(5, () => clock);
  const order: string[] = [];
  // Each task "takes" 3 ms: two fit in a 5-ms slice (0 → 3 → 6), the third waits for the next.
  const task = (name: string) =>
    turns.next().then(() => {
      order.push(name);
      clock += 3;
    });
  const done = [task("a"), task("b"), task("c"), task("d"), task("e")];
  expect(turns.size).toBe(5);
  // Queued behind the first slice's immediate: it must run before the second slice.
  setImmediate(() => order.push("io"));
  await Promise.all(done);
  expect(order).toEqual(["a", "b", "io", "c", "d", "e"]);
  expect(turns.size).toBe(0);
});

test("a waiter added during a slice is served, and the queue starts again once drained", async () => {
  const order: number[] = [];
  await nextTurn();
  await nextTurn().then(() => {
    order.push(1);
    return nextTurn().then(() => order.push(2));
  });
  expect(order).toEqual([1, 2]);
  expect(turnsWaiting()).toBe(0);
  await nextTurn();
});
