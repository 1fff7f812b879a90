/**
 * The game state: the single source of truth. Plain JSON (integers only), so it can be hashed,
 * stored and replayed. Secrets live here too; only `viewFor` decides what leaves the engine.
 */
import type { ByPower, PairKey, PowerId, Seat } from "./powers.js";
import type { Effects, Scenario } from "./scenario/schema.js";

export const PHASES = ["diplomacy", "orders", "ended"] as const;
export type Phase = (typeof PHASES)[number];

/** Commodities the engine tracks in detail (DESIGN §3). */
export const COMMODITIES = [
  "coal",
  "iron_ore",
  "seafood",
  "textiles",
  "labour",
  "crude_oil",
  "refined_fuel",
  "food",
  "consumer_goods",
  "machinery",
] as const;
export type Commodity = (typeof COMMODITIES)[number];

/** What players act on: a few groups; the engine keeps the detail. */
export const COMMODITY_GROUPS = ["minerals", "textiles_seafood", "fuel", "labour", "goods"] as const;
export type CommodityGroup = (typeof COMMODITY_GROUPS)[number];

export const GROUP_OF: Record<Commodity, CommodityGroup> = {
  coal: "minerals",
  iron_ore: "minerals",
  seafood: "textiles_seafood",
  textiles: "textiles_seafood",
  labour: "labour",
  crude_oil: "fuel",
  refined_fuel: "fuel",
  food: "goods",
  consumer_goods: "goods",
  machinery: "goods",
};

/** Where illicit nodes sit and where intelligence looks for them. */
export const REGIONS = ["dandong", "vladivostok", "yellow_sea", "east_china_sea", "finance"] as const;
export type Region = (typeof REGIONS)[number];

export interface PowerState {
  /** Economy index, 100 = mid-2017. */
  economy: number;
  /** Domestic stability, 0–100. */
  stability: number;
  /** International standing, 0–100. */
  standing: number;
  /** Action points per round. */
  actionPoints: number;
}

/**
 * Sanctions enforcement, 0–100. `announced` is public; the rest is private to the power (and
 * Control). Achieved (`actual`) drifts back to `baseline` unless the power pays to sustain it.
 */
export interface Enforcement {
  announced: number;
  // WARNING: private to the power itself (and Control). viewFor strips it for everyone else.
  actual: number;
  target: number;
  /** This round's effective baseline: the scenario's, minus US–China tension, plus pressure. */
  baseline: number;
  /** Standing choice to pay the per-round upkeep that holds achieved at the target. */
  sustain: boolean;
}

/** Standing policies: persist from round to round until changed (DESIGN §4). */
export interface Policies {
  /** Share (0–100) of each group's base volume this power lets through on its own flows. */
  trade: Record<CommodityGroup, number>;
  /** China: the Dandong–Sinuiju crude pipeline, 0–100. */
  pipeline: number;
  // WARNING: private (China's real inspection effort at Dandong).
  inspections: number;
  // WARNING: private (Russia's off-book fuel sales).
  fuelSales: number;
  /** US and South Korea: joint exercises on. Held only if both keep them on. */
  exercises: boolean;
  /** South Korea: consent to further missile-defence deployment. */
  mdConsent: boolean;
  /** US: tariffs on China. */
  tariffs: boolean;
  /** North Korea: test moratorium. */
  moratorium: boolean;
}

/** A directed trade flow, $M per quarter. `base` is the volume before sanctions and policy. */
export interface Flow {
  id: string;
  from: string;
  to: string;
  commodity: Commodity;
  base: number;
  official: number;
  // WARNING: illicit volume is known only to North Korea and to those who detected it.
  illicit: number;
  /** Which power's enforcement and trade policy act on this flow. */
  enforcedBy: PowerId;
  /** True when North Korea sells (exports, labour); false when it buys. */
  fromKP: boolean;
}

export interface Programme {
  /** 0 none → 1 Japan → 2 Guam → 3 Alaska → 4 Hawaii → 5 continental US. */
  stage: number;
  /** Reliability and usable warheads, 0–100. */
  readiness: number;
  tests: number;
}

/** North Korea's hidden stocks. WARNING: private to North Korea and Control. */
export interface NorthKorea {
  /** Hard currency, $M. */
  currency: number;
  /** Fuel stocks, thousand tonnes. */
  fuel: number;
  /** Food security, 0–100. */
  food: number;
  /** Progress toward the next range stage, 0–100. */
  progress: number;
  /** Tests since stage 5 was shown (each is worth less). */
  testsAtStage5: number;
  /** Consecutive rounds below the collapse threshold. */
  lowRounds: number;
  /**
   * Readiness earned below a whole point, in tenths (the programme's gains are fixed-point, so a
   * squeeze that trims them shows over rounds). Absent in games saved before it existed: 0.
   */
  readinessTenths?: number;
}

