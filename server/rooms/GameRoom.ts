/**
 * The authoritative game room: seats, the phase clock, channels and the engine. It never decides
 * an outcome itself: every change to the game is an engine `step`, stored before it is acknowledged.
 */
import { type Client, CloseCode, Room } from "@colyseus/core";
import type { Logger } from "pino";
import { z } from "zod";
import {
  type Actor,
  type BotPersonality,
  type ChatMessage,
  ClientMessages,
  type ControlCommand,
  type CreateOptions,
  CreateOptionsSchema,
  canUseChannel,
  type GameState,
  hashOf,
  type Input,
  InputSchema,
  isPower,
  JoinOptionsSchema,
  type LobbyEntry,
  newGame,
  POWERS,
  type PowerId,
  PRESETS,
  parseCreateOptions,
  parseOrders,
  type Reply,
  replay,
  SEAT_TAKEN_OVER,
  type Seat,
  type SeatMessage,
  seedFrom,
  shapeError,
  step,
  viewFor,
} from "../../shared/index.js";
import { botInputs } from "../bots.js";
import { newGameCode, newToken } from "../codes.js";
import { getProcessId, getStore, RESTORE_KEY } from "../context.js";
import { log, roomLogger } from "../log.js";
import { copySeats } from "../recordSource.js";
import type { Store } from "../store.js";
import { instrumented } from "./instrument.js";
import { IDLE_PATCH_MS, patchSoon, RoomTimers } from "./pacing.js";
import { RoomState, SeatState } from "./RoomState.js";
import { Seats } from "./seats.js";
import { ViewSender } from "./views.js";

interface ClientData {
  seat: Seat;
  name: string;
  host: boolean;
  /** The member's seat token (absent for Control and observers). */
  token?: string;
}

/** Phase lengths and rounds after the preset and explicit overrides. */
export interface Settings extends CreateOptions {
  rounds: number;
  diplomacySeconds: number;
  ordersSeconds: number;
}

const RestoreOptions = z.object({ restore: z.string(), restoreKey: z.literal(RESTORE_KEY) });
/** Only the server itself (a class session) creates a table whose Control token it already holds. */
const ServerCreate = z.object({
  presetControlToken: z.string().min(16).max(64),
  restoreKey: z.literal(RESTORE_KEY),
  /** A branch: the game replays another game's inputs up to the start of `round`. */
  branchFrom: z
    .object({
      code: z.string(),
      round: z.number().int().min(1),
      seed: z.number().int(),
      /** The same people (their tokens) and bots in the same seats as the source. */
      seats: z.boolean().default(false),
    })
    .optional(),
});
/** Inputs that ask other seats for an answer, and the answers bots may give mid-phase. */
const ASKS = new Set<Input["type"]>(["propose", "table_un_draft", "amend_un_draft"]);
const ANSWERS = new Set<Input["type"]>(["respond_proposal", "vote_un_draft"]);
/** How often a room records that it is alive, so a restart can extend deadlines by the downtime. */
const HEARTBEAT_MS = 2000;
/**
 * An ended game leaves memory once nobody has been connected to it for this long; its record stays
 * in SQLite for the debrief, the exports and branches. `PP_ENDED_IDLE_MS` overrides it.
 */
function endedIdleMs(): number {
  const v = Number(process.env.PP_ENDED_IDLE_MS);
  return Number.isFinite(v) && v >= 0 ? v : 30 * 60_000;
}
const fail = (code: Parameters<typeof errorReply>[0], message: string): Reply => errorReply(code, message);

export function settingsFrom(options: CreateOptions): Settings {
  const preset = PRESETS[options.preset];
  return {
    ...options,
    rounds: options.rounds ?? preset.rounds,
    diplomacySeconds: options.diplomacySeconds ?? preset.diplomacySeconds,
    ordersSeconds: options.ordersSeconds ?? preset.ordersSeconds,
  };
}

export class GameRoom extends Room<{ state: RoomState }> {
  state = new RoomState();
  maxClients = 64;
  maxMessagesPerSecond = 20;
  autoDispose = false;
  /** Turn-based: the state is patched when it changes (pacing.ts), not 20 times a second. */
  patchRate = IDLE_PATCH_MS;
  /** Quick match: public, short, bots fill empty seats after a short wait. */
  protected quick = false;

