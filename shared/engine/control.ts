/**
 * Control's commands (DESIGN §4, the white cell): injects from the scenario's timeline library or
 * written on the spot, adjudication of free-form "matrix" actions (argument strength → probability,
 * rolled with the game's PRNG), and overrides of any index, each with a recorded reason.
 */
import { z } from "zod";
import { PAIRS, type PairKey, POWERS, type PowerId } from "../powers.js";
import { err, ok, type Result } from "../result.js";
import { draw } from "../rng.js";
import { type Effects, EffectsSchema, type Scenario } from "../scenario/schema.js";
import type { ControlRecord, EventRecord, GameState } from "../state.js";
import { makeCtx } from "./context.js";
import { cloneState, copyState } from "./copy.js";
import { applyEffectsNow } from "./effects.js";
import { clamp } from "./math.js";
import { judgeQueued, openItem } from "./matrix.js";

export const OVERRIDE_INDICES = [
  "crisis",
  "tension",
  "readiness",
  "stage",
  "nk_currency",
  "nk_fuel",
  "nk_food",
  "economy",
  "stability",
  "standing",
  "action_points",
  "enforcement_actual",
  "pressure",
  "relation",
  "discontent",
  "illicit_ceiling",
] as const;
export type OverrideIndex = (typeof OVERRIDE_INDICES)[number];
/** The indices an override sets for one power (it must name the power). */
export const POWER_OVERRIDES: ReadonlySet<OverrideIndex> = new Set<OverrideIndex>([
  "economy",
  "stability",
  "standing",
  "action_points",
  "enforcement_actual",
  "pressure",
]);

export const ControlInjectSchema = z
  .object({
    type: z.literal("control_inject"),
    /** An inject from the scenario's library… */
    inject: z.string().max(60).optional(),
    /** …or one written on the spot. */
    custom: z
      .object({ title: z.string().min(3).max(80), text: z.string().min(3).max(600), effects: EffectsSchema })
      .strict()
      .optional(),
  })
  .strict();

export const ControlAdjudicateSchema = z
  .object({
    type: z.literal("control_adjudicate"),
    power: z.enum(POWERS).optional(),
    /** The queued matrix action this settles, if any. */
    matrixId: z.string().max(20).optional(),
    title: z.string().min(3).max(80),
    argument: z.string().max(1000).default(""),
    /** Strength of the argument, 1 (weak) – 5 (compelling), read off the scenario's table. */
    strength: z.number().int().min(1).max(5),
    effects: EffectsSchema,
    failEffects: EffectsSchema.optional(),
  })
  .strict();

/** Control puts off judging a queued free-form action (the power is told, with the reason). */
export const ControlDeferSchema = z
  .object({
    type: z.literal("control_defer"),
    matrixId: z.string().max(20),
    reason: z.string().trim().max(300).default(""),
  })
  .strict();

