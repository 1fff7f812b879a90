/**
 * Game words in the player's language: action labels and effects (the catalogue's English, or a
 * translation by action type), terms of agreements, objectives, events. The catalogue and the
 * engine stay the source of the facts; this only chooses the words.
 */
import i18next from "i18next";
import type { ActionSpec } from "../../shared/engine/catalogue.js";
import type { Action } from "../../shared/orders.js";
import { isPower, POWERS, type PowerId } from "../../shared/powers.js";
import { quarterOf, SUMMER_2017 } from "../../shared/scenario.js";
import type {
  EVENT_KINDS as ENGINE_EVENT_KINDS,
  ExplanationPart,
  GameEvent,
  Reason,
  Term,
} from "../../shared/state.js";
import type { ObjectiveView } from "../../shared/view.js";
import { t, tNumbered, tOr } from "../i18n/index.js";

export { particles } from "../i18n/particles.js";

import { change, money, powerName } from "../ui.js";

export function actionLabel(spec: ActionSpec): string {
  return tOr(`action.${spec.type}.label`, spec.label);
}

export function actionEffect(spec: ActionSpec): string {
  return tNumbered(`action.${spec.type}.effect`, spec.effect);
}

export function groupName(g: string): string {
  return tOr(`group.${g}`, g.replace(/_/g, " "));
}

export function regionName(r: string): string {
  return tOr(`region.${r}`, r.replace(/_/g, " "));
}

export function placeName(name: string): string {
  return tOr(`place.${name}`, name);
}

export function termText(term: Term): string {
  const vars = {
    party: powerName(term.party),
    level: term.level ?? 0,
    group: term.group ? groupName(term.group) : "",
  };
  return t(`term.${term.kind}`, vars);
}

export function objectiveText(o: { id: string; text: string }): string {
  return tNumbered(`objective.${o.id}`, o.text);
}

export function gradeText(g: ObjectiveView["status"]): string {
  return t(`grade.${g}`);
}

/** "✓ met", "◐ partly met", "✕ not met", "? unknown": a symbol as well as a colour. */
export function gradeMark(g: ObjectiveView["status"]): string {
  return g === "success" ? "✓" : g === "partial" ? "◐" : g === "unknown" ? "?" : "✕";
}

/** Words rendered from the engine's records, and whether a template said them. */
export interface Said {
  text: string;
  /**
   * False when no template fitted (a record missing a field its template needs) and a plain line
   * was shown instead. The view carries no English to fall back on: every kind and `why` the
   * engine can produce has a template (tests/browser/words.test.ts).
   */
  templated: boolean;
}

type Vars = Record<string, string | number>;
/** A template key with its values, or null when the event lacks what the template needs. */
type Words = [key: string, vars: Vars] | null;

const SC = SUMMER_2017;
const flowSpecs = new Map(SC.flows.map((f) => [f.id, f]));
const entityIds = new Map(SC.entities.map((x) => [x.id, x]));
const nodeIdsByName = new Map(SC.illicit.nodes.map((n) => [n.name, n.id]));
const nodeNamesById = new Map(SC.illicit.nodes.map((n) => [n.id, n.name]));
const injectsByTitle = new Map(SC.injects.map((i) => [i.title, i]));
const actionTypeByLabel = new Map(SC.actions.map((a) => [a.label, a.type]));
const catalogueTypes = new Set<string>(SC.actions.map((a) => a.type));

/** The engine's fixed phrases for why an index moved (`why: "label"`), by their key. */
const LABEL_KEYS: Readonly<Record<string, string>> = {
  "refugees crossing into China": "refugees",
  "North Korea's test moratorium holds": "moratoriumHolds",
  "North Korean missile test": "kpMissileTest",
  "failed North Korean missile test": "kpMissileTestFailed",
  "US–South Korea joint exercises": "exercises",
  "joint exercises suspended": "exercisesSuspended",
  "agreements in force": "agreementsInForce",
  "missile test": "missileTest",
  "North Korean nuclear test": "nuclearTest",
  "offer of talks": "offerOfTalks",
  "missile test failed: a little learned": "testFailedLearned",
};

const isPowerId = (s: unknown): s is PowerId => typeof s === "string" && isPower(s);
/** "US,CN" or "US, CN" → "United States, China". */
const names = (ids: string): string =>
  ids
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => (isPowerId(x) ? powerName(x) : x))
    .join(", ");