/** An illicit node: capacity in $M per quarter; `knownBy` are the powers aware of it. */
export interface IllicitNode {
  id: string;
  name: string;
  region: Region;
  capacity: number;
  knownBy: PowerId[];
}

export interface Illicit {
  nodes: IllicitNode[];
  /** Total capacity the network can regrow to; only financial designations lower it. */
  ceiling: number;
  /** Capacity waiting to reappear at a new node after a closure. */
  regrowing: { capacity: number; round: number; from: Region }[];
  nextId: number;
  /** Russia's own channel (ferry, ship-to-ship) for off-book supply, $M per quarter. */
  russianLink: number;
}

export interface Resolution {
  id: string;
  name: string;
  round: number;
  by: PowerId | "UN";
  groups: CommodityGroup[];
  /** 0–100: share of the covered trade that is banned. */
  strength: number;
}

export interface Designation {
  entity: string;
  round: number;
}

export interface Sanctions {
  resolutions: Resolution[];
  designations: Designation[];
}

export const VOTES = ["yes", "no", "abstain"] as const;
export type Vote = (typeof VOTES)[number];

export interface UnDraft {
  id: string;
  by: PowerId;
  round: number;
  groups: CommodityGroup[];
  strength: number;
  /** Strength as first tabled (to show how much it was softened). */
  tabledStrength: number;
  amendedBy: PowerId[];
  votes: Partial<Record<PowerId, Vote>>;
  status: "open" | "adopted" | "vetoed";
}

export const TERM_KINDS = [
  "enforce",
  "announce",
  "no_tests",
  "suspend_exercises",
  "no_designations",
  "no_md_deployment",
  "relief",
  "aid",
  "engagement",
  "fuel_cap",
  "trade",
  "summit",
  "recognition",
] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** One structured term of an agreement: `party` commits to it. */
export interface Term {
  kind: TermKind;
  party: PowerId;
  level?: number;
  group?: CommodityGroup;
}

/**
 * Why a party accepted or refused a proposal, in one line of its reasoning (bots give one; people
 * may): the deal is worth it, it serves an objective, one term costs too much, or it brings too little.
 */
export const ANSWER_WHYS = ["worth_it", "objective", "costs_too_much", "too_little"] as const;
export type AnswerWhy = (typeof ANSWER_WHYS)[number];
export interface AnswerReason {
  why: AnswerWhy;
  /** The term the reason is about (the one worth most, or the one that costs most). */
  term?: Term;
}

export interface Proposal {
  id: string;
  from: PowerId;
  parties: PowerId[];
  terms: Term[];
  duration: number;
  round: number;
  accepted: PowerId[];
  status: "open" | "accepted" | "rejected" | "expired";
  note?: string;
  /** Each answering party's reason, where it gave one (seen by the parties, like the proposal). */
  reasons?: Partial<Record<PowerId, AnswerReason>>;
}

export interface Agreement {
  id: string;
  parties: PowerId[];
  terms: Term[];
  start: number;
  expires: number;
  status: "active" | "expired" | "broken";
  brokenBy?: PowerId;
  grandBargain: boolean;
}

/** Who may see an event: "all", or a list of seats (Control always sees everything). */
export type Visibility = "all" | Seat[];

/**
 * Every kind of event the engine records besides a catalogue move (whose kind is its action type and
 * which reads as the move's label). A kind not listed here does not compile; the client must have
 * words for each in English and Korean (client/game/words.ts; tests/browser/words.test.ts).
 */
export const EVENT_KINDS = [
  "enforcement_announced",
  "trade_policy",
  "pipeline",
  "inspections",
  "fuel_sales",
  "exercises_policy",
  "md_consent",
  "tariffs",
  "moratorium",
  "labourers",
  "engagement",
  "statement",
  "matrix_queued",
  "retaliation",
  "summit_held",
  "talks_offered",
  "designated",
  "intel_report",
  "node_closed",
  "smuggling_capped",
  "smuggling_op",
  "node_opened",
  "md_arrived",
  "md_deployed",
  "md_blocked",
  "strike_war",
  "strike",
  "missile_tested",
  "programme_progress",
  "nuclear_tested",
  "russia_backfilled",
  "cyber_attributed",
  "refugees",
  "crisis_costs",
  "proposal",
  "proposal_rejected",
  "agreement_signed",
  "breach_unseen",
  "agreement_broken",
  "agreement_expired",
  "collapse",
  "war",
  "draft_tabled",
  "draft_amended",
  "un_vote",
  "draft_vetoed",
  "resolution_adopted",
  "inject",
  "adjudicated",
  "matrix_deferred",
  "override",
] as const;
/** What an event says happened: one of `EVENT_KINDS`, or a catalogue move by its action type. */
export type EventKind = (typeof EVENT_KINDS)[number] | ActionType;

