/**
 * Integer helpers. The state holds integers only, and every rule rounds the same way (toward zero)
 * everywhere, so a game replays bit for bit on any machine.
 */
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
export const clamp100 = (x: number): number => clamp(Math.trunc(x), 0, 100);
/** `percent`% of an integer, truncated toward zero. */
export const pct = (value: number, percent: number): number => Math.trunc((value * percent) / 100);
/** Integer a·b/c, truncated toward zero; c must not be 0. */
export const mulDiv = (a: number, b: number, c: number): number => Math.trunc((a * b) / c);
