/**
 * "Every change is explained" (DESIGN §5): each index that moves gets an explanation whose parts
 * say why, each part tagged with who may read it. The owner reads the cause ("your achieved
 * enforcement 35 → 60"); others read what they could observe (an implied range).
 */
import type { ExplanationPart, Visibility } from "../state.js";
import type { Ctx } from "./context.js";

export function explain(
  ctx: Ctx,
  index: string,
  from: number,
  to: number,
  visibleTo: Visibility,
  parts: ExplanationPart[],
): void {
  if (from === to && parts.length === 0) return;
  ctx.s.explanations.push({ round: ctx.round, index, from, to, visibleTo, parts });
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
