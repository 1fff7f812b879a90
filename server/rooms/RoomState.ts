/**
 * The Colyseus-synchronised state: public facts only (code, phase, clock, who holds which seat).
 * Everything from the engine reaches a client through its own `viewFor` message instead.
 */
import { schema, t } from "@colyseus/schema";

export const SeatState = schema(
  {
    power: t.string(),
    name: t.string(),
    connected: t.boolean(),
    ready: t.boolean(),
    bot: t.boolean(),
    /** Control has stopped this seat's people posting chat. */
    muted: t.boolean(),
  },
  "SeatState",
);

export const RoomState = schema(
  {
    code: t.string(),
    /** False until the host starts the game (or every seat is filled, or quick match fills it). */
    started: t.boolean(),
    phase: t.string(),
    round: t.uint8(),
    maxRounds: t.uint8(),
    /** Epoch ms when the current phase ends; 0 when no clock runs. */
    deadline: t.float64().default(0),
    paused: t.boolean().default(false),
    /** Milliseconds left while paused. */
    pausedRemaining: t.float64().default(0),
    hasControl: t.boolean(),
    observers: t.uint16(),
    /** Human seats may see the advisor's suggestions (Control can switch it off). */
    advisor: t.boolean(),
    seats: t.map(SeatState),
  },
  "RoomState",
);
export type RoomState = InstanceType<typeof RoomState>;
