/**
 * Close reasons the server gives with close code 4000 ("consented"). A leaf module (no zod), so the
 * lobby can read it without the schemas.
 *
 * `SEAT_TAKEN_OVER`: the same seat token joined from another tab or device; the newest connection
 * holds the seat, and the old one is told why it was closed.
 */
export const SEAT_TAKEN_OVER = "seat_taken_over";
