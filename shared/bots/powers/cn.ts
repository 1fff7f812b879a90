/**
 * China: keep North Korea stable, keep its banks out of US sanctions, no more missile defence, and
 * its own stability (DESIGN §6). Optics after a test, enforcement it pays for only when a deal asks.
 */
import type { Wish } from "../builder.js";
import { keeps } from "../commitments.js";
import { type BotCtx, happened, kpStability, testedLately } from "../context.js";

export function cnWishes(ctx: BotCtx): Wish[] {
  const { view, traits, rand } = ctx;
  const out: Wish[] = [];
  const e = view.enforcement.CN;
  const kp = kpStability(view);
  if (kp < 42) out.push({ action: { type: "buffer_aid" }, priority: 85 });
  else if (kp < 50) out.push({ action: { type: "buffer_aid" }, priority: 50 });
  if (!keeps(ctx, "enforce") && e.sustain)
    out.push({
      action: { type: "set_enforcement", announced: e.announced, target: e.baseline ?? 30, sustain: false },
      priority: 70,
    });
  else if (
    !keeps(ctx, "enforce") &&
    !keeps(ctx, "relief") &&
    testedLately(view) &&
    rand("optics") < 1 - traits.aggression / 2
  )
    out.push({
      action: {
        type: "set_enforcement",
        announced: Math.min(100, e.announced + 15),
        target: Math.min(100, (e.actual ?? 30) + 15),
        sustain: false,
      },
      priority: 40,
    });
  if (happened(view, "md_deployed") && traits.aggression > 0.3)
    out.push({ action: { type: "retaliate", target: "KR" }, priority: 45 });
  if (view.powers.CN.stability < 72 && traits.aggression > 0.5)
    out.push({ action: { type: "scs_patrol" }, priority: 25 });
  if ((view.policies.CN.inspections ?? 20) > 20)
    out.push({ action: { type: "set_inspections", level: 20 }, priority: 30 });
  for (const n of view.illicitNodes)
    if (n.region !== "dandong") out.push({ action: { type: "expose", node: n.id }, priority: 35 });
  out.push({ action: { type: "intel_op", region: "east_china_sea" }, priority: 22 });
  out.push({ action: { type: "humanitarian_aid" }, priority: 30 });
  if (happened(view, "talks_offered")) out.push({ action: { type: "summit", target: "US" }, priority: 20 });
  return out;
}
