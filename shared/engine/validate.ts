/** Legality of orders against the rules (after the zod shape check). Pure; errors as values. */
import type { PowerId } from "../powers.js";
import { err, ok, type Result } from "../result.js";
import type { GameState, Orders } from "../state.js";
import { CATALOGUE } from "./catalogue.js";

export function checkOrders(state: GameState, power: PowerId, orders: Orders): Result<Orders> {
  if (state.phase === "ended") return err("game_over", "The game is over.");
  if (state.phase !== "orders")
    return err("wrong_phase", `Orders are given in the orders phase, not ${state.phase}.`);
  let spent = 0;
  const seen = new Set<string>();
  for (const action of orders.actions) {
    const spec = CATALOGUE[action.type];
    if (!spec) return err("unknown_action", `Unknown action "${String(action.type)}".`);
    if (!spec.powers.includes(power)) return err("not_your_action", `${power} cannot take "${action.type}".`);
    if (seen.has(action.type)) return err("duplicate_action", `"${action.type}" is already in these orders.`);
    seen.add(action.type);
    spent += spec.cost;
  }
  const budget = state.powers[power].actionPoints;
  if (spent > budget)
    return err("over_budget", `These orders cost ${spent} action points; you have ${budget}.`);
  return ok(orders);
}

export function ordersCost(orders: Orders): number {
  return orders.actions.reduce((sum, a) => sum + (CATALOGUE[a.type]?.cost ?? 0), 0);
}
