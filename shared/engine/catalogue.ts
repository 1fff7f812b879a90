/** The action catalogue: who may take each action and what it costs. */
import type { PowerId } from "../powers.js";
import type { ActionType } from "../state.js";

export interface ActionSpec {
  type: ActionType;
  cost: number;
  powers: readonly PowerId[];
  /** One plain-language line for the orders panel. */
  effect: string;
}

export const CATALOGUE: Record<ActionType, ActionSpec> = {
  set_enforcement: {
    type: "set_enforcement",
    cost: 1,
    powers: ["US", "CN", "RU", "KR"],
    effect: "Announce a sanctions enforcement level and set the level you aim to achieve.",
  },
  missile_test: {
    type: "missile_test",
    cost: 2,
    powers: ["KP"],
    effect: "Test a missile: may advance the range stage; raises the crisis level.",
  },
};

export function actionsFor(power: PowerId): ActionSpec[] {
  return Object.values(CATALOGUE).filter((a) => a.powers.includes(power));
}
