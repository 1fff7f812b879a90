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
import { agendaOf, grade, measureVisibleTo, objectivesOf } from "./engine/objectives.js";
import type { PUBLIC_POLICIES } from "./engine/policies.js";
import { type ByPower, byPower, isPower, type PairKey, POWERS, type PowerId, type Seat } from "./powers.js";
import type { ObjectiveSpec, Scenario } from "./scenario/schema.js";
import { quarterOf } from "./scenario.js";
import type {
  Agreement,
  ControlRecord,
  Ending,
  Explanation,
  ExplanationPart,
  Flow,
  GameEvent,
  GameState,
  HistoryPoint,
  MatrixItem,
  Memo,
  NorthKorea,
  ObjectiveResult,
  Orders,
  Phase,
  Policies,
  PowerState,
  Programme,
  Proposal,
  PublishedStats,
  ReflectionPrompt,
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
  /**
   * How it stands now, if the game ended now; "unknown" while it depends on what the seat cannot
   * see (revealed when the game ends).
   */
  status: ObjectiveResult["grade"] | "unknown";
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
  /** Reflection prompts (public); memos: own (all for Control). */
  reflection: { prompts: ReflectionPrompt[]; memos: Memo[] };
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
const objectivesCache = new WeakMap<Scenario, Partial<ByPower<ReturnType<typeof objectivesOf>>>>();
function objectiveSpecs(state: GameState, p: PowerId): ReturnType<typeof objectivesOf> {
  let m = objectivesCache.get(state.scenario);
  if (!m) {
    m = {};
    objectivesCache.set(state.scenario, m);
  }
  let list = m[p];
  if (!list) {
    list = objectivesOf(state, p);
    m[p] = list;
  }
  return list;
}

/*
 * A state is never mutated once the engine has returned it, and the engine shares unchanged
 * sub-objects (flows, designations, history points…) between successive states. Views therefore
 * share those objects instead of copying them, and two seat-independent derivations are memoised
 * per array (one WeakMap entry per round, not per item: ephemeron entries cost the GC). Views are
 * read-only: they may share objects with the state and with each other.
 */

/**
 * The settings of `PUBLIC_POLICIES`, as a literal: a dynamic-key copy is the slowest line of a view.
 * `Pick` makes the compiler hold this to the list (a key added there is missing here; one removed
 * there is an excess property here).
 */
function publicPolicies(pol: Policies): Pick<Policies, (typeof PUBLIC_POLICIES)[number]> {
  return {
    trade: pol.trade,
    pipeline: pol.pipeline,
    exercises: pol.exercises,
    mdConsent: pol.mdConsent,
    tariffs: pol.tariffs,
    moratorium: pol.moratorium,
  };
}

/**
 * The last few results, keyed by identity. Not a WeakMap: these values are made every round, and
 * a WeakMap entry whose key has reached the old generation keeps its value alive through every
 * scavenge until a full GC (measured: scavenges twice as dear in self-play). A few slots cover the
 * bursts of views of one state, and a server's rooms taking turns.
 */
class Recent<K, V> {
  private readonly keys: (K | undefined)[] = [];
  private readonly values: (V | undefined)[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  get(k: K): V | undefined {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === k) return this.values[i];
    return undefined;
  }
  set(k: K, v: V): void {
    this.keys[this.next] = k;
    this.values[this.next] = v;
    this.next = (this.next + 1) % this.size;
  }
}

/**
 * Per-seat results derived from a few of a state's records, kept while those records are the same
 * objects (the engine replaces a record rather than change it, so the same objects mean the same
 * result). A view of the next state, in which only the proposals or the events changed, then reuses
 * what the one before built for the seat. A few slots, like `Recent`.
 */
class SeatMemo<V> {
  private readonly slots: { a: unknown; b: unknown; c: unknown; d: unknown; bySeat: Map<Seat, V> }[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  get(seat: Seat, a: unknown, b: unknown, c: unknown, d: unknown, make: () => V): V {
    let slot: (typeof this.slots)[number] | undefined;
    for (const x of this.slots) {
      if (x.a === a && x.b === b && x.c === c && x.d === d) {
        slot = x;
        break;
      }
    }
    if (!slot) {
      slot = { a, b, c, d, bySeat: new Map() };
      this.slots[this.next] = slot;
      this.next = (this.next + 1) % this.size;
    }
    let v = slot.bySeat.get(seat);
    if (v === undefined) {
      v = make();
      slot.bySeat.set(seat, v);
    }
    return v;
  }
}

type ObjectivesShown = { specs: readonly ObjectiveSpec[]; agenda: ObjectiveSpec; list: ObjectiveView[] };

/**
 * What `viewFor` remembers of the views it built lately, so that the next state's views reuse
 * every part whose records did not change (the caches below). `slots` entries each (8 by
 * default, for callers that mix games); a server's room passes one memory per game with a single
 * slot (server/rooms/views.ts: older entries only keep old states alive). With one memory shared by hundreds of
 * games taking turns, each game's entries were evicted before its next view (0.19 against 0.08 ms
 * for a state's seven views), and the views of consecutive states shared fewer objects, which
 * also made their diffs dearer (server/rooms/views.ts). Only speed depends on it, never a view.
 */
export class ViewMemory {
  readonly publicFlows: Recent<Flow[], FlowView[]>;
  readonly designations: Recent<GameState["sanctions"]["designations"], DesignationView[]>;
  readonly publicEnforcement: Recent<GameState["enforcement"], ByPower<EnforcementView>>;
  readonly publicPolicies: Recent<GameState["policies"], ByPower<PolicyView>>;
  readonly history = new Map<Seat, { points: readonly HistoryPoint[]; views: HistoryPointView[] }>();
  readonly records: SeatMemo<{ enforcement: ByPower<EnforcementView>; policies: ByPower<PolicyView> }>;
  readonly illicit: SeatMemo<{ illicitNodes: IllicitNodeView[]; flows: FlowView[] }>;
  readonly explanations: SeatMemo<Explanation[]>;
  readonly intelligence: SeatMemo<NonNullable<PlayerView["intelligence"]>>;
  readonly objectives: Partial<Record<Seat, Partial<ByPower<ObjectivesShown>>>> = {};
  /** The last view built for each seat, and the state it was built from (`reuse`, below). */
  readonly last = new Map<Seat, { state: GameState; view: PlayerView }>();
  constructor(slots = 8) {
    this.publicFlows = new Recent(slots);
    this.designations = new Recent(slots);
    this.publicEnforcement = new Recent(slots);
    this.publicPolicies = new Recent(slots);
    this.records = new SeatMemo(slots);
    this.illicit = new SeatMemo(slots);
    this.explanations = new SeatMemo(slots);
    this.intelligence = new SeatMemo(slots);
  }
}
/** The memory of callers that pass none. */
const sharedMemory = new ViewMemory();
/** The memory of the `viewFor` call under way (viewFor is synchronous and never calls itself). */
let m: ViewMemory = sharedMemory;

// Others' public enforcement and policies: built once per round (the records change only when a
// resolution or a Control override copies them), shared by every view until then.
function publicEnforcementOf(e: GameState["enforcement"]): ByPower<EnforcementView> {
  let v = m.publicEnforcement.get(e);
  if (!v) {
    v = byPower((p) => ({ announced: e[p].announced }));
    m.publicEnforcement.set(e, v);
  }
  return v;
}
function publicPoliciesOf(pol: GameState["policies"]): ByPower<PolicyView> {
  let v = m.publicPolicies.get(pol);
  if (!v) {
    v = byPower((p) => publicPolicies(pol[p]));
    m.publicPolicies.set(pol, v);
  }
  return v;
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

/** The flows without their illicit volumes (explicit field copies: rest/spread is slower). */
function publicFlows(flows: Flow[]): FlowView[] {
  let v = m.publicFlows.get(flows);
  if (!v) {
    v = flows.map(
      (f): FlowView => ({
        id: f.id,
        from: f.from,
        to: f.to,
        commodity: f.commodity,
        base: f.base,
        official: f.official,
        enforcedBy: f.enforcedBy,
        fromKP: f.fromKP,
      }),
    );
    m.publicFlows.set(flows, v);
  }
  return v;
}

function historyPointView(h: HistoryPoint, seat: Seat): HistoryPointView {
  if (seat === "CONTROL") return h;
  const v: HistoryPointView = {
    round: h.round,
    crisis: h.crisis,
    stage: h.stage,
    readiness: h.readiness,
    tension: h.tension,
    powers: h.powers,
    announced: h.announced,
    officialTrade: h.officialTrade,
    actual: isPower(seat) ? { [seat]: h.actual[seat] } : {},
  };
  if (seat === "KP") {
    v.illicitTrade = h.illicitTrade;
    v.nk = h.nk;
  } else if (seat === "CN") {
    v.discontent = h.discontent;
    v.borderTrade = h.borderTrade;
  } else if (seat === "RU") v.ruTrade = h.ruTrade;
  return v;
}

/*
 * A seat's history for the last history list it was shown, reusing the point views of the prefix
 * it shares with the list before (one point is added a round; the earlier ones never change).
 */
function historyFor(points: HistoryPoint[], seat: Seat): HistoryPointView[] {
  const last = m.history.get(seat);
  if (last?.points === points) return last.views;
  const views: HistoryPointView[] = [];
  for (let i = 0; i < points.length; i++) {
    const h = points[i]!;
    views.push(last && last.points[i] === h ? last.views[i]! : historyPointView(h, seat));
  }
  m.history.set(seat, { points, views });
  return views;
}

function designationsOf(state: GameState): DesignationView[] {
  const list = state.sanctions.designations;
  let v = m.designations.get(list);
  if (!v) {
    const entities = entitiesOf(state.scenario);
    v = list.map((d): DesignationView => {
      const e = entities.get(d.entity);
      return {
        entity: d.entity,
        name: e?.name ?? d.entity,
        country: e?.country ?? "other",
        kind: e?.kind ?? "firm",
        round: d.round,
      };
    });
    m.designations.set(list, v);
  }
  return v;
}

/*
 * Events and explanations go to a seat as the engine recorded them, as data (a kind or a `why` with
 * numbers and ids): the client says them in the reader's language (client/game/words.ts), and
 * engine/text.ts renders the English where the server wants a text. Sending the English as well
 * was most of a resolution's bytes on the wire.
 */

/**
 * The explanations a seat may read. Others' flows get the implied range of the owner's achieved
 * enforcement, as far as the seat's intelligence narrows it. An explanation the seat may read in
 * full is shared, not copied.
 */
function explanationsFor(state: GameState, seat: Seat, me: PowerId | null): Explanation[] {
  const list = state.explanations;
  if (list.length === 0) return [];
  const all = seat === "CONTROL";
  const flowOwner = flowOwnersOf(state.scenario);
  const implied: Partial<ByPower<ExplanationPart>> = {};
  const out: Explanation[] = [];
  for (const x of list) {
    if (!all && !canSee(seat, x.visibleTo)) continue;
    let owner = flowOwner.get(x.index);
    if (owner && (owner === "KR" || all || owner === me || me === "KP")) owner = undefined;
    let shared = !owner;
    if (shared && !all) for (const p of x.parts) if (!canSee(seat, p.visibleTo)) shared = false;
    if (shared) {
      out.push(x);
      continue;
    }
    const parts = x.parts.filter((p) => canSee(seat, p.visibleTo));
    if (owner) {
      let part = implied[owner];
      if (!part) {
        const [lo, hi] = impliedRange(state, owner, me ? state.intel[me] : 0);
        part = { why: "implied", owner, lo, hi, visibleTo: "all" };
        implied[owner] = part;
      }
      parts.push(part);
    }
    out.push({ round: x.round, index: x.index, from: x.from, to: x.to, visibleTo: x.visibleTo, parts });
  }
  return out;
}

/** How an objective of `p` stands, or "unknown" while it rests on numbers the seat cannot see. */
function statusOf(state: GameState, o: ObjectiveSpec, p: PowerId, seesAll: boolean): ObjectiveView["status"] {
  return seesAll || measureVisibleTo(o.measure, p) ? grade(state, o) : "unknown";
}

/** Enforcement and policies: the seat's own records in full (Control: all), others' public parts. */
function recordsFor(state: GameState, seat: Seat, me: PowerId | null) {
  return m.records.get(seat, state.enforcement, state.policies, null, null, () => {
    const all = seat === "CONTROL";
    const enforcement = {} as ByPower<EnforcementView>;
    const policies = {} as ByPower<PolicyView>;
    const publicEnforcement = publicEnforcementOf(state.enforcement);
    const publicPolicies = publicPoliciesOf(state.policies);
    for (const p of POWERS) {
      const own = all || me === p;
      enforcement[p] = own ? state.enforcement[p] : publicEnforcement[p];
      policies[p] = own ? state.policies[p] : publicPolicies[p];
    }
    return { enforcement, policies };
  });
}

/**
 * The illicit nodes the seat knows of, and the flows with their illicit volumes where it knows of a
 * node on their route (North Korea and Control: everywhere).
 */
function illicitFor(state: GameState, seat: Seat, me: PowerId | null) {
  return m.illicit.get(seat, state.illicit.nodes, state.flows, null, null, () => {
    const all = seat === "CONTROL";
    const seesAllIllicit = all || me === "KP";
    let knownRegions: Set<Region> | null = null;
    const illicitNodes: IllicitNodeView[] = [];
    for (const n of state.illicit.nodes) {
      if (seesAllIllicit || (me && n.knownBy.includes(me))) {
        if (!seesAllIllicit) {
          knownRegions ??= new Set();
          knownRegions.add(n.region);
        }
        const v: IllicitNodeView = { id: n.id, name: n.name, region: n.region, capacity: n.capacity };
        if (all) v.knownBy = n.knownBy;
        illicitNodes.push(v);
      }
    }
    let flows: FlowView[];
    if (!seesAllIllicit && !knownRegions) flows = publicFlows(state.flows);
    else {
      flows = [];
      const pub = publicFlows(state.flows);
      for (const f of state.flows) {
        let sees = seesAllIllicit;
        if (!sees && knownRegions) for (const r of regionsOf(f)) if (knownRegions.has(r)) sees = true;
        flows.push(sees ? f : pub[flows.length]!);
      }
    }
    return { illicitNodes, flows };
  });
}

/*
 * A power's objectives as a seat sees them. Their statuses are graded afresh for every view; when
 * every status is what this seat was last shown for the same objectives, that list is returned
 * again (most views in a round grade the same), so a view allocates none.
 */
function objectiveViews(state: GameState, seat: Seat, p: PowerId, seesAll: boolean): ObjectiveView[] {
  const specs = objectiveSpecs(state, p);
  const agenda = agendaOf(state, p);
  let shown = m.objectives[seat];
  if (!shown) {
    shown = {};
    m.objectives[seat] = shown;
  }
  const last = shown[p];
  if (last && last.specs === specs && last.agenda === agenda) {
    let same = true;
    for (let i = 0; i < specs.length && same; i++)
      same = last.list[i]!.status === statusOf(state, specs[i]!, p, seesAll);
    if (same && last.list[specs.length]!.status === statusOf(state, agenda, p, seesAll)) return last.list;
  }
  const list: ObjectiveView[] = [];
  for (const o of specs)
    list.push({ id: o.id, text: o.text, secret: false, status: statusOf(state, o, p, seesAll) });
  list.push({ id: agenda.id, text: agenda.text, secret: true, status: statusOf(state, agenda, p, seesAll) });
  shown[p] = { specs, agenda, list };
  return list;
}

/**
 * A power's own free-form actions, field by field. Control's verdict stays with Control until it
 * applies at the resolution (engine/matrix.ts): a power that knew its roll could rewrite its orders
 * around it, so until then a judged item reads as pending.
 */
function matrixFor(state: GameState, me: PowerId | null): MatrixItem[] {
  const out: MatrixItem[] = [];
  for (const m of state.matrix) {
    if (m.power !== me) continue;
    if (m.status !== "judged") {
      out.push(m);
      continue;
    }
    const v: MatrixItem = { id: m.id, power: m.power, round: m.round, text: m.text, status: "pending" };
    if (m.rationale) v.rationale = m.rationale;
    out.push(v);
  }
  return out;
}

/** Memos are private to their power (and Control). */
function reflectionFor(state: GameState, all: boolean, me: PowerId | null): PlayerView["reflection"] {
  const r = state.reflection;
  if (all || r.memos.length === 0) return r;
  return { prompts: r.prompts, memos: r.memos.filter((m) => m.power === me) };
}

/**
 * The seat's last view's `key`, when the state's record of the same name is the very same object
 * (the engine replaces a record rather than change it, and each of these fields is a function of
 * that record and the seat alone); otherwise it is made afresh. The other fields of the view are
 * reused the same way in `viewFor`, each by what it is made of.
 *
 * Why: a room builds every seat's view after every input and keeps each until the next, a second
 * or more, so whatever a view allocates outlives V8's young generation and is promoted. In a
 * server's allocation profile at 4,800 clients (the objects that outlived a scavenge, sampled over
 * 30 s), `viewFor`'s own allocations were 43 % of all promoted bytes: most inputs change one seat's
 * view, yet every seat's events, proposals, orders, quarter and wrappers were made again. Promotion
 * is what paces the major GCs that make the tail at 10,000 clients (docs/bench/README.md).
 */
function fromLast<K extends "events" | "proposals" | "matrix" | "reflection">(
  last: { state: GameState; view: PlayerView } | undefined,
  state: GameState,
  key: K,
  make: () => PlayerView[K],
): PlayerView[K] {
  return last && last.state[key] === state[key] ? last.view[key] : make();
}

/** `a` when `b` holds the same values under the same keys (one level deep), else `b`. */
function sameOr<T extends object>(a: T | undefined, b: T): T {
  if (a === undefined) return b;
  const was = a as Record<string, unknown>;
  const now = b as Record<string, unknown>;
  // for-in rather than Object.keys: no array of keys for every view.
  let count = 0;
  for (const k in now) {
    if (was[k] !== now[k] || !Object.hasOwn(was, k)) return b;
    count++;
  }
  for (const _ in was) count--;
  return count === 0 ? a : b;
}

/** `a` when `b` holds the very same items, else `b` (a filter that let nothing new through). */
function sameItems<T>(a: readonly T[] | undefined, b: T[]): T[] {
  if (a === undefined || a.length !== b.length) return b;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return b;
  return a as T[];
}

/**
 * The events a seat may see: the state's own list when it may see them all (most events are
 * public), so that seats share it instead of each keeping a copy until the next input.
 */
function visibleEvents(events: GameEvent[], seat: Seat, prev: GameEvent[] | undefined): GameEvent[] {
  if (events.every((e) => canSee(seat, e.visibleTo))) return events;
  return sameItems(
    prev,
    events.filter((e) => canSee(seat, e.visibleTo)),
  );
}

/**
 * The view of `state` from `seat`. It may share objects with the state and with other views (the
 * engine never mutates a state it has returned), so treat it as read-only. When nothing the seat
 * may see changed since the last view the memory built for it, that same view object is returned
 * (server/rooms/views.ts then has nothing to diff).
 */
export function viewFor(state: GameState, seat: Seat, memory: ViewMemory = sharedMemory): PlayerView {
  m = memory;
  const all = seat === "CONTROL";
  const me: PowerId | null = isPower(seat) ? seat : null;
  const last = m.last.get(seat);
  const prev = last?.view;

  const { enforcement, policies } = recordsFor(state, seat, me);
  const { illicitNodes, flows } = illicitFor(state, seat, me);

  // Orders are immutable once accepted; `submitted` keeps the order they came in.
  let orders: Partial<ByPower<Orders>>;
  let submitted: PowerId[];
  if (last && last.state.orders === state.orders) ({ orders, submitted } = last.view);
  else {
    orders = {};
    submitted = [];
    for (const p of Object.keys(state.orders) as PowerId[]) {
      const o = state.orders[p];
      if (!o || !isPower(p)) continue;
      submitted.push(p);
      if (all || me === p) orders[p] = o;
    }
    // Another power's orders change only who has submitted, not what this seat sees of them.
    orders = sameOr(prev?.orders, orders);
  }

  // Own objectives; everyone's once the game has ended (the secret agendas are revealed then).
  const fresh: Partial<ByPower<ObjectiveView[]>> = {};
  const over = state.phase === "ended";
  for (const p of POWERS) {
    if (!all && !over && me !== p) continue;
    fresh[p] = objectiveViews(state, seat, p, all || over);
  }
  const objectives = sameOr(prev?.objectives, fresh);

  const history = historyFor(state.history, seat);
  const quarter =
    last && last.state.round === state.round && last.state.scenario === state.scenario
      ? last.view.quarter
      : quarterOf(state.round, state.scenario);

  const view: PlayerView = {
    seat,
    gameId: state.gameId,
    round: state.round,
    maxRounds: state.maxRounds,
    phase: state.phase,
    quarter,
    powers: state.powers,
    enforcement,
    programme: state.programme,
    crisis: state.crisis,
    flows,
    orders,
    submitted,
    events: all
      ? state.events
      : fromLast(last, state, "events", () => visibleEvents(state.events, seat, prev?.events)),
    published: state.published,
    ending: state.ending,
    relations: state.relations,
    tension: state.tension,
    policies,
    missileDefence: sameOr(prev?.missileDefence, { launchers: state.missileDefence.launchers }),
    sanctions: sameOr(prev?.sanctions, {
      resolutions: state.sanctions.resolutions,
      designations: designationsOf(state),
    }),
    illicitNodes,
    proposals: all
      ? state.proposals
      : fromLast(last, state, "proposals", () =>
          sameItems(
            prev?.proposals,
            state.proposals.filter((p) => me !== null && p.parties.includes(me)),
          ),
        ),
    agreements: state.agreements,
    drafts: state.drafts,
    objectives,
    explanations: m.explanations.get(
      seat,
      state.explanations,
      state.enforcement,
      state.intelNoise,
      state.intel,
      () => explanationsFor(state, seat, me),
    ),
    history,
    matrix: all ? state.matrix : fromLast(last, state, "matrix", () => matrixFor(state, me)),
    reflection: fromLast(last, state, "reflection", () => reflectionFor(state, all, me)),
  };
  if (all || me === "KP") view.nk = state.nk;
  if (all || me === "CN") view.discontent = state.discontent;
  if (me) {
    const e = state.enforcement[me];
    view.pressure = state.pressure[me];
    view.budget = sameOr(prev?.budget, {
      actionPoints: state.powers[me].actionPoints,
      upkeep: e.sustain ? upkeepCost(state, e.target, e.baseline) : 0,
    });
    view.intelligence = m.intelligence.get(
      seat,
      state.enforcement,
      state.intelNoise,
      state.intel,
      null,
      () => {
        const implied: Partial<ByPower<[number, number]>> = {};
        for (const p of POWERS)
          if (p !== me && p !== "KP") implied[p] = impliedRange(state, p, state.intel[me]);
        return { level: state.intel[me], implied };
      },
    );
  }
  if (all) view.control = state.control;
  const same = sameOr(prev, view);
  // The record is updated in place: a new one per view would itself be promoted.
  if (last) {
    last.state = state;
    last.view = same;
  } else m.last.set(seat, { state, view: same });
  return same;
}
