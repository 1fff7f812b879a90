/**
 * The authoritative game room: seats, the phase clock, channels and the engine. It never decides
 * an outcome itself: every change to the game is an engine `step`, stored before it is acknowledged.
 *
 * Storing is asynchronous (group commit), so every change runs in turn (`exclusive`): it is checked
 * against the current game, its writes are committed, and only then is the new state adopted and
 * the request answered. A change the storage refuses is answered `storage_unavailable` and leaves
 * the game as it was; no timer ever throws.
 */
import { type Client, CloseCode, getMessageBytes, Protocol, Room } from "@colyseus/core";
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
  SEAT_TAKEN_OVER,
  type Seat,
  type SeatMessage,
  seedFrom,
  shapeError,
  step,
} from "../../shared/index.js";
import { botInputs } from "../bots.js";
import { newGameCode, newToken } from "../codes.js";
import { getCommits, getProcessId, getStore, isStopping, RESTORE_KEY } from "../context.js";
import { log, roomLogger } from "../log.js";
import type { Fence, SeatRow, Store, Write } from "../store.js";
import { storeEvents } from "../storeEvents.js";
import { instrumented } from "./instrument.js";
import { IDLE_PATCH_MS, nextDeadline, patchSoon, RoomTimers } from "./pacing.js";
import { RoomState, SeatState } from "./RoomState.js";
import { replayYielding } from "./replay.js";
import { Seats } from "./seats.js";
import { nextTurn } from "./turns.js";
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

const RestoreOptions = z.object({
  restore: z.string(),
  restoreKey: z.literal(RESTORE_KEY),
  /** The lease this process already claimed for the game (at start-up or on takeover). */
  epoch: z.number().int().optional(),
  /** When the game's previous process was last alive: its clock stopped then. */
  lastAlive: z.number().optional(),
});
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
/** A phase deadline the storage refused to advance is tried again this much later. */
const DEADLINE_RETRY_MS = 1000;
/**
 * An ended game leaves memory once nobody has been connected to it for this long; its record stays
 * in SQLite for the debrief, the exports and branches. `PP_ENDED_IDLE_MS` overrides it.
 *
 * Two minutes: long enough for a player who reloads or drops at the end to land in the game again;
 * after that a rejoin is answered `game_ended` with the link to the debrief, which has the same
 * record. An empty ended room holds about 130 KB (its state, chat, views and caches; measured with
 * `npm run bench:load`, docs/bench/README.md, seventh pass). At that benchmark's pace (games of
 * 160 s) about ten games end a second at 10,000 clients: the earlier 30 minutes would keep ~18,000
 * of them, GBs of live heap for every major GC to mark; two minutes keep about 1,200.
 */
function endedIdleMs(): number {
  const v = Number(process.env.PP_ENDED_IDLE_MS);
  return Number.isFinite(v) && v >= 0 ? v : 2 * 60_000;
}
const fail = (code: Parameters<typeof errorReply>[0], message: string): Reply => errorReply(code, message);
const unavailable = (): Reply =>
  fail(
    "storage_unavailable",
    "The server could not save that just now, so nothing changed. Try again in a moment.",
  );
