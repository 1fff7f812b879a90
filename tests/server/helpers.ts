import "../../server/polyfill.js";
import type { Room as SDKRoom } from "@colyseus/sdk";
import { ColyseusTestServer } from "@colyseus/testing";
import { afterAll, beforeAll } from "vitest";
import { makeServer } from "../../server/app.js";
import { setStore } from "../../server/context.js";
import type { Store } from "../../server/store.js";
import { SqliteStore } from "../../server/stores/sqlite.js";
import { decodeViewMessage, type PlayerView, type SeatMessage, ViewReplica } from "../../shared/index.js";
import { freePort } from "../support/harness.js";

export async function bootTestServer(
  store: Store = new SqliteStore(":memory:"),
): Promise<{ colyseus: ColyseusTestServer; store: Store; base: string }> {
  setStore(store);
  // A free port, not @colyseus/testing's fixed 2568 (its boot() ignores the port for a Server):
  // other test runs on this machine use that one.
  const gameServer = makeServer();
  const port = await freePort();
  await gameServer.listen(port);
  // Node's fetch (the SDK's matchmaking requests) reuses idle keep-alive sockets; when a test runs
  // past the server's 5 s keep-alive, a request can land on a socket the server is closing ("fetch
  // failed" under load). Keep idle sockets open for the life of the test server.
  const http = (gameServer.transport as unknown as { server?: import("node:http").Server }).server;
  if (http) http.keepAliveTimeout = 10 * 60_000;
  const colyseus = new ColyseusTestServer(gameServer);
  return { colyseus, store, base: `http://localhost:${port}` };
}

export type TestServer = Awaited<ReturnType<typeof bootTestServer>>;

/**
 * Boots one in-process test server for the file (before all its tests) and shuts it down after.
 * Returns a getter: the server exists only once the hook has run.
 */
export function useTestServer(): () => TestServer {
  let ctx: TestServer | undefined;
  beforeAll(async () => {
    ctx = await bootTestServer();
  });
  afterAll(async () => {
    await ctx?.colyseus.shutdown();
  });
  return () => {
    if (!ctx) throw new Error("the test server is not booted yet");
    return ctx;
  };
}

/** A connected test client that records every view it rebuilt (to check what it may see). */
export interface Player {
  room: SDKRoom;
  seat: SeatMessage & { token?: string };
  views: PlayerView[];
  latest(): PlayerView;
  nextView(): Promise<PlayerView>;
  /** Every view message as received, decoded (a deflated one inflated) and as JSON text. */
  viewMessages: string[];
}

export async function connect(room: SDKRoom): Promise<Player> {
  const views: PlayerView[] = [];
  let waiters: ((v: PlayerView) => void)[] = [];
  let seat: Player["seat"] | undefined;
  const seatArrived = new Promise<void>((resolve) => {
    room.onMessage("seat", (m: Player["seat"]) => {
      seat = m;
      resolve();
    });
  });
  room.onMessage("chat_history", () => {});
  room.onMessage("chat", () => {});
  // Each full view or applied delta is one view received (a new object each time).
  const replica = new ViewReplica();
  const received = () => {
    const view = replica.view!;
    views.push(view);
    const w = waiters;
    waiters = [];
    for (const f of w) f(view);
  };
  const viewMessages: string[] = [];
  room.onMessage("view", (m: unknown) => {
    viewMessages.push(JSON.stringify(decodeViewMessage(m)));
    if (replica.full(m)) received();
  });
  room.onMessage("view_delta", (m: unknown) => {
    viewMessages.push(JSON.stringify(decodeViewMessage(m)));
    const outcome = replica.delta(m);
    if (outcome === "applied") received();
    else if (outcome === "resync") void room.request("resync", {});
  });
  await seatArrived;
  return {
    room,
    get seat() {
      return seat!;
    },
    views,
    latest: () => views[views.length - 1]!,
    nextView: () => new Promise((resolve) => waiters.push(resolve)),
    viewMessages,
  };
}

export async function until(pred: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error("timed out waiting for condition");
    await new Promise((r) => setTimeout(r, 10));
  }
}
