/**
 * South Korea: a low crisis and no war, an economy that survives Chinese retaliation, inter-Korean
 * agreements (DESIGN §6). Engagement, restraint on exercises and missile defence, ties with Beijing.
 */
import type { Wish } from "../builder.js";
import { keeps } from "../commitments.js";
import { agendaId, type BotCtx, happened } from "../context.js";

export function krWishes(ctx: BotCtx): Wish[] {
  const { view, traits } = ctx;
  const out: Wish[] = [];
  const pol = view.policies.KR;
  const aggr = traits.aggression;
  const engage = view.crisis < 65 && aggr < 0.6 ? 25 : 0;
  if ((pol.trade?.goods ?? 0) < engage)
    out.push({ action: { type: "set_engagement", level: engage }, priority: 45 });
  const postpone = !keeps(ctx, "suspend_exercises") && (aggr < 0.3 || view.crisis > 55);
  if (postpone && pol.exercises) out.push({ action: { type: "set_exercises", on: false }, priority: 40 });
  if (!postpone && !pol.exercises && !keeps(ctx, "suspend_exercises") && aggr > 0.6)
    out.push({ action: { type: "set_exercises", on: true }, priority: 30 });
  if (pol.mdConsent && aggr < 0.6) out.push({ action: { type: "set_md_consent", on: false }, priority: 35 });
  if (view.relations["CN-KR"] < 10 || view.powers.KR.economy < 100)
    out.push({ action: { type: "engage_china" }, priority: 50 });
  if (happened(view, "talks_offered") || agendaId(view, "KR") === "kr-agenda-summit")
    out.push({ action: { type: "summit", target: "KP" }, priority: 55 });
  if (view.crisis > 65) out.push({ action: { type: "strengthen_defences" }, priority: 60 });
  out.push({ action: { type: "humanitarian_aid" }, priority: 30 });
  return out;
}
