/**
 * Group commit: what every room asks to store during one event-loop turn goes to the storage in
 * one transaction (one fsync), and each asker is answered when that transaction has committed.
 * While a transaction is in flight, new groups wait for the next one, so under load the batches
 * grow by themselves instead of the storage falling behind one fsync per request.
 */
import { performance } from "node:perf_hooks";
import type { GroupResult, Store, WriteGroup } from "./store.js";
import { storeEvents } from "./storeEvents.js";

/** The longest a lazy group waits for a batch to join. */
const LAZY_MS = 25;

/**
 * The shortest time from the start of one commit to the start of the next. A commit costs the
 * SQLite writer thread about 0.2 ms of CPU whatever its size (writing the WAL and the fsync): on a
 * fast disk, back-to-back commits were ~450 a second of ~2 requests each at 4,800 clients, the
 * writer thread a sixth of the server's CPU (`perf`, docs/bench/README.md). Spacing them by a few
 * ms makes the batches bigger for at most that much more wait; a request on a quiet server is
 * still committed at once.
 */
export const MIN_COMMIT_INTERVAL_MS = 5;

interface Pending {
  group: WriteGroup;
  resolve: (r: GroupResult) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit {
  private pending: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private lazyTimer: NodeJS.Timeout | undefined;
  /** When the last commit started (performance.now()). */
  private lastStart = Number.NEGATIVE_INFINITY;

  /** `maxBatch` 1 turns group commit off (one transaction per group), for comparison in benchmarks. */
  constructor(
    private readonly store: Store,
    private readonly maxBatch = Number.POSITIVE_INFINITY,
    private readonly minIntervalMs = MIN_COMMIT_INTERVAL_MS,
  ) {}

  /**
   * Resolves once the group is stored ("ok") or refused by its fence ("fenced"); rejects on a
   * storage error. A `lazy` group nobody waits on may wait up to LAZY_MS for company: restoring
   * a thousand games then stores their new deadlines in a few transactions, not a thousand.
   */
  submit(group: WriteGroup, lazy = false): Promise<GroupResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ group, resolve, reject });
      if (lazy) this.scheduleLazy();
      else this.schedule();
    });
  }

  private scheduleLazy(): void {
    if (this.lazyTimer || this.scheduled || this.flushing) return;
    this.lazyTimer = setTimeout(() => {
      this.lazyTimer = undefined;
      this.schedule();
    }, LAZY_MS);
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      void this.flush();
    };
    const wait = this.lastStart + this.minIntervalMs - performance.now();
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  }

  private async flush(): Promise<void> {
    clearTimeout(this.lazyTimer);
    this.lazyTimer = undefined;
    const batch = this.pending.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    this.flushing = true;
    const t0 = performance.now();
    this.lastStart = t0;
    try {
      const results = await this.store.write(batch.map((p) => p.group));
      storeEvents.emit("commit", performance.now() - t0, batch.length, true);
      for (const [i, p] of batch.entries()) p.resolve(results[i] ?? "ok");
    } catch (e) {
      storeEvents.emit("commit", performance.now() - t0, batch.length, false);
      storeEvents.emit("storage_error", e instanceof Error ? e.message : String(e));
      for (const p of batch) p.reject(e);
    } finally {
      this.flushing = false;
      if (this.pending.length > 0) this.schedule();
    }
  }
}
