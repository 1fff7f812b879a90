/**
 * The history track's indicators beside the record (FACTS.md): per-round model figures, the
 * record's quarterly figures where it has them, and the fourteen directions the track must agree
 * with. A direction is what the record says happened between Q3 2017 and Q4 2018 (falls, rises,
 * peaks in 2017 …), read from FACTS.md, never tuned to the model.
 */
import type { GameState } from "../state.js";

/** Per-round figures read from one state (after that round's resolution; round 0 = the start). */
export interface HistoryRow {
  round: number;
  /** China–North Korea trade in China's customs books, $M/q (no labour, no pipeline crude). */
  cnTrade: number;
  cnImports: number;
  cnExports: number;
  /** North Korea's recorded exports, all partners, $M/q. */
  nkExports: number;
  stage: number;
  tests: number;
  crisis: number;
  resolutions: number;
  ruOfficial: number;
  ruOffBook: number;
  nkEconomy: number;
  nkStability: number;
  cnKr: number;
  war: boolean;
  collapse: boolean;
}

/** The record by round (1 = Q3 2017), $M a quarter, FACTS.md §1b; null where none was found. */
export const RECORD: readonly {
  quarter: string;
  cnTrade: number;
  cnImports: number | null;
  cnExports: number | null;
}[] = [
  { quarter: "Q3 2017", cnTrade: 1480, cnImports: 600, cnExports: 880 }, // Jan–Sep less H1 [R6][R7], derived
  { quarter: "Q4 2017", cnTrade: 1030, cnImports: 240, cnExports: 790 }, // 2017 less Jan–Sep [R1][R25b], derived
  { quarter: "Q1 2018", cnTrade: 483, cnImports: 71, cnExports: 426 }, // [R9][R9b], verified
  { quarter: "Q2 2018", cnTrade: 620, cnImports: 36, cnExports: 571 }, // H1 less Q1 [R10], derived
  { quarter: "Q3 2018", cnTrade: 610, cnImports: null, cnExports: null }, // months [R11][R12]
  { quarter: "Q4 2018", cnTrade: 720, cnImports: null, cnExports: null }, // months [R12][R2]
];

export function historyRow(s: GameState): HistoryRow {
  let cnImports = 0;
  let cnExports = 0;
  let nkExports = 0;
  let ruOfficial = 0;
  let ruOffBook = 0;
  s.flows.forEach((f, i) => {
    const recorded = s.scenario.flows[i]?.recorded !== false && f.commodity !== "labour";
    if (f.enforcedBy === "RU") {
      if (f.commodity !== "labour") ruOfficial += f.official;
      ruOffBook += f.illicit;
    }
    if (!recorded) return;
    if (f.fromKP) nkExports += f.official;
    if (f.enforcedBy !== "CN") return;
    if (f.fromKP) cnImports += f.official;
    else cnExports += f.official;
  });
  const resolutions = s.sanctions.resolutions.filter((r) => r.round > 0).length;
  return {
    round: s.history[s.history.length - 1]?.round ?? 0,
    cnTrade: cnImports + cnExports,
    cnImports,
    cnExports,
    nkExports,
    stage: s.programme.stage,
    tests: s.programme.tests,
    crisis: s.crisis,
    resolutions,
    ruOfficial,
    ruOffBook,
    nkEconomy: s.powers.KP.economy,
    nkStability: s.powers.KP.stability,
    cnKr: s.relations["CN-KR"],
    war: s.ending?.reason === "war",
    collapse: s.ending?.reason === "collapse",
  };
}

export interface Direction {
  id: string;
  /** What the record says, with its FACTS.md key. */
  record: string;
  /** What the model did, in a few words. */
  model: string;
  agrees: boolean;
}

const pctChange = (a: number, b: number) => (a === 0 ? 0 : Math.round(((b - a) * 100) / a));

