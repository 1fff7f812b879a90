/**
 * A room's message handlers, each timed and counted for /metrics (`pp_requests_total`,
 * `pp_request_duration_seconds`), and a handler that throws logged with the game's code. Colyseus
 * still sees the throw and answers the request with an error, as it did without this wrapper.
 */
import type { Client } from "@colyseus/core";
import { roomLogger } from "../log.js";
import { countUnknownMessage, observeRequest, type RequestOutcome, secondsSince } from "../metrics.js";

// biome-ignore lint/suspicious/noExplicitAny: handlers take a client and the message's own arguments.
type Handler = (client: Client, ...args: any[]) => unknown;

/** "ok", or the stable error code of a refused reply (bounded: shared/result.ts's ERROR_CODES). */
function outcomeOf(reply: unknown): RequestOutcome {
  if (reply && typeof reply === "object" && "ok" in reply && reply.ok === false) {
    const code = (reply as { error?: { code?: unknown } }).error?.code;
    return typeof code === "string" ? code : "error";
  }
  return "ok";
}

function isPromise(v: unknown): v is Promise<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === "function";
}

/** The same handlers, measured. The wildcard ("*": unknown types, dropped) is counted, not timed. */
export function instrumented<M extends Record<string, Handler>>(handlers: M): M {
  const out: Record<string, Handler> = {};
  for (const [type, handler] of Object.entries(handlers)) {
    if (type === "*") {
      out[type] = function (this: unknown, client: Client, ...args: unknown[]) {
        countUnknownMessage();
        return handler.call(this, client, ...args);
      };
      continue;
    }
    // Colyseus calls each handler bound to the room.
    out[type] = function (this: { roomId: string }, client: Client, ...args: unknown[]) {
      const start = process.hrtime.bigint();
      const failed = (e: unknown) => {
        observeRequest(type, "exception", secondsSince(start));
        roomLogger(this.roomId).error({ err: e, type, sessionId: client.sessionId }, "message handler threw");
      };
      try {
        const result = handler.call(this, client, ...args);
        if (!isPromise(result)) {
          observeRequest(type, outcomeOf(result), secondsSince(start));
          return result;
        }
        return result.then(
          (reply) => {
            observeRequest(type, outcomeOf(reply), secondsSince(start));
            return reply;
          },
          (e: unknown) => {
            failed(e);
            throw e;
          },
        );
      } catch (e) {
        failed(e);
        throw e;
      }
    };
  }
  return out as M;
}
