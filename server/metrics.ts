/**
 * Prometheus metrics (prom-client), served at `/metrics`. Every metric is named `pp_…` and is
 * updated through a small named function here, so the code that does the work stays free of
 * prom-client and the store, the rooms and the restore loop each make one call.
 *
 * No label ever carries a game code, a name or a token: codes are the key to private games, and a
 * label per game would grow without bound.
 */

import { matchMaker } from "@colyseus/core";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { storeEvents } from "./storeEvents.js";

export const registry = new Registry();
// The process's CPU, memory, event-loop lag and GC (nodejs_*, process_*), as every Node exporter has.
collectDefaultMetrics({ register: registry });
// Except the handle counts: each scrape walked every socket and timer of the process
// (`process._getActiveHandles()`, 35–40 ms of blocked event loop at 10,000 connections);
// `nodejs_active_resources` still counts them by type.
registry.removeSingleMetric("nodejs_active_handles");
registry.removeSingleMetric("nodejs_active_handles_total");

/** Read at scrape time from Colyseus's own counters of this process. */
new Gauge({
  name: "pp_rooms",
  help: "Game rooms open in this process (running, waiting for players, or ended and not yet closed).",
  registers: [registry],
  collect() {
    this.set(matchMaker.stats.local.roomCount);
  },
});

new Gauge({
  name: "pp_connected_clients",
  help: "Connections to rooms in this process (players, Control, observers).",
  registers: [registry],
  collect() {
    this.set(matchMaker.stats.local.ccu);
  },
});

const requests = new Counter({
  name: "pp_requests_total",
  help: 'Room messages handled, by message type and outcome ("ok", an error code, or "exception").',
  labelNames: ["type", "outcome"] as const,
  registers: [registry],
});

const requestSeconds = new Histogram({
  name: "pp_request_duration_seconds",
  help: "Time to handle a room message until its reply (checks, the engine step, the store write, the views sent).",
  labelNames: ["type"] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

const joinRefusals = new Counter({
  name: "pp_join_refusals_total",
  help: 'Joins by code refused before a seat: "rate_limited", "game_ended", "unknown_code" (counts toward the failed-join limit), "other".',
  labelNames: ["reason"] as const,
  registers: [registry],
});

const storeCommitSeconds = new Histogram({
  name: "pp_store_commit_seconds",
  help: "Time for one durable store commit (one write today; one group of writes with group commit).",
  buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  registers: [registry],
});

const storeCommitWrites = new Histogram({
  name: "pp_store_commit_writes",
  help: "Writes (inputs, messages, control commands) made durable by one commit.",
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
  registers: [registry],
});

const restores = new Counter({
  name: "pp_restores_total",
  help: 'Unfinished games brought back from the store by this process at start ("ok" or "failed").',
  labelNames: ["outcome"] as const,
  registers: [registry],
});

const failovers = new Counter({
  name: "pp_failovers_total",
  help: "Games this process took over from another process that stopped (failover).",
  registers: [registry],
});

const restoreSeconds = new Gauge({
  name: "pp_restore_seconds",
  help: "How long the start-up restore took, from the first game to ready (0 until it is done).",
  registers: [registry],
});

const ready = new Gauge({
  name: "pp_ready",
  help: "1 once this process has restored its games and takes players (what /health reports), else 0.",
  registers: [registry],
});

export type RequestOutcome = "ok" | "exception" | (string & {});

/** One handled room message: its type ("orders", "act", …), outcome and duration. */
export function observeRequest(type: string, outcome: RequestOutcome, seconds: number): void {
  requests.inc({ type, outcome });
  requestSeconds.observe({ type }, seconds);
}

/** A message of a type no handler knows (dropped without harm): counted, not timed. */
export function countUnknownMessage(): void {
  requests.inc({ type: "unknown", outcome: "dropped" });
}

export type JoinRefusal = "rate_limited" | "game_ended" | "unknown_code" | "other";

export function countJoinRefusal(reason: JoinRefusal): void {
  joinRefusals.inc({ reason });
}

/** One durable commit of the store, and how many writes it carried (1 without group commit). */
export function observeStoreCommit(seconds: number, writes = 1): void {
  storeCommitSeconds.observe(seconds);
  storeCommitWrites.observe(writes);
}

/** One game restored at start (or one that could not be). */
export function countRestore(outcome: "ok" | "failed" = "ok"): void {
  restores.inc({ outcome });
}

/** One game taken over from a process that stopped. */
export function countFailover(): void {
  failovers.inc();
}

/** The start-up restore is over (readiness and its duration). */
export function observeRestoreDone(seconds: number): void {
  restoreSeconds.set(seconds);
}

export function setReadyMetric(isReady: boolean): void {
  ready.set(isReady ? 1 : 0);
}

/** Times a synchronous piece of work in seconds (for the callers above). */
export function secondsSince(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

// The persistence layer reports its commits, restores and takeovers as events (storeEvents.ts);
// counted here, wherever the server runs (npm start, or a test's in-process server).
storeEvents.on("commit", (ms, groups) => observeStoreCommit(ms / 1000, groups));
storeEvents.on("restore", () => countRestore("ok"));
storeEvents.on("failover", () => countFailover());
