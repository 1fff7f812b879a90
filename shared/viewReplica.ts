/**
 * A client's copy of its seat's view, kept from the server's "view" (full) and "view_delta"
 * messages (docs/PROTOCOL.md). Every client — the browser, the example bot, the tests and the load
 * benchmark — goes through this one class, so all of them end up with exactly what `viewFor` gave
 * the server.
 *
 * A delta is an RFC 6902 patch (fast-json-patch, the same library that made it on the server)
 * against the view of the sequence number before it. A delta that does not follow the last number,
 * or that fails to apply, puts the replica out of step: it then ignores deltas until a full view
 * arrives, and says once that the caller should ask for one ("resync"). Large messages come as
 * deflated JSON bytes with a preset dictionary (server/rooms/views.ts, shared/viewDictionary.ts);
 * both forms are read here.
 */
import jsonpatch, { type Operation } from "fast-json-patch";
import { inflateSync, strFromU8 } from "fflate";
import { ViewDeltaSchema, ViewFullSchema } from "./protocol.js";
import type { PlayerView } from "./view.js";
import { VIEW_DICTIONARY } from "./viewDictionary.js";

export type DeltaOutcome = "applied" | "resync" | "ignored";

/**
 * A view message as it arrived: a msgpack object, or — when large — bytes of deflated JSON text
 * (raw DEFLATE, RFC 1951, with the protocol's preset dictionary). Undecodable bytes come back as null.
 */
export function decodeViewMessage(raw: unknown): unknown {
  if (!(raw instanceof Uint8Array)) return raw;
  try {
    return JSON.parse(strFromU8(inflateSync(raw, { dictionary: VIEW_DICTIONARY })));
  } catch {
    return null;
  }
}

/** What a replica follows: a Colyseus room, or anything with its `onMessage` and `request`. */
export interface ViewSource {
  onMessage(type: string, callback: (message: unknown) => void): unknown;
  request(type: string, payload: unknown): Promise<unknown>;
}

export class ViewReplica {
  view: PlayerView | null = null;
  seq = -1;
  private waiting = true;

  /**
   * `copyOnChange`: each change makes a new view object (screens compare views by identity to see
   * a change); without it the view is patched in place (bots and the load benchmark, which hold
   * thousands of replicas and only read them).
   */
  constructor(private readonly copyOnChange = true) {}

  /** A full view: replaces whatever was held. False if the message is not one. */
  full(raw: unknown): boolean {
    const m = ViewFullSchema.safeParse(decodeViewMessage(raw));
    if (!m.success) return false;
    this.view = m.data.view as unknown as PlayerView;
    this.seq = m.data.seq;
    this.waiting = false;
    return true;
  }

  /** A delta: applied when it follows the last sequence number; otherwise a full view is needed. */
  delta(raw: unknown): DeltaOutcome {
    if (this.waiting || !this.view) return "ignored";
    const m = ViewDeltaSchema.safeParse(decodeViewMessage(raw));
    if (!m.success || m.data.seq !== this.seq + 1) return this.lost();
    try {
      const ops = m.data.ops as Operation[];
      this.view = jsonpatch.applyPatch(this.view, ops, false, !this.copyOnChange).newDocument;
    } catch {
      return this.lost();
    }
    this.seq = m.data.seq;
    return "applied";
  }

  /**
   * Keeps this replica in step with a room: whole views and deltas are applied, and a missed or
   * broken delta asks for the whole view again (`resync`). `onView` runs after every change.
   */
  follow(room: ViewSource, onView: (view: PlayerView) => void, request = room.request.bind(room)): void {
    room.onMessage("view", (m) => {
      if (this.full(m)) onView(this.view!);
    });
    room.onMessage("view_delta", (m) => {
      const outcome = this.delta(m);
      if (outcome === "applied") onView(this.view!);
      else if (outcome === "resync") void request("resync", {});
    });
  }

  private lost(): DeltaOutcome {
    this.waiting = true;
    return "resync";
  }
}
