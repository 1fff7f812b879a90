/**
 * One socket write per connection per burst of work, not one per message. Colyseus writes each
 * message to its WebSocket at once, and `ws` hands every frame to the kernel in its own `writev`;
 * on a busy server these system calls were the largest single cost (13 % of the busy time in the
 * profile of `npm run bench:load` at 4,800 clients, docs/bench/). A connection usually gets two or
 * more frames from one piece of work: a request's own view delta and its reply, a chat line and
 * its reply, the view deltas of several tables' changes committed in the same group.
 *
 * So the first frame a connection gets in a burst corks its TCP socket, and the socket is
 * uncorked once the burst's synchronous work and microtasks are done (`process.nextTick` queued
 * from that work runs after them, before the event loop moves on): the frames go out together, in
 * the same order, with no added wait. Frames and their order are unchanged; only the number of
 * system calls drops.
 */
import type { Socket } from "node:net";
import { WebSocketClient } from "@colyseus/ws-transport";

const corked: Socket[] = [];
let scheduled = false;

function uncorkAll(): void {
  scheduled = false;
  for (const socket of corked) socket.uncork();
  corked.length = 0;
}

let installed = false;
/** Installs the corking on every WebSocket connection of this process (idempotent). */
export function corkSends(): void {
  if (installed) return;
  installed = true;
  const proto = WebSocketClient.prototype as unknown as {
    raw(this: { ref: { _socket?: Socket } }, ...args: unknown[]): void;
  };
  const raw = proto.raw;
  proto.raw = function (...args) {
    // `_socket` is ws's own field for the connection's socket (stable across ws 8).
    const socket = this.ref._socket;
    if (socket && !socket.writableCorked) {
      socket.cork();
      corked.push(socket);
      if (!scheduled) {
        scheduled = true;
        process.nextTick(uncorkAll);
      }
    }
    raw.apply(this, args);
  };
}
