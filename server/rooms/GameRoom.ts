/**
 * The authoritative game room: seats, the phase clock, and the engine. It never decides an
 * outcome itself: every change is an engine `step`, stored before it is acknowledged.
 */
import { type Client, Room } from "@colyseus/core";
import { z } from "zod";
import {
  type Actor,
  ClientMessages,
  type CreateOptions,
  CreateOptionsSchema,
  type GameState,
  hashOf,
  type Input,
  isPower,
  JoinOptionsSchema,
  newGame,
  POWERS,
  type PowerId,
  type Reply,
  type Seat,
  type SeatMessage,
  seedFrom,
  step,
  type ViewMessage,
  viewFor,
} from "../../shared/index.js";
import { newGameCode, newToken } from "../codes.js";
import { getStore, RESTORE_KEY } from "../context.js";
import type { Store } from "../store.js";
import { RoomState, SeatState } from "./RoomState.js";

interface SeatHolder {
  power: PowerId;
  name: string;
  token: string;
  sessionId: string | null;
  ready: boolean;
}

interface ClientData {
  seat: Seat;
}

const RestoreOptions = z.object({ restore: z.string(), restoreKey: z.literal(RESTORE_KEY) });
const TokenOption = z.object({ token: z.string().max(64).optional() });
/** How often a room records that it is alive, so a restart can extend deadlines by the downtime. */
const HEARTBEAT_MS = 2000;

export class GameRoom extends Room<{ state: RoomState }> {
  state = new RoomState();
  maxClients = 64;
  maxMessagesPerSecond = 20;
  autoDispose = false;

  private store!: Store;
  private game!: GameState;
  private options!: CreateOptions;
  private seq = 0;
  private holders = new Map<PowerId, SeatHolder>();
  private phaseTimer: { clear(): void } | undefined;

  messages = {
    orders: (client: Client, payload: unknown): Reply => {
      const parsed = ClientMessages.orders.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      const seat = this.seatOf(client);
      return this.apply(seat, { type: "submit_orders", orders: parsed.data });
    },
    ready: (client: Client, payload: unknown): Reply => {
      const parsed = ClientMessages.ready.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      const seat = this.seatOf(client);
      if (!isPower(seat))
        return { ok: false, error: { code: "not_a_power", message: "Only a power's seat can be ready." } };
      const holder = this.holders.get(seat);
      if (holder) holder.ready = parsed.data.ready;
      this.syncState();
      this.advanceIfAllReady();
      return { ok: true };
    },
    // Unknown message types are dropped without harm (never a disconnect).
    "*": () => {},
  };

  onCreate(raw: unknown): void {
    this.store = getStore();
    const restore = RestoreOptions.safeParse(raw);
    if (restore.success) {
      this.restore(restore.data.restore);
    } else {
      this.options = CreateOptionsSchema.parse(raw ?? {});
      let code = newGameCode();
      while (this.store.gameExists(code)) code = newGameCode();
      this.roomId = code;
      const seed = seedFrom(`${code}:${newToken()}`);
      this.game = newGame({ gameId: code, seed, maxRounds: this.options.rounds });
      const now = Date.now();
      this.store.createGame({
        id: code,
        seed,
        options: this.options,
        status: "active",
        deadline: 0,
        pausedRemaining: 0,
        createdAt: now,
      });
      this.startPhaseClock();
    }
    this.state.code = this.roomId;
    this.clock.setInterval(
      () => this.store.setClock(this.roomId, this.state.deadline, 0, Date.now()),
      HEARTBEAT_MS,
    );
    this.syncState();
  }

  onJoin(client: Client<{ userData: ClientData }>, raw: unknown): void {
    const options = JoinOptionsSchema.parse(raw ?? {});
    const token = TokenOption.parse(raw ?? {}).token;
    const name = options.name ?? "Player";
    let holder = token ? [...this.holders.values()].find((h) => h.token === token) : undefined;
    if (!holder) {
      const wanted = options.power;
      if (wanted && this.holders.get(wanted)?.sessionId)
        throw new Error(`seat_taken: ${wanted} is already taken.`);
      const power = wanted ?? POWERS.find((p) => !this.holders.get(p)?.sessionId);
      if (power) {
        holder = { power, name, token: newToken(), sessionId: null, ready: false };
        this.holders.set(power, holder);
        this.store.putSeat(this.roomId, { power, name, token: holder.token });
      }
    }
    const seat: Seat = holder?.power ?? "OBSERVER";
    if (holder) holder.sessionId = client.sessionId;
    client.userData = { seat };
    const seatMsg: SeatMessage & { token?: string } = {
      seat,
      power: holder?.power ?? null,
      code: this.roomId,
    };
    if (holder) seatMsg.token = holder.token;
    client.send("seat", seatMsg);
    this.syncState();
    this.sendView(client);
  }

  async onDrop(client: Client): Promise<void> {
    this.markConnected(client, false);
    try {
      const back = await this.allowReconnection(client, 300);
      this.markConnected(back, true);
      this.sendView(back);
    } catch {
      // The window closed; the seat stays reserved for its token.
    }
  }

