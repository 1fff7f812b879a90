/**
 * "Every change is explained" (DESIGN §5): each index that moves gets an explanation whose parts
 * say why, each part tagged with who may read it. The owner reads the cause ("your achieved
 * enforcement 35 → 60"); others read what they could observe (an implied range).
 */
import type { Reason, Visibility } from "../state.js";
import type { Ctx } from "./context.js";

export function explain(
  ctx: Ctx,
  index: string,
  from: number,
  to: number,
  visibleTo: Visibility,
  parts: Reason[],
): void {
  if (from === to && parts.length === 0) return;
  ctx.s.explanations.push({ round: ctx.round, index, from, to, visibleTo, parts });
}

const KEYS = new Map<string, Map<string, string>>();
/** `${kind}:${id}` ("flow:kp-cn-coal"), built once per pair: the same few keys recur every round. */
export function indexKey(kind: string, id: string): string {
  let m = KEYS.get(kind);
  if (!m) {
    m = new Map();
    KEYS.set(kind, m);
  }
  let k = m.get(id);
  if (k === undefined) {
    k = `${kind}:${id}`;
    m.set(id, k);
  }
  return k;
}

/** Signed percentage change, e.g. "−40%". */
export function pctChange(from: number, to: number): string {
  if (from === 0) return to === 0 ? "±0%" : "new";
  const p = Math.trunc(((to - from) * 100) / from);
  return p > 0 ? `+${p}%` : p < 0 ? `−${-p}%` : "±0%";
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "±0";
}
