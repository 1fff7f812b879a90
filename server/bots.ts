/**
 * Bots in rooms: a bot decides from the same view a human in its seat would receive, through the
 * engine's bot policies in shared/bots. The server only schedules them.
 */
import type { BotPersonality, Input, PlayerView, PowerId } from "../shared/index.js";

export type BotPolicy = (view: PlayerView, power: PowerId, personality: BotPersonality) => Input[];

let policy: BotPolicy = () => [];

/** Installs the policy bots use (set at start-up from shared/bots). */
export function setBotPolicy(p: BotPolicy): void {
  policy = p;
}

export function botInputs(view: PlayerView, power: PowerId, personality: BotPersonality): Input[] {
  return policy(view, power, personality);
}