/**
 * An event as the engine records it: its kind and numbers/ids, no English. It goes to a seat as it
 * is (`PlayerView.events`): the client says it in the reader's language from `kind`, `data` and
 * `extra`; engine/text.ts renders the English where a text is wanted on the server (exports).
 */
export interface EventRecord {
  round: number;
  kind: EventKind;
  data: Record<string, number | string>;
  /** What the words need beyond `data` (names, free text, flags). */
  extra?: Record<string, number | string>;
  visibleTo: Visibility;
}

/** An event as a seat reads it (`PlayerView.events`): the engine's record itself. */
export type GameEvent = EventRecord;

/**
 * One reason an index moved, as data: `why` names the phrase, the other fields fill it in
 * (engine/text.ts renders it). `label` is a fixed phrase or a catalogue/scenario label, as is.
 */
export type Reason = { delta?: number; visibleTo: Visibility } & (
  | { why: "label"; label: string }
  | { why: "summit"; a: PowerId; b: PowerId }
  | { why: "decay"; value: number }
  | { why: "scenario_baseline" | "pressure" | "tension"; value: number }
  | { why: "sustained"; before: number; after: number; target: number }
  | { why: "crackdown"; before: number; after: number; target: number; cap: number }
  | { why: "drift"; before: number; after: number; baseline: number }
  | { why: "flow_owner"; flow: string; before: number; after: number; level: number; banned: number }
  | { why: "flow_public"; flow: string; banned: number; enforced: boolean }
  | { why: "illicit_flow"; flow: string }
  | { why: "exposed"; by: PowerId; name: string }
  | { why: "test_succeeded" | "nuclear_test" | "passive"; value: number }
  | { why: "resources"; value: number }
  | { why: "stage"; stage: number }
  | { why: "cyber_theft" | "exports" | "illicit_sales" | "imports" | "upkeep" | "tests"; value: number }
  | { why: "unpaid"; value: number }
  | { why: "fuel"; fuelIn: number; used: number }
  | { why: "food"; imports: number; supply: number }
  | { why: "kp_trade"; value: number }
  | { why: "nk_stress"; currency: number; fuel: number; food: number; target: number }
  | { why: "nk_max_move"; fall: number; rise: number }
  | { why: "border_trade"; now: number; start: number }
  | { why: "inspections" | "discontent"; value: number }
  | { why: "ru_trade"; now: number; start: number; gain: number }
  | { why: "implied"; owner: PowerId; lo: number; hi: number }
);

/** Why an index moved, as the engine records it (reasons as data; see `Explanation`). */
export interface ExplanationRecord {
  round: number;
  /** e.g. "crisis", "flow:kp-cn-coal", "enforcement:CN", "nk:currency". */
  index: string;
  from: number;
  to: number;
  visibleTo: Visibility;
  parts: Reason[];
}

/** One reason an index moved, as a seat reads it: the reason itself (who may read it is in it). */
export type ExplanationPart = Reason;

/**
 * Why an index moved this round (DESIGN §5, "every change is explained"), as a seat reads it: the
 * record with the parts the seat may read (and, for others' flows, the implied range of the owner's
 * enforcement). The client says each part in the reader's language from its `why` and fields.
 */
export type Explanation = ExplanationRecord;

/** Statistics published one round late (official volumes only). */
export interface PublishedStats {
  round: number;
  officialTrade: Record<string, number>;
}

/** One round's indices for the charts; viewFor strips the private parts. */
export interface HistoryPoint {
  round: number;
  crisis: number;
  stage: number;
  readiness: number;
  tension: number;
  powers: ByPower<{ economy: number; stability: number; standing: number }>;
  announced: ByPower<number>;
  // WARNING: private per power.
  actual: ByPower<number>;
  officialTrade: number;
  // WARNING: private (North Korea, Control, and detections).
  illicitTrade: number;
  // WARNING: private to North Korea.
  nk: { currency: number; fuel: number; food: number; stability: number };
  // WARNING: private to China.
  discontent: number;
  // WARNING: private to China (includes illicit trade through Dandong).
  borderTrade: number;
  // WARNING: private to Russia (includes off-book supply).
  ruTrade: number;
}

/** Counters the objectives are measured from. */
export interface Tracks {
  minNkStability: number;
  chineseBanksDesignated: number;
  mdDeployed: number;
  exercisesSuspendedRounds: number;
  moratoriumStreak: number;
  maxMoratoriumStreak: number;
  cnHighStreak: number;
  maxCnHighStreak: number;
  summits: PairKey[];
  ruHosted: boolean;
  agreementsJoined: ByPower<number>;
  interKoreanAgreements: number;
  usKpDeal: boolean;
  krInUsKpDeal: boolean;
  adoptedOverRussia: number;
  freezeForFreezeRounds: number;
  retaliatedAgainstKR: boolean;
  relief: boolean;
  recognition: boolean;
}

