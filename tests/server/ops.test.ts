/**
 * What a host's load balancer and monitoring read: /health says ready only once the restore is done
 * (and not while stopping), /health/live says the process answers, /metrics is Prometheus text.
 */
import { afterEach, expect, test } from "vitest";
import { resetJoinGuard } from "../../server/joinGuard.js";
import { markReady, markStopping, resetReadiness } from "../../server/ops.js";
import { connect, useTestServer } from "./helpers.js";

const server = useTestServer();

afterEach(() => {
  resetReadiness();
  resetJoinGuard();
});

async function health(path = "/health"): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${server().base}${path}`);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** The value of one sample of the Prometheus text, e.g. `pp_rooms` or `pp_restores_total{outcome="ok"}`. */
async function metric(sample: string): Promise<number | undefined> {
  const text = await (await fetch(`${server().base}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

test("/health is 503 with a JSON body until the restore is done, 200 after, and 503 again while stopping", async () => {
  server();
  expect(await health()).toEqual({
    status: 503,
    body: { ok: false, status: "starting", message: expect.stringMatching(/Restoring/) },
  });
  // Alive all along: a restore in progress is not a dead process.
  expect(await health("/health/live")).toEqual({ status: 200, body: { ok: true, status: "starting" } });
  markReady();
  expect(await health()).toMatchObject({ status: 200, body: { ok: true, status: "ready" } });
  expect(await metric("pp_ready")).toBe(1);
  markStopping();
  expect(await health()).toMatchObject({ status: 503, body: { ok: false, status: "stopping" } });
  expect(await health("/health/live")).toMatchObject({ status: 200 });
  expect(await metric("pp_ready")).toBe(0);
});

test("/metrics is Prometheus text with the rooms, the connections and the refused joins", async () => {
  const { sdk } = server().colyseus;
  const r = await fetch(`${server().base}/metrics`);
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const rooms = (await metric("pp_rooms")) ?? Number.NaN;
  const clients = (await metric("pp_connected_clients")) ?? Number.NaN;
  const host = await connect(await sdk.create("game", { name: "Host", power: "US" }));
  expect(await metric("pp_rooms")).toBe(rooms + 1);
  expect(await metric("pp_connected_clients")).toBe(clients + 1);
  const unknown = (await metric('pp_join_refusals_total{reason="unknown_code"}')) ?? 0;
  await expect(sdk.joinById("QQQQ22", { name: "Guess" })).rejects.toThrow(/not found/);
  expect(await metric('pp_join_refusals_total{reason="unknown_code"}')).toBe(unknown + 1);
  // The process's own figures come along (event-loop lag, memory).
  expect(await metric("nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
  await host.room.leave();
});

test("/metrics counts each room message by type and outcome, times it, and times the store's commits", async () => {
  const { sdk } = server().colyseus;
  const host = await connect(await sdk.create("game", { name: "Host", power: "US" }));
  const read = async () => ({
    ok: (await metric('pp_requests_total{type="control",outcome="ok"}')) ?? 0,
    refused: (await metric('pp_requests_total{type="control",outcome="wrong_phase"}')) ?? 0,
    timed: (await metric('pp_request_duration_seconds_count{type="control"}')) ?? 0,
    commits: (await metric("pp_store_commit_seconds_count")) ?? 0,
    unknown: (await metric('pp_requests_total{type="unknown",outcome="dropped"}')) ?? 0,
  });
  const before = await read();
  expect(await host.room.request("control", { command: "start" })).toEqual({ ok: true });
  // Starting again is refused with a stable code, and that is the outcome counted.
  expect(await host.room.request("control", { command: "start" })).toMatchObject({
    ok: false,
    error: { code: "wrong_phase" },
  });
  // An accepted engine input is written (one commit) before it is acknowledged.
  expect(await host.room.request("control", { command: "advance" })).toEqual({ ok: true });
  host.room.send("no_such_type", {});
  await host.room.request("ready", { ready: false });
  const after = await read();
  expect(after.ok - before.ok).toBe(2);
  expect(after.refused - before.refused).toBe(1);
  expect(after.timed - before.timed).toBe(3);
  expect(after.commits - before.commits).toBeGreaterThanOrEqual(1);
  expect(after.unknown - before.unknown).toBe(1);
  await host.room.leave();
});
