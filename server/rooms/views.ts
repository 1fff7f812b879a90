/**
 * Views on the wire: each seat's connections get what changed in the seat's view, and only when it
 * changed. The room calls `changed` after every accepted input and `sendFull` when a connection
 * joins, comes back or asks to resync; everything a seat may see still comes from `viewFor`.
 *
 * Per seat the sender keeps the last view it sent and a sequence number. After a change it builds
 * the seat's view once, diffs it against the last one, and when anything differs encodes one
 * "view_delta" message and hands the same bytes to every connection of the seat (the people of a
 * team, every observer, Control's screens): one `viewFor`, one diff and one encoding per seat,
 * however many people share it. A connection that joins gets the whole view with the current
 * number; a client that misses a number asks for the whole view again (shared/viewReplica.ts).
 *
 * Why fast-json-patch's `compare` (RFC 6902) and not jsondiffpatch or Colyseus's `StateView`,
 * measured by `npm run bench:delta` on every seat's view after every input of bot games:
 * - `compare` returns at once on identical objects, and views share every unchanged sub-object with
 *   the state before (the engine never mutates a state, viewFor reuses its derivations), so the
 *   diff walks only what changed: 0.09–0.10 ms a seat against 0.25–0.32 ms to msgpack the full
 *   view, and 1.3 KB against 11.5 KB on average (0.86 KB with the logs sent as appends, below).
 * - jsondiffpatch made deltas about a third smaller (0.9 KB) but cost 2.3 times the CPU (0.23 ms)
 *   with its list matching, and its delta format is its own; RFC 6902 is a standard a third-party
 *   client can apply with any library.
 * - `StateView` would mean describing the whole PlayerView a second time as Colyseus schema
 *   classes and keeping what a seat may see in `.view()` tags beside `viewFor`: two sources of truth
 *   for hidden information, which the architecture forbids (viewFor is the one filter).
 */
import zlib from "node:zlib";
import { type Client, getMessageBytes, Protocol } from "@colyseus/core";
import jsonpatch, { type Operation } from "fast-json-patch";
import type { GameState, PlayerView, Seat, ViewDeltaMessage, ViewMessage } from "../../shared/index.js";
import { ViewMemory, viewFor } from "../../shared/index.js";
import { VIEW_DICTIONARY } from "../../shared/viewDictionary.js";
import { diff } from "./viewDiff.js";

/**
 * The view's logs: the engine starts each afresh at a resolution and otherwise only appends to it
 * (events as diplomacy goes on; explanations are rebuilt only when what the seat may infer
 * changes). A log is sent as the items added at its end, or replaced whole when it starts afresh —
 * never diffed item by item against the previous round's, and an item is never sent twice.
 */
const LOGS = ["events", "explanations"] as const;

function logDelta(path: string, last: readonly unknown[], now: readonly unknown[], ops: Operation[]): void {
  if (last === now) return;
  let grows = now.length >= last.length;
  // Items are usually the very same objects; with many rooms on a server, viewFor's one-slot caches
  // re-render them as equal copies, so equal by value counts too.
  for (let i = 0; grows && i < last.length; i++)
    grows = last[i] === now[i] || jsonpatch._areEquals(last[i], now[i]);
  if (!grows) ops.push({ op: "replace", path, value: now });
  else
    for (let i = last.length; i < now.length; i++)
      ops.push({ op: "add", path: `${path}/${i}`, value: now[i] });
}

/**
 * What changed from `last` to `view`: the logs as appends, the rest by `compare`'s operations
 * (viewDiff.ts: the same patch without its copies). The operations share objects with `view`:
 * they are encoded at once and never kept.
 */
export function viewDelta(last: PlayerView, view: PlayerView): Operation[] {
  const ops: Operation[] = [];
  for (const key of LOGS) logDelta(`/${key}`, last[key], view[key], ops);
  // The rest, as a diff of the views without their logs. (Copies without them, made with a rest
  // pattern, were a tenth of what a server allocated under load: docs/bench/README.md, "sixth pass".)
  return diff(last, view, ops, LOG_KEYS);
}

const LOG_KEYS: ReadonlySet<string> = new Set(LOGS);

/**
 * Above this many characters of JSON a view message goes as deflated JSON text (raw DEFLATE, RFC 1951)
 * instead of msgpack. The size is judged on the JSON text (V8's native JSON.stringify costs a fraction
 * of msgpack), so a large message is never packed only to be thrown away. With the preset dictionary
 * of sample messages (shared/viewDictionary.ts) a resolution's delta or a whole view shrinks about ten
 * times, and a small delta (a proposal, a vote, the phase turning) two to three times. Measured by
 * `npm run bench:delta -- --deflate-above N` on bot games (the same rule on JSON characters): the
 * figures are in scripts/bench-delta.ts's output and docs/bench/README.md. A small deflate with the
 * dictionary costs ~40 µs against ~5 µs of msgpack; below this size it saves a few bytes for that cost.
 */
