/**
 * Orders that keep the terms a bot has decided to keep (agreements in force, proposals it signs
 * this round). Breaking a term is simply not giving these orders, or giving contrary ones.
 */
import type { Action } from "../orders.js";
import type { Term, TermKind } from "../state.js";
import type { Wish } from "./builder.js";
import type { BotCtx } from "./context.js";

export const KEEP = 100;

export function keeps(ctx: BotCtx, kind: TermKind): Term | undefined {
  return ctx.keeps.find((t) => t.kind === kind && t.party === ctx.me);
}

/** The strongest level among kept terms of a kind (enforce, engagement, …). */
function level(
  ctx: BotCtx,
  kind: TermKind,
  pick: (a: number, b: number) => number,
  start: number,
): number | null {
  let out: number | null = null;
  for (const t of ctx.keeps)
    if (t.kind === kind && t.party === ctx.me) out = pick(out ?? start, t.level ?? 0);
  return out;
}

export function commitmentWishes(ctx: BotCtx): Wish[] {
  const { view, me } = ctx;
  const out: Wish[] = [];
  const add = (action: Action, priority = KEEP) => out.push({ action, priority });
  const own = view.enforcement[me];
  const pol = view.policies[me];
  const enforce = level(ctx, "enforce", Math.max, 0);
  const relief = level(ctx, "relief", Math.min, 100);
  if (enforce !== null && ((own.target ?? 0) < enforce || !own.sustain)) {
    add({
      type: "set_enforcement",
      announced: Math.max(own.announced, enforce),
      target: Math.max(enforce, Math.min(100, enforce + 5)),
      sustain: true,
    });
  } else if (relief !== null && (own.announced > relief || (own.target ?? 0) > relief)) {
    add({
      type: "set_enforcement",
      announced: Math.min(own.announced, relief),
      target: Math.min(own.target ?? 0, relief),
      sustain: false,
    });
  }
  if (keeps(ctx, "suspend_exercises") && pol.exercises) add({ type: "set_exercises", on: false });
  if (keeps(ctx, "aid")) add(me === "CN" ? { type: "buffer_aid" } : { type: "humanitarian_aid" });
  const engagement = level(ctx, "engagement", Math.max, 0);
  if (engagement !== null && (pol.trade?.goods ?? 0) < engagement)
    add({ type: "set_engagement", level: engagement });
  const cap = level(ctx, "fuel_cap", Math.min, 100);
  if (cap !== null && (pol.fuelSales ?? 0) > cap) add({ type: "set_fuel_sales", level: cap });
  for (const t of ctx.keeps)
    if (t.kind === "trade" && t.party === me && t.group && (pol.trade?.[t.group] ?? 0) < (t.level ?? 0))
      add({ type: "set_trade", commodityGroup: t.group, level: t.level ?? 0 });
  if (keeps(ctx, "no_tests") && !pol.moratorium) add({ type: "set_moratorium", on: true });
  if (keeps(ctx, "no_md_deployment") && me === "KR" && pol.mdConsent)
    add({ type: "set_md_consent", on: false });
  return out;
}
