/**
 * Heavy work takes turns with everything else. A phase deadline resolves a round and rebuilds,
 * diffs and encodes a large view for every seat of its table: a millisecond or more. When many
 * tables reach their deadlines together (a teacher starting six tables at the same second, or
 * hundreds of tables in step on a busy server), running them back-to-back would hold every other
 * request's acknowledgement for the whole burst. Instead each waits here for its turn, and a turn
 * of the event loop runs waiters only until it has spent its budget (a few milliseconds) and the
 * next waiter has not waited long (TURN_MAX_WAIT_MS); then the server reads its sockets and
 * answers the requests that came in before the next slice.
 *
 * A slice runs several waiters, not one: their writes then share one group commit (one fsync)
 * instead of one each, and a light waiter does not cost a whole event-loop turn.
 *
 * Why a chain of `setImmediate` and not one per waiter: Node runs every immediate already queued
 * in the same check phase, without polling for I/O between them; a chain lets I/O in after each.
 */
import { performance } from "node:perf_hooks";

/** How long one event-loop turn may spend on waiters before it lets I/O in. */
export const TURN_BUDGET_MS = 4;
/**
 * A waiter that has waited longer than this runs in the current slice, whatever the budget says.
 * Without it the waiters got the budget once per turn of the event loop, however long the turn: at
 * 10,000 clients (turns of 15–20 ms) a queue of hundreds of phase changes, built up during a
 * stall, drained 4 ms a turn while each held its room's requests behind it (waits of up to
 * 0.5–0.8 s in the load benchmark). With it a backlog drains in the next slice.
 */
export const TURN_MAX_WAIT_MS = 25;

export class Turns {
  private readonly waiting: (() => void)[] = [];
  /** When each waiter came (same index as `waiting`). */
  private readonly since: number[] = [];
  private head = 0;
  private running = false;
  private sliceStart = 0;

  constructor(
    private readonly budgetMs = TURN_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly maxWaitMs = TURN_MAX_WAIT_MS,
  ) {}

  /** Resolves in a turn's slice, after every earlier waiter. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.since.push(this.now());
      if (!this.running) {
        this.running = true;
        setImmediate(this.slice);
      }
    });
  }

  /** How many waiters have not had their turn yet. */
  get size(): number {
    return this.waiting.length - this.head;
  }

  private readonly slice = (): void => {
    this.sliceStart = this.now();
    this.runOne();
  };

  /**
   * Lets one waiter go. Its continuation runs in the microtasks queued by `resolve` (up to its next
   * `await`), and the check queued after it then decides whether the slice goes on.
   */
  private runOne(): void {
    const resolve = this.waiting[this.head++];
    // Read from `head`; compacted once drained (no O(n) shift per waiter).
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.since.length = 0;
      this.head = 0;
    }
    resolve?.();
    queueMicrotask(this.afterOne);
  }

  private readonly afterOne = (): void => {
    if (this.size === 0) this.running = false;
    else if (
      this.now() - this.sliceStart < this.budgetMs ||
      this.now() - this.since[this.head]! > this.maxWaitMs
    )
      this.runOne();
    else setImmediate(this.slice);
  };
}

const turns = new Turns();

/** Waits for a slice of an event-loop turn shared fairly with the rest of the process. */
export function nextTurn(): Promise<void> {
  return turns.next();
}

/** How many tasks wait for a turn (for benchmarks and tests). */
export function turnsWaiting(): number {
  return turns.size;
}
