/**
 * The zod schema of a scenario file. A scenario is data: places, starting values, flows,
 * sanctions, illicit nodes, the action catalogue, objectives and the historical timeline, plus the
 * tuning numbers of the rules. It is validated once when loaded.
 */
import { z } from "zod";
import { ACTION_TYPES } from "../orders.js";
import { PAIRS, POWERS } from "../powers.js";
import { COMMODITIES, COMMODITY_GROUPS, REGIONS, TERM_KINDS } from "../state.js";
import { RulesSchema } from "./rules.js";

const PowerId = z.enum(POWERS);
const Int = z.number().int();
const Pct = Int.min(0).max(100);
const Delta = Int.min(-100).max(100);
const Text = z.string().min(1).max(600);
/** Where a figure comes from: a FACTS.md reference, or "game value" when no source was found. */
const Source = z.string().min(3).max(300);

const PowerDeltas = z.partialRecord(PowerId, Delta);

/** Immediate effects, shared by the catalogue, injects and Control's adjudications. */
export const EffectsSchema = z
  .object({
    crisis: Delta.optional(),
    tension: Delta.optional(),
    readiness: Delta.optional(),
    economy: PowerDeltas.optional(),
    stability: PowerDeltas.optional(),
    standing: PowerDeltas.optional(),
    relations: z.partialRecord(z.enum(PAIRS as [string, ...string[]]), Delta).optional(),
    /** Relation change between the actor and its target (actions with a target power). */
    withTarget: Delta.optional(),
    /** Actor's own indices (catalogue actions). */
    self: z
      .object({ economy: Delta.optional(), stability: Delta.optional(), standing: Delta.optional() })
      .optional(),
    nk: z
      .object({
        currency: Int.min(-2000).max(2000).optional(),
        fuel: Int.min(-2000).max(2000).optional(),
        food: Delta.optional(),
        stability: Delta.optional(),
      })
      .optional(),
  })
  .strict();
export type Effects = z.infer<typeof EffectsSchema>;

export const PlaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["city", "port", "sea", "offmap"]),
  power: PowerId.nullable(),
});

export const ActionSpecSchema = z.object({
  type: z.enum(ACTION_TYPES as [string, ...string[]]),
  label: z.string().min(2).max(60),
  /** Standing policies persist; moves are one-off. */
  kind: z.enum(["policy", "move"]),
  cost: Int.min(0).max(5),
  powers: z.array(PowerId).min(1),
  /** Parameters, for the orders form and RULES.md. */
  params: z.array(z.string()).default([]),
  /** One plain-language line for the orders panel. */
  effect: z.string().min(10).max(160),
  effects: EffectsSchema.optional(),
  /** Action-specific numbers the rules read (named, so RULES.md can show them). */
  numbers: z.record(z.string(), Int).default({}),
  /** May appear more than once in one set of orders (with different parameters). */
  repeatable: z.boolean().default(false),
});
export type ActionSpec = z.infer<typeof ActionSpecSchema>;

export const ObjectiveSpecSchema = z.object({
  id: z.string(),
  power: PowerId,
  text: z.string().min(5).max(200),
  /** Name of the measure in engine/objectives.ts. */
  measure: z.string(),
  /** Thresholds on the measure (direction given by `higherIsBetter`). */
  success: Int,
  partial: Int,
  higherIsBetter: z.boolean().default(true),
});
export type ObjectiveSpec = z.infer<typeof ObjectiveSpecSchema>;

export const InjectSchema = z.object({
  id: z.string(),
  title: z.string().min(3).max(80),
  text: Text,
  effects: EffectsSchema,
  /** The round of the historical track it belongs to (1 = Q3 2017). */
  round: Int.min(1).max(12),
  source: Source,
});
export type Inject = z.infer<typeof InjectSchema>;