/** A flow as the explanations name it: "Coal Sinuiju → Dandong". */
export function flowName(id: string): string {
  const f = flowSpecs.get(id);
  return f ? `${t(`commodity.${f.commodity}`)} ${placeName(f.from)}\u2192${placeName(f.to)}` : id;
}

export function entityName(id: string, english?: string): string {
  return tOr(`entity.${id}`, english ?? entityIds.get(id)?.name ?? id);
}

/** An illicit node's name: the scenario's by id, the engine's "New fronts (dandong)" by pattern. */
export function nodeName(name: string): string {
  const id = nodeIdsByName.get(name);
  if (id) return tOr(`nodeName.${id}`, name);
  const m = /^New (accounts|fronts|ship-to-ship zone) \((.+)\)$/.exec(name);
  if (!m) return name;
  const kind = m[1] === "accounts" ? "accounts" : m[1] === "fronts" ? "fronts" : "sts";
  return t(`node.new.${kind}`, { region: regionName(m[2]!.replace(/ /g, "_")) });
}

/** A resolution's name: the scenario's by id, the engine's "Resolution d1 (round 3)" by pattern. */
export function resolutionName(r: { id?: string; name: string }): string {
  if (r.id) {
    const known = tOr(`resolutionName.${r.id}`, "");
    if (known) return known;
  }
  const m = /^Resolution (\S+) \(round (\d+)\)$/.exec(r.name);
  return m ? t("resolution.adopted", { id: m[1]!, round: m[2]! }) : r.name;
}

/** An explained index ("flow:kp-cn-coal", "enforcement:CN", "nk:fuel", "crisis") by its name. */
export function indexName(index: string): string {
  const [head = "", rest] = index.split(":");
  if ((head === "flow" || head === "illicit") && rest)
    return t(head === "flow" ? "news.idxFlow" : "news.idxIllicit", { flow: flowName(rest) });
  if (head === "node" && rest) return t("news.idxNode", { name: nodeLabel(rest) });
  if (rest && isPower(rest)) return t("news.idxOf", { index: t(`index.${head}`), power: powerName(rest) });
  if (head === "nk" && rest) return t("news.idxNk", { what: t(`index.nk_${rest}`) });
  return tOr(`index.${head}`, index);
}

/** An illicit node by id: the scenario's translated name; one opened in play has only an id. */
function nodeLabel(id: string): string {
  const n = SC.illicit.nodes.find((x) => x.id === id);
  return n ? tOr(`nodeName.${n.id}`, n.name) : t("news.newNode");
}

/** An inject's title and text: the library's translated by id, a custom one as Control wrote it. */
export function injectWords(title: string, text: string): { title: string; text: string } {
  const lib = injectsByTitle.get(title);
  if (!lib) return { title, text };
  return { title: tOr(`inject.${lib.id}.title`, title), text: tOr(`inject.${lib.id}.text`, text) };
}

/** A short name of an agreement term's kind ("no tests"). */
export function termShort(kind: string): string {
  return tOr(`termShort.${kind}`, kind.replace(/_/g, " "));
}

function stageName(n: number): string {
  return n >= 1 && n <= 5 ? t(`reach.${n}`) : t("rail.none");
}

/** A text field of an event's `extra`, or null when the event has none (the English is shown then). */
function str(v: string | number | undefined): string | null {
  return v === undefined ? null : String(v);
}

/**
 * Per event kind: the template key and its values, from the event's `data` (power ids already as
 * names in `d`) and `extra` (`x`, as the engine recorded it). One entry for every kind the engine
 * declares (`EVENT_KINDS`: a missing one does not compile); shared/engine/text.ts says the same
 * records in English for the server's exports.
 */
