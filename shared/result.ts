/** Errors are values with stable codes; the engine throws only for programmer bugs. */

export const ERROR_CODES = [
  "bad_shape",
  "not_a_power",
  "wrong_phase",
  "unknown_action",
  "not_your_action",
  "over_budget",
  "bad_target",
  "bad_level",
  "duplicate_action",
  "game_over",
  "control_only",
  "not_found",
  "not_party",
  "already_decided",
  "seat_taken",
  "rate_limited",
  "not_seated",
  "bad_terms",
  "not_p5",
  "not_amendable",
  "moratorium_in_force",
  "needs_reason",
  "bad_effects",
  "muted",
  /** A join of a game that has ended: its record and debrief stay available. */
  "game_ended",
  /** The store refused a write: nothing was applied; try again (the server recovers with the disk). */
  "storage_unavailable",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface EngineError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: EngineError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(code: ErrorCode, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});
