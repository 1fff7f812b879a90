/**
 * The wire protocol between client and server: the zod schema of every message a client sends,
 * and the shapes of every reply and server message. See docs/PROTOCOL.md.
 */
import { z } from "zod";
import { ACTION_TYPES, type OrdersInput, OrdersSchema } from "./orders.js";
import { POWERS, type PowerId, SEATS, type Seat } from "./powers.js";
import { type EngineError, ERROR_CODES, err, ok, type Result } from "./result.js";
import type { PlayerView } from "./view.js";
import { PlayerViewSchema } from "./viewSchema.js";

/** The room name for games created or joined by code. */
export const GAME_ROOM = "game";
/** The room name for quick match: public games, bots fill empty seats after a short wait. */
export const QUICK_ROOM = "quick";

export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;
export const GameCodeSchema = z
  .string()
  .length(CODE_LENGTH)
  .regex(new RegExp(`^[${CODE_ALPHABET}]+$`));

export const DisplayNameSchema = z.string().trim().min(1).max(32);
const PowerSchema = z.enum(POWERS);
export const BOT_PERSONALITIES = ["hawk", "dove", "pragmatist"] as const;
export type BotPersonality = (typeof BOT_PERSONALITIES)[number];
/** Bot strength: the rule bot, or the planner that looks ahead with the engine (shared/bots). */
export const BOT_TIERS = ["simple", "planner"] as const;
export type BotTier = (typeof BOT_TIERS)[number];

/** Game presets (DESIGN §2). Any field given explicitly overrides the preset. */
export const PRESETS = {
  standard: { rounds: 8, diplomacySeconds: 240, ordersSeconds: 120 },
  quick: { rounds: 4, diplomacySeconds: 120, ordersSeconds: 60 },
  one_period: { rounds: 5, diplomacySeconds: 180, ordersSeconds: 90 },
  double_period: { rounds: 8, diplomacySeconds: 240, ordersSeconds: 120 },
  exercise: { rounds: 8, diplomacySeconds: 3600, ordersSeconds: 3600 },
} as const;
export type Preset = keyof typeof PRESETS;

/** Options to create a game (`client.create("game", options)`). */
export const CreateOptionsSchema = z
  .object({
    name: DisplayNameSchema.optional(),
    power: PowerSchema.optional(),
    preset: z.enum(Object.keys(PRESETS) as [Preset, ...Preset[]]).default("standard"),
    rounds: z.number().int().min(4).max(12).optional(),
    /** Seconds per phase. */
    diplomacySeconds: z.number().int().min(10).max(3600).optional(),
    ordersSeconds: z.number().int().min(10).max(3600).optional(),
    /** Seats played by bots from the start. */
    bots: z.array(PowerSchema).max(5).default([]),
    /** When the game starts, bots take every seat nobody holds. */
    fillWithBots: z.boolean().default(true),
    botPersonality: z.enum(BOT_PERSONALITIES).default("pragmatist"),
    botTier: z.enum(BOT_TIERS).default("simple"),
    /** The creator takes the Control (facilitator) seat instead of a power. */
    asControl: z.boolean().default(false),
    /** Listed in the public lobby. */
    public: z.boolean().default(false),
    /** Seconds a dropped player keeps the seat before a bot takes over. */
    reconnectSeconds: z.number().int().min(5).max(3600).default(300),
    /** People who may hold one power's seat together (a class of 40: five teams of eight). */
    teamSize: z.number().int().min(1).max(8).default(1),
    /** Seconds before bots fill empty seats in a public game (quick match). */
    botFillSeconds: z.number().int().min(0).max(600).default(20),
    /** Human seats see the advisor (their seat's bot suggesting moves); Control can switch it later. */
    advisor: z.boolean().default(true),
  })
  .strict();
export type CreateOptions = z.infer<typeof CreateOptionsSchema>;

/** Options to join a game (`client.joinById(code, options)`). */
export const JoinOptionsSchema = z
  .object({
    name: DisplayNameSchema.optional(),
    power: PowerSchema.optional(),
    /** The seat token from an earlier "seat" message: takes the same seat back. */
    token: z.string().max(64).optional(),
    /** The Control token from the creator's "seat" message. */
    controlToken: z.string().max(64).optional(),
    observer: z.boolean().optional(),
  })
  // Not strict: the creator's join carries the create options too.
  .strip();
export type JoinOptions = z.infer<typeof JoinOptionsSchema>;

export const CHAT_MAX = 500;

/** A reflection memo (DESIGN §1, grading): at most this many characters. */
export const MEMO_MAX = 1000;
export const REFLECTION_PROMPT_MAX = 300;

/**
 * An engine input (sent with `act`): a power's reflection memo on a resolved round, answering the
 * prompt the teacher set for it. Written again, it replaces the earlier one. Kept in the record.
 */
export const WriteMemoSchema = z
  .object({
    type: z.literal("write_memo"),
    round: z.number().int().min(1).max(12),
    text: z.string().trim().min(1).max(MEMO_MAX),
  })
  .strict();
export type WriteMemo = z.infer<typeof WriteMemoSchema>;