type EventRule = (d: Vars, x: Vars, raw: GameEvent["data"]) => Words;
const EVENTS: Readonly<Record<(typeof ENGINE_EVENT_KINDS)[number], EventRule>> = {
  enforcement_announced: (d) => ["event.enforcement_announced", d],
  trade_policy: (d) => ["event.trade_policy", { ...d, group: groupName(String(d.group)) }],
  pipeline: (d) => ["event.pipeline", d],
  inspections: (d) => ["event.inspections", d],
  fuel_sales: (d) => ["event.fuel_sales", d],
  exercises_policy: (d) => [`event.exercises_policy.${d.on ? "on" : "off"}`, d],
  md_consent: (d) => [`event.md_consent.${d.on ? "on" : "off"}`, d],
  tariffs: (d) => [`event.tariffs.${d.on ? "on" : "off"}`, d],
  moratorium: (d) => [`event.moratorium.${d.on ? "on" : "off"}`, d],
  labourers: (d) => ["event.labourers", d],
  engagement: (d) => ["event.engagement", d],
  statement: (d, x) => (x.text === undefined ? null : ["event.statement", { ...d, text: x.text }]),
  matrix_queued: (d) => ["event.matrix_queued", d],
  matrix_deferred: (d, x) => [
    x.reason === undefined ? "event.matrix_deferred.plain" : "event.matrix_deferred.reason",
    { ...d, reason: x.reason ?? "" },
  ],
  retaliation: (d) => ["event.retaliation", d],
  summit_held: (d) => ["event.summit_held", d],
  talks_offered: (d) => ["event.talks_offered", d],
  designated: (d) => ["event.designated", { ...d, entity: entityName(String(d.entity)) }],
  intel_report: (d, x) => {
    const region = regionName(String(d.region));
    if (!d.found) return ["event.intel_report.none", { region }];
    const found = str(x.names);
    return found === null
      ? null
      : ["event.intel_report.found", { region, names: found.split(", ").map(nodeName).join(", ") }];
  },
  node_closed: (d, x) => {
    const by = str(x.by);
    const name = str(x.name);
    if (by === null || name === null) return null;
    return [
      "event.node_closed",
      { by: isPowerId(by) ? powerName(by) : by, name: nodeName(name), capacity: money(Number(d.capacity)) },
    ];
  },
  smuggling_capped: () => ["event.smuggling_capped", {}],
  smuggling_op: (d) => [
    "event.smuggling_op",
    { region: regionName(String(d.region)), add: money(Number(d.add)) },
  ],
  node_opened: (d, x) =>
    x.capacity === undefined
      ? null
      : ["event.node_opened", { region: regionName(String(d.region)), capacity: money(Number(x.capacity)) }],
  md_arrived: (d) => ["event.md_arrived", d],
  md_deployed: (d) => ["event.md_deployed", d],
  md_blocked: () => ["event.md_blocked", {}],
  strike_war: () => ["event.strike_war", {}],
  strike: () => ["event.strike", {}],
  missile_tested: (d, x) => {
    if (!d.success) return ["event.missile_tested.failed", {}];
    const stage = Number(d.stage);
    // A test that showed a new stage names it: "… range stage 2 (Guam)."
    return [
      `event.missile_tested.${x.stageUp ? "stageUp" : "success"}`,
      { stage, stageName: stageName(stage) },
    ];
  },
  programme_progress: (d) => ["event.programme_progress", d],
  nuclear_tested: () => ["event.nuclear_tested", {}],
  russia_backfilled: (d) => [
    "event.russia_backfilled",
    {
      backfill: money(Number(d.backfill)),
      wanted: money(Number(d.wanted)),
      capacity: money(Number(d.capacity)),
    },
  ],
  cyber_attributed: () => ["event.cyber_attributed", {}],
  refugees: () => ["event.refugees", {}],
  crisis_costs: (d) => ["event.crisis_costs", d],
  proposal: (d, x) => {
    const to = str(x.to);
    return to === null ? null : ["event.proposal", { ...d, to: names(to) }];
  },
  proposal_rejected: (d) => ["event.proposal_rejected", d],
  agreement_signed: (d, x) => {
    if (x.grand) return ["event.agreement_signed.grand", {}];
    const kinds = str(x.terms);
    if (kinds === null || x.duration === undefined) return null;
    const terms = [...new Set(kinds.split(", ").filter(Boolean))].map(termShort).join(", ");
    return [
      "event.agreement_signed.deal",
      { id: d.id ?? "", parties: names(String(d.parties ?? "")), terms, duration: Number(x.duration) },
    ];
  },
  breach_unseen: (d, x) => {
    const party = str(x.party);
    const term = str(x.term);
    if (party === null || term === null) return null;
    return [
      "event.breach_unseen",
      { id: d.id ?? "", party: isPowerId(party) ? powerName(party) : party, term: termShort(term) },
    ];
  },
  agreement_broken: (d) => ["event.agreement_broken", { ...d, term: termShort(String(d.term)) }],
  agreement_expired: (d) => ["event.agreement_expired", d],
  collapse: () => ["event.collapse", {}],
  war: (_d, _x, raw) =>
    isPowerId(raw.pusher) ? ["event.war.pushed", { pusher: powerName(raw.pusher) }] : ["event.war.plain", {}],
  draft_tabled: (d, x) => {
    const groups = str(x.groups);
    if (x.by === undefined || groups === null || x.strength === undefined) return null;
    return [
      "event.draft_tabled",
      {
        id: d.id ?? "",
        by: x.by,
        groups: groups.split(", ").map(groupName).join(", "),
        strength: Number(x.strength),
      },
    ];
  },
  draft_amended: (d, x) =>
    x.by === undefined || x.from === undefined || x.to === undefined
      ? null
      : ["event.draft_amended", { id: d.id ?? "", by: x.by, from: Number(x.from), to: Number(x.to) }],
  un_vote: (d, x) =>
    x.by === undefined
      ? null
      : ["event.un_vote", { id: d.id ?? "", by: x.by, vote: tOr(`vote.${d.vote}`, String(d.vote)) }],
  draft_vetoed: (d) => ["event.draft_vetoed", { id: d.id ?? "", by: names(String(d.by ?? "")) }],
  resolution_adopted: (d, x) => {
    const name = str(x.name);
    const groups = str(x.groups);
    if (name === null || groups === null) return null;
    const strength = Number(d.strength);
    const tabled = Number(x.tabled ?? strength);
    const vars = {
      strength,
      name: resolutionName({ name }),
      groups: groups.split(", ").map(groupName).join(", "),
      tabled,
    };
    // The English says "(tabled at …)" only when the Council softened the draft.
    return [strength < tabled ? "event.resolution_adopted.softened" : "event.resolution_adopted.plain", vars];
  },
  inject: (d, x) => {
    const text = str(x.text);
    return text === null ? null : ["event.inject", injectWords(String(d.title ?? ""), text)];
  },
  adjudicated: (d) => [
    // A queued action's verdict carries its roll and power (engine/matrix.ts); Control's own, not.
    `event.adjudicated.${d.roll === undefined ? "" : d.power === undefined ? "rolled." : "matrix."}${d.success ? "success" : "failure"}`,
    { ...d, title: String(d.title ?? "") },
  ],
  override: (d, x) => {
    const raw = str(x.what);
    const reason = str(x.reason);
    if (raw === null || reason === null) return null;
    // "enforcement_actual (CN)": the index's name, the power's name.
    const what = raw
      .replace(/^(\w+)/, (i) => tOr(`control.idx.${i}`, i.replace(/_/g, " ")))
      .replace(/\(([A-Z]{2})\)/g, (all, p: string) => (isPowerId(p) ? `(${powerName(p)})` : all));
    return ["event.override", { what, from: Number(d.from), to: Number(d.to), reason }];
  },
};