  private store!: Store;
  private game!: GameState;
  private settings!: Settings;
  private seq = 0;
  private controlSeq = 0;
  private messageSeq = 0;
  private started = false;
  private controlToken: string | null = null;
  /** The next join is the creator's (set on a fresh create, not on restore). */
  private creatorPending = false;
  private seats!: Seats;
  /** Table settings Control may change during the game (kept in the control log). */
  private advisorOn = true;
  private muted = new Set<PowerId>();
  private phaseTimer: { clear(): void } | undefined;
  private botFillTimer: { clear(): void } | undefined;
  private idleTimer: { clear(): void } | undefined;
  /** The lobby entry last written to the room's metadata. */
  private listed = "";
  /** This game's logger: every line names the game (set once the code is known). */
  private log: Logger = log;
  private readonly timers = new RoomTimers();
  private readonly views = new ViewSender((client) => this.seatOf(client));

  messages = instrumented({
    orders: (client: Client, payload: unknown): Reply => {
      const parsed = parseOrders(payload);
      if (!parsed.ok) return parsed;
      return this.humanInput(client, { type: "submit_orders", orders: parsed.value });
    },
    act: (client: Client, payload: unknown): Reply => {
      const parsed = InputSchema.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      if (parsed.data.type === "advance_phase")
        return fail("control_only", 'Use the "control" message to advance.');
      return this.humanInput(client, parsed.data);
    },
    ready: (client: Client, payload: unknown): Reply => {
      const parsed = ClientMessages.ready.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      const seat = this.seatOf(client);
      if (!isPower(seat)) return fail("not_a_power", "Only a power's seat can be ready.");
      const holder = this.seats.holders.get(seat);
      if (holder) holder.ready = parsed.data.ready;
      this.syncState();
      this.advanceIfAllReady();
      return { ok: true };
    },
    chat: (client: Client, payload: unknown): Reply => {
      const parsed = ClientMessages.chat.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      const data = this.dataOf(client);
      if (!canUseChannel(data.seat, parsed.data.channel).post)
        return fail("not_party", `You cannot post in "${parsed.data.channel}".`);
      if (isPower(data.seat) && this.muted.has(data.seat))
        return fail("muted", "Control has paused your chat for now.");
      this.postChat(data.seat, data.name, parsed.data.channel, parsed.data.text);
      return { ok: true };
    },
    control: (client: Client, payload: unknown): Reply => {
      const parsed = ClientMessages.control.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      if (!this.dataOf(client).host)
        return fail("control_only", "Only Control or the game's host can do that.");
      return this.controlCommand(parsed.data);
    },
    resync: (client: Client, payload: unknown): Reply => {
      const parsed = ClientMessages.resync.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      this.sendView(client);
      return { ok: true };
    },
    // Unknown message types are dropped without harm (never a disconnect).
    "*": () => {},
  });

  onCreate(raw: unknown): void {
    this.store = getStore();
    const restore = RestoreOptions.safeParse(raw);
    if (restore.success) {
      this.restore(restore.data.restore);
    } else {
      const options = this.quick
        ? CreateOptionsSchema.parse({
            preset: "quick",
            public: true,
            fillWithBots: true,
            botFillSeconds: 20,
          })
        : createOptionsOrThrow(stripJoinOnly(raw));
      const serverCreate = ServerCreate.safeParse(raw);
      this.settings = settingsFrom(options);
      this.advisorOn = this.settings.advisor;
      this.seats = new Seats(this.settings.teamSize);
      let code = newGameCode();
      while (this.store.gameExists(code)) code = newGameCode();
      this.roomId = code;
      const branch = serverCreate.success ? serverCreate.data.branchFrom : undefined;
      // A branch keeps its source's seed, so the replayed rounds come out exactly as they did.
      const seed = branch?.seed ?? seedFrom(`${code}:${newToken()}`);
      this.game = newGame({ gameId: code, seed, maxRounds: this.settings.rounds });
      this.controlToken = serverCreate.success
        ? serverCreate.data.presetControlToken
        : options.asControl
          ? newToken()
          : null;
      this.store.createGame(
        {
          id: code,
          seed,
          options,
          status: "active",
          deadline: 0,
          pausedRemaining: 0,
          started: false,
          controlToken: this.controlToken,
          createdAt: Date.now(),
        },
        getProcessId(),
      );
      // A table the server made for a class has no creator at the door: its Control is the teacher.
      this.creatorPending = !serverCreate.success;
      if (branch) {
        this.store.copyInputs(branch.code, code, branch.round);
        const log = this.store.inputs(code);
        this.game = replay(this.game, log);
        this.seq = log.length;
        if (branch.seats) this.seats.restore(copySeats(branch.code, code));
      }
      for (const p of options.bots) this.seatBot(p);
      if (this.settings.public && this.settings.fillWithBots) {
        this.botFillTimer = this.timers.setTimeout(() => this.start(), this.settings.botFillSeconds * 1000);
      }
    }
    this.state.code = this.roomId;
    this.log = roomLogger(this.roomId);
    this.log.info(
      {
        preset: this.settings.preset,
        public: this.settings.public,
        control: this.controlToken !== null,
        round: this.game.round,
        phase: this.game.phase,
      },
      restore.success ? "game restored" : "game created",
    );
    this.state.hasControl = this.controlToken !== null;
    void this.setPrivate(!this.settings.public);
    this.timers.setInterval(() => this.store.touch(this.roomId, Date.now()), HEARTBEAT_MS);
    this.syncState();
  }

