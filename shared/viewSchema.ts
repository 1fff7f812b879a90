/**
 * The zod schema of `PlayerView`, the one message that carries the game to a client. It documents
 * the view (docs/PROTOCOL.md and docs/schema/ are generated from it) and a test parses every view
 * of whole bot games against it, strictly, so the schema cannot drift from what `viewFor` sends.
 * The TypeScript `PlayerView` (shared/view.ts) must stay assignable both ways (checked below).
 */
import { z } from "zod";
import { ACTION_TYPES, OrdersSchema } from "./orders.js";
import { PAIRS, POWERS, SEATS } from "./powers.js";
import { EffectsSchema } from "./scenario/schema.js";
import {
  ANSWER_WHYS,
  COMMODITIES,
  COMMODITY_GROUPS,
  EVENT_KINDS,
  PHASES,
  REGIONS,
  TERM_KINDS,
  VOTES,
} from "./state.js";
import type { PlayerView } from "./view.js";

const Int = z.number().int();
const Share = Int.min(0).max(100);
const Power = z.enum(POWERS);
const Seat = z.enum(SEATS);
const Group = z.enum(COMMODITY_GROUPS);
/** One entry for each of the five powers. */
const byPower = <T extends z.ZodType>(t: T) => z.object({ US: t, CN: t, RU: t, KP: t, KR: t }).strict();
/** Entries for some of the five powers. */
const somePowers = <T extends z.ZodType>(t: T) =>
  z
    .object({ US: t.optional(), CN: t.optional(), RU: t.optional(), KP: t.optional(), KR: t.optional() })
    .strict();

export const VisibilitySchema = z
  .union([z.literal("all"), z.array(Seat)])
  .describe('"all", or the seats that may see it (Control always sees everything)');

const PowerStateSchema = z
  .object({
    economy: Int.describe("economy index, 100 = mid-2017"),
    stability: Share.describe("domestic stability, 0–100"),
    standing: Share.describe("international standing, 0–100"),
    actionPoints: Int.min(0).describe("action points per round"),
  })
  .strict();

const EnforcementViewSchema = z
  .object({
    announced: Share.describe("announced enforcement (public)"),
    actual: Share.optional().describe("achieved enforcement: the power itself and Control only"),
    target: Share.optional().describe("the power's private target: itself and Control only"),
    baseline: Share.optional().describe("where achieved drifts back to: itself and Control only"),
    sustain: z
      .boolean()
      .optional()
      .describe("paying upkeep to hold achieved at target: itself and Control only"),
  })
  .strict();

const FlowViewSchema = z
  .object({
    id: z.string(),
    from: z.string().describe("place id"),
    to: z.string().describe("place id"),
    commodity: z.enum(COMMODITIES),
    base: Int.min(0).describe("$M a quarter before sanctions and policy"),
    official: Int.min(0).describe("$M a quarter, official"),
    illicit: Int.min(0).optional().describe("$M a quarter, illicit: only where the viewer knows of it"),
    enforcedBy: Power.describe("whose enforcement and trade policy act on this flow"),
    fromKP: z.boolean().describe("true when North Korea sells"),
  })
  .strict();

const TradeSchema = z.object(
  Object.fromEntries(COMMODITY_GROUPS.map((g) => [g, Share])) as Record<
    (typeof COMMODITY_GROUPS)[number],
    typeof Share
  >,
);

const PolicyViewSchema = z
  .object({
    trade: TradeSchema.strict().optional().describe("share of each group's base volume let through"),
    pipeline: Share.optional(),
    inspections: Share.optional().describe("China's own view only"),
    fuelSales: Share.optional().describe("Russia's own view only"),
    exercises: z.boolean().optional(),
    mdConsent: z.boolean().optional(),
    tariffs: z.boolean().optional(),
    moratorium: z.boolean().optional(),
  })
  .strict()
  .describe("a power's standing policies: its own in full, others' public ones");

const ProgrammeSchema = z
  .object({
    stage: Int.min(0)
      .max(5)
      .describe("range stage: 0 none, 1 Japan, 2 Guam, 3 Alaska, 4 Hawaii, 5 continental US"),
    readiness: Share.describe("reliability and usable warheads"),
    tests: Int.min(0),
  })
  .strict();

