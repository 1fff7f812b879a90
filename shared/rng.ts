/**
 * The game's seeded PRNG (mulberry32). Its state is a plain uint32 kept in the game state, so
 * the engine stays a pure function: every draw returns the value and the next state.
 */

export interface Draw {
  /** Uniform in [0, 1). */
  value: number;
  next: number;
}

export function draw(rngState: number): Draw {
  const next = (rngState + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return { value, next };
}

/** Derives a uint32 seed from any string (FNV-1a), e.g. a game id. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
