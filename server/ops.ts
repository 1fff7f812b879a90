/**
 * What a host's load balancer and monitoring read: `/health` (ready: 200 only once the games are
 * restored, 503 with a JSON body before and while stopping), `/health/live` (the process answers)
 * and `/metrics` (Prometheus text). Mounted from app.ts with `mountOps(app)`.
 */
import type { Application } from "express";
import { registry, setReadyMetric } from "./metrics.js";

export type Readiness = "starting" | "ready" | "stopping";

let readiness: Readiness = "starting";

const MESSAGES: Record<Readiness, string> = {
  starting: "Restoring games; not taking players yet.",
  ready: "Ready.",
  stopping: "Shutting down; not taking players.",
};

/** The start-up restore is done: from now on /health answers 200. */
export function markReady(): void {
  readiness = "ready";
  setReadyMetric(true);
}

/** Shutting down: /health answers 503 so a load balancer sends no one new here. */
export function markStopping(): void {
  readiness = "stopping";
  setReadyMetric(false);
}

export function getReadiness(): Readiness {
  return readiness;
}

/** For tests: back to the state of a process that has just started. */
export function resetReadiness(): void {
  readiness = "starting";
  setReadyMetric(false);
}

export function mountOps(app: Application): void {
  app.get("/health", (_req, res) => {
    const ok = readiness === "ready";
    res.status(ok ? 200 : 503).json({ ok, status: readiness, message: MESSAGES[readiness] });
  });
  // Liveness: the event loop answers, whatever the readiness (a restore in progress is alive).
  app.get("/health/live", (_req, res) => {
    res.status(200).json({ ok: true, status: readiness });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
}