const GameEventSchema = z
  .object({
    round: Int,
    kind: z
      .enum([...EVENT_KINDS, ...ACTION_TYPES])
      .describe("what happened; a catalogue move's kind is its action type (it reads as the move's label)"),
    data: z
      .record(z.string(), z.union([z.number(), z.string()]))
      .describe("the numbers and ids the words are made from (power ids, levels, …)"),
    extra: z
      .record(z.string(), z.union([z.number(), z.string()]))
      .optional()
      .describe("what the words need beyond `data`: names, free text (a statement, an inject), flags"),
    visibleTo: VisibilitySchema,
  })
  .strict();

const PublishedStatsSchema = z
  .object({
    round: Int,
    officialTrade: z.record(z.string(), Int).describe("flow id → official $M a quarter"),
  })
  .strict();

const ScoreCardSchema = z
  .object({
    score: Int,
    par: Int,
    normalised: Int.describe("score as a percentage of par"),
    grade: z.enum(["success", "partial", "failure"]),
    objectives: z.array(
      z
        .object({
          id: z.string(),
          text: z.string(),
          secret: z.boolean(),
          grade: z.enum(["success", "partial", "failure"]),
          points: Int,
        })
        .strict(),
    ),
  })
  .strict();

const EndingSchema = z
  .object({
    reason: z.enum(["last_round", "war", "collapse", "grand_bargain"]),
    round: Int,
    pusher: Power.optional().describe("war only: who pushed the crisis past the brink"),
    winner: Power.optional(),
    scores: byPower(ScoreCardSchema).optional(),
  })
  .strict();

const ResolutionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    round: Int,
    by: z.union([Power, z.literal("UN")]),
    groups: z.array(Group),
    strength: Share.describe("share of the covered trade that is banned"),
  })
  .strict();

const DesignationViewSchema = z
  .object({
    entity: z.string().describe("entity id (docs/schema/catalogue.json lists them)"),
    name: z.string(),
    country: z.string(),
    kind: z.string(),
    round: Int,
  })
  .strict();

const NorthKoreaSchema = z
  .object({
    currency: Int.describe("hard currency, $M"),
    fuel: Int.describe("fuel stocks, thousand tonnes"),
    food: Share.describe("food security"),
    progress: Share.describe("progress toward the next range stage"),
    testsAtStage5: Int.min(0),
    lowRounds: Int.min(0).describe("consecutive rounds below the collapse threshold"),
    readinessTenths: Int.min(0).max(9).optional().describe("readiness gained below one point, in tenths"),
  })
  .strict();

const IllicitNodeViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    region: z.enum(REGIONS),
    capacity: Int.min(0).describe("$M a quarter"),
    knownBy: z.array(Power).optional().describe("Control only"),
  })
  .strict();

export const TermViewSchema = z
  .object({
    kind: z.enum(TERM_KINDS),
    party: Power.describe("the power that commits to the term"),
    level: Share.optional(),
    group: Group.optional(),
  })
  .strict();

export const ProposalViewSchema = z
  .object({
    id: z.string(),
    from: Power,
    parties: z.array(Power).describe("every party, the proposer included"),
    terms: z.array(TermViewSchema),
    duration: Int.min(1).describe("rounds"),
    round: Int,
    accepted: z.array(Power).describe("parties that have signed (the proposer signs by proposing)"),
    status: z.enum(["open", "accepted", "rejected", "expired"]),
    note: z.string().optional(),
    reasons: somePowers(z.object({ why: z.enum(ANSWER_WHYS), term: TermViewSchema.optional() }).strict())
      .optional()
      .describe("why each party that answered accepted or refused (parties and Control only)"),
  })
  .strict();

export const AgreementViewSchema = z
  .object({
    id: z.string(),
    parties: z.array(Power),
    terms: z.array(TermViewSchema),
    start: Int.describe("first round in force"),
    expires: Int.describe("last round in force"),
    status: z.enum(["active", "expired", "broken"]),
    brokenBy: Power.optional(),
    grandBargain: z.boolean(),
  })
  .strict();

export const UnDraftViewSchema = z
  .object({
    id: z.string(),
    by: Power,
    round: Int,
    groups: z.array(Group),
    strength: Int.min(0).max(100),
    tabledStrength: Int.min(0).max(100).describe("strength as first tabled"),
    amendedBy: z.array(Power),
    votes: somePowers(z.enum(VOTES)).describe("the tabler's yes is recorded when it tables"),
    status: z.enum(["open", "adopted", "vetoed"]),
  })
  .strict();

const ObjectiveViewSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    secret: z.boolean(),
    status: z
      .enum(["success", "partial", "failure", "unknown"])
      .describe(
        'how it stands if the game ended now; "unknown" while it depends on what the seat cannot see',
      ),
  })
  .strict();

/** A reason an index moved, as data: `why` names the phrase, the other fields fill it in. */
const reason = <W extends readonly [string, ...string[]], S extends z.ZodRawShape>(why: W, shape: S) =>
  z.object({ why: z.enum(why), delta: Int.optional(), visibleTo: VisibilitySchema, ...shape }).strict();
const Num = z.number();
export const ReasonSchema = z.union([
  reason(["label"], { label: z.string().describe("a fixed phrase, or a catalogue or inject label") }),
  reason(["summit"], { a: Power, b: Power }),
  reason(["decay", "scenario_baseline", "pressure", "tension", "resources", "kp_trade"], { value: Num }),
  reason(["test_succeeded", "nuclear_test", "passive", "inspections", "discontent"], { value: Num }),
  reason(["cyber_theft", "exports", "illicit_sales", "imports", "upkeep", "tests", "unpaid"], {
    value: Num.describe("$M"),
  }),
  reason(["sustained"], { before: Num, after: Num, target: Num }),
  reason(["crackdown"], { before: Num, after: Num, target: Num, cap: Num }),
  reason(["drift"], { before: Num, after: Num, baseline: Num }),
  reason(["flow_owner"], { flow: z.string(), before: Num, after: Num, level: Num, banned: Num }),
  reason(["flow_public"], { flow: z.string(), banned: Num, enforced: z.boolean() }),
  reason(["illicit_flow"], { flow: z.string() }),
  reason(["exposed"], { by: Power, name: z.string() }),
  reason(["stage"], { stage: Num }),
  reason(["fuel"], { fuelIn: Num, used: Num }),
  reason(["food"], { imports: Num, supply: Num }),
  reason(["nk_stress"], { currency: Num, fuel: Num, food: Num, target: Num }),
  reason(["nk_max_move"], { fall: Num, rise: Num }),
  reason(["border_trade"], { now: Num, start: Num }),
  reason(["ru_trade"], { now: Num, start: Num, gain: Num }),
  reason(["implied"], { owner: Power, lo: Num, hi: Num }),
]);

const ExplanationSchema = z
  .object({
    round: Int,
    index: z.string().describe('e.g. "crisis", "flow:kp-cn-coal", "enforcement:CN", "nk:currency"'),
    from: Int,
    to: Int,
    visibleTo: VisibilitySchema,
    parts: z
      .array(ReasonSchema)
      .describe("each reason as data: `why` names the phrase, its fields fill it in"),
  })
  .strict();

const HistoryPointViewSchema = z
  .object({
    round: Int,
    crisis: Share,
    stage: Int,
    readiness: Share,
    tension: Share,
    powers: byPower(z.object({ economy: Int, stability: Share, standing: Share }).strict()),
    announced: byPower(Share),
    actual: somePowers(Share).describe("achieved enforcement: the seat's own only (all for Control)"),
    officialTrade: Int,
    illicitTrade: Int.optional().describe("North Korea and Control"),
    nk: z
      .object({ currency: Int, fuel: Int, food: Share, stability: Share })
      .strict()
      .optional()
      .describe("North Korea and Control"),
    discontent: Share.optional().describe("China and Control"),
    borderTrade: Int.optional().describe("China and Control"),
    ruTrade: Int.optional().describe("Russia and Control"),
  })
  .strict();

const MatrixItemSchema = z
  .object({
    id: z.string(),
    power: Power,
    round: Int,
    text: z.string().describe("the argument"),
    rationale: z.string().optional().describe("the order's rationale, if the power wrote one"),
    status: z.enum(["pending", "judged", "deferred", "success", "failure", "withdrawn"]),
    verdict: z
      .object({
        title: z.string().describe("Control's name for the action"),
        reason: z.string().describe("why Control rated the argument so"),
        strength: Int.min(1).max(5),
        chance: Share.describe("chance of success, %"),
        roll: Int.min(1).max(100).describe("a success when at most the chance"),
        success: z.boolean(),
        effects: EffectsSchema.optional().describe("what applies at the resolution"),
        round: Int.describe("the round Control judged it in"),
      })
      .strict()
      .optional()
      .describe("Control's verdict: hidden from the power until it applies"),
    deferReason: z.string().optional().describe("why Control deferred it"),
  })
  .strict();