export const DEFLATE_ABOVE = 320;

/**
 * One view message, encoded once for every connection that gets it. The size is judged on the
 * JSON text (V8's native JSON.stringify, a fraction of msgpack's cost), so a large message is not
 * packed with msgpack only to be thrown away.
 */
function encode(type: "view" | "view_delta", msg: ViewMessage | ViewDeltaMessage): Buffer {
  const json = JSON.stringify(msg);
  // Packed from the JSON text's own value: exactly what was sent when the operations carried
  // JSON copies (no `undefined` field, no non-JSON number), for a parse of ≤ 320 characters.
  if (json.length <= DEFLATE_ABOVE)
    return getMessageBytes.raw(Protocol.ROOM_DATA, type, JSON.parse(json) as typeof msg);
  const deflated = zlib.deflateRawSync(json, { dictionary: VIEW_DICTIONARY });
  return getMessageBytes.raw(Protocol.ROOM_DATA_BYTES, type, undefined, deflated);
}

/**
 * A room builds views only of its current state, every seat's at once, so a memory needs one slot
 * per cache: the current records. More slots only keep older states (and what was derived from
 * them) alive. `npm run bench:view-memory` (300 bot games replayed interleaved, every seat with
 * Control): the memory and the last views hold 132 KB a table with 8 slots, 73 KB with 2 and
 * 48 KB with 1, for the same 528,025 operations and 11–13 µs a seat's view and delta in each.
 * At 10,000 clients that is about 140 MB less live heap (docs/bench/README.md, "fifth pass").
 */
export const VIEW_MEMORY_SLOTS = 1;

interface Sent {
  view: PlayerView;
  seq: number;
}

export class ViewSender {
  /** The last view each seat with connections was sent, and its number. */
  private readonly sent = new Map<Seat, Sent>();
  /**
   * This game's own memory of recent views (shared/view.ts: shared by every room, it was evicted),
   * with one slot per cache (VIEW_MEMORY_SLOTS).
   */
  private readonly memory = new ViewMemory(VIEW_MEMORY_SLOTS);

  constructor(private readonly seatOf: (client: Client) => Seat) {}

  /** `viewFor` with this game's memory (for anyone in the room who needs a seat's view). */
  viewOf(game: GameState, seat: Seat): PlayerView {
    return viewFor(game, seat, this.memory);
  }

  /** After a change to the game: a delta to every connection whose seat's view changed. */
  changed(game: GameState, clients: readonly Client[]): void {
    const bySeat = new Map<Seat, Client[]>();
    for (const client of clients) {
      const seat = this.seatOf(client);
      const list = bySeat.get(seat);
      if (list) list.push(client);
      else bySeat.set(seat, [client]);
    }
    for (const [seat, list] of bySeat) this.update(game, seat, list);
    // A seat nobody holds any more is sent a full view when someone takes it again.
    for (const seat of this.sent.keys()) if (!bySeat.has(seat)) this.sent.delete(seat);
  }

  /**
   * The whole view to one connection (joining, back from a drop, or out of step). The seat's other
   * connections are brought up to date first, so the number it gets is the seat's current one.
   */
  sendFull(game: GameState, client: Client, clients: readonly Client[]): void {
    const seat = this.seatOf(client);
    const others = clients.filter((c) => c !== client && this.seatOf(c) === seat);
    const sent = this.update(game, seat, others);
    const msg: ViewMessage = { seq: sent.seq, view: sent.view };
    client.enqueueRaw(encode("view", msg));
  }

  /** Brings a seat's record up to `game`, sending a delta to `to` when its view changed. */
  private update(game: GameState, seat: Seat, to: readonly Client[]): Sent {
    const view = this.viewOf(game, seat);
    const last = this.sent.get(seat);
    if (!last) {
      const first = { view, seq: 0 };
      this.sent.set(seat, first);
      return first;
    }
    if (last.view === view) return last;
    const ops = viewDelta(last.view, view);
    last.view = view;
    if (ops.length === 0) return last;
    last.seq++;
    // `compare` makes only add, remove and replace (copy, move and test are never generated).
    const msg: ViewDeltaMessage = { seq: last.seq, ops: ops as ViewDeltaMessage["ops"] };
    // Encoded once; every connection of the seat gets the same bytes.
    const bytes = encode("view_delta", msg);
    for (const client of to) client.enqueueRaw(bytes);
    return last;
  }
}
