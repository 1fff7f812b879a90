/**
 * Keep-alive pings spread over their interval instead of all at once. Colyseus's WebSocket
 * transport pings every connection of the process in one timer callback: at 10,000 connections
 * that callback held the event loop for 70–110 ms every interval (the server's CPU profile under
 * `npm run bench:load`, docs/bench/README.md), and every request that arrived meanwhile waited
 * for it. Here the connections are dealt into slices and one slice is pinged at each tick, so a
 * tick costs a fraction of a millisecond. The rule is Colyseus's own: each connection is pinged
 * once per interval, and one that has left `pingMaxRetries` pings unanswered is dropped.
 */
import { WebSocketTransport } from "@colyseus/ws-transport";
import type { WebSocket } from "ws";

/** How many ticks one ping interval is cut into (each tick pings about 1/SLICES of the connections). */
export const PING_SLICES = 40;

type Pinged = WebSocket & { pingCount: number };

function noop(): void {}

export class PacedWebSocketTransport extends WebSocketTransport {
  protected override autoTerminateUnresponsiveClients(pingInterval: number, pingMaxRetries: number): void {
    const sliceOf = new WeakMap<WebSocket, number>();
    let dealt = 0;
    let tick = 0;
    // The base class clears `pingInterval` when its server closes.
    this.pingInterval = setInterval(
      () => {
        const slice = tick++ % PING_SLICES;
        for (const ws of this.wss.clients as Set<Pinged>) {
          let s = sliceOf.get(ws);
          if (s === undefined) {
            s = dealt++ % PING_SLICES;
            sliceOf.set(ws, s);
          }
          if (s !== slice) continue;
          if (ws.pingCount >= pingMaxRetries) {
            ws.terminate();
            continue;
          }
          ws.pingCount++;
          ws.ping(noop);
        }
      },
      Math.max(1, Math.floor(pingInterval / PING_SLICES)),
    );
  }
}
