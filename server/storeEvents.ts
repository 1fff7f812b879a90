/**
 * What the persistence layer reports, for metrics and logs to subscribe to (the store itself knows
 * nothing of either). Listeners must not throw.
 *
 * - `commit` (ms, groups, ok): one group-commit transaction and how long it took.
 * - `storage_error` (message): a write or heartbeat the storage refused; the server carries on.
 * - `restore` (gameId, ms): a game rebuilt from the record (at start or on takeover).
 * - `failover` (gameId, fromDowntimeMs): a game taken over from a process whose lease ran out.
 * - `fenced` (gameId): this process lost a game to another one (its writes were refused).
 */
import { EventEmitter } from "node:events";

export interface StoreEventMap {
  commit: [ms: number, groups: number, ok: boolean];
  storage_error: [message: string];
  restore: [gameId: string, ms: number];
  failover: [gameId: string, downtimeMs: number];
  fenced: [gameId: string];
}

export const storeEvents = new EventEmitter<StoreEventMap>();
