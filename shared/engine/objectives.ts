/**
 * Objectives and scoring (DESIGN §6). Every objective is a named measure of the state compared to
 * a success and a partial threshold from the scenario. A power's score is graded against par, so
 * several powers can do well at once; the winner has the highest score normalised to par.
 */

import { type ByPower, byPower, type PairKey, POWERS, type PowerId } from "../powers.js";
import { draw } from "../rng.js";
import type { ObjectiveSpec } from "../scenario/schema.js";
import { type Ending, type GameState, GROUP_OF, type ObjectiveResult, type ScoreCard } from "../state.js";
import { relation } from "./context.js";
import { cloneState } from "./copy.js";
import { ruTrade } from "./regime.js";

type Measure = (s: GameState) => number;

const ended = (s: GameState) => s.ending?.reason;

/** Share (0–100) of the game's rounds, so an agenda scales with the preset (4, 5 or 8 rounds). */
const ofGame = (s: GameState, rounds: number) => Math.trunc((rounds * 100) / Math.max(1, s.maxRounds));

/** Russia's trade in goods and fuel with North Korea, official and off-book (labour aside). */
function ruGoodsTrade(
  flows: readonly { enforcedBy: string; commodity: string; official: number; illicit: number }[],
) {
  let t = 0;
  for (const f of flows) if (f.enforcedBy === "RU" && f.commodity !== "labour") t += f.official + f.illicit;
  return t;
}

/** The named measures objectives refer to. */
export const MEASURES: Record<string, Measure> = {
  usReadinessOrMoratorium: (s) =>
    s.tracks.maxMoratoriumStreak >= 2 || s.programme.readiness < 55 ? 2 : s.programme.readiness < 65 ? 1 : 0,
  noWar: (s) => (ended(s) === "war" ? 0 : 1),
  // The highest crisis of the game (100 after a war): "no war" alone is met in 92–98% of games.
  maxCrisisNoWar: (s) => (ended(s) === "war" ? 100 : Math.max(s.crisis, ...s.history.map((h) => h.crisis))),
  minNkStability: (s) => (ended(s) === "collapse" ? 0 : s.tracks.minNkStability),
  chineseBanksDesignated: (s) => s.tracks.chineseBanksDesignated,
  noMdOrSuspended: (s) => (s.tracks.mdDeployed === 0 || s.tracks.exercisesSuspendedRounds > 0 ? 1 : 0),
  // No further launchers, and the share of rounds (0–100) the joint exercises were suspended.
  noMdSuspendedShare: (s) => (s.tracks.mdDeployed > 0 ? 0 : ofGame(s, s.tracks.exercisesSuspendedRounds)),
  ruTradePercent: (s) => Math.trunc((ruTrade(s) * 100) / Math.max(1, s.history[0]?.ruTrade ?? ruTrade(s))),
  ruAgreementsOrHost: (s) => (s.tracks.ruHosted ? 2 : Math.min(2, s.tracks.agreementsJoined.RU)),
  // Two agreements (0–2) plus one for hosting talks: 3 is both.
  ruAgreementsAndHost: (s) => Math.min(2, s.tracks.agreementsJoined.RU) + (s.tracks.ruHosted ? 1 : 0),
  // Resolutions adopted as tabled, without Russia's softening (Russia can always veto, so "over its
  // objection" never happens in play; what it can win or lose is the text).
  adoptedUnsoftened: (s) =>
    s.drafts.filter((d) => d.status === "adopted" && !d.amendedBy.includes("RU")).length,
  ruGoodsTradePercent: (s) => {
    // At the start: each flow's base at Russia's starting trade level, plus its off-book volume.
    let start = 0;
    const level = s.scenario.powers.RU.trade;
    for (const f of s.scenario.flows)
      if (f.enforcedBy === "RU" && f.commodity !== "labour")
        start += Math.trunc((f.base * (level[GROUP_OF[f.commodity]] ?? 100)) / 100) + f.illicit;
    return Math.trunc((ruGoodsTrade(s.flows) * 100) / Math.max(1, start));
  },
  adoptedOverRussia: (s) => s.tracks.adoptedOverRussia,
  regimeSurvives: (s) => (ended(s) === "collapse" || ended(s) === "war" ? 0 : 1),
  // North Korea's stability at the end, 0 after a collapse or a war.
  regimeStability: (s) =>
    ended(s) === "collapse" || ended(s) === "war" ? 0 : Math.max(1, s.powers.KP.stability),
  stage5AndRelief: (s) =>
    (s.programme.stage >= 5 ? 1 : 0) + (s.tracks.relief || s.tracks.recognition ? 1 : 0),
  nkCurrencyPercent: (s) => Math.trunc((s.nk.currency * 100) / Math.max(1, s.scenario.nk.currency)),
  crisisAtEndNoWar: (s) => (ended(s) === "war" ? 100 : s.crisis),
  interKoreanAgreements: (s) => s.tracks.interKoreanAgreements,
  maxCnHighStreak: (s) => s.tracks.maxCnHighStreak,
  cnHighStreakShare: (s) => ofGame(s, s.tracks.maxCnHighStreak),
  nkCurrency: (s) => s.nk.currency,
  tension: (s) => s.tension,
  freezeForFreezeRounds: (s) => s.tracks.freezeForFreezeRounds,
  freezeForFreezeShare: (s) => ofGame(s, s.tracks.freezeForFreezeRounds),
  readiness: (s) => s.programme.readiness,
  // A summit with the US (1) plus the joint exercises off at the end (1), as after Singapore.
  usSummitExercisesOff: (s) =>
    (s.tracks.summits.includes("KP-US") ? 1 : 0) +
    (s.policies.US.exercises && s.policies.KR.exercises ? 0 : 1),
  // An inter-Korean summit (1) plus North Korea's test moratorium in force at the end (1).
  krSummitMoratorium: (s) =>
    (s.tracks.summits.includes("KP-KR") ? 1 : 0) + (s.policies.KP.moratorium ? 1 : 0),
  krInUsKpDeal: (s) => (s.tracks.krInUsKpDeal ? 1 : 0),
};