const ControlRecordSchema = z
  .object({
    round: Int,
    kind: z.enum(["inject", "adjudicate", "override", "defer", "reflection"]),
    text: z.string(),
  })
  .strict();

export const PlayerViewSchema = z
  .object({
    seat: Seat,
    gameId: z.string(),
    round: Int.min(1),
    maxRounds: Int,
    phase: z.enum(PHASES),
    quarter: z.object({ year: Int, quarter: Int.min(1).max(4) }).strict(),
    powers: byPower(PowerStateSchema),
    enforcement: byPower(EnforcementViewSchema),
    programme: ProgrammeSchema,
    crisis: Share.describe("the escalation ladder; 100 is war"),
    flows: z.array(FlowViewSchema),
    orders: somePowers(OrdersSchema).describe("own orders this round (all for Control)"),
    submitted: z.array(Power).describe("who has submitted orders this round (public)"),
    events: z.array(GameEventSchema).describe("the last resolution's events and this round's so far"),
    published: z.array(PublishedStatsSchema).describe("official statistics, one round late"),
    ending: EndingSchema.nullable(),
    relations: z
      .object(Object.fromEntries(PAIRS.map((p) => [p, Int.min(-100).max(100)])))
      .strict()
      .describe('trust (−100…100) for every pair, keyed "CN-US" style'),
    tension: Share.describe("US–China tension (public)"),
    policies: byPower(PolicyViewSchema),
    missileDefence: z.object({ launchers: Int.min(0) }).strict(),
    sanctions: z
      .object({ resolutions: z.array(ResolutionSchema), designations: z.array(DesignationViewSchema) })
      .strict(),
    nk: NorthKoreaSchema.optional().describe("North Korea's hidden stocks: North Korea and Control"),
    discontent: Share.optional().describe("China's border discontent: China and Control"),
    pressure: Int.optional().describe("pressure on the seat's own enforcement baseline"),
    budget: z
      .object({ actionPoints: Int, upkeep: Int.min(0) })
      .strict()
      .optional()
      .describe("the seat's action points and the upkeep its sustained enforcement takes"),
    illicitNodes: z.array(IllicitNodeViewSchema).describe("nodes the seat knows of"),
    intelligence: z
      .object({
        level: Int.min(0),
        implied: somePowers(z.tuple([Int, Int])).describe(
          "others' achieved enforcement as a [low, high] range",
        ),
      })
      .strict()
      .optional(),
    proposals: z.array(ProposalViewSchema).describe("proposals the seat is party to (all for Control)"),
    agreements: z.array(AgreementViewSchema).describe("signed agreements (public)"),
    drafts: z.array(UnDraftViewSchema).describe("UN drafts (public)"),
    objectives: somePowers(z.array(ObjectiveViewSchema)).describe(
      "own objectives and agenda (all for Control)",
    ),
    explanations: z.array(ExplanationSchema).describe("why indices moved, as far as the seat may know"),
    history: z.array(HistoryPointViewSchema).describe("indices round by round for the charts"),
    matrix: z.array(MatrixItemSchema).describe("free-form actions: own (all for Control)"),
    reflection: z
      .object({
        prompts: z.array(
          z
            .object({
              round: Int.describe("the round it follows; 0 for every round"),
              text: z.string(),
              required: z.boolean(),
            })
            .strict(),
        ),
        memos: z.array(z.object({ power: Power, round: Int, text: z.string() }).strict()),
      })
      .strict()
      .describe("the teacher's reflection prompts, and memos: the seat's own (all for Control)"),
    control: z.array(ControlRecordSchema).optional().describe("Control's own record: Control only"),
  })
  .strict();

/**
 * The hand-written PlayerView must fit this schema's type (a compile error here means a field
 * changed in one and not the other); the test that parses real views strictly catches the rest.
 */
export const viewFitsSchema = (v: PlayerView): z.infer<typeof PlayerViewSchema> => v;
