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

/**
 * A shallow copy of a state, field by field in one fixed order. Every state the engine makes comes
 * from here, so all states share one hidden class: V8 then reads their fields and copies them on
 * its fast paths. Spreading (`{ ...state, x }`) gave a game's states dozens of hidden classes and
 * made every access to them megamorphic. Every field is required, so the compiler holds this list to
 * `GameState`; a test checks it keeps every key.
 */
export function cloneState(s: GameState): GameState {
  return {
    gameId: s.gameId,
    scenario: s.scenario,
    rng: s.rng,
    round: s.round,
    maxRounds: s.maxRounds,
    phase: s.phase,
    powers: s.powers,
    enforcement: s.enforcement,
    policies: s.policies,
    programme: s.programme,
    nk: s.nk,
    crisis: s.crisis,
    relations: s.relations,
    tension: s.tension,
    pressure: s.pressure,
    discontent: s.discontent,
    missileDefence: s.missileDefence,
    defences: s.defences,
    flows: s.flows,
    sanctions: s.sanctions,
    illicit: s.illicit,
    intel: s.intel,
    intelNoise: s.intelNoise,
    proposals: s.proposals,
    agreements: s.agreements,
    drafts: s.drafts,
    agendas: s.agendas,
    tracks: s.tracks,
    orders: s.orders,
    events: s.events,
    explanations: s.explanations,
    published: s.published,
    history: s.history,
    matrix: s.matrix,
    control: s.control,
    reflection: s.reflection,
    seq: s.seq,
    ending: s.ending,
  };
}

export function copyState(s: GameState): GameState {
  const n = cloneState(s);
  n.powers = byPower((p) => ({ ...s.powers[p] }));
  n.enforcement = byPower((p) => ({ ...s.enforcement[p] }));
  n.policies = byPower((p) => ({ ...s.policies[p], trade: { ...s.policies[p].trade } }));
  n.programme = { ...s.programme };
  n.nk = { ...s.nk };
  n.relations = { ...s.relations };
  n.pressure = { ...s.pressure };
  n.flows = s.flows.map((f) => ({ ...f }));
  n.illicit = {
    ...s.illicit,
    nodes: s.illicit.nodes.map((x) => ({ ...x, knownBy: [...x.knownBy] })),
    regrowing: [...s.illicit.regrowing],
  };
  n.intel = { ...s.intel };
  n.tracks = { ...s.tracks, summits: [...s.tracks.summits] };
  return n;
}
