/**
 * Why the server closed this page's room connection, as far as the screen needs to say it: another
 * tab or device took the seat (close reason `SEAT_TAKEN_OVER`, docs/PROTOCOL.md). Registered on the
 * room before the session's own handlers, so the reason is known when the session reports "closed".
 */
import type { Room } from "@colyseus/sdk";
import { SEAT_TAKEN_OVER } from "../shared/closeReasons.js";

let takenOver = false;

export function watchLeave(room: Room): void {
  takenOver = false;
  room.onLeave((_code: number, reason?: string) => {
    takenOver = reason === SEAT_TAKEN_OVER;
  });
}

/** The last connection was closed because the same seat was opened elsewhere. */
export function seatTakenOver(): boolean {
  return takenOver;
}
