/**
 * server/rooms/turns.ts: heavy tasks (a phase deadline's resolution and views) run in slices of
 * an event-loop turn, so other work — here an immediate standing for a socket's request — runs
 * between two slices instead of after the whole burst. The clock is a fake one that each task
 * moves on, so the slicing is checked without measuring time.
 */
import { expect, test } from "vitest";
import { nextTurn, Turns, turnsWaiting } from "../../server/rooms/turns.js";

/**
 * Turns with a 5-ms budget on a fake clock, and tasks that each "take" 3 ms: a task notes its
 * name, moves the clock on, then runs `then` (if any) inside its turn.
 */
function sliced(maxWaitMs?: number) {
  const at = { clock: 0 };
  const turns = new Turns(5, () => at.clock, maxWaitMs);
  const order: string[] = [];
  const task = (name: string, then?: () => void) =>
    turns.next().then(() => {
      order.push(name);
      at.clock += 3;
      then?.();
    });
  return { turns, order, task };
}

test("a slice runs waiters in order until its budget is spent; other work runs between slices", async () => {
  // Two tasks fit in a 5-ms slice (0 → 3 → 6), the third waits for the next.
  const { turns, order, task } = sliced();
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

test("a waiter older than the longest wait runs in the current slice, past the budget", async () => {
  // The same five 3-ms tasks as above, but none may wait more than 4 ms once it is its turn to be
  // checked: after a and b the budget is spent, yet c has waited 6 ms, so the slice goes on and
  // the whole backlog drains before the other work.
  const { order, task } = sliced(4);
  const done = [task("a"), task("b"), task("c"), task("d"), task("e")];
  setImmediate(() => order.push("io"));
  await Promise.all(done);
  expect(order).toEqual(["a", "b", "c", "d", "e"]);
  await new Promise((r) => setImmediate(r));
  expect(order.at(-1)).toBe("io");
});

test("a waiter that came late in a slice is not pushed through by its elders' age", async () => {
  // a, b and c wait from 0; c, as it ends (at 9), adds d and e. The slice runs a, b, then c (aged
  // past 4 ms); d and e have not waited at all, so the slice stops there and the other work runs.
  const { order, task } = sliced(4);
  const later: Promise<void>[] = [];
  const done = [task("a"), task("b"), task("c", () => later.push(task("d"), task("e")))];
  setImmediate(() => order.push("io"));
  await Promise.all(done);
  await Promise.all(later);
  expect(order).toEqual(["a", "b", "c", "io", "d", "e"]);
});
