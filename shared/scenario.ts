/**
 * Scenarios and a new game. The scenario data lives in `scenario/` (schema and "Summer 2017");
 * this module turns a scenario into the state of round 1.
 */

import { cloneState } from "./engine/copy.js";
import { baselineOf } from "./engine/enforcement.js";
import { historyPoint } from "./engine/resolve.js";
import { officialVolume } from "./engine/trade.js";
import { byPower, type PairKey, POWERS, type PowerId } from "./powers.js";
import { draw } from "./rng.js";
import type { Scenario } from "./scenario/schema.js";
import { SUMMER_2017 } from "./scenario/summer2017.js";
import type { Flow, GameState } from "./state.js";

export { loadScenario, type Scenario, ScenarioSchema } from "./scenario/schema.js";
export { SUMMER_2017 };

export interface NewGameOptions {
  gameId: string;
  seed: number;
  maxRounds?: number;
  scenario?: Scenario;
}

/** A fresh game at round 1, diplomacy phase. Secret agendas are drawn with the game's PRNG. */
export function newGame({ gameId, seed, maxRounds = 8, scenario = SUMMER_2017 }: NewGameOptions): GameState {
  const sp = (id: PowerId) => scenario.powers[id];
  let rng = seed >>> 0;
  const agendas = byPower((p) => {
    const deck = scenario.agendas.filter((a) => a.power === p);
    const d = draw(rng);
    rng = d.next;
    return deck[Math.floor(d.value * deck.length)]!.id;
  });
  const places = new Map(scenario.places.map((p) => [p.name, p]));
  const state: GameState = {
    gameId,
    scenario,
    rng,
    round: 1,
    maxRounds,
    phase: "diplomacy",
    powers: byPower((id) => ({
      economy: sp(id).economy,
      stability: sp(id).stability,
      standing: sp(id).standing,
      actionPoints: sp(id).actionPoints,
    })),
    enforcement: byPower((id) => ({
      announced: sp(id).enforcement.announced,
      actual: sp(id).enforcement.actual,
      target: sp(id).enforcement.actual,
      baseline: sp(id).enforcement.baseline,
      sustain: false,
    })),
    policies: byPower((id) => ({
      trade: { ...sp(id).trade },
      pipeline: scenario.policies.pipeline,
      inspections: scenario.policies.inspections,
      fuelSales: scenario.policies.fuelSales,
      exercises: scenario.policies.exercises,
      mdConsent: scenario.policies.mdConsent,
      tariffs: scenario.policies.tariffs,
      moratorium: false,
    })),
    programme: { stage: scenario.programme.stage, readiness: scenario.programme.readiness, tests: 0 },
    nk: {
      currency: scenario.nk.currency,
      fuel: scenario.nk.fuel,
      food: scenario.nk.food,
      progress: scenario.programme.progress,
      testsAtStage5: 0,
      lowRounds: 0,
    },
    crisis: scenario.crisis,
    relations: { ...scenario.relations } as Record<PairKey, number>,
    tension: scenario.tension,
    pressure: byPower(() => 0),
    discontent: 0,
    missileDefence: {
      launchers: scenario.missileDefence.launchers,
      arrivals: scenario.missileDefence.arrivals,
    },
    defences: 0,
    flows: [],
    sanctions: {
      resolutions: scenario.sanctions.resolutions.map((r) => ({
        id: r.id,
        name: r.name,
        round: 0,
        by: "UN" as const,
        groups: r.groups,
        strength: r.strength,
      })),
      designations: scenario.sanctions.designated.map((entity) => ({ entity, round: 0 })),
    },
    illicit: {
      nodes: scenario.illicit.nodes.map((n) => ({
        id: n.id,
        name: n.name,
        region: n.region,
        capacity: n.capacity,
        knownBy: [...n.knownBy],
      })),
      ceiling: scenario.illicit.ceiling,
      regrowing: [],
      nextId: 1,
      russianLink: scenario.illicit.russianLink,
    },
    intel: byPower(() => 0),
    intelNoise: byPower(() => 50),
    proposals: [],
    agreements: [],
    drafts: [],
    agendas,
    tracks: {
      minNkStability: scenario.powers.KP.stability,
      chineseBanksDesignated: 0,
      mdDeployed: 0,
      exercisesSuspendedRounds: 0,
      moratoriumStreak: 0,
      maxMoratoriumStreak: 0,
      cnHighStreak: 0,
      maxCnHighStreak: 0,
      summits: [],
      ruHosted: false,
      agreementsJoined: byPower(() => 0),
      interKoreanAgreements: 0,
      usKpDeal: false,
      krInUsKpDeal: false,
      adoptedOverRussia: 0,
      freezeForFreezeRounds: 0,
      retaliatedAgainstKR: false,
      relief: false,
      recognition: false,
    },
    orders: {},
    events: [],
    explanations: [],
    published: [],
    history: [],
    matrix: [],
    control: [],
    reflection: { prompts: [], memos: [] },
    seq: 1,
    ending: null,
  };
  for (const p of POWERS) state.enforcement[p].baseline = p === "KP" ? 0 : baselineOf(state, p);
  state.flows = scenario.flows.map((f): Flow => {
    const flow: Flow = {
      id: f.id,
      from: f.from,
      to: f.to,
      commodity: f.commodity,
      base: f.base,
      official: 0,
      illicit: f.illicit,
      enforcedBy: f.enforcedBy,
      fromKP: places.get(f.from)?.power === "KP",
    };
    flow.official = officialVolume(state, flow).official;
    return flow;
  });
  state.history.push(historyPoint(state, 0));
  // In the hidden class every later state has (see engine/copy.ts).
  return cloneState(state);
}

/** "Q3 2017" for round 1 of Summer 2017. */
export function quarterOf(
  round: number,
  scenario: Scenario = SUMMER_2017,
): { year: number; quarter: number } {
  const index = scenario.startQuarter.year * 4 + (scenario.startQuarter.quarter - 1) + (round - 1);
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 };
}
