/**
 * Bot personalities (DESIGN §9): three temperaments that shift the same strategies' thresholds.
 * A hawk squeezes, escalates and breaks costly promises; a dove engages, signs and keeps its word;
 * a pragmatist weighs each case. The numbers are the only difference between them.
 */
import type { BotPersonality } from "../protocol.js";

export interface Traits {
  /** Chance (0–1) of keeping a costly promise each round it binds. */
  honour: number;
  /** Net value (objective points) a proposal must bring before this bot signs it. */
  acceptAbove: number;
  /** Chance (0–1) of making a proposal when one would serve it. */
  initiative: number;
  /** Appetite for escalation (shows of force, tests, threats, designations): 0–1. */
  aggression: number;
  /**
   * Crisis level above which the bot stops adding to the crisis (and, for the others, starts
   * easing it). A hawk's is close to the brink: two hawks who each think the other will stop first
   * can push the crisis past it together, since orders are simultaneous.
   */
  crisisCeiling: number;
  /** UN: the strongest draft China or Russia lets through unamended; the US's tabling strength. */
  unStrength: number;
}

export const TRAITS: Record<BotPersonality, Traits> = {
  hawk: { honour: 0.6, acceptAbove: 1, initiative: 0.35, aggression: 0.8, crisisCeiling: 88, unStrength: 90 },
  pragmatist: {
    honour: 0.85,
    acceptAbove: 0.5,
    initiative: 0.55,
    aggression: 0.45,
    crisisCeiling: 70,
    unStrength: 70,
  },
  dove: {
    honour: 0.97,
    acceptAbove: 0,
    initiative: 0.75,
    aggression: 0.15,
    crisisCeiling: 55,
    unStrength: 50,
  },
};