  onLeave(client: Client): void {
    this.markConnected(client, false);
  }

  onDispose(): void {
    this.phaseTimer?.clear();
  }

  // ── engine ───────────────────────────────────────────────────────────────

  /** Checks, stores, then applies one input; the caller acknowledges only after this returns ok. */
  private apply(actor: Actor, input: Input): Reply {
    const r = step(this.game, actor, input);
    if (!r.ok) return { ok: false, error: r.error };
    const before = this.game;
    this.store.appendInput(this.roomId, {
      seq: this.seq++,
      actor,
      input,
      round: before.round,
      phase: before.phase,
      at: Date.now(),
    });
    this.game = r.value;
    if (before.phase !== this.game.phase || before.round !== this.game.round) this.onPhaseChanged(before);
    this.syncState();
    this.broadcastViews();
    return { ok: true };
  }

  private onPhaseChanged(before: GameState): void {
    for (const h of this.holders.values()) h.ready = false;
    const now = Date.now();
    if (before.round !== this.game.round || this.game.phase === "ended") {
      this.store.recordResolution(this.roomId, before.round, hashOf(this.game), now);
    }
    if (this.game.phase === "ended") {
      this.phaseTimer?.clear();
      this.state.deadline = 0;
      this.store.setClock(this.roomId, 0, 0, now);
      this.store.setStatus(this.roomId, "ended", now);
    } else {
      this.startPhaseClock();
    }
  }

  private startPhaseClock(remainingMs?: number): void {
    this.phaseTimer?.clear();
    const seconds = this.game.phase === "orders" ? this.options.ordersSeconds : this.options.diplomacySeconds;
    const ms = remainingMs ?? seconds * 1000;
    const now = Date.now();
    this.state.deadline = now + ms;
    this.store.setClock(this.roomId, this.state.deadline, 0, now);
    this.phaseTimer = this.clock.setTimeout(() => this.apply("SYSTEM", { type: "advance_phase" }), ms);
  }

  private advanceIfAllReady(): void {
    const seated = [...this.holders.values()].filter((h) => h.sessionId);
    if (seated.length > 0 && seated.every((h) => h.ready)) this.apply("SYSTEM", { type: "advance_phase" });
  }

  private restore(id: string): void {
    const row = this.store.getGame(id);
    if (!row) throw new Error(`not_found: no game ${id}`);
    this.roomId = id;
    this.options = CreateOptionsSchema.parse(row.options);
    let game = newGame({ gameId: id, seed: row.seed, maxRounds: this.options.rounds });
    const log = this.store.inputs(id);
    for (const entry of log) {
      const r = step(game, entry.actor, entry.input);
      if (!r.ok) throw new Error(`restore ${id}: logged input ${entry.seq} rejected (${r.error.code})`);
      game = r.value;
    }
    this.game = game;
    this.seq = log.length;
    for (const s of this.store.seats(id)) {
      this.holders.set(s.power, {
        power: s.power,
        name: s.name,
        token: s.token,
        sessionId: null,
        ready: false,
      });
    }
    if (game.phase !== "ended") {
      // Extend the deadline by the downtime: what was left when the server was last alive.
      const remaining = Math.max(5000, row.deadline - row.updatedAt);
      this.startPhaseClock(remaining);
    }
  }

  // ── seats and views ──────────────────────────────────────────────────────

  private seatOf(client: Client): Seat {
    return (client.userData as ClientData | undefined)?.seat ?? "OBSERVER";
  }

  private markConnected(client: Client, connected: boolean): void {
    const seat = this.seatOf(client);
    if (!isPower(seat)) return;
    const holder = this.holders.get(seat);
    if (holder) holder.sessionId = connected ? client.sessionId : null;
    this.syncState();
  }

  private syncState(): void {
    const s = this.state;
    s.phase = this.game.phase;
    s.round = this.game.round;
    s.maxRounds = this.game.maxRounds;
    for (const p of POWERS) {
      const h = this.holders.get(p);
      const seat = s.seats.get(p) ?? new SeatState();
      seat.power = p;
      seat.name = h?.name ?? "";
      seat.connected = Boolean(h?.sessionId);
      seat.ready = h?.ready ?? false;
      seat.bot = false;
      if (!s.seats.has(p)) s.seats.set(p, seat);
    }
  }

  private sendView(client: Client): void {
    const msg: ViewMessage = { view: viewFor(this.game, this.seatOf(client)) };
    client.send("view", msg);
  }

  private broadcastViews(): void {
    for (const client of this.clients) this.sendView(client);
  }
}

function badShape(error: z.ZodError): Reply {
  const first = error.issues[0];
  const where = first?.path.length ? ` at ${first.path.join(".")}` : "";
  return {
    ok: false,
    error: { code: "bad_shape", message: `${first?.message ?? "Invalid message"}${where}.` },
  };
}