export const ScenarioSchema = z.object({
  id: z.string(),
  title: z.string(),
  startQuarter: z.object({ year: Int, quarter: Int.min(1).max(4) }),
  places: z.array(PlaceSchema).min(5),
  powers: z.record(
    PowerId,
    z.object({
      name: z.string(),
      economy: Int.min(0).max(200),
      stability: Pct,
      standing: Pct,
      actionPoints: Int.min(1).max(10),
      enforcement: z.object({ announced: Pct, actual: Pct, baseline: Pct }),
      /** Starting trade policy per commodity group on this power's own flows. */
      trade: z.record(z.enum(COMMODITY_GROUPS), Pct),
      source: Source,
    }),
  ),
  policies: z.object({
    pipeline: Pct,
    inspections: Pct,
    fuelSales: Pct,
    exercises: z.boolean(),
    mdConsent: z.boolean(),
    tariffs: z.boolean(),
  }),
  relations: z.record(z.enum(PAIRS as [string, ...string[]]), Int.min(-100).max(100)),
  tension: Pct,
  programme: z.object({ stage: Int.min(0).max(5), readiness: Pct, progress: Pct }),
  nk: z.object({ currency: Int.min(0), fuel: Int.min(0), food: Pct, source: Source }),
  crisis: Pct,
  missileDefence: z.object({
    launchers: Int.min(0),
    arrivals: z.array(z.object({ round: Int.min(1), launchers: Int.min(1) })),
    source: Source,
  }),
  flows: z.array(
    z.object({
      id: z.string(),
      from: z.string(),
      to: z.string(),
      commodity: z.enum(COMMODITIES),
      /** Volume before sanctions and policy, $M per quarter. */
      base: Int.min(0),
      /** Illicit volume at the start, $M per quarter. */
      illicit: Int.min(0),
      enforcedBy: PowerId,
      /**
       * False for a flow that is real but kept off the customs books (China's pipeline crude: none
       * recorded since 2014, FACTS §1c): it feeds North Korea but is not "recorded trade".
       */
      recorded: z.boolean().default(true),
      source: Source,
    }),
  ),
  /** Share of each commodity's value the regime captures as hard currency (exports) or pays (imports). */
  regimeShare: z.record(z.enum(COMMODITIES), Pct),
  /** Thousand tonnes of fuel per $100M, for the fuel flows. */
  fuelPer100M: z.record(z.enum(["crude_oil", "refined_fuel"]), Int.min(1)),
  sanctions: z.object({
    resolutions: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        groups: z.array(z.enum(COMMODITY_GROUPS)),
        strength: Pct,
        source: Source,
      }),
    ),
    designated: z.array(z.string()),
  }),
  entities: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      country: z.enum(["CN", "RU", "KP", "other"]),
      kind: z.enum(["bank", "firm", "shipping"]),
      /** How much total illicit capacity ($M/quarter) designating it removes for good. */
      financeWeight: Int.min(0).max(100),
      source: Source,
    }),
  ),
  illicit: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        region: z.enum(REGIONS),
        capacity: Int.min(0),
        knownBy: z.array(PowerId),
        source: Source,
      }),
    ),
    ceiling: Int.min(0),
    russianLink: Int.min(0),
    source: Source,
  }),
  actions: z.array(ActionSpecSchema),
  objectives: z.array(ObjectiveSpecSchema),
  agendas: z.array(ObjectiveSpecSchema),
  templates: z.record(
    z.string(),
    z.array(z.object({ kind: z.enum(TERM_KINDS), party: PowerId, level: Pct.optional() })),
  ),
  injects: z.array(InjectSchema),
  timeline: z.array(
    z.object({
      round: Int.min(1),
      quarter: z.string(),
      events: z.array(z.object({ date: z.string(), actor: z.string(), text: Text })),
      chinaTrade: z.string(),
      source: Source,
    }),
  ),
  /** Tuning numbers of the rules (DESIGN §5 shapes). All integers; percentages unless named. */
  rules: RulesSchema,
});
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written in a data file, before defaults are filled in. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** Parses a scenario and checks the cross-references zod cannot see. Throws on a bad file. */
export function loadScenario(raw: unknown): Scenario {
  const s = ScenarioSchema.parse(raw);
  const places = new Set(s.places.map((p) => p.name));
  for (const f of s.flows) {
    if (!places.has(f.from) || !places.has(f.to))
      throw new Error(`scenario: flow ${f.id} names an unknown place`);
  }
  const types = new Set(s.actions.map((a) => a.type));
  for (const t of ACTION_TYPES) if (!types.has(t)) throw new Error(`scenario: no catalogue entry for ${t}`);
  if (types.size !== s.actions.length) throw new Error("scenario: duplicate catalogue entry");
  const entities = new Set(s.entities.map((e) => e.id));
  for (const d of s.sanctions.designated)
    if (!entities.has(d)) throw new Error(`scenario: unknown designated entity ${d}`);
  for (const p of POWERS) {
    if (s.objectives.filter((o) => o.power === p).length !== 3)
      throw new Error(`scenario: ${p} needs three public objectives`);
    if (!s.agendas.some((o) => o.power === p)) throw new Error(`scenario: ${p} needs a secret agenda`);
  }
  return s;
}