/**
 * An engine input (sent with `act`, Control only): the reflection prompt shown after a round's
 * resolution — `round` 0 for every round; an empty `text` removes the prompt.
 */
export const SetReflectionSchema = z
  .object({
    type: z.literal("control_reflection"),
    round: z.number().int().min(0).max(12),
    text: z.string().trim().max(REFLECTION_PROMPT_MAX),
    required: z.boolean().default(false),
  })
  .strict();
export type SetReflection = z.infer<typeof SetReflectionSchema>;
/**
 * A channel: "public"; a power alone ("US"), its team's own channel; or the sorted member powers
 * joined by "-" (e.g. "CN-US", "CN-KP-RU").
 */
export const ChannelSchema = z
  .string()
  .max(20)
  .regex(/^(public|(US|CN|RU|KP|KR)(-(US|CN|RU|KP|KR)){0,4})$/);

export const ControlCommandSchema = z.discriminatedUnion("command", [
  z.object({ command: z.literal("start") }).strict(),
  z.object({ command: z.literal("pause") }).strict(),
  z.object({ command: z.literal("resume") }).strict(),
  z.object({ command: z.literal("extend"), seconds: z.number().int().min(10).max(3600) }).strict(),
  z.object({ command: z.literal("advance") }).strict(),
  z.object({ command: z.literal("broadcast"), text: z.string().trim().min(1).max(CHAT_MAX) }).strict(),
  /** Show or hide the advisor for every human seat. */
  z.object({ command: z.literal("advisor"), on: z.boolean() }).strict(),
  /** Stop (or let again) a power's people posting in any channel. */
  z.object({ command: z.literal("mute"), power: PowerSchema, on: z.boolean() }).strict(),
]);
export type ControlCommand = z.infer<typeof ControlCommandSchema>;

/** Client → server messages (all sent with `room.request`, all answered with a Reply). */
export const ClientMessages = {
  /** Submit (or revise) this round's orders. */
  orders: OrdersSchema,
  /** Mark yourself ready to end the current phase early (before the start: ready to start). */
  ready: z.object({ ready: z.boolean() }).strict(),
  /** Post to a channel you belong to. */
  chat: z.object({ channel: ChannelSchema, text: z.string().trim().min(1).max(CHAT_MAX) }).strict(),
  /** Any other engine input (negotiation, UN, Control's injects): checked by the engine. */
  act: z.object({ type: z.string().max(40) }).passthrough(),
  /** Clock and table commands: Control, or the creator of a game without Control. */
  control: ControlCommandSchema,
  /** Send me my seat's full view again (a delta was missed or did not apply). */
  resync: z.object({}).strict(),
} as const;
export type ClientMessageType = keyof typeof ClientMessages;

/**
 * The refusal for a payload that does not fit its schema: `bad_shape` with the first problem and
 * where it is ("Too big: expected string to have <=280 characters at actions.0.text.").
 */
export function shapeError(error: z.ZodError): EngineError {
  const first = error.issues[0];
  const where = first?.path.length ? ` at ${first.path.join(".")}` : "";
  return { code: "bad_shape", message: `${first?.message ?? "Invalid message"}${where}.` };
}

/** Orders from the wire: an action type that does not exist is `unknown_action`, not a shape error. */
export function parseOrders(payload: unknown): Result<OrdersInput> {
  const actions = (payload as { actions?: unknown } | null)?.actions;
  if (Array.isArray(actions))
    for (const a of actions) {
      const type = (a as { type?: unknown } | null)?.type;
      if (typeof type === "string" && !(ACTION_TYPES as readonly string[]).includes(type))
        return err("unknown_action", `There is no action "${type.slice(0, 40)}".`);
    }
  const parsed = OrdersSchema.safeParse(payload);
  return parsed.success ? ok(parsed.data) : { ok: false, error: shapeError(parsed.error) };
}

/** The options of a new game: refused in the same `code: message` form as every other refusal. */
export function parseCreateOptions(raw: unknown): Result<CreateOptions> {
  const parsed = CreateOptionsSchema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : { ok: false, error: shapeError(parsed.error) };
}

/** The error of a refused request: a stable code and a sentence for people. */
export const EngineErrorSchema = z
  .object({ code: z.enum(ERROR_CODES), message: z.string().describe("for people; may change") })
  .strict();

/** The answer to every request: `{ ok: true }` (sometimes with a value) or an error. */
export const ReplySchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown().optional() }).strict(),
  z.object({ ok: z.literal(false), error: EngineErrorSchema }).strict(),
]);
export type Reply<T = undefined> = { ok: true; value?: T } | { ok: false; error: EngineError };

/**
 * Server → client "view": the seat's whole view, on joining, on reconnecting and after a "resync"
 * request. `seq` numbers the seat's views; the next "view_delta" carries `seq + 1`. This strict
 * schema is the reference (docs/schema/message-view.json); clients check only the envelope
 * (`ViewFullSchema`), so a field a newer server adds does not break an older client.
 */
export const ViewMessageSchema = z.object({ seq: z.number().int().min(0), view: PlayerViewSchema }).strict();
export interface ViewMessage {
  seq: number;
  view: PlayerView;
}

