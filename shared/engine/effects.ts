/**
 * Immediate effects as data (catalogue entries, injects, Control's adjudications): one function
 * applies them all, so a tuned number in the scenario file changes the game without code.
 */
import { type PairKey, POWERS, type PowerId } from "../powers.js";
import type { Effects } from "../scenario/schema.js";
import { addCrisis, addRelation, type Ctx, only } from "./context.js";
import { clamp, clamp100 } from "./math.js";

export function applyEffects(
  ctx: Ctx,
  effects: Effects | undefined,
  actor: PowerId | null,
  label: string,
  target?: PowerId,
): void {
  if (!effects) return;
  const s = ctx.s;
  if (effects.crisis) addCrisis(ctx, actor, effects.crisis, label);
  if (effects.tension) s.tension = clamp100(s.tension + effects.tension);
  if (effects.readiness) s.programme.readiness = clamp100(s.programme.readiness + effects.readiness);
  for (const p of POWERS) {
    const e = effects.economy?.[p];
    if (e) s.powers[p].economy = clamp(s.powers[p].economy + e, 0, 200);
    const st = effects.stability?.[p];
    if (st) s.powers[p].stability = clamp100(s.powers[p].stability + st);
    const sd = effects.standing?.[p];
    if (sd) s.powers[p].standing = clamp100(s.powers[p].standing + sd);
  }
  if (effects.relations) {
    for (const [k, d] of Object.entries(effects.relations) as [PairKey, number][]) {
      const [a, b] = k.split("-") as [PowerId, PowerId];
      addRelation(s, a, b, d);
    }
  }
  if (actor && target && effects.withTarget) addRelation(s, actor, target, effects.withTarget);
  if (actor && effects.self) {
    const me = s.powers[actor];
    if (effects.self.economy) me.economy = clamp(me.economy + effects.self.economy, 0, 200);
    if (effects.self.stability) me.stability = clamp100(me.stability + effects.self.stability);
    if (effects.self.standing) me.standing = clamp100(me.standing + effects.self.standing);
  }
  if (effects.nk) {
    const nk = effects.nk;
    if (nk.currency) {
      ctx.nkGain.currency += nk.currency;
      ctx.nkGain.parts.push({ why: "label", label, delta: nk.currency, visibleTo: only("KP") });
    }
    if (nk.fuel) ctx.nkGain.fuel += nk.fuel;
    if (nk.food) ctx.nkGain.food += nk.food;
    if (nk.stability) s.powers.KP.stability = clamp100(s.powers.KP.stability + nk.stability);
  }
}

/** Applies effects outside a resolution (injects, Control): currency/fuel/food land at once. */
export function applyEffectsNow(ctx: Ctx, effects: Effects, actor: PowerId | null, label: string): void {
  applyEffects(ctx, effects, actor, label);
  const nk = ctx.s.nk;
  nk.currency = Math.max(0, nk.currency + ctx.nkGain.currency);
  nk.fuel = Math.max(0, nk.fuel + ctx.nkGain.fuel);
  nk.food = clamp100(nk.food + ctx.nkGain.food);
  ctx.nkGain = { currency: 0, food: 0, fuel: 0, parts: [] };
}
