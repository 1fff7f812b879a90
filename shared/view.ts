/**
 * What a seat may see. The one function every byte to a client, bot or observer goes through.
 * Control sees everything; a power sees public information, its own secrets and what its
 * intelligence detected; observers see public information only (DESIGN §7).
 *
 * The view is built field by field (never by copying the state and deleting secrets), so a new
 * field in the state stays private until someone decides here who may see it.
 */
import { upkeepCost } from "./engine/catalogue.js";
import { impliedRange } from "./engine/enforcement.js";
import { agendaOf, grade, objectivesOf } from "./engine/objectives.js";
import { PUBLIC_POLICIES } from "./engine/policies.js";
import { type ByPower, byPower, isPower, type PairKey, POWERS, type PowerId, type Seat } from "./powers.js";
import type { Scenario } from "./scenario/schema.js";
import { quarterOf } from "./scenario.js";
import type {
  Agreement,
  ControlRecord,
  Ending,
  Enforcement,
  Explanation,
  Flow,
  GameEvent,
  GameState,
  HistoryPoint,
  MatrixItem,
  NorthKorea,
  ObjectiveResult,
  Orders,
  Phase,
  Policies,
  PowerState,
  Programme,
  Proposal,
  PublishedStats,
  Region,
  Resolution,
  UnDraft,
  Visibility,
} from "./state.js";

export interface EnforcementView {
  announced: number;
  /** Present only for the power itself (and Control). */
  actual?: number;
  target?: number;
  baseline?: number;
  sustain?: boolean;
}

export interface FlowView extends Omit<Flow, "illicit"> {
  /** Present only where the viewer knows of the illicit trade. */
  illicit?: number;
}

export type PolicyView = Partial<Policies>;

export interface IllicitNodeView {
  id: string;
  name: string;
  region: Region;
  capacity: number;
  /** Control only: who knows of the node. */
  knownBy?: PowerId[];
}

export interface DesignationView {
  entity: string;
  name: string;
  country: string;
  kind: string;
  round: number;
}

export interface ObjectiveView {
  id: string;
  text: string;
  secret: boolean;
  /** How it stands now, if the game ended now. */
  status: ObjectiveResult["grade"];
}

export type HistoryPointView = Omit<
  HistoryPoint,
  "actual" | "illicitTrade" | "nk" | "discontent" | "borderTrade" | "ruTrade"
> &
  Partial<Pick<HistoryPoint, "illicitTrade" | "nk" | "discontent" | "borderTrade" | "ruTrade">> & {
    actual: Partial<ByPower<number>>;
  };

export interface PlayerView {
  seat: Seat;
  gameId: string;
  round: number;
  maxRounds: number;
  phase: Phase;
  quarter: { year: number; quarter: number };
  powers: ByPower<PowerState>;
  enforcement: ByPower<EnforcementView>;
  programme: Programme;
  crisis: number;
  flows: FlowView[];
  /** Own orders only (all orders for Control). */
  orders: Partial<ByPower<Orders>>;
  /** Which powers have submitted orders this round (public). */
  submitted: PowerId[];
  events: GameEvent[];
  published: PublishedStats[];
  ending: Ending | null;
  /** Trust/tension for every pair (public). */
  relations: Record<PairKey, number>;
  /** US–China tension (public: it follows public acts). */
  tension: number;
  /** Own policies in full; others' public ones. */
  policies: ByPower<PolicyView>;
  missileDefence: { launchers: number };
  sanctions: { resolutions: Resolution[]; designations: DesignationView[] };
  /** North Korea's hidden stocks: North Korea and Control only. */
  nk?: NorthKorea;
  /** China's border discontent: China and Control only. */
  discontent?: number;
  /** Pressure on the seat's own enforcement baseline. */
  pressure?: number;
  /** Action points and the upkeep the seat's sustained enforcement takes from them. */
  budget?: { actionPoints: number; upkeep: number };
  /** Illicit nodes the seat knows of (all for North Korea and Control). */
  illicitNodes: IllicitNodeView[];
  /** The seat's intelligence: its level and the implied ranges of others' achieved enforcement. */
  intelligence?: { level: number; implied: Partial<ByPower<[number, number]>> };
  /** Proposals the seat is party to (all for Control). */
  proposals: Proposal[];
  /** Signed agreements (public). */
  agreements: Agreement[];
  /** UN drafts (public). */
  drafts: UnDraft[];
  /** Own public objectives and secret agenda (all powers' for Control). */
  objectives: Partial<ByPower<ObjectiveView[]>>;
  /** Why indices moved in the last resolution, as far as the seat may know. */
  explanations: Explanation[];
  /** Indices round by round for the charts (private parts stripped). */
  history: HistoryPointView[];
  /** Free-form actions awaiting or after adjudication (own; all for Control). */
  matrix: MatrixItem[];
  /** Control's own record (Control only). */
  control?: ControlRecord[];
}

