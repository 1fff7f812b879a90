/**
 * Russia: trade with North Korea, a seat at every table, no resolution over its head (DESIGN §6).
 * Off-book fuel when China squeezes, hosting talks, mediation.
 */
import type { Wish } from "../builder.js";
import { keeps } from "../commitments.js";
import type { BotCtx } from "../context.js";

export function ruWishes(ctx: BotCtx): Wish[] {
  const { view, traits } = ctx;
  const out: Wish[] = [];
  const fuel = view.policies.RU.fuelSales ?? 50;
  if (!keeps(ctx, "fuel_cap") && fuel < 100)
    out.push({ action: { type: "set_fuel_sales", level: 100 }, priority: 70 });
  const hosted =
    view.events.some((e) => e.kind === "host_talks") ||
    view.objectives.RU?.some((o) => o.id === "ru-agreements" && o.status === "success");
  out.push({ action: { type: "host_talks" }, priority: hosted ? 25 : 75 });
  const squeeze = view.flows.some((f) => f.enforcedBy === "CN" && !f.fromKP && f.official < f.base * 0.8);
  out.push({ action: { type: "expand_rajin_link" }, priority: squeeze ? 55 : 20 + 20 * traits.aggression });
  out.push({ action: { type: "propose_mediation" }, priority: 30 + 20 * (1 - traits.aggression) });
  // Trade with North Korea (its first objective): open its own goods trade as far as it goes.
  if (!keeps(ctx, "trade"))
    for (const group of ["goods", "fuel"] as const)
      if ((view.policies.RU.trade?.[group] ?? 100) < 100)
        out.push({ action: { type: "set_trade", commodityGroup: group, level: 100 }, priority: 60 });
  for (const n of view.illicitNodes)
    if (n.region !== "vladivostok") out.push({ action: { type: "expose", node: n.id }, priority: 30 });
  out.push({ action: { type: "humanitarian_aid" }, priority: 22 });
  return out;
}
