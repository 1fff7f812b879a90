/**
 * A hand-written copy of the parts of the state that a resolution or a Control command mutates in
 * place. structuredClone of the whole state (with its scenario) is ten times slower than the round
 * budget allows, so everything else is shared between the old and the new state:
 *
 * - items the engine never mutates after creation (resolutions, designations, drafts, history
 *   points, published statistics, Control records, matrix items, the scenario);
 * - the append-only logs (events, explanations, published, history, control, matrix, designations):
 *   whoever appends replaces the array (`s.history = [...s.history, point]`), never pushes into a
 *   shared one;
 * - fields the engine only ever replaces wholesale (missileDefence, intelNoise, drafts);
 * - proposals and agreements: resolveAgreements copies the ones it changes.
 *
 * The determinism and property tests check that no input state is ever mutated.
 */
import { byPower } from "../powers.js";
import type { GameState } from "../state.js";

export function copyState(s: GameState): GameState {
  return {
    ...s,
    powers: byPower((p) => ({ ...s.powers[p] })),
    enforcement: byPower((p) => ({ ...s.enforcement[p] })),
    policies: byPower((p) => ({ ...s.policies[p], trade: { ...s.policies[p].trade } })),
    programme: { ...s.programme },
    nk: { ...s.nk },
    relations: { ...s.relations },
    pressure: { ...s.pressure },
    flows: s.flows.map((f) => ({ ...f })),
    illicit: {
      ...s.illicit,
      nodes: s.illicit.nodes.map((n) => ({ ...n, knownBy: [...n.knownBy] })),
      regrowing: [...s.illicit.regrowing],
    },
    intel: { ...s.intel },
    tracks: { ...s.tracks, summits: [...s.tracks.summits] },
  };
}
