/**
 * Scenario "Summer 2017": the starting state, as data. Figures are approximate, $M per quarter,
 * from ../docs/FACTS sources noted beside each; see docs/RULES.md for how they are used.
 */
import { z } from "zod";
import { byPower, POWERS, type PowerId } from "./powers.js";
import { COMMODITIES, type GameState } from "./state.js";

const PowerIdSchema = z.enum(POWERS);

export const ScenarioSchema = z.object({
  id: z.string(),
  title: z.string(),
  startQuarter: z.object({ year: z.number().int(), quarter: z.number().int().min(1).max(4) }),
  powers: z.record(
    PowerIdSchema,
    z.object({
      economy: z.number().int().min(0).max(200),
      stability: z.number().int().min(0).max(100),
      standing: z.number().int().min(0).max(100),
      actionPoints: z.number().int().min(1).max(10),
      enforcement: z.object({
        announced: z.number().int().min(0).max(100),
        actual: z.number().int().min(0).max(100),
        baseline: z.number().int().min(0).max(100),
      }),
    }),
  ),
  programme: z.object({
    stage: z.number().int().min(0).max(5),
    readiness: z.number().int().min(0).max(100),
  }),
  crisis: z.number().int().min(0).max(100),
  flows: z.array(
    z.object({
      id: z.string(),
      from: z.string(),
      to: z.string(),
      commodity: z.enum(COMMODITIES),
      official: z.number().int().min(0),
      illicit: z.number().int().min(0),
      enforcedBy: PowerIdSchema,
      source: z.string(),
    }),
  ),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

export const SUMMER_2017: Scenario = ScenarioSchema.parse({
  id: "summer-2017",
  title: "Summer 2017",
  startQuarter: { year: 2017, quarter: 3 },
  powers: {
    US: {
      economy: 100,
      stability: 70,
      standing: 65,
      actionPoints: 5,
      enforcement: { announced: 80, actual: 75, baseline: 75 },
    },
    CN: {
      economy: 100,
      stability: 80,
      standing: 60,
      actionPoints: 5,
      enforcement: { announced: 50, actual: 30, baseline: 30 },
    },
    RU: {
      economy: 100,
      stability: 70,
      standing: 45,
      actionPoints: 5,
      enforcement: { announced: 40, actual: 20, baseline: 20 },
    },
    KP: {
      economy: 100,
      stability: 60,
      standing: 10,
      actionPoints: 5,
      enforcement: { announced: 0, actual: 0, baseline: 0 },
    },
    KR: {
      economy: 100,
      stability: 70,
      standing: 65,
      actionPoints: 5,
      enforcement: { announced: 80, actual: 80, baseline: 80 },
    },
  },
  programme: { stage: 3, readiness: 30 },
  crisis: 35,
  flows: [
    {
      id: "kp-cn-coal",
      from: "Sinuiju",
      to: "Dandong",
      commodity: "coal",
      official: 100,
      illicit: 40,
      enforcedBy: "CN",
      source: "FACTS 1c: 2321 cap near $400M/yr for 2017 (EIA note)",
    },
    {
      id: "kp-cn-textiles",
      from: "Sinuiju",
      to: "Dandong",
      commodity: "textiles",
      official: 200,
      illicit: 0,
      enforcedBy: "CN",
      source: "FACTS 1c: $800M/yr textiles in 2015 (KOTRA)",
    },
    {
      id: "cn-kp-crude",
      from: "Dandong",
      to: "Sinuiju",
      commodity: "crude_oil",
      official: 48,
      illicit: 0,
      enforcedBy: "CN",
      source: "FACTS 1c: ≈525,000 t/yr by pipeline; value derived at ≈$50/bbl",
    },
    {
      id: "cn-kp-goods",
      from: "Dandong",
      to: "Pyongyang",
      commodity: "consumer_goods",
      official: 830,
      illicit: 0,
      enforcedBy: "CN",
      source: "FACTS 1b: H1 2017 Chinese exports $1.67bn",
    },
    {
      id: "ru-kp-fuel",
      from: "Vladivostok",
      to: "Rajin",
      commodity: "crude_oil",
      official: 20,
      illicit: 15,
      enforcedBy: "RU",
      source: "FACTS 1d: Russia–NK trade ≈$77M/yr 2017; sea transfers",
    },
  ],
});

/** Where each scenario flow's commodity sits in the sanctions (share cut at full enforcement). */
export const BANNED_SHARE: Record<(typeof COMMODITIES)[number], number> = {
  coal: 100,
  textiles: 100,
  seafood: 100,
  crude_oil: 30,
  consumer_goods: 10,
};

export interface NewGameOptions {
  gameId: string;
  seed: number;
  maxRounds?: number;
  scenario?: Scenario;
}

/** A fresh game at round 1, diplomacy phase. */
export function newGame({ gameId, seed, maxRounds = 8, scenario = SUMMER_2017 }: NewGameOptions): GameState {
  const p = (id: PowerId) => scenario.powers[id];
  return {
    gameId,
    rng: seed >>> 0,
    round: 1,
    maxRounds,
    phase: "diplomacy",
    powers: byPower((id) => ({
      economy: p(id).economy,
      stability: p(id).stability,
      standing: p(id).standing,
      actionPoints: p(id).actionPoints,
    })),
    enforcement: byPower((id) => ({ ...p(id).enforcement, target: p(id).enforcement.actual })),
    programme: { ...scenario.programme, tests: 0 },
    crisis: scenario.crisis,
    flows: scenario.flows.map(({ source: _source, ...f }) => ({ ...f, base: f.official })),
    orders: {},
    events: [],
    published: [],
    ending: null,
  };
}

/** "Q3 2017" for round 1 of Summer 2017. */
export function quarterOf(
  round: number,
  scenario: Scenario = SUMMER_2017,
): { year: number; quarter: number } {
  const index = scenario.startQuarter.year * 4 + (scenario.startQuarter.quarter - 1) + (round - 1);
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 };
}