export interface ObjectiveResult {
  id: string;
  text: string;
  secret: boolean;
  grade: "success" | "partial" | "failure";
  points: number;
}

export interface ScoreCard {
  score: number;
  par: number;
  /** Score as a percentage of par: how winners are compared. */
  normalised: number;
  grade: "success" | "partial" | "failure";
  objectives: ObjectiveResult[];
}

export type EndReason = "last_round" | "war" | "collapse" | "grand_bargain";

export interface Ending {
  reason: EndReason;
  round: number;
  /** War only: the power whose order pushed the crisis past the brink. */
  pusher?: PowerId;
  winner?: PowerId;
  scores?: ByPower<ScoreCard>;
}

/** Control's judgement of a queued free-form action: rolled when judged, applied at resolution. */
export interface MatrixVerdict {
  /** Control's name for the action (public once it applies). */
  title: string;
  /** Why Control rated the argument so (Control and the power). */
  reason: string;
  strength: number;
  /** Chance of success, %. */
  chance: number;
  /** The roll, 1–100: a success when it is at most the chance. */
  roll: number;
  success: boolean;
  /** What applies at the resolution (the success or the failure effects, if any). */
  effects?: Effects;
  /** The round in which Control judged it. */
  round: number;
}

/**
 * A free-form "matrix" argument a power made. It is queued the moment the orders that carry it are
 * submitted (so Control reads it during the orders phase); Control judges it ("judged": rolled, the
 * verdict hidden from the power until it applies at the next resolution) or defers it.
 */
export interface MatrixItem {
  id: string;
  power: PowerId;
  round: number;
  /** The argument. */
  text: string;
  /** The order's rationale, if the power wrote one. */
  rationale?: string;
  status: "pending" | "judged" | "deferred" | "success" | "failure" | "withdrawn";
  verdict?: MatrixVerdict;
  /** Why Control deferred it (shown to the power). */
  deferReason?: string;
}

export interface ControlRecord {
  round: number;
  kind: "inject" | "adjudicate" | "override" | "defer" | "reflection";
  text: string;
}

/** A reflection prompt a teacher set: for one round (after its resolution), or 0 for every round. */
export interface ReflectionPrompt {
  round: number;
  text: string;
  /** A required memo is flagged in the game screen and counted as missing in the gradebook. */
  required: boolean;
}

/** A power's reflection memo on a resolved round (private: the power and Control). */
export interface Memo {
  power: PowerId;
  round: number;
  text: string;
}

export interface GameState {
  gameId: string;
  /** The scenario this game runs: its numbers drive the rules. Shared by reference, never mutated. */
  scenario: Scenario;
  /** The PRNG's state (uint32); advanced only by the engine. */
  rng: number;
  round: number;
  maxRounds: number;
  phase: Phase;
  powers: ByPower<PowerState>;
  enforcement: ByPower<Enforcement>;
  policies: ByPower<Policies>;
  programme: Programme;
  nk: NorthKorea;
  crisis: number;
  relations: Record<PairKey, number>;
  /** US–China tension (0–100): decays, fed by US actions against China elsewhere. */
  tension: number;
  // WARNING: private per power. Pressure that lifts a power's enforcement baseline, decaying.
  pressure: ByPower<number>;
  // WARNING: private to China. Discontent in the Chinese border economy, 0–100.
  discontent: number;
  missileDefence: { launchers: number; arrivals: { round: number; launchers: number }[] };
  /** South Korea's defences (0–3): lowers its losses in a war. */
  defences: number;
  flows: Flow[];
  sanctions: Sanctions;
  illicit: Illicit;
  // WARNING: private per power.
  intel: ByPower<number>;
  /** Per-round noise (0–100) that offsets the implied-enforcement ranges others see. Private. */
  intelNoise: ByPower<number>;
  proposals: Proposal[];
  agreements: Agreement[];
  drafts: UnDraft[];
  // WARNING: secret per power until the game ends.
  agendas: ByPower<string>;
  tracks: Tracks;
  /** Orders submitted this round, secret until resolution. */
  orders: Partial<ByPower<Orders>>;
  /** Events of the last resolution and of this round's diplomacy so far. */
  events: EventRecord[];
  explanations: ExplanationRecord[];
  published: PublishedStats[];
  history: HistoryPoint[];
  matrix: MatrixItem[];
  control: ControlRecord[];
  /** Reflection prompts (public) and memos (private per power). */
  reflection: { prompts: ReflectionPrompt[]; memos: Memo[] };
  seq: number;
  ending: Ending | null;
}

import type { Action, ActionType } from "./orders.js";

export type { Action };
export interface Orders {
  actions: Action[];
}
