/**
 * Turns a bot's wishes into legal orders: actions in priority order, each taken if the budget
 * (action points minus the upkeep of sustained enforcement) still allows it and it does not repeat
 * an action the rules allow only once. Legality is checked here against the view, with the same
 * rules `checkOrders` applies to the state, so a bot never sends orders the engine would refuse.
 */
import { catalogueOf } from "../engine/catalogue.js";
import type { Action } from "../orders.js";
import type { PowerId } from "../powers.js";
import { SUMMER_2017 } from "../scenario/summer2017.js";
import type { PlayerView } from "../view.js";

export interface Wish {
  action: Action;
  /** Higher first. */
  priority: number;
}

const CAT = catalogueOf(SUMMER_2017);

function repeatKey(a: Action): string {
  const r = a as Record<string, unknown>;
  const spec = CAT[a.type];
  return spec.repeatable
    ? `${a.type}:${String(r.commodityGroup ?? r.target ?? r.entity ?? r.node ?? r.region ?? "")}`
    : a.type;
}

/** Whether the action is one this seat may take now (ownership, known targets). */
export function allowed(view: PlayerView, me: PowerId, a: Action): boolean {
  const spec = CAT[a.type];
  if (!spec?.powers.includes(me)) return false;
  switch (a.type) {
    case "summit":
      return a.target !== me;
    case "expose":
      return me !== "KP" && view.illicitNodes.some((n) => n.id === a.node);
    case "designate":
      return (
        SUMMER_2017.entities.some((e) => e.id === a.entity) &&
        !view.sanctions.designations.some((d) => d.entity === a.entity)
      );
    default:
      return true;
  }
}

/** Greedy fill: wishes by priority, within the budget, legal and without duplicates. */
export function build(view: PlayerView, me: PowerId, wishes: readonly Wish[]): Action[] {
  const sorted = [...wishes].sort((a, b) => b.priority - a.priority);
  const budget = view.budget?.actionPoints ?? view.powers[me].actionPoints;
  const own = view.enforcement[me];
  const baseline = own.baseline ?? 0;
  let target = own.target ?? 0;
  let sustain = own.sustain ?? false;
  let moratorium = view.policies[me].moratorium === true;
  let spent = 0;
  const seen = new Set<string>();
  const out: Action[] = [];
  // The same rule as engine/catalogue.ts upkeepCost, computed from the seat's own baseline.
  const upkeep = (t: number, s: boolean) =>
    s && t > baseline ? Math.ceil((t - baseline) / SUMMER_2017.rules.upkeepPerPoint) : 0;
  for (const { action } of sorted) {
    if (!allowed(view, me, action)) continue;
    const key = repeatKey(action);
    if (seen.has(key)) continue;
    const cost = CAT[action.type].cost;
    let t = target;
    let s = sustain;
    if (action.type === "set_enforcement") {
      t = action.target;
      s = action.sustain ?? false;
    }
    if (spent + cost + upkeep(t, s) > budget) continue;
    if ((action.type === "missile_test" || action.type === "nuclear_test") && moratorium) continue;
    if (
      action.type === "set_moratorium" &&
      action.on &&
      out.some((x) => x.type === "missile_test" || x.type === "nuclear_test")
    )
      continue;
    if (action.type === "set_moratorium") moratorium = action.on;
    seen.add(key);
    spent += cost;
    target = t;
    sustain = s;
    out.push(action);
  }
  return out;
}
