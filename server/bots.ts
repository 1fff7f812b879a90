/**
 * Bots in rooms: a bot decides from the same view a human in its seat would receive, through the
 * bot policies in shared/bots (the rule bot, or the planner tier). The server only schedules them.
 */
import { botPolicy } from "../shared/bots/index.js";
import type { BotPolicy } from "../shared/bots/simple.js";
import type { BotPersonality, BotTier, Input, PlayerView, PowerId } from "../shared/index.js";

const TIERED: Record<BotTier, BotPolicy> = { simple: botPolicy("simple"), planner: botPolicy("planner") };
let policy: BotPolicy | null = null;

/** Installs one policy for every bot (tests, experiments); `null` restores the tiered bots. */
export function setBotPolicy(p: BotPolicy | null): void {
  policy = p;
}

export function botInputs(
  view: PlayerView,
  power: PowerId,
  personality: BotPersonality,
  tier: BotTier = "simple",
): Input[] {
  return (policy ?? TIERED[tier])(view, power, personality);
}