/**
 * Measures that read what only some powers can see (North Korea's stocks and stability, China's
 * achieved enforcement). For anyone else an objective on them shows no status until the game ends,
 * or its "how it stands" line would leak the hidden number.
 */
const PRIVATE_MEASURES: Readonly<Record<string, readonly PowerId[]>> = {
  minNkStability: ["KP"],
  nkCurrencyPercent: ["KP"],
  nkCurrency: ["KP"],
  maxCnHighStreak: ["CN"],
  cnHighStreakShare: ["CN"],
  regimeStability: ["KP"],
  ruGoodsTradePercent: ["RU", "KP"],
};

export function measureVisibleTo(name: string, power: PowerId): boolean {
  const who = PRIVATE_MEASURES[name];
  return who === undefined || who.includes(power);
}

/** Parameterised measures, parsed once per name (views grade every objective of a seat, every time). */
const PARSED = new Map<string, Measure>();
function parse(name: string): Measure {
  const [kind, arg] = name.split(":") as [string, string];
  if (kind === "relation") {
    const [a, b] = arg.split("-") as [PowerId, PowerId];
    return (s) => relation(s, a, b);
  }
  if (kind === "economy") return (s) => s.powers[arg as PowerId].economy;
  if (kind === "stability") return (s) => s.powers[arg as PowerId].stability;
  if (kind === "summit") return (s) => (s.tracks.summits.includes(arg as PairKey) ? 1 : 0);
  throw new Error(`objectives: unknown measure ${name}`);
}

/** Reads a measure, including the parameterised ones ("relation:KR-US", "economy:KR", "summit:KP-US"). */
export function measure(s: GameState, name: string): number {
  let m = MEASURES[name] ?? PARSED.get(name);
  if (!m) {
    m = parse(name);
    PARSED.set(name, m);
  }
  return m(s);
}