// Per-scenario lookups, built once: views are built for every seat after every input.
const entityCache = new WeakMap<Scenario, Map<string, Scenario["entities"][number]>>();
function entitiesOf(sc: Scenario): Map<string, Scenario["entities"][number]> {
  let m = entityCache.get(sc);
  if (!m) {
    m = new Map(sc.entities.map((e) => [e.id, e]));
    entityCache.set(sc, m);
  }
  return m;
}
const ownerCache = new WeakMap<Scenario, Map<string, PowerId>>();
function flowOwnersOf(sc: Scenario): Map<string, PowerId> {
  let m = ownerCache.get(sc);
  if (!m) {
    m = new Map(sc.flows.map((f) => [`flow:${f.id}`, f.enforcedBy]));
    ownerCache.set(sc, m);
  }
  return m;
}

function canSee(seat: Seat, v: Visibility): boolean {
  return seat === "CONTROL" || v === "all" || v.includes(seat);
}

const RU_REGIONS: readonly Region[] = ["vladivostok"];
const CN_REGIONS: readonly Region[] = ["dandong", "yellow_sea", "east_china_sea"];
const NO_REGIONS: readonly Region[] = [];
/** Regions whose illicit trade a flow's smugglers use (see engine/illicit.ts). */
function regionsOf(f: Flow): readonly Region[] {
  return f.enforcedBy === "RU" ? RU_REGIONS : f.enforcedBy === "CN" ? CN_REGIONS : NO_REGIONS;
}

