/**
 * Self-play: a full game with a bot in every seat, through `step` and `viewFor` only (the same
 * path a server room takes). Used by the simulator, the benchmark and the balance tests.
 */
import { type Input, step } from "../engine/step.js";
import { hashOf } from "../hash.js";
import { type ByPower, byPower, POWERS, type PowerId } from "../powers.js";
import { BOT_PERSONALITIES, type BotPersonality } from "../protocol.js";
import { draw, seedFrom } from "../rng.js";
import { newGame } from "../scenario.js";
import type { GameState } from "../state.js";
import { viewFor } from "../view.js";
import { type BotPolicy, simpleBot } from "./simple.js";

export interface SelfPlayOptions {
  gameId: string;
  seed: number;
  maxRounds?: number;
  personalities?: ByPower<BotPersonality>;
  policy?: BotPolicy;
  /** A policy per seat (overrides `policy`), e.g. mixed tiers in the balance runs. */
  policies?: Partial<ByPower<BotPolicy>>;
  /** The engine's `step`, or a wrapper of it (the benchmark times each round's resolution). */
  step?: typeof step;
}

/** Personalities for a game, mixed deterministically from its seed. */
export function mixedPersonalities(seed: number): ByPower<BotPersonality> {
  let rng = seed >>> 0;
  return byPower(() => {
    const d = draw(rng);
    rng = d.next;
    return BOT_PERSONALITIES[Math.floor(d.value * BOT_PERSONALITIES.length)]!;
  });
}

function botTurn(
  s: GameState,
  p: PowerId,
  policy: BotPolicy,
  pers: BotPersonality,
  stepFn: typeof step,
): GameState {
  for (const input of policy(viewFor(s, p), p, pers) as Input[]) {
    const r = stepFn(s, p, input);
    if (r.ok) s = r.value;
    if (s.phase === "ended") break;
  }
  return s;
}

/** Plays one game to its end and returns the final state. */
export function selfPlay(opts: SelfPlayOptions): GameState {
  const policy = opts.policy ?? simpleBot;
  const pers = opts.personalities ?? mixedPersonalities(opts.seed);
  const stepFn = opts.step ?? step;
  let s = newGame({ gameId: opts.gameId, seed: opts.seed, maxRounds: opts.maxRounds ?? 8 });
  while (s.phase !== "ended") {
    for (const p of POWERS) {
      s = botTurn(s, p, opts.policies?.[p] ?? policy, pers[p], stepFn);
      if (s.phase === "ended") return s;
    }
    const r = stepFn(s, "SYSTEM", { type: "advance_phase" });
    if (!r.ok) throw new Error(`selfPlay: ${r.error.code}`);
    s = r.value;
  }
  return s;
}

/** Every state a self-play game goes through, one after each accepted input, in order. */
export function selfPlayStates(opts: SelfPlayOptions): GameState[] {
  const states: GameState[] = [];
  const stepFn = opts.step ?? step;
  selfPlay({
    ...opts,
    step: (s, actor, input) => {
      const r = stepFn(s, actor, input);
      if (r.ok) states.push(r.value);
      return r;
    },
  });
  return states;
}

/** A fingerprint of a final state (the scenario, shared by every game, is named, not hashed). */
export function fingerprint(s: GameState): string {
  return hashOf({ ...s, scenario: s.scenario.id });
}

/** Seed of the i-th game of a simulator run. */
export function gameSeed(runSeed: number, i: number): number {
  return seedFrom(`${runSeed}:${i}`);
}
