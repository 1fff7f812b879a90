/**
 * A joined game, as the screen sees it: the seat, the latest view, a plain snapshot of the public
 * room state, the chat, and the requests. `roomSession` wraps a Colyseus room; the dev demo provides
 * another implementation. Handlers are registered at once, so nothing is lost while the game
 * module (and Phaser) is still loading.
 */
import type { Room } from "@colyseus/sdk";
import type { Input } from "../shared/engine/step.js";
import type { OrdersInput } from "../shared/orders.js";
import type { PowerId } from "../shared/powers.js";
import type {
  ChatHistoryMessage,
  ChatMessage,
  ControlCommand,
  Reply,
  SeatMessage,
} from "../shared/protocol.js";
import type { Phase } from "../shared/state.js";
import type { PlayerView } from "../shared/view.js";
import { ViewReplica } from "../shared/viewReplica.js";

export interface SeatInfo {
  power: PowerId;
  name: string;
  connected: boolean;
  ready: boolean;
  bot: boolean;
  /** Control has paused this power's chat. */
  muted: boolean;
}

export interface RoomSnapshot {
  code: string;
  /** False while the table waits for players (ready = ready to start). */
  started: boolean;
  phase: Phase;
  round: number;
  maxRounds: number;
  /** Epoch ms when the phase ends; 0 if none. */
  deadline: number;
  paused: boolean;
  pausedRemaining: number;
  hasControl: boolean;
  observers: number;
  /** Whether human seats see the advisor (Control can switch it off). */
  advisor: boolean;
  seats: SeatInfo[];
}

/** Engine inputs a client may send with "act" (advance_phase is the clock's, submit_orders is "orders"). */
export type ActInput = Exclude<Input, { type: "advance_phase" } | { type: "submit_orders" }>;

export type Connection = "connected" | "reconnecting" | "closed";

export interface GameSession {
  readonly seat: SeatMessage | null;
  readonly view: PlayerView | null;
  readonly room: RoomSnapshot;
  readonly connection: Connection;
  /** Chat messages of the channels this seat may read, oldest first. */
  readonly messages: readonly ChatMessage[];
  /** Called after any change; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  submitOrders(orders: OrdersInput): Promise<Reply>;
  setReady(ready: boolean): Promise<Reply>;
  act(input: ActInput): Promise<Reply>;
  chat(channel: string, text: string): Promise<Reply>;
  control(command: ControlCommand): Promise<Reply>;
  leave(): void;
}

/** A store with listeners: the base of every session. */
export abstract class BaseSession implements GameSession {
  seat: SeatMessage | null = null;
  view: PlayerView | null = null;
  room: RoomSnapshot = {
    code: "",
    started: false,
    phase: "diplomacy",
    round: 1,
    maxRounds: 8,
    deadline: 0,
    paused: false,
    pausedRemaining: 0,
    hasControl: false,
    observers: 0,
    advisor: true,
    seats: [],
  };
  connection: Connection = "connected";
  messages: ChatMessage[] = [];
  readonly #listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  protected changed(): void {
    for (const l of this.#listeners) {
      try {
        l();
      } catch (e) {
        console.error(e);
      }
    }
  }

  /** Adds chat messages (history or new), keeping ids unique and in order. */
  protected addMessages(list: readonly ChatMessage[]): void {
    const seen = new Set(this.messages.map((m) => m.id));
    const fresh = list.filter((m) => !seen.has(m.id));
    if (fresh.length === 0) return;
    this.messages = [...this.messages, ...fresh].sort((a, b) => a.id - b.id);
    this.changed();
  }

  abstract submitOrders(orders: OrdersInput): Promise<Reply>;
  abstract setReady(ready: boolean): Promise<Reply>;
  abstract act(input: ActInput): Promise<Reply>;
  abstract chat(channel: string, text: string): Promise<Reply>;
  abstract control(command: ControlCommand): Promise<Reply>;
  abstract leave(): void;
}

const PHASE_NAMES: readonly Phase[] = ["diplomacy", "orders", "ended"];

interface SchemaMapLike<V> {
  forEach(cb: (value: V, key: string) => void): void;
}

