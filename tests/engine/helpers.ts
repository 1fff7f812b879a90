/** Test helpers: play a scripted game from the scenario, round by round, through `step` only. */
import { mixedPersonalities } from "../../shared/bots/selfplay.js";
import {
  type Action,
  type Actor,
  type ByPower,
  type GameState,
  type Input,
  newGame,
  POWERS,
  type PowerId,
  simpleBot,
  step,
  viewFor,
} from "../../shared/index.js";

export interface RoundScript {
  /** Inputs during diplomacy (proposals, UN, Control). */
  diplomacy?: [Actor, Input][];
  /** Orders per power (powers not listed keep their standing orders). */
  orders?: Partial<ByPower<Action[]>>;
}

export function must(state: GameState, actor: Actor, input: Input): GameState {
  const r = step(state, actor, input);
  if (!r.ok) throw new Error(`${actor} ${input.type}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/**
 * Plays `rounds` rounds; `script(round, state)` gives each round's inputs. Returns the state after
 * each resolution (index 0 = the start), so tests can read the trajectory.
 */
export function play(
  rounds: number,
  script: (round: number, s: GameState) => RoundScript,
  opts: { seed?: number; maxRounds?: number; bots?: PowerId[] } = {},
): GameState[] {
  let s = newGame({ gameId: "test", seed: opts.seed ?? 1, maxRounds: opts.maxRounds ?? 12 });
  const states = [s];
  for (let r = 1; r <= rounds && s.phase !== "ended"; r++) {
    const sc = script(r, s);
    for (const [actor, input] of sc.diplomacy ?? []) s = must(s, actor, input);
    for (const p of opts.bots ?? [])
      for (const input of simpleBot(viewFor(s, p), p)) s = tryStep(s, p, input);
    s = must(s, "SYSTEM", { type: "advance_phase" });
    for (const p of POWERS) {
      const actions = sc.orders?.[p];
      if (actions) s = must(s, p, { type: "submit_orders", orders: { actions } });
    }
    for (const p of opts.bots ?? [])
      for (const input of simpleBot(viewFor(s, p), p)) s = tryStep(s, p, input);
    s = must(s, "SYSTEM", { type: "advance_phase" });
    states.push(s);
  }
  return states;
}

export function tryStep(s: GameState, actor: Actor, input: Input): GameState {
  const r = step(s, actor, input);
  return r.ok ? r.value : s;
}

export const last = <T>(xs: readonly T[]): T => xs[xs.length - 1]!;

/** Official trade China polices (border trade), $M per quarter. */
export const chinaOfficial = (s: GameState): number =>
  s.flows.filter((f) => f.enforcedBy === "CN").reduce((n, f) => n + f.official, 0);

export const illicitCapacity = (s: GameState): number => s.illicit.nodes.reduce((n, x) => n + x.capacity, 0);

/** Every state of a short bot-played game (3 rounds, mixed personalities), input by input. */
export function trajectory(prefix: string, seed: number): GameState[] {
  const pers = mixedPersonalities(seed);
  let s = newGame({ gameId: `${prefix}-${seed}`, seed, maxRounds: 3 });
  const states = [s];
  while (s.phase !== "ended") {
    for (const p of POWERS)
      for (const input of simpleBot(viewFor(s, p), p, pers[p])) {
        const r = step(s, p, input);
        if (r.ok && r.value !== s) {
          s = r.value;
          states.push(s);
        }
      }
    const r = step(s, "SYSTEM", { type: "advance_phase" });
    if (!r.ok) throw new Error(r.error.code);
    s = r.value;
    states.push(s);
  }
  return states;
}