export function grade(s: GameState, o: ObjectiveSpec): ObjectiveResult["grade"] {
  const v = measure(s, o.measure);
  if (o.higherIsBetter ? v >= o.success : v <= o.success) return "success";
  if (o.higherIsBetter ? v >= o.partial : v <= o.partial) return "partial";
  return "failure";
}

export function objectivesOf(s: GameState, p: PowerId): ObjectiveSpec[] {
  return s.scenario.objectives.filter((o) => o.power === p);
}

/** Agendas by id, and each power's first (the fallback), per scenario: views look one up every time. */
const agendaIndex = new WeakMap<
  GameState["scenario"],
  { byId: Map<string, ObjectiveSpec>; first: Map<PowerId, ObjectiveSpec> }
>();

export function agendaOf(s: GameState, p: PowerId): ObjectiveSpec {
  let index = agendaIndex.get(s.scenario);
  if (!index) {
    index = { byId: new Map(), first: new Map() };
    for (const a of s.scenario.agendas) {
      if (!index.byId.has(a.id)) index.byId.set(a.id, a);
      if (!index.first.has(a.power)) index.first.set(a.power, a);
    }
    agendaIndex.set(s.scenario, index);
  }
  return index.byId.get(s.agendas[p]) ?? index.first.get(p)!;
}

/** A power's score card for the state as it stands (used live and at the end). */
export function scoreCard(s: GameState, p: PowerId): ScoreCard {
  const r = s.scenario.rules;
  const objectives: ObjectiveResult[] = objectivesOf(s, p).map((o) => {
    const g = grade(s, o);
    return {
      id: o.id,
      text: o.text,
      secret: false,
      grade: g,
      points: g === "success" ? r.pointsSuccess : g === "partial" ? r.pointsPartial : 0,
    };
  });
  const agenda = agendaOf(s, p);
  const ag = grade(s, agenda);
  objectives.push({
    id: agenda.id,
    text: agenda.text,
    secret: true,
    grade: ag,
    points: ag === "success" ? r.agendaSuccess : ag === "partial" ? r.agendaPartial : 0,
  });
  let score = objectives.reduce((sum, o) => sum + o.points, 0);
  const reason = ended(s);
  if (reason === "war") {
    // War: fixed heavy losses, South Korea's the heaviest, whatever else was achieved.
    const fixed: ByPower<number> = {
      US: r.warScoreUS,
      CN: r.warScoreCN,
      RU: r.warScoreRU,
      KP: r.warScoreKP,
      KR: r.warScoreKR,
    };
    score = fixed[p] - (s.ending?.pusher === p ? r.warPusherPenalty : 0);
  } else if (reason === "collapse" && (p === "CN" || p === "KR")) {
    score = Math.max(0, score - r.collapsePenalty);
  } else if (reason === "grand_bargain") {
    score += r.grandBargainBonus;
  }
  const par = r.par;
  const normalised = Math.trunc((score * 100) / par);
  const g: ScoreCard["grade"] = score >= par ? "success" : score >= par - 2 ? "partial" : "failure";
  return { score, par, normalised, grade: g, objectives };
}

/**
 * Ends the game: scores every power and names the winner, the highest score normalised to par.
 * Ties are settled by lot with the game's PRNG: a tie-break on an index such as standing would hand
 * the same powers every tie (North Korea's standing starts at 10), which no play could overcome.
 * After a war the power that pushed the crisis past the brink cannot win.
 */
export function finishGame(s: GameState, ending: Ending): GameState {
  const out = cloneState(s);
  out.phase = "ended";
  out.ending = { ...ending };
  const scores = byPower((p) => scoreCard(out, p));
  const eligible = POWERS.filter((p) => !(ending.reason === "war" && ending.pusher === p));
  const top = Math.max(...eligible.map((p) => scores[p].normalised));
  const tied = eligible.filter((p) => scores[p].normalised === top);
  let winner = tied[0]!;
  if (tied.length > 1) {
    const d = draw(out.rng);
    out.rng = d.next;
    winner = tied[Math.floor(d.value * tied.length)]!;
  }
  out.ending = { ...ending, scores, winner };
  return out;
}
