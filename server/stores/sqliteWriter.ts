/**
 * SQLite's commits on a thread of their own. better-sqlite3 is synchronous: on the main thread a
 * commit blocks the event loop for its fsync, and under load the group commit (commit.ts) made
 * one commit per event-loop turn, so the loop spent a quarter to a third of its time waiting for
 * the disk (the profile of `npm run bench:load` at 4,800 clients, docs/bench/). Here the writes
 * go to a worker thread with its own connection to the same file (WAL lets the main thread keep
 * reading): the main thread goes on answering while a batch is on its way to disk, the batches
 * grow by themselves while one is in flight, and each request is still acknowledged only after
 * the transaction holding its writes has committed (synchronous = FULL, as before).
 *
 * The thread's writes are the very same `SqliteStore.write` (sqliteWriterLoop.ts); a failed
 * transaction comes back as an error with SQLite's message, and a thread that died is started
 * again on the next write.
 */
import { Worker } from "node:worker_threads";
import type { GroupResult, WriteGroup } from "../store.js";

interface Answer {
  id?: number;
  ready?: boolean;
  results?: GroupResult[];
  error?: string;
}

interface Waiter {
  resolve: (r: GroupResult[]) => void;
  reject: (e: Error) => void;
}

export class SqliteWriter {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 0;
  private closed = false;
  /** Settles when the waiting writes have all been answered (for `close`). */
  private drained: (() => void) | undefined;

  constructor(private readonly file: string) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    // `execArgv: []`: the thread registers tsx itself, whatever flags this process was started with.
    const worker = new Worker(new URL("./sqliteWriterThread.mjs", import.meta.url), {
      workerData: { file: this.file },
      execArgv: [],
    });
    worker.unref();
    worker.on("message", (m: Answer) => {
      if (m.id === undefined) return;
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(new Error(m.error));
      else w.resolve(m.results ?? []);
      if (this.waiting.size === 0) this.drained?.();
    });
    const gone = (e: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
      this.drained?.();
    };
    worker.on("error", gone);
    worker.on("exit", (code) => gone(new Error(`the SQLite writer thread stopped (exit code ${code})`)));
    return worker;
  }

  write(groups: readonly WriteGroup[]): Promise<GroupResult[]> {
    if (this.closed) return Promise.reject(new Error("the store is closed"));
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // One string, not an object graph: the structured clone of every write's object was the
      // main thread's largest single cost after the socket writes (profile-final-4800-sync.txt).
      worker.postMessage({ id, groups: JSON.stringify(groups) });
    });
  }

  /** After every write already posted has been answered. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.waiting.size > 0) await new Promise<void>((r) => (this.drained = r));
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
