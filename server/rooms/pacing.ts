/**
 * What a turn-based room costs while nothing happens. Colyseus 0.18 runs, per room, an interval at
 * the patch rate (20 Hz by default) that checks the state for changes and ticks the room's clock;
 * with the patch rate off it ticks the clock at 60 Hz instead, since `clock.setTimeout` timers only
 * fire on ticks. A table changes its state a few times a minute, so:
 * - the room's state is patched when it changes (`patchSoon`, once per event-loop turn however
 *   many changes the turn made), with a slow interval left only as a safety net;
 * - timers are plain Node timers (`RoomTimers`), which cost nothing until they fire.
 * The transport's keep-alive ping is set where the server is defined (server/app.ts).
 */
import type { Room } from "@colyseus/core";

/** The safety-net patch interval: the state is otherwise patched as soon as it changes. */
export const IDLE_PATCH_MS = 5000;

/** Timers that fire on their own (not on a room clock tick); all cleared when the room goes. */
export class RoomTimers {
  private readonly live = new Set<NodeJS.Timeout>();

  setTimeout(fn: () => void, ms: number): { clear(): void } {
    const t = setTimeout(() => {
      this.live.delete(t);
      fn();
    }, ms);
    this.live.add(t);
    return { clear: () => this.clear(t) };
  }

  setInterval(fn: () => void, ms: number): { clear(): void } {
    const t = setInterval(fn, ms);
    this.live.add(t);
    return { clear: () => this.clear(t) };
  }

  clearAll(): void {
    for (const t of this.live) clearTimeout(t);
    this.live.clear();
  }

  private clear(t: NodeJS.Timeout): void {
    clearTimeout(t);
    this.live.delete(t);
  }
}

/** A deadline that fired later than this (or than a quarter of the phase) starts the next phase from now. */
export const LATE_ANCHOR_MS = 2000;

/**
 * When the next phase ends, after a change of phase at `now`. A phase that ended on its clock
 * (`fired`: the deadline that ran out) gives the next one its length from that deadline, not from
 * the moment the server got round to it: on a busy server, deadlines held up together by the same
 * pause would otherwise stay together and fall together every phase from then on, each pause
 * gathering more tables into one burst. A deadline reached very late (a long pause or a restart),
 * or a phase ended early (every seat ready, Control's advance), gives the full phase from now.
 */
export function nextDeadline(now: number, phaseMs: number, fired?: number): number {
  if (fired !== undefined && now - fired <= Math.min(LATE_ANCHOR_MS, phaseMs / 4)) return fired + phaseMs;
  return now + phaseMs;
}

const pending = new WeakSet<Room>();
/** Sends the room's state changes at the end of this event-loop turn (once, however many). */
export function patchSoon(room: Room): void {
  if (pending.has(room)) return;
  pending.add(room);
  setImmediate(() => {
    pending.delete(room);
    room.broadcastPatch();
  });
}
