/**
 * server/pacedPings.ts: the keep-alive pings go out a slice of the connections at a time, each
 * connection once an interval, and a connection that leaves its pings unanswered is dropped after
 * the same number of them as Colyseus's own transport allows. Fake connections and fake timers:
 * what is checked is who is pinged when, not the network.
 */
import { afterEach, expect, test, vi } from "vitest";
import { PacedWebSocketTransport, PING_SLICES } from "../../server/pacedPings.js";

interface FakeSocket {
  pingCount: number;
  pings: number[];
  terminated: boolean;
  ping(): void;
  terminate(): void;
}

afterEach(() => {
  vi.useRealTimers();
});

function socket(): FakeSocket {
  return {
    pingCount: 0,
    pings: [],
    terminated: false,
    ping() {
      this.pings.push(Date.now());
    },
    terminate() {
      this.terminated = true;
    },
  };
}

function setup(count: number, interval: number, retries: number) {
  vi.useFakeTimers();
  const sockets = Array.from({ length: count }, socket);
  // No HTTP server: the pings start only when this test starts them.
  const transport = new PacedWebSocketTransport({ noServer: true });
  const t = transport as unknown as {
    wss: { clients: Set<FakeSocket> };
    autoTerminateUnresponsiveClients(i: number, r: number): void;
    pingInterval: NodeJS.Timeout;
  };
  const clients = new Set(sockets);
  t.wss.clients = clients;
  const start = Date.now();
  t.autoTerminateUnresponsiveClients(interval, retries);
  return { sockets, clients, start, stop: () => clearInterval(t.pingInterval) };
}

test("each connection is pinged once an interval, and no tick pings more than its share", () => {
  const interval = 20_000;
  const { sockets, start, stop } = setup(10_000, interval, 2);
  const tick = interval / PING_SLICES;
  let most = 0;
  for (let i = 0; i < PING_SLICES; i++) {
    const before = sockets.reduce((n, s) => n + s.pings.length, 0);
    vi.advanceTimersByTime(tick);
    most = Math.max(most, sockets.reduce((n, s) => n + s.pings.length, 0) - before);
    // Answered at once (the transport's "pong" handler resets the count).
    for (const s of sockets) s.pingCount = 0;
  }
  expect(sockets.every((s) => s.pings.length === 1)).toBe(true);
  expect(most).toBe(10_000 / PING_SLICES);
  // Over the next interval each is pinged once more, one interval after its first.
  vi.advanceTimersByTime(interval);
  expect(sockets.every((s) => s.pings.length === 2 && s.pings[1]! - s.pings[0]! === interval)).toBe(true);
  expect(sockets.every((s) => s.pings[0]! > start && s.pings[0]! <= start + interval)).toBe(true);
  stop();
});

test("a connection that answers nothing is dropped after its unanswered pings; one that answers stays", () => {
  const interval = 4000;
  const { sockets, stop } = setup(80, interval, 2);
  const silent = sockets[7]!;
  // Everybody but `silent` answers every ping at once.
  for (let i = 0; i < 3 * PING_SLICES; i++) {
    vi.advanceTimersByTime(interval / PING_SLICES);
    for (const s of sockets) if (s !== silent) s.pingCount = 0;
  }
  // Two pings unanswered, then dropped at the third interval instead of a third ping.
  expect(silent.pings).toHaveLength(2);
  expect(silent.terminated).toBe(true);
  expect(sockets.filter((s) => s.terminated)).toEqual([silent]);
  expect(sockets.every((s) => s === silent || s.pings.length === 3)).toBe(true);
  stop();
});

test("connections that come later are dealt into the slices too, and pinged within an interval", () => {
  const interval = 4000;
  const { sockets, clients, stop } = setup(10, interval, 2);
  vi.advanceTimersByTime(interval / 2);
  const late = Array.from({ length: 5 }, socket);
  for (const s of late) clients.add(s);
  const joined = Date.now();
  vi.advanceTimersByTime(interval);
  expect(late.every((s) => s.pings.length === 1 && s.pings[0]! - joined <= interval)).toBe(true);
  expect(sockets.every((s) => s.pings.length >= 1)).toBe(true);
  stop();
});