export { SEAT_TAKEN_OVER } from "./closeReasons.js";

/**
 * One change of a JSON document, as RFC 6902 writes it. The server's diff (fast-json-patch
 * `compare`) makes only these three; lists that only grow (events) arrive as "add" at their end.
 */
const PatchOpSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add"), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal("replace"), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal("remove"), path: z.string() }),
]);

/** The "view" message's envelope, as a client checks it (the view itself is the server's `viewFor`). */
export const ViewFullSchema = z.object({
  seq: z.number().int().min(0),
  view: z.looseObject({ seat: z.string(), gameId: z.string() }),
});

/**
 * Server → client "view_delta": what changed in the seat's view since the view numbered `seq - 1`,
 * as an RFC 6902 patch. Sent only when the view changed; the same bytes go to every connection of
 * the seat.
 */
export const ViewDeltaSchema = z.object({
  seq: z.number().int().min(1),
  ops: z.array(PatchOpSchema).min(1),
});
export type ViewDeltaMessage = z.infer<typeof ViewDeltaSchema>;

/** Server → client, once after joining: who you are here. Keep `token` to take the seat back. */
export const SeatMessageSchema = z
  .object({
    seat: z.enum(SEATS).describe('a power, "CONTROL" or "OBSERVER"'),
    power: PowerSchema.nullable().describe("the power held; null for Control and observers"),
    code: z.string().describe("the game code"),
    token: z.string().optional().describe("a power's seat only: rejoin with `{ token }` after a reload"),
    controlToken: z
      .string()
      .optional()
      .describe("the Control seat only: rejoin with `{ controlToken }`; also the key to the full record"),
    host: z
      .boolean()
      .describe(
        "true for Control, and for the creator of a game without Control: may send `control` commands",
      ),
  })
  .strict();
export type SeatMessage = z.infer<typeof SeatMessageSchema>;

export const ChatMessageSchema = z
  .object({
    id: z.number().int().describe("increasing within a game"),
    channel: ChannelSchema,
    from: z.enum(SEATS),
    name: z.string().describe("the sender's display name"),
    text: z.string().max(CHAT_MAX),
    round: z.number().int(),
    at: z.number().describe("epoch ms"),
  })
  .strict();
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** Server → client: chat history on join ("chat_history"); each new message is a "chat". */
export const ChatHistoryMessageSchema = z.object({ messages: z.array(ChatMessageSchema) }).strict();
export type ChatHistoryMessage = z.infer<typeof ChatHistoryMessageSchema>;

/** Every message the server sends, by type. */
export const ServerMessages = {
  seat: SeatMessageSchema,
  view: ViewMessageSchema,
  view_delta: ViewDeltaSchema,
  chat_history: ChatHistoryMessageSchema,
  chat: ChatMessageSchema,
} as const;

/** The synchronised room state (`room.state`): public facts only. */
export const RoomStateSchema = z
  .object({
    code: z.string(),
    started: z.boolean().describe("false until the game starts"),
    phase: z.string().describe('"waiting" before the start, then diplomacy, orders, ended'),
    round: z.number().int(),
    maxRounds: z.number().int(),
    deadline: z.number().describe("epoch ms when the phase ends; 0 when no clock runs"),
    paused: z.boolean(),
    pausedRemaining: z.number().describe("ms left while paused; 0 otherwise"),
    hasControl: z.boolean().describe("the game has a Control seat"),
    observers: z.number().int().describe("connected observers"),
    advisor: z.boolean().describe("human seats may show the advisor's suggestions"),
    seats: z
      .record(
        PowerSchema,
        z
          .object({
            power: PowerSchema,
            name: z.string(),
            connected: z.boolean(),
            ready: z.boolean(),
            bot: z.boolean(),
            muted: z.boolean().describe("Control has paused this seat's chat"),
          })
          .strict(),
      )
      .describe("who holds each power"),
  })
  .strict();

/** Who may read and post in a channel. */
export function channelMembers(channel: string): PowerId[] | "all" {
  if (channel === "public") return "all";
  return channel.split("-") as PowerId[];
}

export function canUseChannel(seat: Seat, channel: string): { read: boolean; post: boolean } {
  const members = channelMembers(channel);
  if (seat === "CONTROL") return { read: true, post: channel === "public" };
  if (members === "all") return { read: true, post: seat !== "OBSERVER" };
  const member = (members as string[]).includes(seat);
  return { read: member, post: member };
}

/** Canonical name of a private channel between powers (sorted, deduplicated). */
export function channelOf(powers: readonly PowerId[]): string {
  return [...new Set(powers)].sort().join("-");
}

/** What the public lobby lists for each joinable public game (`GET /api/lobby`). */
export const LobbyEntrySchema = z
  .object({
    code: z.string(),
    humans: z.number().int(),
    freePowers: z.array(PowerSchema),
    round: z.number().int(),
    started: z.boolean(),
    preset: z.enum(Object.keys(PRESETS) as [Preset, ...Preset[]]),
  })
  .strict();
export type LobbyEntry = z.infer<typeof LobbyEntrySchema>;
