/** Integer helpers: the state holds integers only, so every rule rounds the same way everywhere. */
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
export const clamp100 = (x: number): number => clamp(Math.round(x), 0, 100);
/** Integer percentage of an integer, rounded half away from zero. */
export const pct = (value: number, percent: number): number => Math.round((value * percent) / 100);
