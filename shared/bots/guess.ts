/**
 * Guessed full states: what a planner imagines the game to be, built from a `PlayerView` alone.
 * Everything the view shows is copied; everything it hides (others' achieved enforcement and
 * private policies, North Korea's stocks, unknown illicit nodes, others' secret agendas, the
 * PRNG) is sampled from the ranges the view implies. The engine can then run on the guess.
 */
import { baselineOf } from "../engine/enforcement.js";
import { isPower, POWERS, type PowerId } from "../powers.js";
import { draw } from "../rng.js";
import { SUMMER_2017 } from "../scenario/summer2017.js";
import { newGame } from "../scenario.js";
import type { GameState } from "../state.js";
import type { PlayerView } from "../view.js";

/** A small deterministic sampler over a seed. */
export class Sampler {
  constructor(private state: number) {}
  next(): number {
    const d = draw(this.state);
    this.state = d.next;
    return d.value;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

export function guessState(view: PlayerView, seed: number): GameState {
  const me: PowerId | null = isPower(view.seat) ? view.seat : null;
  const rnd = new Sampler(seed);
  const sc = SUMMER_2017;
  const s = newGame({ gameId: view.gameId, seed, maxRounds: view.maxRounds, scenario: sc });
  s.rng = (seed ^ 0x9e3779b9) >>> 0;
  s.round = view.round;
  s.phase = view.phase;
  s.crisis = view.crisis;
  s.tension = view.tension;
  s.relations = { ...view.relations };
  s.programme = { ...view.programme };
  for (const p of POWERS) s.powers[p] = { ...view.powers[p] };
  s.missileDefence = { launchers: view.missileDefence.launchers, arrivals: sc.missileDefence.arrivals };

  // Policies: own in full; others' public settings, private ones guessed.
  for (const p of POWERS) {
    const v = view.policies[p];
    const pol = s.policies[p];
    if (v.trade) pol.trade = { ...v.trade };
    if (v.pipeline !== undefined) pol.pipeline = v.pipeline;
    if (v.exercises !== undefined) pol.exercises = v.exercises;
    if (v.mdConsent !== undefined) pol.mdConsent = v.mdConsent;
    if (v.tariffs !== undefined) pol.tariffs = v.tariffs;
    if (v.moratorium !== undefined) pol.moratorium = v.moratorium;
    pol.inspections = v.inspections ?? sc.policies.inspections;
    pol.fuelSales = v.fuelSales ?? (p === "RU" ? rnd.int(50, 100) : sc.policies.fuelSales);
  }

  // Pressure: own is known; others' is guessed from the same UN pressure everyone gets.
  for (const p of POWERS)
    s.pressure[p] = p === me ? (view.pressure ?? 0) : clamp((view.pressure ?? 0) + rnd.int(-5, 8), 0, 100);
  s.discontent = view.discontent ?? rnd.int(0, 15);

  s.sanctions = {
    resolutions: view.sanctions.resolutions.map((r) => ({ ...r, groups: [...r.groups] })),
    designations: view.sanctions.designations.map((d) => ({ entity: d.entity, round: d.round })),
  };
  s.proposals = view.proposals.map((p) => ({
    ...p,
    parties: [...p.parties],
    accepted: [...p.accepted],
    terms: p.terms.map((t) => ({ ...t })),
  }));
  s.agreements = view.agreements.map((a) => ({
    ...a,
    parties: [...a.parties],
    terms: a.terms.map((t) => ({ ...t })),
  }));
  s.drafts = view.drafts.map((d) => ({
    ...d,
    groups: [...d.groups],
    amendedBy: [...d.amendedBy],
    votes: { ...d.votes },
  }));

  // Enforcement: own exact; others' achieved drawn from the implied range.
  for (const p of POWERS) {
    const v = view.enforcement[p];
    const e = s.enforcement[p];
    e.announced = v.announced;
    if (v.actual !== undefined) {
      e.actual = v.actual;
      e.target = v.target ?? v.actual;
      e.baseline = v.baseline ?? v.actual;
      e.sustain = v.sustain ?? false;
      continue;
    }
    if (p === "KP") continue;
    const range = view.intelligence?.implied[p];
    const base = baselineOf(s, p);
    e.baseline = base;
    e.actual = range ? rnd.int(range[0], range[1]) : clamp(base + rnd.int(-5, 10), 0, 100);
    const bound = view.agreements.find(
      (a) => a.status === "active" && a.terms.some((t) => t.kind === "enforce" && t.party === p),
    );
    const level = bound?.terms.find((t) => t.kind === "enforce" && t.party === p)?.level;
    e.sustain = level !== undefined;
    e.target = level !== undefined ? Math.max(level, e.actual) : e.actual;
  }

  // Flows: official is public; illicit known where detected, otherwise the scenario's level.
  s.flows = s.flows.map((f, i) => {
    const v = view.flows[i];
    if (!v || v.id !== f.id) return f;
    return {
      ...f,
      official: v.official,
      illicit: v.illicit ?? Math.trunc((f.illicit * rnd.int(70, 140)) / 100),
    };
  });

  // The illicit network: known nodes exactly, the rest as the scenario had them.
  const known = view.illicitNodes.map((n) => ({
    id: n.id,
    name: n.name,
    region: n.region,
    capacity: n.capacity,
    knownBy: me ? [me, "KP" as PowerId] : ["KP" as PowerId],
  }));
  const unknown =
    me === "KP"
      ? []
      : s.illicit.nodes.filter((n) => !known.some((k) => k.id === n.id || k.region === n.region));
  let ceiling = sc.illicit.ceiling;
  for (const d of view.sanctions.designations)
    if (d.round > 0) ceiling -= sc.entities.find((e) => e.id === d.entity)?.financeWeight ?? 0;
  s.illicit = {
    nodes: [...known, ...unknown],
    ceiling: Math.max(0, ceiling),
    regrowing: [],
    nextId: 500,
    russianLink: sc.illicit.russianLink,
  };

  // North Korea's stocks: exact for North Korea; otherwise a guess from its trade and the sanctions.
  if (view.nk) s.nk = { ...view.nk };
  else {
    const econ = view.powers.KP.economy;
    const hits = view.sanctions.designations.filter((d) => d.round > 0).length;
    s.nk.currency = clamp(
      Math.trunc(((500 + (econ - 100) * 4 - hits * 20) * rnd.int(75, 125)) / 100),
      0,
      2000,
    );
    s.nk.fuel = rnd.int(180, 360);
    s.nk.food = rnd.int(60, 85);
    s.nk.progress = view.programme.stage >= 5 ? 0 : rnd.int(0, 90);
    s.nk.testsAtStage5 = 0;
    s.nk.lowRounds = view.powers.KP.stability < sc.rules.collapseThreshold ? 1 : 0;
  }
  if (me) s.intel[me] = view.intelligence?.level ?? 0;
  for (const p of POWERS) s.intelNoise[p] = rnd.int(0, 100);

  // Agendas: own from the view; others' stay as drawn for this sample.
  if (me) {
    const mine = view.objectives[me]?.find((o) => o.secret)?.id;
    if (mine) s.agendas[me] = mine;
  }

  // Trackers the objectives read, as far as public records show them.
  const t = s.tracks;
  t.minNkStability = Math.min(...view.history.map((h) => h.powers.KP.stability), view.powers.KP.stability);
  t.chineseBanksDesignated = view.sanctions.designations.filter(
    (d) => d.round > 0 && d.country === "CN" && d.kind === "bank",
  ).length;
  const arrived = sc.missileDefence.arrivals
    .filter((a) => a.round < view.round)
    .reduce((n, a) => n + a.launchers, 0);
  t.mdDeployed = Math.max(0, view.missileDefence.launchers - sc.missileDefence.launchers - arrived);
  t.exercisesSuspendedRounds = view.policies.US.exercises && view.policies.KR.exercises ? 0 : 1;
  t.moratoriumStreak = view.policies.KP.moratorium ? 1 : 0;
  t.maxMoratoriumStreak = t.moratoriumStreak;
  for (const a of view.agreements) {
    for (const p of a.parties) t.agreementsJoined[p] += 1;
    const has = (x: PowerId) => a.parties.includes(x);
    if (has("KP") && has("KR")) t.interKoreanAgreements += 1;
    if (has("KP") && has("US")) {
      t.usKpDeal = true;
      if (has("KR")) t.krInUsKpDeal = true;
    }
    for (const term of a.terms) {
      if (term.kind === "relief") t.relief = true;
      if (term.kind === "recognition") t.recognition = true;
      if (term.kind === "summit")
        for (const x of a.parties)
          for (const y of a.parties) {
            const k = x < y ? (`${x}-${y}` as const) : null;
            if (k && !t.summits.includes(k)) t.summits.push(k);
          }
    }
  }
  t.adoptedOverRussia = view.drafts.filter((d) => d.status === "adopted" && d.votes.RU !== "yes").length;
  if (view.objectives.RU) t.ruHosted = view.events.some((e) => e.kind === "host_talks");

  s.orders = {};
  for (const p of POWERS) {
    const o = view.orders[p];
    if (o) s.orders[p] = { actions: o.actions.map((a) => ({ ...a })) };
  }
  s.events = view.events.map((e) => ({ ...e }));
  s.published = view.published;
  s.seq = 1000 + view.round * 100;
  s.ending = null;
  return s;
}
