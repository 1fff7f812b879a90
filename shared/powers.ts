/** The five powers, their seats, and the typed maps keyed by them. */

export const POWERS = ["US", "CN", "RU", "KP", "KR"] as const;
export type PowerId = (typeof POWERS)[number];

/** A seat at the table: a power, the facilitator ("Control"), or a read-only observer. */
export const SEATS = [...POWERS, "CONTROL", "OBSERVER"] as const;
export type Seat = (typeof SEATS)[number];

export type ByPower<T> = { [P in PowerId]: T };

export function isPower(seat: string): seat is PowerId {
  return (POWERS as readonly string[]).includes(seat);
}

export function byPower<T>(make: (p: PowerId) => T): ByPower<T> {
  return { US: make("US"), CN: make("CN"), RU: make("RU"), KP: make("KP"), KR: make("KR") };
}

/** Unordered pair key for relations, e.g. "CN-US" (alphabetical). */
export type PairKey = `${PowerId}-${PowerId}`;
export function pairKey(a: PowerId, b: PowerId): PairKey {
  return (a < b ? `${a}-${b}` : `${b}-${a}`) as PairKey;
}
export const PAIRS: readonly PairKey[] = POWERS.flatMap((a, i) =>
  POWERS.slice(i + 1).map((b) => pairKey(a, b)),
);