/** Event kinds the client has words for (besides catalogue moves, which say their label). */
export const EVENT_KINDS: readonly string[] = Object.keys(EVENTS);

/** What is shown for a record no template fits (a malformed record): its kind, in plain words. */
function unsaid(kind: string): Said {
  return { text: t("event.unsaid", { what: kind.replace(/_/g, " ") }), templated: false };
}

/** Fills `vars` (t() chooses the Korean particles that depend on the word before them). */
function say(key: string, vars: Vars): string {
  return t(key, vars);
}

/**
 * An event in the player's language, from its kind and data. A move whose event is its catalogue
 * label ("US: Show of force.") says the translated label.
 */
export function sayEvent(e: GameEvent): Said {
  const vars: Vars = {};
  for (const [k, v] of Object.entries(e.data)) vars[k] = isPowerId(v) ? powerName(v) : v;
  // A catalogue move's kind is not in EVENTS (it says the move's label, below).
  const rule = (EVENTS as Readonly<Record<string, EventRule | undefined>>)[e.kind];
  if (rule) {
    const extra: Vars = {};
    for (const [k, v] of Object.entries(e.extra ?? {})) extra[k] = isPowerId(v) ? powerName(v) : v;
    const words = rule(vars, extra, e.data);
    if (words && i18next.exists(words[0])) return { text: say(words[0], words[1]), templated: true };
    return unsaid(e.kind);
  }
  if (catalogueTypes.has(e.kind)) {
    const spec = (SC.actions as readonly ActionSpec[]).find((a) => a.type === e.kind)!;
    return {
      text: say("event.move", { power: vars.power ?? "", label: actionLabel(spec) }),
      templated: true,
    };
  }
  return unsaid(e.kind);
}

