/**
 * Leases: which process runs which game. One heartbeat per process renews its lease on all its
 * games at once; a game whose holder's lease has run out (the process died, or stopped and
 * released it) is claimed by another process, which raises the game's epoch, replays it from the
 * shared store and runs it from there. The epoch is checked in every write transaction, so a
 * process that lost a game can no longer store (and so accept) anything for it.
 */
import type { Claim, Store } from "./store.js";
import { storeEvents } from "./storeEvents.js";

export interface LeaseTiming {
  /** How long a heartbeat keeps a process's games its own. */
  leaseMs: number;
  /** How often the heartbeat renews it (well inside the lease). */
  heartbeatMs: number;
  /** How often to look for games whose holder's lease ran out. */
  scanMs: number;
}

/** `PP_LEASE_MS` (default 5 s): failover takes about this long plus one scan and the replay. */
export function leaseTiming(env: NodeJS.ProcessEnv = process.env): LeaseTiming {
  const v = Number(env.PP_LEASE_MS);
  const leaseMs = Number.isFinite(v) && v >= 500 ? v : 5000;
  return {
    leaseMs,
    heartbeatMs: Math.max(100, Math.floor(leaseMs / 5)),
    scanMs: Math.max(100, Math.floor(leaseMs / 5)),
  };
}

/** Restores in flight at once: enough to hide a database round trip, few enough to keep turns short. */
const RESTORES_AT_ONCE = 4;
/** Claims per scan, so several survivors share a dead process's games between them. */
const CLAIMS_PER_SCAN = 50;

export class Leases {
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private scanTimer: NodeJS.Timeout | undefined;
  private scanning = false;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly processId: string,
    private readonly timing: LeaseTiming,
    /** Runs a claimed game here; false if it could not (it is tried again at the next scan). */
    private readonly restore: (claim: Claim, takeover: boolean) => Promise<boolean>,
  ) {}

  /** Claimed games that could not be brought up yet (the storage failed mid-restore). */
  private retry: { claim: Claim; takeover: boolean }[] = [];

  /**
   * Brings claimed games up here, a few at a time (one's reads overlap another's replay); those
   * that fail are kept for a retry.
   */
  async runAll(claims: readonly Claim[], takeover: boolean): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < claims.length && !this.stopped) {
        const claim = claims[next++]!;
        if (!(await this.restore(claim, takeover))) this.retry.push({ claim, takeover });
      }
    };
    await Promise.all(Array.from({ length: RESTORES_AT_ONCE }, worker));
  }

  /** Renews the lease now; a failure is reported and retried at the next beat, never thrown. */
  async beat(): Promise<boolean> {
    try {
      await this.store.heartbeat(this.processId, this.timing.leaseMs);
      return true;
    } catch (e) {
      storeEvents.emit("storage_error", `heartbeat: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  /** At start-up: this process's own unfinished games (after a restart) and any orphans. */
  async claimAtStart(): Promise<Claim[]> {
    // Claim before the first heartbeat: a claim reports when each game's process was last alive,
    // and for this process's own games that is its previous life's last beat (the downtime).
    const claims = await this.store.claim(this.processId, { own: true });
    await this.beat();
    return claims;
  }

  /** Heartbeat and takeover scan from now on. */
  run(): void {
    this.heartbeatTimer = setInterval(() => void this.beat(), this.timing.heartbeatMs);
    this.scanTimer = setInterval(() => void this.scan(), this.timing.scanMs);
  }

  private async scan(): Promise<void> {
    if (this.scanning || this.stopped) return;
    this.scanning = true;
    try {
      const again = this.retry;
      this.retry = [];
      for (const r of again) await this.runAll([r.claim], r.takeover);
      await this.runAll(await this.store.claim(this.processId, { limit: CLAIMS_PER_SCAN }), true);
    } catch (e) {
      storeEvents.emit("storage_error", `takeover scan: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.scanning = false;
    }
  }

  /** A graceful stop: no more beats or takeovers, and the lease is given up so others take over now. */
  async release(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.scanTimer);
    try {
      await this.store.release(this.processId);
    } catch (e) {
      // The lease then simply runs out: the games move a few seconds later.
      storeEvents.emit("storage_error", `release: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
