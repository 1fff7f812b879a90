/**
 * A hand-written copy of the parts of the state that a resolution mutates. structuredClone of the
 * whole state (with its scenario) is ten times slower than the round budget allows, so items the
 * engine never mutates after creation (resolutions, designations, history points, published
 * statistics, Control records, the scenario) are shared between the old and the new state.
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
    missileDefence: { ...s.missileDefence },
    flows: s.flows.map((f) => ({ ...f })),
    sanctions: { resolutions: [...s.sanctions.resolutions], designations: [...s.sanctions.designations] },
    illicit: {
      ...s.illicit,
      nodes: s.illicit.nodes.map((n) => ({ ...n, knownBy: [...n.knownBy] })),
      regrowing: [...s.illicit.regrowing],
    },
    intel: { ...s.intel },
    intelNoise: { ...s.intelNoise },
    proposals: s.proposals.map((p) => ({ ...p })),
    agreements: s.agreements.map((a) => ({ ...a })),
    drafts: s.drafts.map((d) => ({ ...d, votes: { ...d.votes } })),
    tracks: {
      ...s.tracks,
      summits: [...s.tracks.summits],
      agreementsJoined: { ...s.tracks.agreementsJoined },
    },
    events: [...s.events],
    explanations: [...s.explanations],
    published: [...s.published],
    history: [...s.history],
    matrix: s.matrix.map((m) => ({ ...m })),
    control: [...s.control],
  };
}