/** The fourteen directions, from the rows of one track (rows[0] = the start, rows[k] = round k). */
export function directions(rows: readonly HistoryRow[], collapseThreshold: number): Direction[] {
  // Trade is compared from the start (the mid-2017 level the scenario is set to, ≈ Q2–Q3 2017):
  // round 1's figures already carry the cuts made during Q3 2017.
  const start = rows[0]!;
  const first = start;
  const last = rows[rows.length - 1]!;
  const played = rows.slice(1);
  const of = (k: number) => rows[Math.min(k, rows.length - 1)]!;
  const y2018 = played.filter((r) => r.round >= 3);
  const minRound = played.reduce((m, r) => (r.cnTrade < m.cnTrade ? r : m), played[0] ?? start).round;
  const peak = played.reduce((m, r) => (r.crisis > m.crisis ? r : m), played[0] ?? start);
  const testsBy2017 = of(2).tests;
  const imp = pctChange(first.cnImports, last.cnImports);
  const exp = pctChange(first.cnExports, last.cnExports);
  const trade = pctChange(first.cnTrade, last.cnTrade);
  const minStability = Math.min(...played.map((r) => r.nkStability));
  return [
    {
      id: "cn-trade-falls",
      record: "China–NK trade Q3 2017 → Q4 2018: −51% ($1.48bn → $0.72bn) [R7][R2]",
      model: `${first.cnTrade} → ${last.cnTrade} (${trade}%)`,
      agrees: trade <= -30,
    },
    {
      id: "cn-trade-low-2018",
      record: "lowest quarter in 2018 (Q1 2018, $483M) [R9]",
      model: `lowest in round ${minRound}`,
      agrees: minRound >= 3,
    },
    {
      id: "cn-imports-fall-more",
      record: "China's imports fall far more than its exports (2018: −88% vs −32%) [R2]",
      model: `imports ${imp}%, exports ${exp}%`,
      agrees: imp < exp - 20,
    },
    {
      id: "nk-exports-fall",
      record: "North Korea's exports collapse (2018: −86%) [R32][R93]",
      model: `${first.nkExports} → ${last.nkExports} (${pctChange(first.nkExports, last.nkExports)}%)`,
      agrees: pctChange(first.nkExports, last.nkExports) <= -50,
    },
    {
      id: "stage5-2017",
      record: "range stage 5 shown in Q4 2017 (Hwasong-15) [R62]",
      model: `stage ${of(2).stage} at round 2`,
      agrees: of(2).stage >= 5,
    },
    {
      id: "tests-stop-2018",
      record: "no tests in 2018 (moratorium from 20 Apr) [R79]",
      model: `tests ${testsBy2017} by Q4 2017, ${last.tests} at the end`,
      agrees: last.tests === testsBy2017,
    },
    {
      id: "crisis-peak-fall",
      record:
        "crisis peaks in 2017 (fire and fury, H-bomb, Hwasong-15), then falls below mid-2017 (Olympics, summits) [R63][R61][R62][R76][R82]",
      model: `${start.crisis} → peak ${peak.crisis} in round ${peak.round} → ${last.crisis}`,
      agrees: peak.round <= 2 && last.crisis < start.crisis,
    },
    {
      id: "un-2017-only",
      record: "UN resolutions adopted in 2017 (2371, 2375, 2397), none in 2018 [R46][R47][R48]",
      model: `${of(2).resolutions} by Q4 2017, ${last.resolutions} at the end`,
      agrees: of(2).resolutions >= 2 && last.resolutions === of(2).resolutions,
    },
    {
      id: "ru-official-falls",
      record: "Russia–NK recorded trade falls (2018: $34M, −56%) [R28]",
      model: `${first.ruOfficial} → ${last.ruOfficial}`,
      agrees: last.ruOfficial < first.ruOfficial,
    },
    {
      id: "ru-offbook-rises",
      record: "Russian off-book fuel rises (transfers at sea from Oct 2017) [R43][R42]",
      model: `${start.ruOffBook} → ${Math.max(...played.map((r) => r.ruOffBook))} (peak)`,
      agrees: Math.max(...played.map((r) => r.ruOffBook)) > start.ruOffBook,
    },
    {
      id: "nk-economy-shrinks",
      record: "North Korea's economy shrinks (GDP −3.5% in 2017, −4.1% in 2018) [R92][R93]",
      model: `index ${start.nkEconomy} → ${last.nkEconomy}`,
      agrees: last.nkEconomy < start.nkEconomy,
    },
    {
      id: "nk-holds",
      record: "the regime holds: no collapse, no refugee crisis [FACTS §6]",
      model: `stability min ${minStability}, end ${last.nkStability}`,
      agrees: !last.collapse && minStability >= collapseThreshold,
    },
    {
      id: "cn-kr-thaw",
      record: "China–South Korea ties mend after 31 Oct 2017 [R70]",
      model: `${start.cnKr} → ${last.cnKr}`,
      agrees: last.cnKr > start.cnKr,
    },
    {
      id: "no-war",
      record: "no war",
      model: last.war ? `war in round ${last.round}` : "no war",
      agrees: !last.war && y2018.length > 0,
    },
  ];
}
