/**
 * Bots in rooms: a bot decides from the same view a human in its seat would receive, through the
 * engine's bot policies in shared/bots. The server only schedules them.
 */
import type { BotPolicy } from "../shared/bots/simple.js";
import { simpleBot } from "../shared/bots/simple.js";
import type { BotPersonality, Input, PlayerView, PowerId } from "../shared/index.js";

let policy: BotPolicy = simpleBot;

/** Installs the policy bots use (the simple bot unless replaced, e.g. by a stronger tier). */
export function setBotPolicy(p: BotPolicy): void {
  policy = p;
}

export function botInputs(view: PlayerView, power: PowerId, personality: BotPersonality): Input[] {
  return policy(view, power, personality);
}
