/**
 * The action catalogue: who may take each action, what it costs and what it does. The entries are
 * data in the scenario file; this module looks them up and computes the per-round upkeep of a
 * sustained enforcement target.
 */

import type { ActionType } from "../orders.js";
import type { PowerId } from "../powers.js";
import type { ActionSpec, Scenario } from "../scenario/schema.js";
import { SUMMER_2017 } from "../scenario/summer2017.js";
import type { GameState } from "../state.js";

export type { ActionSpec };

const cache = new WeakMap<Scenario, Record<string, ActionSpec>>();

/** The catalogue of a scenario, keyed by action type. */
export function catalogueOf(scenario: Scenario = SUMMER_2017): Record<ActionType, ActionSpec> {
  let c = cache.get(scenario);
  if (!c) {
    c = Object.fromEntries(scenario.actions.map((a) => [a.type, a]));
    cache.set(scenario, c);
  }
  return c as Record<ActionType, ActionSpec>;
}

/** The default scenario's catalogue (for the client's orders panel and RULES.md). */
export const CATALOGUE: Record<ActionType, ActionSpec> = catalogueOf(SUMMER_2017);

export function actionsFor(power: PowerId, scenario: Scenario = SUMMER_2017): ActionSpec[] {
  return scenario.actions.filter((a) => a.powers.includes(power));
}

/**
 * Action points per round it costs to hold achieved enforcement at `target` above `baseline`:
 * one point per `upkeepPerPoint` (rounded up). The fade is this cost going unpaid (DESIGN §5.2).
 */
export function upkeepCost(state: GameState, target: number, baseline: number): number {
  const gap = target - baseline;
  if (gap <= 0) return 0;
  return Math.ceil(gap / state.scenario.rules.upkeepPerPoint);
}