export function viewFor(state: GameState, seat: Seat): PlayerView {
  const all = seat === "CONTROL";
  const me: PowerId | null = isPower(seat) ? seat : null;
  const seesSecretsOf = (p: PowerId) => all || me === p;

  const enforcement = byPower((p): EnforcementView => {
    const e: Enforcement = state.enforcement[p];
    return seesSecretsOf(p)
      ? {
          announced: e.announced,
          actual: e.actual,
          target: e.target,
          baseline: e.baseline,
          sustain: e.sustain,
        }
      : { announced: e.announced };
  });

  const knownRegions = new Set<Region>();
  const illicitNodes: IllicitNodeView[] = [];
  for (const n of state.illicit.nodes) {
    if (all || me === "KP" || (me && n.knownBy.includes(me))) {
      knownRegions.add(n.region);
      const v: IllicitNodeView = { id: n.id, name: n.name, region: n.region, capacity: n.capacity };
      if (all) v.knownBy = [...n.knownBy];
      illicitNodes.push(v);
    }
  }
  // Explicit field copies, not object rest: rest/spread is many times slower and views are hot.
  const flows = state.flows.map((f): FlowView => {
    const v: FlowView = {
      id: f.id,
      from: f.from,
      to: f.to,
      commodity: f.commodity,
      base: f.base,
      official: f.official,
      enforcedBy: f.enforcedBy,
      fromKP: f.fromKP,
    };
    if (all || me === "KP" || regionsOf(f).some((r) => knownRegions.has(r))) v.illicit = f.illicit;
    return v;
  });

  const orders: Partial<ByPower<Orders>> = {};
  for (const [p, o] of Object.entries(state.orders) as [PowerId, Orders][]) {
    if (seesSecretsOf(p)) orders[p] = { actions: o.actions.map((a) => ({ ...a })) };
  }

  const policies = byPower((p): PolicyView => {
    const pol = state.policies[p];
    if (seesSecretsOf(p)) return { ...pol, trade: { ...pol.trade } };
    const v: PolicyView = {};
    for (const k of PUBLIC_POLICIES)
      (v as Record<string, unknown>)[k] = k === "trade" ? { ...pol.trade } : pol[k];
    return v;
  });

  const entities = entitiesOf(state.scenario);
  const designations = state.sanctions.designations.map((d): DesignationView => {
    const e = entities.get(d.entity);
    return {
      entity: d.entity,
      name: e?.name ?? d.entity,
      country: e?.country ?? "other",
      kind: e?.kind ?? "firm",
      round: d.round,
    };
  });

  const objectives: Partial<ByPower<ObjectiveView[]>> = {};
  for (const p of POWERS) {
    if (!seesSecretsOf(p)) continue;
    const list = objectivesOf(state, p).map((o) => ({
      id: o.id,
      text: o.text,
      secret: false,
      status: grade(state, o),
    }));
    const agenda = agendaOf(state, p);
    list.push({ id: agenda.id, text: agenda.text, secret: true, status: grade(state, agenda) });
    objectives[p] = list;
  }

  const intelLevel = me ? state.intel[me] : 0;
  const flowOwner = flowOwnersOf(state.scenario);
  const explanations: Explanation[] = [];
  for (const x of state.explanations) {
    if (!canSee(seat, x.visibleTo)) continue;
    const parts = x.parts.filter((p) => canSee(seat, p.visibleTo));
    const owner = flowOwner.get(x.index);
    if (owner && owner !== "KR" && !seesSecretsOf(owner) && me !== "KP") {
      const [lo, hi] = impliedRange(state, owner, intelLevel);
      parts.push({ text: `implied ${owner} enforcement ${lo}–${hi}`, visibleTo: "all" });
    }
    explanations.push({ ...x, parts });
  }

  const history = state.history.map((h): HistoryPointView => {
    const v: HistoryPointView = {
      round: h.round,
      crisis: h.crisis,
      stage: h.stage,
      readiness: h.readiness,
      tension: h.tension,
      powers: h.powers,
      announced: h.announced,
      officialTrade: h.officialTrade,
      actual: {},
    };
    for (const p of POWERS) if (seesSecretsOf(p)) v.actual[p] = h.actual[p];
    if (all || me === "KP") {
      v.illicitTrade = h.illicitTrade;
      v.nk = h.nk;
    }
    if (seesSecretsOf("CN")) {
      v.discontent = h.discontent;
      v.borderTrade = h.borderTrade;
    }
    if (seesSecretsOf("RU")) v.ruTrade = h.ruTrade;
    return v;
  });

  const view: PlayerView = {
    seat,
    gameId: state.gameId,
    round: state.round,
    maxRounds: state.maxRounds,
    phase: state.phase,
    quarter: quarterOf(state.round, state.scenario),
    powers: byPower((p) => ({ ...state.powers[p] })),
    enforcement,
    programme: { ...state.programme },
    crisis: state.crisis,
    flows,
    orders,
    submitted: (Object.keys(state.orders) as PowerId[]).filter(isPower),
    events: state.events.filter((e) => canSee(seat, e.visibleTo)),
    published: state.published,
    ending: state.ending,
    relations: { ...state.relations },
    tension: state.tension,
    policies,
    missileDefence: { launchers: state.missileDefence.launchers },
    sanctions: { resolutions: state.sanctions.resolutions, designations },
    illicitNodes,
    proposals: state.proposals.filter((p) => all || (me !== null && p.parties.includes(me))),
    agreements: state.agreements,
    drafts: state.drafts,
    objectives,
    explanations,
    history,
    matrix: state.matrix.filter((m) => all || m.power === me),
  };
  if (all || me === "KP") view.nk = { ...state.nk };
  if (seesSecretsOf("CN")) view.discontent = state.discontent;
  if (me) {
    const e = state.enforcement[me];
    view.pressure = state.pressure[me];
    view.budget = {
      actionPoints: state.powers[me].actionPoints,
      upkeep: e.sustain ? upkeepCost(state, e.target, e.baseline) : 0,
    };
    const implied: Partial<ByPower<[number, number]>> = {};
    for (const p of POWERS) if (p !== me && p !== "KP") implied[p] = impliedRange(state, p, state.intel[me]);
    view.intelligence = { level: state.intel[me], implied };
  }
  if (all) view.control = state.control;
  return view;
}
