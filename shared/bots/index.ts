/**
 * Bots for every seat (DESIGN §9). `botPolicy(tier, personality)` gives a `BotPolicy`: a function of
 * the seat's `PlayerView` alone, so a bot cannot see more than a human in its seat.
 *
 * - "simple": the rule bot (per-power strategies, negotiation, personality).
 * - "planner": the rule bot's diplomacy, with orders chosen by looking ahead with the engine over
 *   sampled guesses of what the seat cannot see.
 */
import type { Input } from "../engine/step.js";
import type { PowerId } from "../powers.js";
import { BOT_TIERS, type BotPersonality, type BotTier } from "../protocol.js";
import type { PlayerView } from "../view.js";
import { plannerBot } from "./planner.js";
import { ruleBot } from "./rules.js";
import type { BotPolicy } from "./simple.js";

export type { BotPolicy };
export { BOT_TIERS, type BotTier, plannerBot, ruleBot };

/** The policy for a tier; the personality passed by the caller wins over the default given here. */
export function botPolicy(tier: BotTier = "simple", personality: BotPersonality = "pragmatist"): BotPolicy {
  const decide = tier === "planner" ? plannerBot : ruleBot;
  return (view: PlayerView, power: PowerId, p?: BotPersonality): Input[] =>
    decide(view, power, p ?? personality);
}