/** Reads the schema state defensively into plain data. */
export function snapshotOf(state: unknown): RoomSnapshot | null {
  if (!state || typeof state !== "object") return null;
  const s = state as Record<string, unknown>;
  const seats: SeatInfo[] = [];
  const raw = s.seats as
    | SchemaMapLike<Record<string, unknown>>
    | Record<string, Record<string, unknown>>
    | undefined;
  const add = (v: Record<string, unknown>, key: string) => {
    seats.push({
      power: String(v.power ?? key) as PowerId,
      name: String(v.name ?? ""),
      connected: Boolean(v.connected),
      ready: Boolean(v.ready),
      bot: Boolean(v.bot),
      muted: Boolean(v.muted),
    });
  };
  if (raw && typeof (raw as SchemaMapLike<Record<string, unknown>>).forEach === "function") {
    (raw as SchemaMapLike<Record<string, unknown>>).forEach(add);
  } else if (raw) {
    for (const [k, v] of Object.entries(raw)) add(v as Record<string, unknown>, k);
  }
  const phase = PHASE_NAMES.includes(s.phase as Phase) ? (s.phase as Phase) : "diplomacy";
  return {
    code: String(s.code ?? ""),
    started: Boolean(s.started),
    phase,
    round: Number(s.round ?? 1) || 1,
    maxRounds: Number(s.maxRounds ?? 8) || 8,
    deadline: Number(s.deadline ?? 0) || 0,
    paused: Boolean(s.paused),
    pausedRemaining: Number(s.pausedRemaining ?? 0) || 0,
    hasControl: Boolean(s.hasControl),
    observers: Number(s.observers ?? 0) || 0,
    // A server without the setting shows the advisor, as before.
    advisor: s.advisor === undefined ? true : Boolean(s.advisor),
    seats,
  };
}

function asReply(r: unknown): Reply {
  if (r && typeof r === "object" && "ok" in r) return r as Reply;
  return { ok: true };
}

function failure(e: unknown): Reply {
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, error: { code: "bad_shape", message: message || "The request failed." } };
}

/** The session of a joined Colyseus room. Call right after join resolves. */
export class RoomSession extends BaseSession {
  readonly #room: Room;

  constructor(room: Room) {
    super();
    this.#room = room;
    this.room = { ...this.room, code: room.roomId };
    room.onMessage("seat", (m: SeatMessage) => {
      this.seat = m;
      this.changed();
    });
    // The whole view on joining and coming back, then only what changed (docs/PROTOCOL.md). Each
    // change makes a new view object: screens compare views by identity.
    const replica = new ViewReplica();
    replica.follow(
      room,
      (view) => {
        this.view = view;
        this.changed();
      },
      (type, payload) => this.#request(type, payload),
    );
    room.onMessage("chat_history", (m: ChatHistoryMessage) => this.addMessages(m.messages ?? []));
    room.onMessage("chat", (m: ChatMessage) => this.addMessages([m]));
    room.onStateChange((state: unknown) => {
      const snap = snapshotOf(state);
      if (snap) {
        this.room = { ...snap, code: snap.code || room.roomId };
        this.changed();
      }
    });
    room.onDrop(() => {
      this.connection = "reconnecting";
      this.changed();
    });
    room.onReconnect(() => {
      this.connection = "connected";
      this.changed();
    });
    room.onLeave(() => {
      this.connection = "closed";
      this.changed();
    });
    const first = snapshotOf(room.state);
    if (first) this.room = { ...first, code: first.code || room.roomId };
  }

  async submitOrders(orders: OrdersInput): Promise<Reply> {
    try {
      return asReply(await this.#room.request("orders", orders));
    } catch (e) {
      return failure(e);
    }
  }

  async setReady(ready: boolean): Promise<Reply> {
    return this.#request("ready", { ready });
  }

  async act(input: ActInput): Promise<Reply> {
    return this.#request("act", input);
  }

  async chat(channel: string, text: string): Promise<Reply> {
    return this.#request("chat", { channel, text });
  }

  async control(command: ControlCommand): Promise<Reply> {
    return this.#request("control", command);
  }

  async #request(type: string, payload: unknown): Promise<Reply> {
    try {
      return asReply(await this.#room.request(type, payload));
    } catch (e) {
      return failure(e);
    }
  }

  leave(): void {
    void this.#room.leave(true);
  }
}