export const ControlOverrideSchema = z
  .object({
    type: z.literal("control_override"),
    index: z.enum(OVERRIDE_INDICES),
    power: z.enum(POWERS).optional(),
    pair: z.enum(PAIRS as [PairKey, ...PairKey[]]).optional(),
    value: z.number().int().min(-100).max(10000),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();

type Inject = z.infer<typeof ControlInjectSchema>;
type Adjudicate = z.infer<typeof ControlAdjudicateSchema>;
type Override = z.infer<typeof ControlOverrideSchema>;

/** Logs a Control command: the public (or Control-only) event and Control's own record. */
function record(s: GameState, event: EventRecord, entry: ControlRecord): void {
  // The logs are shared with the previous state (see copy.ts): append by replacing.
  s.events = [...s.events, event];
  s.control = [...s.control, entry];
}

function withEffects(state: GameState, effects: Effects, actor: PowerId | null, label: string): GameState {
  const s = copyState(state);
  const ctx = makeCtx(state, s);
  applyEffectsNow(ctx, effects, actor, label);
  s.events = [...s.events, ...ctx.events];
  return s;
}

export function inject(state: GameState, input: Inject): Result<GameState> {
  if (state.phase === "ended") return err("game_over", "The game is over.");
  let title: string;
  let text: string;
  let effects: Effects;
  if (input.inject) {
    const lib = state.scenario.injects.find((i) => i.id === input.inject);
    if (!lib) return err("not_found", `No inject "${input.inject}" in the scenario's library.`);
    ({ title, text, effects } = lib);
  } else if (input.custom) {
    ({ title, text, effects } = input.custom);
  } else return err("bad_shape", "An inject names a library entry or carries its own.");
  const s = withEffects(state, effects, null, title);
  record(
    s,
    {
      round: s.round,
      kind: "inject",
      data: { title },
      extra: { text },
      visibleTo: "all",
    },
    { round: s.round, kind: "inject", text: title },
  );
  return ok(s);
}

/** The scenario's table: probability (%) of success for an argument of strength 1, 2, … 5. */
export function adjudicationOdds(r: Scenario["rules"]): number[] {
  return [r.adjudication1, r.adjudication2, r.adjudication3, r.adjudication4, r.adjudication5];
}

/** Probability (%) of success for an argument of strength 1–5. */
export function adjudicationChance(state: GameState, strength: number): number {
  return adjudicationOdds(state.scenario.rules)[clamp(strength, 1, 5) - 1]!;
}

/** A percentage roll, 1–100, from the game's PRNG (one draw, as `roll` in context.ts takes). */
function rollPercent(s: GameState): number {
  const d = draw(s.rng);
  s.rng = d.next;
  return Math.floor(d.value * 100) + 1;
}

/**
 * Control judges a free-form action. A queued one (`matrixId`) is rolled now and applies in the
 * next resolution (engine/matrix.ts); one without a queue entry (Control's own matrix move) applies
 * at once. A success is a roll at most the chance.
 */
export function adjudicate(state: GameState, input: Adjudicate): Result<GameState> {
  if (state.phase === "ended") return err("game_over", "The game is over.");
  const chance = adjudicationChance(state, input.strength);
  if (input.matrixId) {
    const found = openItem(state, input.matrixId);
    if (!found.ok) return found;
    const item = found.value;
    const s = cloneState(state);
    const roll = rollPercent(s);
    const success = roll <= chance;
    const effects = success ? input.effects : input.failEffects;
    judgeQueued(s, item.id, {
      title: input.title,
      reason: input.argument,
      strength: input.strength,
      chance,
      roll,
      success,
      ...(effects ? { effects } : {}),
    });
    s.control = [
      ...s.control,
      {
        round: s.round,
        kind: "adjudicate",
        text: `${input.title} (${item.power}) — ${input.argument || "—"} → ${success ? "success" : "failure"} (roll ${roll}, chance ${chance}%); applies at the resolution`,
      },
    ];
    return ok(s);
  }
  const s0 = copyState(state);
  const roll = rollPercent(s0);
  const success = roll <= chance;
  const actor = input.power ?? null;
  const effects = success ? input.effects : input.failEffects;
  const s = effects ? withEffects(s0, effects, actor, input.title) : s0;
  record(
    s,
    {
      round: s.round,
      kind: "adjudicated",
      data: { title: input.title, chance, success: success ? 1 : 0, roll },
      visibleTo: "all",
    },
    {
      round: s.round,
      kind: "adjudicate",
      text: `${input.title} — ${input.argument || "—"} → ${success ? "success" : "failure"} (roll ${roll}, chance ${chance}%)`,
    },
  );
  return ok(s);
}

export function override(state: GameState, input: Override): Result<GameState> {
  if (state.phase === "ended") return err("game_over", "The game is over.");
  if (input.reason.trim().length < 3) return err("needs_reason", "An override needs a reason.");
  const s = copyState(state);
  const v = input.value;
  const p = input.power;
  if (POWER_OVERRIDES.has(input.index) && !p)
    return err("bad_target", `Override of ${input.index} needs a power.`);
  let from: number;
  // What was set, after the clamp: the record says what the state now holds, not what was asked.
  let to: number;
  switch (input.index) {
    case "crisis":
      from = s.crisis;
      to = clamp(v, 0, 100);
      s.crisis = to;
      break;
    case "tension":
      from = s.tension;
      to = clamp(v, 0, 100);
      s.tension = to;
      break;
    case "readiness":
      from = s.programme.readiness;
      to = clamp(v, 0, 100);
      s.programme.readiness = to;
      break;
    case "stage":
      from = s.programme.stage;
      to = clamp(v, 0, 5);
      s.programme.stage = to;
      break;
    case "nk_currency":
      from = s.nk.currency;
      to = clamp(v, 0, 10000);
      s.nk.currency = to;
      break;
    case "nk_fuel":
      from = s.nk.fuel;
      to = clamp(v, 0, s.scenario.rules.fuelStorage);
      s.nk.fuel = to;
      break;
    case "nk_food":
      from = s.nk.food;
      to = clamp(v, 0, 100);
      s.nk.food = to;
      break;
    case "discontent":
      from = s.discontent;
      to = clamp(v, 0, 100);
      s.discontent = to;
      break;
    case "illicit_ceiling":
      from = s.illicit.ceiling;
      to = clamp(v, 0, 10000);
      s.illicit.ceiling = to;
      break;
    case "relation": {
      if (!input.pair) return err("bad_target", "Override of a relation needs a pair.");
      from = s.relations[input.pair];
      to = clamp(v, -100, 100);
      s.relations[input.pair] = to;
      break;
    }
    // The power cases: POWER_OVERRIDES made sure a power is named.
    case "economy":
    case "stability":
    case "standing":
    case "action_points": {
      const key = input.index === "action_points" ? "actionPoints" : input.index;
      from = s.powers[p!][key];
      to = clamp(v, 0, key === "economy" ? 200 : key === "actionPoints" ? 10 : 100);
      s.powers[p!][key] = to;
      break;
    }
    case "enforcement_actual":
      from = s.enforcement[p!].actual;
      to = clamp(v, 0, 100);
      s.enforcement[p!].actual = to;
      break;
    case "pressure":
      from = s.pressure[p!];
      to = clamp(v, 0, 100);
      s.pressure[p!] = to;
      break;
  }
  const what = `${input.index}${p ? ` (${p})` : ""}${input.pair ? ` (${input.pair})` : ""}`;
  record(
    s,
    {
      round: s.round,
      kind: "override",
      data: { index: input.index, from, to },
      extra: { what, reason: input.reason },
      visibleTo: ["CONTROL"],
    },
    { round: s.round, kind: "override", text: `${what}: ${from} → ${to} — ${input.reason}` },
  );
  return ok(s);
}