  onJoin(client: Client, raw: unknown): void {
    this.idleTimer?.clear();
    const options = JoinOptionsSchema.parse(raw ?? {});
    const name = options.name ?? "Player";
    const first = this.creatorPending;
    this.creatorPending = false;
    let seat: Seat = "OBSERVER";
    let host = false;
    let token: string | undefined;
    let power: PowerId | null = null;

    if (options.controlToken && options.controlToken === this.controlToken) {
      seat = "CONTROL";
      host = true;
    } else if (first && this.controlToken && !options.token) {
      // The creator of a game with Control is Control.
      seat = "CONTROL";
      host = true;
    } else {
      let found = options.token ? this.seats.byToken(options.token) : undefined;
      if (options.token && !found) throw new Error("not_found: that seat token is not valid for this game.");
      if (!found && !options.observer) {
        const claim = this.seats.claim({
          power: options.power,
          name,
          host: first && !this.controlToken,
          started: this.started,
        });
        if (!claim.ok && claim.reason === "seat_taken")
          throw new Error(`seat_taken: ${options.power} is already taken.`);
        if (claim.ok) {
          this.store.dropBotSeat(this.roomId, claim.holder.power);
          this.store.putSeat(this.roomId, this.seats.rowOf(claim.holder, claim.member));
          found = claim;
        }
      }
      if (found) {
        const previous = this.seats.attach(found.holder, found.member, client.sessionId);
        // The same person from a new tab or device: the newest connection holds the place.
        if (previous)
          this.clients.find((c) => c.sessionId === previous)?.leave(CloseCode.CONSENTED, SEAT_TAKEN_OVER);
        seat = found.holder.power;
        power = found.holder.power;
        host = found.member.host;
        token = found.member.token;
      } else if (first && !this.controlToken) {
        host = true;
      }
    }
    client.userData = { seat, name, host, token } satisfies ClientData;
    this.log.info({ seat, sessionId: client.sessionId, withToken: Boolean(options.token) }, "joined");
    const msg: SeatMessage = { seat, power, code: this.roomId, host };
    if (token) msg.token = token;
    if (seat === "CONTROL" && this.controlToken) msg.controlToken = this.controlToken;
    client.send("seat", msg);
    client.send("chat_history", { messages: this.visibleChat(seat) });
    this.syncState();
    this.sendView(client);
    const full = POWERS.every((p) => (this.seats.holders.get(p)?.members.length ?? 0) > 0);
    if (!this.started && full && this.quick) this.start();
  }

  async onDrop(client: Client, code?: number): Promise<void> {
    const seat = this.seatOf(client);
    this.markConnected(client, false);
    this.log.info({ seat, sessionId: client.sessionId, closeCode: code }, "connection dropped");
    if (code === CloseCode.WITH_ERROR) {
      // Closed by the server (a flood, a protocol error): no reconnection; the token still works.
      if (isPower(seat))
        this.timers.setTimeout(() => this.botTakeOver(seat), this.settings.reconnectSeconds * 1000);
      return;
    }
    try {
      const back = await this.allowReconnection(client, this.settings.reconnectSeconds);
      this.log.info({ seat, sessionId: back.sessionId }, "reconnected");
      this.markConnected(back, true);
      back.send("chat_history", { messages: this.visibleChat(seat) });
      this.sendView(back);
    } catch {
      // The window closed: a bot keeps the seat warm until the human returns with the token.
      if (isPower(seat)) this.botTakeOver(seat);
    }
  }