export function eventText(e: GameEvent): string {
  return sayEvent(e).text;
}

/** A `why: "label"` phrase: a fixed phrase, a catalogue label or an inject title, translated. */
export function labelText(label: string): Said {
  const fixed = LABEL_KEYS[label];
  if (fixed) return { text: t(`reasonLabel.${fixed}`), templated: true };
  const type = actionTypeByLabel.get(label);
  if (type) return { text: tOr(`action.${type}.label`, label), templated: true };
  if (injectsByTitle.has(label)) return { text: injectWords(label, "").title, templated: true };
  return { text: label, templated: false };
}

type ReasonWords = (r: Reason & Record<string, unknown>, x: { from: number; to: number }) => Words;
const num = (v: unknown) => Number(v ?? 0);
const REASONS: Readonly<Record<Reason["why"], ReasonWords>> = {
  label: () => null, // labelText
  summit: (r) => ["reason.summit", { a: powerName(r.a as PowerId), b: powerName(r.b as PowerId) }],
  decay: (r) => ["reason.decay", { value: num(r.value) }],
  scenario_baseline: (r) => ["reason.scenario_baseline", { value: num(r.value) }],
  pressure: (r) => ["reason.pressure", { value: num(r.value) }],
  tension: (r) => ["reason.tension", { value: num(r.value) }],
  sustained: (r) => [
    "reason.sustained",
    { before: num(r.before), after: num(r.after), target: num(r.target) },
  ],
  crackdown: (r) => [
    "reason.crackdown",
    { before: num(r.before), after: num(r.after), target: num(r.target), cap: num(r.cap) },
  ],
  drift: (r) => ["reason.drift", { before: num(r.before), after: num(r.after), baseline: num(r.baseline) }],
  flow_owner: (r, x) => [
    "reason.flow_owner",
    {
      flow: flowName(String(r.flow)),
      change: change(x.from, x.to),
      before: num(r.before),
      after: num(r.after),
      level: num(r.level),
      banned: num(r.banned),
    },
  ],
  flow_public: (r, x) => [
    `reason.flow_public.${r.enforced ? "enforced" : "plain"}`,
    { flow: flowName(String(r.flow)), change: change(x.from, x.to), banned: num(r.banned) },
  ],
  illicit_flow: (r, x) => [
    "reason.illicit_flow",
    { flow: flowName(String(r.flow)), change: change(x.from, x.to) },
  ],
  exposed: (r) => [
    "reason.exposed",
    { by: isPowerId(r.by) ? powerName(r.by) : String(r.by), name: nodeName(String(r.name)) },
  ],
  test_succeeded: (r) => ["reason.test_succeeded", { value: num(r.value) }],
  nuclear_test: (r) => ["reason.nuclear_test", { value: num(r.value) }],
  passive: (r) => ["reason.passive", { value: num(r.value) }],
  resources: (r) => ["reason.resources", { value: num(r.value) }],
  stage: (r) => ["reason.stage", { stage: stageName(num(r.stage)) }],
  cyber_theft: (r) => ["reason.cyber_theft", { value: money(num(r.value)) }],
  exports: (r) => ["reason.exports", { value: money(num(r.value)) }],
  illicit_sales: (r) => ["reason.illicit_sales", { value: money(num(r.value)) }],
  imports: (r) => ["reason.imports", { value: money(num(r.value)) }],
  upkeep: (r) => ["reason.upkeep", { value: money(num(r.value)) }],
  tests: (r) => ["reason.tests", { value: money(num(r.value)) }],
  unpaid: (r) => ["reason.unpaid", { value: money(num(r.value)) }],
  fuel: (r) => ["reason.fuel", { fuelIn: num(r.fuelIn), used: num(r.used) }],
  food: (r) => ["reason.food", { imports: money(num(r.imports)), supply: num(r.supply) }],
  kp_trade: (r) => ["reason.kp_trade", { value: num(r.value) }],
  nk_stress: (r) => [
    "reason.nk_stress",
    { currency: num(r.currency), fuel: num(r.fuel), food: num(r.food), target: num(r.target) },
  ],
  nk_max_move: (r) => ["reason.nk_max_move", { fall: num(r.fall), rise: num(r.rise) }],
  border_trade: (r) => ["reason.border_trade", { now: money(num(r.now)), start: money(num(r.start)) }],
  inspections: (r) => ["reason.inspections", { value: num(r.value) }],
  discontent: (r) => ["reason.discontent", { value: num(r.value) }],
  ru_trade: (r) => [
    "reason.ru_trade",
    { now: money(num(r.now)), start: money(num(r.start)), gain: signedNumber(num(r.gain)) },
  ],
  implied: (r) => [
    "reason.implied",
    { owner: isPowerId(r.owner) ? powerName(r.owner) : String(r.owner), lo: num(r.lo), hi: num(r.hi) },
  ],
};

