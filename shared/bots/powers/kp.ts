/**
 * North Korea: survive, show stage 5 and win relief, keep hard currency (DESIGN §6). Test until the
 * range is shown, then trade tests for talks and relief; cash from theft, workers and smuggling.
 */
import type { Wish } from "../builder.js";
import { keeps } from "../commitments.js";
import { agendaId, type BotCtx, happened, squeezed as wasSqueezed } from "../context.js";

export function kpWishes(ctx: BotCtx): Wish[] {
  const { view, traits, rand } = ctx;
  const out: Wish[] = [];
  const prog = view.programme;
  const nk = view.nk;
  const agenda = agendaId(view, "KP");
  const bound = keeps(ctx, "no_tests") !== undefined;
  const moratorium = view.policies.KP.moratorium === true;
  const wantReadiness = agenda === "kp-agenda-readiness" ? 75 : 40 + 40 * traits.aggression;
  const wantsTest = !bound && (prog.stage < 5 || prog.readiness < wantReadiness);
  const cash = nk?.currency ?? 500;
  // Pressure breeds defiance: a hawk does not offer a moratorium while it is being squeezed.
  const squeezed = wasSqueezed(view);
  const defiant = traits.aggression > 0.6 && squeezed;
  const room = view.crisis < traits.crisisCeiling;
  // A hawk answers a squeeze with a warhead test (as in September 2017), moratorium or not.
  const nuke =
    !bound &&
    cash > 150 &&
    traits.aggression > 0.6 &&
    room &&
    (agenda === "kp-agenda-readiness" || (squeezed && rand("nuke") < 0.5));
  if (wantsTest && cash > 60) {
    const p = prog.stage < 5 ? 90 : 45 + 30 * traits.aggression;
    if (moratorium) out.push({ action: { type: "set_moratorium", on: false }, priority: p + 1 });
    out.push({ action: { type: "missile_test" }, priority: p });
  } else if (!moratorium && prog.stage >= 5 && !wantsTest && !defiant)
    out.push({ action: { type: "set_moratorium", on: true }, priority: room ? 50 : 70 });
  if (nuke) {
    if (moratorium) out.push({ action: { type: "set_moratorium", on: false }, priority: 41 });
    out.push({ action: { type: "nuclear_test" }, priority: 40 });
  }
  if (cash < 480) out.push({ action: { type: "cyber_theft" }, priority: 60 + (cash < 300 ? 20 : 0) });
  if ((view.policies.KP.trade?.labour ?? 100) < 100)
    out.push({ action: { type: "send_labourers", level: 100 }, priority: 55 });
  out.push({
    action: { type: "smuggling_op", region: rand("smug") < 0.5 ? "east_china_sea" : "yellow_sea" },
    priority: 35,
  });
  out.push({ action: { type: "smuggling_op", region: "finance" }, priority: 30 });
  if (prog.stage >= 5 && (agenda === "kp-agenda-summit" || happened(view, "talks_offered")))
    out.push({ action: { type: "summit", target: "US" }, priority: 65 });
  if (happened(view, "talks_offered")) out.push({ action: { type: "summit", target: "KR" }, priority: 40 });
  // Brinkmanship: a hawk answers squeezes and shows of force with threats up to close to the brink,
  // not knowing what Washington orders in the same round; a pragmatist only when squeezed.
  const threat = (traits.aggression > 0.6 ? 0.6 : 0) + (squeezed ? 0.4 * traits.aggression : 0);
  if (room && rand("threat") < threat)
    out.push({ action: { type: "threaten_seoul" }, priority: 25 + 30 * traits.aggression });
  return out;
}