const moved = (): Reply =>
  fail("storage_unavailable", "This game has moved to another server: join again with your code.");

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
  /** This process's lease on the game, checked in every write's transaction. */
  private fence!: Fence;
  private game!: GameState;
  private seed = 0;
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
  /** The game's chat, as stored (for the history a joining seat may read). */
  private chatLog: ChatMessage[] = [];
  /** The tail of the queue of changes: each runs after the previous one has been stored or refused. */
  private queue: Promise<unknown> = Promise.resolve();
  /** A write failed: before the next one, re-read the counters (it may have been stored after all). */
  private stale = false;
  /** Another process holds the game now: this room stores nothing more and closes. */
  private moved = false;

  messages = instrumented({
    orders: (client: Client, payload: unknown): Reply | Promise<Reply> => {
      const parsed = parseOrders(payload);
      if (!parsed.ok) return parsed;
      const orders = parsed.value;
      return this.exclusive(() => this.humanInput(client, { type: "submit_orders", orders }));
    },
    act: (client: Client, payload: unknown): Reply | Promise<Reply> => {
      const parsed = InputSchema.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      if (parsed.data.type === "advance_phase")
        return fail("control_only", 'Use the "control" message to advance.');
      const input = parsed.data;
      return this.exclusive(() => this.humanInput(client, input));
    },
    ready: (client: Client, payload: unknown): Reply | Promise<Reply> => {
      const parsed = ClientMessages.ready.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      const seat = this.seatOf(client);
      if (!isPower(seat)) return fail("not_a_power", "Only a power's seat can be ready.");
      return this.exclusive(async () => {
        const holder = this.seats.holders.get(seat);
        if (holder) holder.ready = parsed.data.ready;
        this.syncState();
        await this.advanceIfAllReady();
        return { ok: true };
      });
    },
    chat: (client: Client, payload: unknown): Reply | Promise<Reply> => {
      const parsed = ClientMessages.chat.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      const data = this.dataOf(client);
      if (!canUseChannel(data.seat, parsed.data.channel).post)
        return fail("not_party", `You cannot post in "${parsed.data.channel}".`);
      const { channel, text } = parsed.data;
      return this.exclusive(() => {
        if (isPower(data.seat) && this.muted.has(data.seat))
          return fail("muted", "Control has paused your chat for now.");
        return this.postChat(data.seat, data.name, channel, text);
      });
    },
    control: (client: Client, payload: unknown): Reply | Promise<Reply> => {
      const parsed = ClientMessages.control.safeParse(payload);
      if (!parsed.success) return badShape(parsed.error);
      if (!this.dataOf(client).host)
        return fail("control_only", "Only Control or the game's host can do that.");
      const cmd = parsed.data;
      return this.exclusive(() => this.controlCommand(cmd));
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

  async onCreate(raw: unknown): Promise<void> {
    this.store = getStore();
    const restore = RestoreOptions.safeParse(raw);
    if (restore.success) await this.restore(restore.data);
    else await this.create(raw);
    this.state.code = this.roomId;
    this.state.hasControl = this.controlToken !== null;
    void this.setPrivate(!this.settings.public);
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
    this.syncState();
  }

  /** A new game (or a branch of one): its row, bot seats and copied inputs are stored before it opens. */
  private async create(raw: unknown): Promise<void> {
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
    while (await this.store.gameExists(code)) code = newGameCode();
    this.roomId = code;
    this.fence = { gameId: code, owner: getProcessId(), epoch: 1 };
    const branch = serverCreate.success ? serverCreate.data.branchFrom : undefined;
    // A branch keeps its source's seed, so the replayed rounds come out exactly as they did.
    const seed = branch?.seed ?? seedFrom(`${code}:${newToken()}`);
    this.seed = seed;
    this.game = newGame({ gameId: code, seed, maxRounds: this.settings.rounds });
    this.controlToken = serverCreate.success
      ? serverCreate.data.presetControlToken
      : options.asControl
        ? newToken()
        : null;
    const writes: Write[] = [
      {
        kind: "create_game",
        owner: getProcessId(),
        row: {
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
      },
    ];
    // A table the server made for a class has no creator at the door: its Control is the teacher.
    this.creatorPending = !serverCreate.success;
    if (branch) {
      const log = (await this.store.inputs(branch.code)).filter((r) => r.round < branch.round);
      const copied = log.map((r, i) => ({ ...r, seq: i }));
      for (const row of copied) writes.push({ kind: "input", gameId: code, row });
      this.game = await replayYielding(this.game, copied);
      this.seq = copied.length;
      // The same people in the same seats (their tokens carry over), bots where bots sat.
      if (branch.seats) {
        const rows: SeatRow[] = await this.store.seats(branch.code);
        for (const row of rows) writes.push({ kind: "seat", gameId: code, seat: row });
        this.seats.restore(rows);
      }
    }
    for (const p of options.bots) writes.push(this.seatWrite(this.seats.seatBot(p)));
    // A new row needs no fence: the insert itself fails if the code was taken meanwhile.
    await getCommits().submit({ writes });
    if (this.settings.public && this.settings.fillWithBots)
      this.armBotFill(this.settings.botFillSeconds * 1000);
  }

  async onJoin(client: Client, raw: unknown): Promise<void> {
    this.idleTimer?.clear();
    const options = JoinOptionsSchema.parse(raw ?? {});
    await this.exclusive(() => this.join(client, options));
  }

  private async join(client: Client, options: z.infer<typeof JoinOptionsSchema>): Promise<void> {
    if (this.moved) throw new Error("not_found: this game has moved to another server; join again.");
    const name = options.name ?? "Player";
    const first = this.creatorPending;
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
        const undo = this.seats.snapshot();
        const claim = this.seats.claim({
          power: options.power,
          name,
          host: first && !this.controlToken,
          started: this.started,
        });
        if (!claim.ok && claim.reason === "seat_taken")
          throw new Error(`seat_taken: ${options.power} is already taken.`);
        if (claim.ok) {
          const stored = await this.commit([
            { kind: "drop_bot_seat", gameId: this.roomId, power: claim.holder.power },
            this.seatWrite(this.seats.rowOf(claim.holder, claim.member)),
          ]);
          if (!stored.ok) {
            undo();
            throw new Error(`storage_unavailable: ${stored.error.message}`);
          }
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
    this.creatorPending = false;
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
    if (!this.started && full && this.quick) await this.start();
  }

  async onDrop(client: Client, code?: number): Promise<void> {
    const seat = this.seatOf(client);
    this.markConnected(client, false);
    this.log.info({ seat, sessionId: client.sessionId, closeCode: code }, "connection dropped");
    if (code === CloseCode.WITH_ERROR) {
      // Closed by the server (a flood, a protocol error): no reconnection; the token still works.
      if (isPower(seat))
        this.timers.setTimeout(
          () => this.background(() => this.botTakeOver(seat)),
          this.settings.reconnectSeconds * 1000,
        );
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
      if (isPower(seat)) this.background(() => this.botTakeOver(seat));
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

  // ── storing changes ──────────────────────────────────────────────────────

  /**
   * Runs a change after every earlier one of this room has been stored or refused. After a failed
   * write the room first re-reads what is stored, before the change takes its log numbers and its
   * game: a write that was stored with its answer lost has used the number the change would take.
   */
  private exclusive<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.stale) await this.resync();
      return task();
    });
    this.queue = run.catch(() => {});
    return run;
  }

  /** A change a timer starts: in turn like any other, and never an unhandled rejection. */
  private background(task: () => unknown): void {
    this.exclusive(task).catch((e) => this.log.error({ err: e }, "a background task failed"));
  }

  /** Stores one change (its writes together, under this process's lease), or says why not. */
  private async commit(writes: Write[], lazy = false): Promise<Reply> {
    if (this.moved || isStopping()) return moved();
    if (this.stale && !(await this.resync())) return unavailable();
    try {
      const result = await getCommits().submit({ fence: this.fence, writes }, lazy);
      if (result === "fenced") {
        this.leaseLost();
        return moved();
      }
      return { ok: true };
    } catch (e) {
      this.stale = true;
      this.log.error({ err: e }, "storage refused a write");
      return unavailable();
    }
  }

  /**
   * After a failed write: the counters come from what is stored (MAX + 1), so a number is never
   * used twice; if the write was stored after all (a connection lost at commit), the game catches
   * up by replaying its log.
   */
  private async resync(): Promise<boolean> {
    try {
      const c = await this.store.counters(this.roomId);
      if (c.seq !== this.seq) {
        const before = this.game;
        const fresh = newGame({ gameId: this.roomId, seed: this.seed, maxRounds: this.settings.rounds });
        this.game = await replayYielding(fresh, await this.store.inputs(this.roomId));
        this.seq = c.seq;
        // The stored input moved the phase on: run the clock the stored row says, as apply would have.
        if (before.phase !== this.game.phase || before.round !== this.game.round) {
          const row = await this.store.getGame(this.roomId);
          this.onPhaseChanged(row?.deadline ?? Date.now() + this.phaseMs(this.game));
        }
        this.broadcastViews();
      }
      if (c.messageSeq !== this.messageSeq) {
        this.chatLog = await this.store.messages(this.roomId);
        this.messageSeq = c.messageSeq;
      }
      if (c.controlSeq !== this.controlSeq) {
        for (const entry of await this.store.controlLog(this.roomId)) {
          const cmd = ClientMessages.control.safeParse(entry.command);
          if (cmd.success) this.applyTableSetting(cmd.data);
        }
        this.controlSeq = c.controlSeq;
      }
      this.stale = false;
      return true;
    } catch {
      return false;
    }
  }

  /** Another process took the game over: stop, and let its people rejoin there. */
  private leaseLost(): void {
    if (this.moved) return;
    this.moved = true;
    storeEvents.emit("fenced", this.roomId);
    this.phaseTimer?.clear();
    this.botFillTimer?.clear();
    // Closing this room makes Colyseus remove the listing under its id, which is the new holder's
    // now: point this room's listing elsewhere first.
    const listing = (this as unknown as { _listing?: { roomId?: string } })._listing;
    if (listing) listing.roomId = `${this.roomId}~moved`;
    // After the refused request's answer has gone out.
    setImmediate(() => void this.disconnect(CloseCode.SERVER_SHUTDOWN).catch(() => {}));
  }

  private seatWrite(seat: ReturnType<Seats["seatBot"]>): Write {
    return { kind: "seat", gameId: this.roomId, seat };
  }

  private clockWrite(deadline: number, pausedRemaining: number): Write {
    return { kind: "clock", gameId: this.roomId, deadline, pausedRemaining, at: Date.now() };
  }

  private controlWrite(cmd: ControlCommand): Write {
    return {
      kind: "control",
      gameId: this.roomId,
      row: { seq: this.controlSeq, command: cmd, at: Date.now() },
    };
  }

  // ── engine ───────────────────────────────────────────────────────────────

  private async humanInput(client: Client, input: Input): Promise<Reply> {
    const seat = this.seatOf(client);
    if (!this.started && seat !== "CONTROL") return fail("wrong_phase", "The game has not started yet.");
    const reply = await this.apply(seat, input);
    // Bots answer a proposal or a draft in the same phase, as a person at the table would.
    if (reply.ok && ASKS.has(input.type)) this.scheduleBots(true);
    return reply;
  }

  /**
   * Checks one input with the engine, stores it (with what it sets off: a resolution's hash, the
   * next phase's clock, the end), and only then adopts the new state. `extra` is stored with it.
   */
  private async apply(
    actor: Actor,
    input: Input,
    extra: Write[] = [],
    firedDeadline?: number,
  ): Promise<Reply> {
    const r = step(this.game, actor, input);
    if (!r.ok) return { ok: false, error: r.error };
    const before = this.game;
    const next = r.value;
    const now = Date.now();
    const writes: Write[] = [
      {
        kind: "input",
        gameId: this.roomId,
        row: { seq: this.seq, actor, input, round: before.round, phase: before.phase, at: now },
      },
      ...extra,
    ];
    const phaseChanged = before.phase !== next.phase || before.round !== next.round;
    let deadline = 0;
    if (phaseChanged) {
      if (next.phase === "ended") {
        writes.push(this.clockWrite(0, 0), { kind: "status", gameId: this.roomId, status: "ended", at: now });
      } else {
        deadline = nextDeadline(now, this.phaseMs(next), firedDeadline);
        writes.push(this.clockWrite(deadline, 0));
      }
    }
    const stored = await this.commit(writes);
    if (!stored.ok) return stored;
    this.seq++;
    this.game = next;
    if (phaseChanged) {
      if (before.round !== next.round || next.phase === "ended")
        this.recordResolution(before.round, next, now);
      // A new phase means a large view for every seat: in a turn of its own (turns.ts), so a
      // burst of deadlines does not hold up other tables' acknowledgements.
      await nextTurn();
      this.onPhaseChanged(deadline);
      // The room's state (phase, round, ready flags) changes with the phase, not with an input.
      this.syncState();
    }
    this.broadcastViews();
    // A new phase's state patch goes out now, behind its views in the same socket write
    // (corkSends.ts), not in a write of its own a turn later (patchSoon then finds nothing new).
    if (phaseChanged) this.broadcastPatch();
    return { ok: true };
  }

  /**
   * The state's hash after a resolution, stored beside the log as a check that a replay comes
   * out the same. It is derived from what is already stored (the inputs), so it is computed and
   * stored after the reply, in a turn of its own and in a lazy group; a refused write loses only
   * the check, never a game's input.
   */
  private recordResolution(round: number, game: GameState, at: number): void {
    void nextTurn().then(async () => {
      if (this.moved || isStopping()) return;
      const write: Write = { kind: "resolution", gameId: this.roomId, round, hash: hashOf(game), at };
      try {
        await getCommits().submit({ fence: this.fence, writes: [write] }, true);
      } catch (e) {
        this.log.warn({ err: e, round }, "the resolution's hash was not stored");
      }
    });
  }

  /** After a stored phase change: ready flags reset, and the new phase's clock and bots. */
  private onPhaseChanged(deadline: number): void {
    for (const h of this.seats.holders.values()) h.ready = false;
    if (this.game.phase === "ended") {
      this.phaseTimer?.clear();
      this.state.deadline = 0;
      if (this.settings.public) void this.lock();
      this.disposeWhenIdle();
    } else {
      this.armPhaseClock(deadline);
      this.scheduleBots();
    }
  }

  private phaseMs(game: GameState): number {
    return (game.phase === "orders" ? this.settings.ordersSeconds : this.settings.diplomacySeconds) * 1000;
  }

  private async start(extra: Write[] = []): Promise<Reply> {
    if (this.started) return fail("wrong_phase", "The game has already started.");
    const undo = this.seats.snapshot();
    const writes: Write[] = [...extra];
    if (this.settings.fillWithBots)
      for (const p of POWERS)
        if (!this.seats.holders.has(p)) writes.push(this.seatWrite(this.seats.seatBot(p)));
    const now = Date.now();
    const deadline = now + this.phaseMs(this.game);
    writes.push({ kind: "started", gameId: this.roomId, at: now }, this.clockWrite(deadline, 0));
    const stored = await this.commit(writes);
    if (!stored.ok) {
      undo();
      return stored;
    }
    this.botFillTimer?.clear();
    this.started = true;
    this.log.info({ humans: this.seats.humanSeats().length }, "game started");
    for (const h of this.seats.holders.values()) h.ready = h.botActive;
    if (this.quick) void this.lock();
    this.armPhaseClock(deadline);
    this.scheduleBots();
    this.syncState();
    return { ok: true };
  }

  /** A public game starts with bots in the empty seats after the wait (retried if the storage refuses). */
  private armBotFill(ms: number): void {
    this.botFillTimer = this.timers.setTimeout(
      () =>
        this.background(async () => {
          if (this.started || this.moved) return;
          const r = await this.start();
          if (!r.ok && r.error.code === "storage_unavailable" && !this.moved)
            this.armBotFill(DEADLINE_RETRY_MS);
        }),
      ms,
    );
  }

  /** Runs the phase clock to `deadline` (already stored); at the deadline the phase advances. */
  private armPhaseClock(deadline: number): void {
    this.phaseTimer?.clear();
    this.state.paused = false;
    this.state.pausedRemaining = 0;
    this.state.deadline = deadline;
    this.onDeadlineAfter(Math.max(0, deadline - Date.now()), deadline);
  }

  /** `deadline`: the deadline this timer stands for (absent for a retry after a refused write). */
  private onDeadlineAfter(ms: number, deadline?: number): void {
    const { phase, round } = this.game;
    this.phaseTimer = this.timers.setTimeout(
      () => this.background(() => this.onDeadline(phase, round, deadline)),
      ms,
    );
  }

  private async onDeadline(phase: string, round: number, deadline?: number): Promise<void> {
    // Deadlines that fall together resolve one per event-loop turn (turns.ts).
    await nextTurn();
    if (this.moved || this.state.paused || this.game.phase !== phase || this.game.round !== round) return;
    const r = await this.apply("SYSTEM", { type: "advance_phase" }, [], deadline);
    // The storage refused: the phase stays open and the deadline is tried again shortly.
    if (!r.ok && r.error.code === "storage_unavailable" && !this.moved)
      this.onDeadlineAfter(DEADLINE_RETRY_MS);
  }

  private async advanceIfAllReady(): Promise<void> {
    const humans = this.seats.humanSeats();
    if (humans.length === 0 || !humans.every((h) => h.ready)) return;
    if (!this.started) await this.start();
    else if (!this.state.paused) await this.apply("SYSTEM", { type: "advance_phase" });
  }

  private async controlCommand(cmd: ControlCommand): Promise<Reply> {
    const control = this.controlWrite(cmd);
    let reply: Reply = { ok: true };
    switch (cmd.command) {
      case "start":
        reply = await this.start([control]);
        break;
      case "pause": {
        if (!this.started || this.state.paused || this.game.phase === "ended")
          return fail("wrong_phase", "The clock is not running.");
        const remaining = Math.max(0, this.state.deadline - Date.now());
        reply = await this.commit([this.clockWrite(0, remaining), control]);
        if (!reply.ok) break;
        this.phaseTimer?.clear();
        this.state.paused = true;
        this.state.pausedRemaining = remaining;
        this.state.deadline = 0;
        break;
      }
      case "resume": {
        if (!this.state.paused) return fail("wrong_phase", "The clock is not paused.");
        const deadline = Date.now() + this.state.pausedRemaining;
        reply = await this.commit([this.clockWrite(deadline, 0), control]);
        if (reply.ok) this.armPhaseClock(deadline);
        break;
      }
      case "extend":
        if (!this.started || this.game.phase === "ended")
          return fail("wrong_phase", "No phase clock is running.");
        if (this.state.paused) {
          const remaining = this.state.pausedRemaining + cmd.seconds * 1000;
          reply = await this.commit([this.clockWrite(0, remaining), control]);
          if (reply.ok) this.state.pausedRemaining = remaining;
        } else {
          const deadline = this.state.deadline + cmd.seconds * 1000;
          reply = await this.commit([this.clockWrite(deadline, 0), control]);
          if (reply.ok) this.armPhaseClock(deadline);
        }
        break;
      case "advance":
        if (!this.started) return fail("wrong_phase", "Start the game first.");
        reply = await this.apply("SYSTEM", { type: "advance_phase" }, [control]);
        break;
      case "broadcast":
        reply = await this.postChat("CONTROL", "Control", "public", cmd.text, [control]);
        break;
      case "advisor":
      case "mute":
        reply = await this.commit([control]);
        if (reply.ok) this.applyTableSetting(cmd);
        break;
    }
    if (reply.ok) this.controlSeq++;
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

  /**
   * Brings a game back from the store: after a restart, or on another process when its own died
   * or stopped. The lease is claimed first (raising the epoch), so everything read after it is
   * final: the previous holder can store nothing more.
   */
  private async restore(opts: z.infer<typeof RestoreOptions>): Promise<void> {
    const id = opts.restore;
    const claim =
      opts.epoch !== undefined
        ? { epoch: opts.epoch, lastAlive: opts.lastAlive ?? 0 }
        : (await this.store.claim(getProcessId(), { ids: [id] }))[0];
    if (!claim)
      throw new Error(
        (await this.store.gameExists(id))
          ? `game_held: game ${id} is running on another server.`
          : `not_found: no game ${id}`,
      );
    const loaded = await this.store.loadGame(id);
    if (!loaded) throw new Error(`not_found: no game ${id}`);
    const { row } = loaded;
    this.roomId = id;
    this.fence = { gameId: id, owner: getProcessId(), epoch: claim.epoch };
    this.settings = settingsFrom(CreateOptionsSchema.parse(row.options));
    this.seats = new Seats(this.settings.teamSize);
    this.controlToken = row.controlToken;
    this.seed = row.seed;
    const fresh = newGame({ gameId: id, seed: row.seed, maxRounds: this.settings.rounds });
    const game = await replayYielding(fresh, loaded.inputs);
    this.game = game;
    // Counters continue after the largest stored number, never the row count.
    const next = (ns: number[]) => (ns.length === 0 ? 0 : Math.max(...ns) + 1);
    this.seq = next(loaded.inputs.map((r) => r.seq));
    this.advisorOn = this.settings.advisor;
    for (const entry of loaded.control) {
      const cmd = ClientMessages.control.safeParse(entry.command);
      if (cmd.success) this.applyTableSetting(cmd.data);
    }
    this.controlSeq = next(loaded.control.map((r) => r.seq));
    this.chatLog = loaded.messages;
    this.messageSeq = next(loaded.messages.map((m) => m.id));
    this.started = row.started;
    this.seats.restore(loaded.seats);
    if (!row.started) {
      if (this.settings.public && this.settings.fillWithBots)
        this.armBotFill(this.settings.botFillSeconds * 1000);
    } else if (game.phase !== "ended") {
      if (row.pausedRemaining > 0) {
        this.state.paused = true;
        this.state.pausedRemaining = row.pausedRemaining;
      } else {
        // Extend the deadline by the downtime: what was left when the game's process was last alive.
        const lastAlive = Math.max(row.updatedAt, claim.lastAlive);
        const deadline = Date.now() + Math.max(5000, row.deadline - lastAlive);
        this.armPhaseClock(deadline);
        // Stored so a second failure extends from here, in the room's turn but without holding up
        // the restore (so many restored games share one commit); if refused, the clock still runs.
        const clock = this.clockWrite(deadline, 0);
        this.background(async () => {
          const stored = await this.commit([clock], true);
          if (!stored.ok) this.log.warn("restored, but its new deadline is not stored yet");
        });
      }
      for (const h of this.seats.holders.values()) {
        if (!h.botActive)
          this.timers.setTimeout(
            () => this.background(() => this.botTakeOver(h.power)),
            this.settings.reconnectSeconds * 1000,
          );
      }
      this.scheduleBots();
    }
  }

  // ── bots ─────────────────────────────────────────────────────────────────

  /** After the reconnection window: a bot plays a seat none of whose people are connected. */
  private async botTakeOver(power: PowerId): Promise<void> {
    const h = this.seats.holders.get(power);
    // Disconnected by a stop, not gone: the game is handed over with the seat still theirs.
    if (!h || this.seats.connected(h) || isStopping()) return;
    h.botActive = true;
    this.log.info({ seat: power }, "a bot holds the seat until its player returns");
    this.syncState();
    if (this.started) this.scheduleBots();
    await this.advanceIfAllReady();
  }

  /**
   * Bots act a moment after each phase opens (never re-entrantly inside another input). With
   * `answersOnly`, after someone proposes or tables a draft mid-phase, bots only answer: accept or
   * reject proposals addressed to them and vote, without making new moves of their own.
   */
  private scheduleBots(answersOnly = false): void {
    const phase = this.game.phase;
    const round = this.game.round;
    this.timers.setTimeout(
      () =>
        this.background(async () => {
          if (this.moved || this.game.phase !== phase || this.game.round !== round) return;
          for (const h of this.seats.holders.values()) {
            if (!h.botActive) continue;
            const personality: BotPersonality = this.settings.botPersonality;
            const tier = this.settings.botTier;
            for (const input of botInputs(
              this.views.viewOf(this.game, h.power),
              h.power,
              personality,
              tier,
            )) {
              if (answersOnly && !ANSWERS.has(input.type)) continue;
              await this.apply(h.power, input);
              if (this.game.phase !== phase || this.game.round !== round) return;
            }
            h.ready = true;
          }
          this.syncState();
          await this.advanceIfAllReady();
        }),
      50,
    );
  }

  // ── chat ─────────────────────────────────────────────────────────────────

  private async postChat(
    from: Seat,
    name: string,
    channel: string,
    text: string,
    extra: Write[] = [],
  ): Promise<Reply> {
    const m: ChatMessage = {
      id: this.messageSeq,
      channel,
      from,
      name,
      text,
      round: this.game.round,
      at: Date.now(),
    };
    const stored = await this.commit([{ kind: "message", gameId: this.roomId, message: m }, ...extra]);
    if (!stored.ok) return stored;
    this.messageSeq++;
    this.chatLog.push(m);
    // Encoded once; every reader gets the same bytes (as `send` would have made for each).
    const bytes = getMessageBytes.raw(Protocol.ROOM_DATA, "chat", m);
    for (const c of this.clients) if (canUseChannel(this.seatOf(c), channel).read) c.enqueueRaw(bytes);
    return { ok: true };
  }

  private visibleChat(seat: Seat): ChatMessage[] {
    return this.chatLog.filter((m) => canUseChannel(seat, m.channel).read);
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
