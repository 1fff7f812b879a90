/**
 * The wire protocol between client and server: the zod schema of every message a client sends,
 * and the shapes of every reply and server message. See docs/PROTOCOL.md.
 */
import { z } from "zod";
import { OrdersSchema } from "./orders.js";
import { POWERS, type PowerId, type Seat } from "./powers.js";
import type { EngineError } from "./result.js";
import type { PlayerView } from "./view.js";

/** The room name clients join. */
export const GAME_ROOM = "game";

export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;
export const GameCodeSchema = z
  .string()
  .length(CODE_LENGTH)
  .regex(new RegExp(`^[${CODE_ALPHABET}]+$`));

export const DisplayNameSchema = z.string().trim().min(1).max(32);

/** Options to create a game (`client.create("game", options)`). */
export const CreateOptionsSchema = z.object({
  name: DisplayNameSchema.optional(),
  power: z.enum(POWERS).optional(),
  rounds: z.number().int().min(4).max(12).default(8),
  /** Seconds per phase. */
  diplomacySeconds: z.number().int().min(10).max(3600).default(240),
  ordersSeconds: z.number().int().min(10).max(3600).default(120),
});
export type CreateOptions = z.infer<typeof CreateOptionsSchema>;

/** Options to join a game by code (`client.join("game", options)` after looking the code up). */
export const JoinOptionsSchema = z.object({
  name: DisplayNameSchema.optional(),
  power: z.enum(POWERS).optional(),
  code: GameCodeSchema.optional(),
});
export type JoinOptions = z.infer<typeof JoinOptionsSchema>;

/** Client → server messages (all sent with `room.request`, all answered with a Reply). */
export const ClientMessages = {
  /** Submit (or revise) this round's orders. */
  orders: OrdersSchema,
  /** Mark yourself ready to end the current phase early. */
  ready: z.object({ ready: z.boolean() }).strict(),
} as const;
export type ClientMessageType = keyof typeof ClientMessages;

export type Reply<T = undefined> = { ok: true; value?: T } | { ok: false; error: EngineError };

/** Server → client: the seat's view, sent after every change. */
export interface ViewMessage {
  view: PlayerView;
}

/** What the server tells a client about its own seat right after joining. */
export interface SeatMessage {
  seat: Seat;
  power: PowerId | null;
  code: string;
}
