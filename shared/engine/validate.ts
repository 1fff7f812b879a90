/**
 * Legality of orders against the rules (after the zod shape check). Pure; errors as values with
 * stable codes. Checks run in a fixed order: phase → each action (known, yours, parameters,
 * duplicates) → the moratorium → the action-point budget (including enforcement upkeep).
 */
import { ACTION_TYPES, type ActionType } from "../orders.js";
import { isPower, type PowerId } from "../powers.js";
import { err, ok, type Result } from "../result.js";
import type { Scenario } from "../scenario/schema.js";
import { SUMMER_2017 } from "../scenario/summer2017.js";
import { COMMODITY_GROUPS, type GameState, type Orders, REGIONS } from "../state.js";
import { catalogueOf, upkeepCost } from "./catalogue.js";

const isLevel = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 100;

/** The key that makes two repeatable actions distinct (e.g. set_trade per commodity group). */
function repeatKey(a: Record<string, unknown>): string {
  return String(a.commodityGroup ?? a.target ?? a.entity ?? a.node ?? a.region ?? "");
}

function checkParams(state: GameState, power: PowerId, a: Record<string, unknown>): Result<true> {
  const type = a.type as ActionType;
  for (const k of ["announced", "target", "level"] as const) {
    if (k in a && typeof a[k] === "number" && !isLevel(a[k])) return err("bad_level", `${k} must be 0–100.`);
  }
  switch (type) {
    case "summit":
      if (!isPower(String(a.target)) || a.target === power)
        return err("bad_target", "A summit needs another power.");
      break;
    case "retaliate":
      if (a.target !== "US" && a.target !== "KR")
        return err("bad_target", "China retaliates against the US or South Korea.");
      break;
    case "set_trade":
      if (!(COMMODITY_GROUPS as readonly unknown[]).includes(a.commodityGroup))
        return err("bad_target", "Unknown commodity group.");
      break;
    case "intel_op":
    case "smuggling_op":
      if (!(REGIONS as readonly unknown[]).includes(a.region)) return err("bad_target", "Unknown region.");
      break;
    case "expose": {
      const node = state.illicit.nodes.find((n) => n.id === a.node);
      if (!node?.knownBy.includes(power))
        return err("bad_target", "You can only expose a node you have found.");
      break;
    }
    case "designate": {
      if (!state.scenario.entities.some((e) => e.id === a.entity))
        return err("bad_target", `Unknown entity "${String(a.entity)}".`);
      if (state.sanctions.designations.some((d) => d.entity === a.entity))
        return err("bad_target", "That entity is already designated.");
      break;
    }
    default:
      break;
  }
  return ok(true);
}

export function checkOrders(state: GameState, power: PowerId, orders: Orders): Result<Orders> {
  if (state.phase === "ended") return err("game_over", "The game is over.");
  if (state.phase !== "orders")
    return err("wrong_phase", `Orders are given in the orders phase, not ${state.phase}.`);
  if (!orders || !Array.isArray(orders.actions)) return err("bad_shape", "Orders need a list of actions.");
  const cat = catalogueOf(state.scenario);
  let spent = 0;
  const seen = new Set<string>();
  let enforcement = state.enforcement[power];
  let moratorium = state.policies[power].moratorium;
  let testing = false;
  for (const action of orders.actions) {
    const type = action?.type as ActionType;
    const spec = (ACTION_TYPES as readonly string[]).includes(type) ? cat[type] : undefined;
    if (!spec) return err("unknown_action", `Unknown action "${String(type)}".`);
    if (!spec.powers.includes(power)) return err("not_your_action", `${power} cannot take "${type}".`);
    const params = checkParams(state, power, action as unknown as Record<string, unknown>);
    if (!params.ok) return params;
    const key = spec.repeatable ? `${type}:${repeatKey(action as unknown as Record<string, unknown>)}` : type;
    if (seen.has(key)) return err("duplicate_action", `"${type}" is already in these orders.`);
    seen.add(key);
    spent += spec.cost;
    if (action.type === "set_enforcement")
      enforcement = { ...enforcement, target: action.target, sustain: action.sustain ?? false };
    if (action.type === "set_moratorium") moratorium = action.on;
    if (action.type === "missile_test" || action.type === "nuclear_test") testing = true;
  }
  if (testing && moratorium)
    return err("moratorium_in_force", "End the moratorium (in these orders) before testing.");
  const upkeep = enforcement.sustain ? upkeepCost(state, enforcement.target, enforcement.baseline) : 0;
  const budget = state.powers[power].actionPoints;
  if (spent + upkeep > budget)
    return err(
      "over_budget",
      `These orders cost ${spent} action points${upkeep ? ` plus ${upkeep} to sustain enforcement` : ""}; you have ${budget}.`,
    );
  return ok(orders);
}

/**
 * Action points these orders spend. Pass the power's own enforcement (from its state or its view)
 * to include the upkeep of a sustained target; the client does this to show the budget.
 */
export function ordersCost(
  orders: Orders,
  own?: { target?: number; baseline?: number; sustain?: boolean },
  scenario: Scenario = SUMMER_2017,
): number {
  const cat = catalogueOf(scenario);
  let target = own?.target ?? 0;
  let sustain = own?.sustain ?? false;
  let spent = 0;
  for (const a of orders.actions) {
    spent += cat[a.type]?.cost ?? 0;
    if (a.type === "set_enforcement") {
      target = a.target;
      sustain = a.sustain ?? false;
    }
  }
  const gap = target - (own?.baseline ?? 100);
  return spent + (sustain && gap > 0 ? Math.ceil(gap / scenario.rules.upkeepPerPoint) : 0);
}