/** Reason `why`s the client has words for. */
export const REASON_WHYS: readonly string[] = Object.keys(REASONS);

/** One reason an index moved, in the player's language. */
export function sayReason(r: ExplanationPart, x: { from: number; to: number }): Said {
  if (r.why === "label") return labelText(r.label);
  const rule = REASONS[r.why] as ReasonWords | undefined;
  const words = rule?.(r as Reason & Record<string, unknown>, x);
  if (words && i18next.exists(words[0])) return { text: say(words[0], words[1]), templated: true };
  return unsaid(String(r.why));
}

export function reasonText(part: ExplanationPart, x: { from: number; to: number }): string {
  return sayReason(part, x).text;
}

/** "+3", "−2", "±0" (the engine's signed numbers). */
function signedNumber(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : "\u00b10";
}

/**
 * An illicit node by id, in words: from the seat's view (a node found in play has its engine name
 * there), else the scenario's. Never the raw id on screen.
 */
export function nodeById(id: string, nodes: readonly { id: string; name: string }[] = []): string {
  const name = nodes.find((n) => n.id === id)?.name ?? nodeNamesById.get(id);
  return name ? nodeName(name) : t("orders.unknownNode");
}

/** A short summary of one order, for the advisor and the record. */
export function orderSummary(
  a: Action,
  spec: ActionSpec | undefined,
  nodes: readonly { id: string; name: string }[] = [],
): string {
  const label = spec ? actionLabel(spec) : a.type;
  const bits: string[] = [];
  const r = a as Record<string, unknown>;
  if (typeof r.announced === "number") bits.push(t("orders.announcedShort", { n: r.announced }));
  if (typeof r.target === "number") bits.push(t("orders.targetShort", { n: r.target }));
  if (typeof r.target === "string") bits.push(powerName(r.target as PowerId));
  if (typeof r.level === "number") bits.push(t("orders.levelShort", { n: r.level }));
  if (typeof r.commodityGroup === "string") bits.push(groupName(r.commodityGroup));
  if (typeof r.region === "string") bits.push(regionName(r.region));
  if (typeof r.on === "boolean") bits.push(r.on ? t("orders.on") : t("orders.off"));
  if (typeof r.entity === "string") bits.push(entityName(r.entity));
  if (typeof r.node === "string") bits.push(nodeById(r.node, nodes));
  return bits.length ? `${label} (${bits.join(", ")})` : label;
}

/** One event of the scenario's real 2017–18 timeline, in the player's language. */
export function timelineEvent(
  round: number,
  i: number,
  e: { date: string; actor: string; text: string },
): { date: string; actor: string; text: string } {
  const k = `timeline.r${round}e${i}`;
  return {
    date: tOr(`${k}.date`, e.date),
    actor: tOr(`${k}.actor`, e.actor),
    text: tOr(`${k}.text`, e.text),
  };
}

/** The real China–North Korea trade figure of a round's quarter. */
export function timelineTrade(round: number, english: string): string {
  return tOr(`timeline.r${round}trade`, english);
}

/** The top bar's "Round 2 of 4 · Q4 2017" and the phase as shown ("waiting" before the start). */
export function roundAndPhase(
  view: { round: number; maxRounds: number } | null,
  room: { round: number; maxRounds: number; started: boolean; phase: string },
): { round: string; phase: string } {
  const r = view?.round ?? room.round;
  const q = quarterOf(r);
  return {
    round: t("top.round", { round: r, max: view?.maxRounds ?? room.maxRounds, q: q.quarter, year: q.year }),
    phase: room.started || room.phase === "ended" ? room.phase : "waiting",
  };
}

/** The powers, best result against par first (the end screen's and the debrief's order). */
export function byResult(scores: Partial<Record<PowerId, { normalised: number }>> | undefined): PowerId[] {
  return [...POWERS].sort((a, b) => (scores?.[b]?.normalised ?? 0) - (scores?.[a]?.normalised ?? 0));
}