  onLeave(client: Client): void {
    this.log.info({ seat: this.seatOf(client), sessionId: client.sessionId }, "left");
    this.markConnected(client, false);
    this.disposeWhenIdle();
  }

  onDispose(): void {
    this.log.info({ phase: this.game?.phase }, "room closed");
    this.timers.clearAll();
    this.phaseTimer?.clear();
    this.botFillTimer?.clear();
    this.idleTimer?.clear();
  }

  /** Once the game has ended and the last person has left, the room closes after a while. */
  private disposeWhenIdle(): void {
    this.idleTimer?.clear();
    if (this.game.phase !== "ended" || this.clients.length > 0) return;
    this.idleTimer = this.timers.setTimeout(() => {
      if (this.clients.length === 0) void this.disconnect();
    }, endedIdleMs());
  }

  // ── engine ───────────────────────────────────────────────────────────────

  private humanInput(client: Client, input: Input): Reply {
    const seat = this.seatOf(client);
    if (!this.started && seat !== "CONTROL") return fail("wrong_phase", "The game has not started yet.");
    const reply = this.apply(seat, input);
    // Bots answer a proposal or a draft in the same phase, as a person at the table would.
    if (reply.ok && ASKS.has(input.type)) this.scheduleBots(true);
    return reply;
  }

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
    for (const h of this.seats.holders.values()) h.ready = false;
    const now = Date.now();
    if (before.round !== this.game.round || this.game.phase === "ended") {
      this.log.info({ round: before.round }, this.game.phase === "ended" ? "game ended" : "round resolved");
      // The hash (0.2 ms) is for the record, not for the reply: taken after the reply has gone.
      const game = this.game;
      setImmediate(() => {
        try {
          this.store.recordResolution(this.roomId, before.round, hashOf(game), now);
        } catch (e) {
          this.log.error({ err: e, round: before.round }, "the resolution record was not stored");
        }
      });
    }
    if (this.game.phase === "ended") {
      this.phaseTimer?.clear();
      this.state.deadline = 0;
      this.store.setClock(this.roomId, 0, 0, now);
      this.store.setStatus(this.roomId, "ended", now);
      if (this.settings.public) void this.lock();
      this.disposeWhenIdle();
    } else {
      this.startPhaseClock();
      this.scheduleBots();
    }
  }

  private start(): Reply {
    if (this.started) return fail("wrong_phase", "The game has already started.");
    this.botFillTimer?.clear();
    if (this.settings.fillWithBots) for (const p of POWERS) if (!this.seats.holders.has(p)) this.seatBot(p);
    this.started = true;
    this.log.info({ humans: this.seats.humanSeats().length }, "game started");
    for (const h of this.seats.holders.values()) h.ready = h.botActive;
    this.store.setStarted(this.roomId, Date.now());
    if (this.quick) void this.lock();
    this.startPhaseClock();
    this.scheduleBots();
    this.syncState();
    return { ok: true };
  }

  private startPhaseClock(remainingMs?: number): void {
    this.phaseTimer?.clear();
    const seconds =
      this.game.phase === "orders" ? this.settings.ordersSeconds : this.settings.diplomacySeconds;
    const ms = remainingMs ?? seconds * 1000;
    const now = Date.now();
    this.state.paused = false;
    this.state.pausedRemaining = 0;
    this.state.deadline = now + ms;
    this.store.setClock(this.roomId, this.state.deadline, 0, now);
    this.phaseTimer = this.timers.setTimeout(() => this.apply("SYSTEM", { type: "advance_phase" }), ms);
  }

  private advanceIfAllReady(): void {
    const humans = this.seats.humanSeats();
    if (humans.length === 0 || !humans.every((h) => h.ready)) return;
    if (!this.started) this.start();
    else if (!this.state.paused) this.apply("SYSTEM", { type: "advance_phase" });
  }

  private controlCommand(cmd: ControlCommand): Reply {
    let reply: Reply = { ok: true };
    switch (cmd.command) {
      case "start":
        reply = this.start();
        break;
      case "pause": {
        if (!this.started || this.state.paused) return fail("wrong_phase", "The clock is not running.");
        this.phaseTimer?.clear();
        const remaining = Math.max(0, this.state.deadline - Date.now());
        this.state.paused = true;
        this.state.pausedRemaining = remaining;
        this.state.deadline = 0;
        this.store.setClock(this.roomId, 0, remaining, Date.now());
        break;
      }
      case "resume":
        if (!this.state.paused) return fail("wrong_phase", "The clock is not paused.");
        this.startPhaseClock(this.state.pausedRemaining);
        break;
      case "extend":
        if (!this.started || this.game.phase === "ended")
          return fail("wrong_phase", "No phase clock is running.");
        if (this.state.paused) this.state.pausedRemaining += cmd.seconds * 1000;
        else this.startPhaseClock(this.state.deadline - Date.now() + cmd.seconds * 1000);
        break;
      case "advance":
        if (!this.started) return fail("wrong_phase", "Start the game first.");
        reply = this.apply("SYSTEM", { type: "advance_phase" });
        break;
      case "broadcast":
        this.postChat("CONTROL", "Control", "public", cmd.text);
        break;
      case "advisor":
      case "mute":
        this.applyTableSetting(cmd);
        break;
    }
    if (reply.ok) this.store.appendControl(this.roomId, this.controlSeq++, cmd, Date.now());
    this.log.info({ command: cmd.command, ok: reply.ok }, "control command");
    this.syncState();
    return reply;
  }

  /** The settings a Control command changes: applied live, and again from the log on restore. */
  private applyTableSetting(cmd: ControlCommand): void {
    if (cmd.command === "advisor") this.advisorOn = cmd.on;
    else if (cmd.command === "mute") {
      if (cmd.on) this.muted.add(cmd.power);
      else this.muted.delete(cmd.power);
    }
  }

  private restore(id: string): void {
    const row = this.store.getGame(id);
    if (!row) throw new Error(`not_found: no game ${id}`);
    this.roomId = id;
    this.settings = settingsFrom(CreateOptionsSchema.parse(row.options));
    this.seats = new Seats(this.settings.teamSize);
    this.controlToken = row.controlToken;
    const log = this.store.inputs(id);
    const game = replay(newGame({ gameId: id, seed: row.seed, maxRounds: this.settings.rounds }), log);
    this.game = game;
    this.seq = log.length;
    this.advisorOn = this.settings.advisor;
    const controlLog = this.store.controlLog(id);
    for (const entry of controlLog) {
      const cmd = ClientMessages.control.safeParse(entry.command);
      if (cmd.success) this.applyTableSetting(cmd.data);
    }
    this.controlSeq = controlLog.length;
    this.messageSeq = this.store.messages(id).length;
    this.started = row.started;
    this.seats.restore(this.store.seats(id));
    if (!row.started) {
      if (this.settings.public && this.settings.fillWithBots)
        this.botFillTimer = this.timers.setTimeout(() => this.start(), this.settings.botFillSeconds * 1000);
    } else if (game.phase !== "ended") {
      if (row.pausedRemaining > 0) {
        this.state.paused = true;
        this.state.pausedRemaining = row.pausedRemaining;
      } else {
        // Extend the deadline by the downtime: what was left when the server was last alive.
        this.startPhaseClock(Math.max(5000, row.deadline - row.updatedAt));
      }
      for (const h of this.seats.holders.values()) {
        if (!h.botActive)
          this.timers.setTimeout(() => this.botTakeOver(h.power), this.settings.reconnectSeconds * 1000);
      }
      this.scheduleBots();
    }
  }

  // ── bots ─────────────────────────────────────────────────────────────────

  private seatBot(power: PowerId): void {
    this.store.putSeat(this.roomId, this.seats.seatBot(power));
  }

  /** After the reconnection window: a bot plays a seat none of whose people are connected. */
  private botTakeOver(power: PowerId): void {
    const h = this.seats.holders.get(power);
    if (!h || this.seats.connected(h)) return;
    h.botActive = true;
    this.log.info({ seat: power }, "a bot holds the seat until its player returns");
    this.syncState();
    if (this.started) this.scheduleBots();
    this.advanceIfAllReady();
  }

  /** Bots act a moment after each phase opens (never re-entrantly inside another input). */
  /**
   * Bots act a moment after each phase opens (never re-entrantly inside another input). With
   * `answersOnly`, after someone proposes or tables a draft mid-phase, bots only answer: accept or
   * reject proposals addressed to them and vote, without making new moves of their own.
   */
  private scheduleBots(answersOnly = false): void {
    const phase = this.game.phase;
    const round = this.game.round;
    this.timers.setTimeout(() => {
      if (this.game.phase !== phase || this.game.round !== round) return;
      for (const h of this.seats.holders.values()) {
        if (!h.botActive) continue;
        const personality: BotPersonality = this.settings.botPersonality;
        const tier = this.settings.botTier;
        for (const input of botInputs(viewFor(this.game, h.power), h.power, personality, tier)) {
          if (answersOnly && !ANSWERS.has(input.type)) continue;
          this.apply(h.power, input);
          if (this.game.phase !== phase || this.game.round !== round) return;
        }
        h.ready = true;
      }
      this.syncState();
      this.advanceIfAllReady();
    }, 50);
  }

  // ── chat ─────────────────────────────────────────────────────────────────

  private postChat(from: Seat, name: string, channel: string, text: string): void {
    const m: ChatMessage = {
      id: this.messageSeq++,
      channel,
      from,
      name,
      text,
      round: this.game.round,
      at: Date.now(),
    };
    this.store.appendMessage(this.roomId, m);
    for (const c of this.clients) if (canUseChannel(this.seatOf(c), channel).read) c.send("chat", m);
  }

  private visibleChat(seat: Seat): ChatMessage[] {
    return this.store.messages(this.roomId).filter((m) => canUseChannel(seat, m.channel).read);
  }

  // ── seats and views ──────────────────────────────────────────────────────

  private dataOf(client: Client): ClientData {
    return (client.userData as ClientData | undefined) ?? { seat: "OBSERVER", name: "", host: false };
  }

  private seatOf(client: Client): Seat {
    return this.dataOf(client).seat;
  }

  private markConnected(client: Client, connected: boolean): void {
    const token = this.dataOf(client).token;
    if (connected) {
      const found = token ? this.seats.byToken(token) : undefined;
      if (found) this.seats.attach(found.holder, found.member, client.sessionId);
    } else {
      this.seats.detach(client.sessionId);
    }
    this.syncState();
  }

  private syncState(): void {
    const s = this.state;
    s.started = this.started;
    s.phase = this.game.phase;
    s.round = this.game.round;
    s.maxRounds = this.game.maxRounds;
    s.observers = this.clients.filter((c) => this.seatOf(c) === "OBSERVER").length;
    s.advisor = this.advisorOn;
    for (const p of POWERS) {
      const h = this.seats.holders.get(p);
      const seat = s.seats.get(p) ?? new SeatState();
      seat.power = p;
      seat.name = h ? this.seats.displayName(h) : "";
      seat.connected = h ? this.seats.connected(h) : false;
      seat.ready = h?.ready ?? false;
      seat.bot = h?.botActive ?? false;
      seat.muted = this.muted.has(p);
      if (!s.seats.has(p)) s.seats.set(p, seat);
    }
    const entry: LobbyEntry = {
      code: this.roomId,
      humans: [...this.seats.holders.values()].reduce((n, h) => n + h.members.length, 0),
      freePowers: POWERS.filter((p) => (this.seats.holders.get(p)?.members.length ?? 0) === 0),
      round: this.game.round,
      started: this.started,
      preset: this.settings.preset,
    };
    // The lobby listing changes far less often than the state (every input syncs it); with the
    // Redis driver each write is a round trip.
    const listed = JSON.stringify(entry);
    if (listed !== this.listed) {
      this.listed = listed;
      void this.setMetadata(entry);
    }
    patchSoon(this);
  }

  /** The seat's whole view to one connection (joining, back, or out of step): see views.ts. */
  private sendView(client: Client): void {
    this.views.sendFull(this.game, client, this.clients);
  }

  /** After a change: each seat's connections get what changed in its view (views.ts). */
  private broadcastViews(): void {
    this.views.changed(this.game, this.clients);
  }
}

export class QuickRoom extends GameRoom {
  protected quick = true;
}

function errorReply(code: import("../../shared/index.js").ErrorCode, message: string): Reply {
  return { ok: false, error: { code, message } };
}

function badShape(error: z.ZodError): Reply {
  return { ok: false, error: shapeError(error) };
}

/** A refused create fails the same way a refused join does: an error whose message is `code: …`. */
function createOptionsOrThrow(raw: unknown): CreateOptions {
  const r = parseCreateOptions(raw);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** The creator's options carry join-only fields too; the create schema is strict about the rest. */
function stripJoinOnly(raw: unknown): unknown {
  if (!raw || typeof raw !== "object") return {};
  const {
    token: _t,
    controlToken: _c,
    observer: _o,
    presetControlToken: _p,
    restoreKey: _r,
    branchFrom: _b,
    ...rest
  } = raw as Record<string, unknown>;
  return rest;
}
