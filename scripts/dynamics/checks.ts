/**
 * The dynamics table: for each of the ten dynamics of DESIGN §5, the statistics that show it, each
 * with a threshold fixed before any tuning (issue 10), and a 95% interval from a bootstrap over
 * games. A check passes only if its whole interval lies on the passing side of its threshold.
 */
import { US_POLICIES } from "../../shared/bots/scripted.js";
import { draw, POWERS } from "../../shared/index.js";
import type { GameRecord, Pair } from "./measure.js";

export interface Check {
  id: string;
  dynamic: number;
  /** What is measured, in a line. */
  statistic: string;
  op: ">=" | "<=";
  threshold: number;
  /** The value the statistic takes when the dynamic is absent (no effect, or the opposite lesson). */
  none: number;
  /** The statistic over a set of games (NaN when no game gave a sample). */
  value: (games: readonly GameRecord[]) => number;
}

const ratio = (pairs: Iterable<Pair | undefined>): number => {
  let num = 0;
  let den = 0;
  for (const p of pairs) {
    if (!p) continue;
    num += p[0];
    den += p[1];
  }
  return den === 0 ? Number.NaN : num / den;
};

const mean = (xs: Iterable<number | undefined>): number => {
  let n = 0;
  let sum = 0;
  for (const x of xs) {
    if (x === undefined || Number.isNaN(x)) continue;
    n += 1;
    sum += x;
  }
  return n === 0 ? Number.NaN : sum / n;
};

const share = (xs: Iterable<boolean | undefined>): number => {
  let n = 0;
  let k = 0;
  for (const x of xs) {
    if (x === undefined) continue;
    n += 1;
    if (x) k += 1;
  }
  return n === 0 ? Number.NaN : k / n;
};

/** The largest drop over rounds t, t+1, t+2 of the mean drop (mean first: a max of noise is biased). */
const maxMeanDrop = (rows: readonly (number[] | undefined)[]): number => {
  const present = rows.filter((r): r is number[] => r !== undefined);
  if (present.length === 0) return Number.NaN;
  return Math.max(...[0, 1, 2].map((k) => mean(present.map((r) => r[k]))));
};

export const CHECKS: readonly Check[] = [
  {
    id: "1a",
    dynamic: 1,
    statistic: "China enforcing at 90 (paid) for 3 rounds: North Korea's hard currency lower, share",
    op: ">=",
    threshold: 0.1,
    none: 0,
    value: (g) => ratio(g.map((r) => r.cnKey)),
  },
  {
    id: "1b",
    dynamic: 1,
    statistic: "US, Russia, South Korea enforcing at 100 (paid) for 3 rounds: hard currency lower, share",
    op: "<=",
    threshold: 0.03,
    none: 0.1,
    value: (g) => ratio(g.map((r) => r.othersKey)),
  },
  {
    id: "2a",
    dynamic: 2,
    statistic:
      "unpaid announcement (+20): share of the achieved enforcement it added still there 3 rounds on",
    op: "<=",
    threshold: 0.6,
    none: 1,
    value: (g) => ratio(g.map((r) => r.fade)),
  },
  {
    id: "2b",
    dynamic: 2,
    statistic:
      "a test China answers: its effect on China's announced minus on its achieved, next round (points)",
    op: ">=",
    threshold: 1,
    none: 0,
    value: (g) => mean(g.map((r) => r.optics)),
  },
  {
    id: "3a",
    dynamic: 3,
    statistic: "China cuts border trade: border discontent higher the same round (points)",
    op: ">=",
    threshold: 10,
    none: 0,
    value: (g) => mean(g.map((r) => r.discontent)),
  },
  {
    id: "3b",
    dynamic: 3,
    statistic: "China cuts border trade: China's stability lower 3 rounds on (points)",
    op: ">=",
    threshold: 2,
    none: 0,
    value: (g) => mean(g.map((r) => r.cnStability)),
  },
  {
    id: "4a",
    dynamic: 4,
    statistic: "North Korea below the refugee line: China's stability lower that round (points)",
    op: ">=",
    threshold: 2,
    none: 0,
    value: (g) => mean(g.map((r) => r.refugeeCn)),
  },
  {
    id: "4b",
    dynamic: 4,
    statistic: "North Korea below the refugee line: crisis higher that round (points)",
    op: ">=",
    threshold: 2,
    none: 0,
    value: (g) => mean(g.map((r) => r.refugeeCrisis)),
  },
  {
    id: "4c",
    dynamic: 4,
    statistic: "regime collapse: China's final score lower (points)",
    op: ">=",
    threshold: 2,
    none: 0,
    value: (g) => mean(g.map((r) => r.collapseCn)),
  },
  {
    id: "4d",
    dynamic: 4,
    statistic: "regime collapse: South Korea's final score lower (points)",
    op: ">=",
    threshold: 2,
    none: 0,
    value: (g) => mean(g.map((r) => r.collapseKr)),
  },
  {
    id: "5a",
    dynamic: 5,
    statistic: "Taiwan arms sale: China's achieved enforcement lower within 3 rounds (points, largest mean)",
    op: ">=",
    threshold: 3,
    none: 0,
    value: (g) => maxMeanDrop(g.map((r) => r.armsSale)),
  },
  {
    id: "5b",
    dynamic: 5,
    statistic: "tariffs: China's achieved enforcement lower within 3 rounds (points, largest mean)",
    op: ">=",
    threshold: 3,
    none: 0,
    value: (g) => maxMeanDrop(g.map((r) => r.tariffs)),
  },
  {
    id: "5c",
    dynamic: 5,
    statistic: "arms sale or tariffs: China's achieved enforcement lower the same round (points)",
    op: ">=",
    threshold: 1,
    none: 0,
    value: (g) => mean(g.flatMap((r) => [r.armsSale?.[0], r.tariffs?.[0]])),
  },
  {
    id: "5d",
    dynamic: 5,
    statistic: "Chinese bank designated: China's achieved enforcement change, mean of 3 rounds (points)",
    op: "<=",
    threshold: -1,
    none: 0,
    value: (g) => mean(g.map((r) => r.bank)),
  },
  {
    id: "6a",
    dynamic: 6,
    statistic: "China cuts fuel and goods: Russia's trade gain as a share of China's cut (next round)",
    op: ">=",
    threshold: 0.05,
    none: 0,
    value: (g) => ratio(g.map((r) => r.backfill)),
  },
  {
    id: "6b",
    dynamic: 6,
    statistic: "the same share: Russia replaces only part",
    op: "<=",
    threshold: 0.75,
    none: 1,
    value: (g) => ratio(g.map((r) => r.backfill)),
  },
  {
    id: "6c",
    dynamic: 6,
    statistic: "share of Russia's gain that is off the books",
    op: ">=",
    threshold: 0.8,
    none: 0,
    value: (g) => ratio(g.map((r) => r.backfillIllicit)),
  },
  {
    id: "7a",
    dynamic: 7,
    statistic: "China-side node exposed: share of its capacity back for the same flows 3 rounds on",
    op: ">=",
    threshold: 0.5,
    none: 0,
    value: (g) => ratio(g.map((r) => r.regrow)),
  },
  {
    id: "7b",
    dynamic: 7,
    statistic: "financial designation: share of its weight still cut from total capacity 3 rounds on",
    op: ">=",
    threshold: 0.5,
    none: 0,
    value: (g) => ratio(g.map((r) => r.designation)),
  },
  {
    id: "8a",
    dynamic: 8,
    statistic: "show of force and a threat to Seoul: crisis higher the same round (points)",
    op: ">=",
    threshold: 10,
    none: 0,
    value: (g) => mean(g.map((r) => r.escalation)),
  },
  {
    id: "8b",
    dynamic: 8,
    statistic: "wars where South Korea loses most and the pusher scores last, share",
    op: ">=",
    threshold: 0.95,
    none: 0,
    value: (g) => share(g.flatMap((r) => r.wars.map((w) => w.ok))),
  },
  {
    id: "8c",
    dynamic: 8,
    statistic: "wars: largest share of them won by any one power",
    op: "<=",
    threshold: 0.6,
    none: 1,
    value: (g) => {
      const wars = g.flatMap((r) => r.wars);
      if (wars.length === 0) return Number.NaN;
      return Math.max(...POWERS.map((p) => wars.filter((w) => w.winner === p).length / wars.length));
    },
  },
  {
    id: "8d",
    dynamic: 8,
    statistic: "successful strike war rolls that end in war, share",
    op: ">=",
    threshold: 0.99,
    none: 0,
    value: (g) => share(g.flatMap((r) => r.strikeWars)),
  },
  {
    id: "9a",
    dynamic: 9,
    statistic: "games with stage 5 shown by the end of round 4, share",
    op: ">=",
    threshold: 0.5,
    none: 0,
    value: (g) => share(g.map((r) => r.stage5By4)),
  },
  {
    id: "9b",
    dynamic: 9,
    statistic: "sustained squeeze from the start: readiness lower after 3 rounds (points)",
    op: ">=",
    threshold: 1,
    none: 0,
    value: (g) => mean(g.map((r) => r.squeezeLoss)),
  },
  {
    id: "9c",
    dynamic: 9,
    statistic: "sustained squeeze: readiness still gained over those 3 rounds (points)",
    op: ">=",
    threshold: 3,
    none: 0,
    value: (g) => mean(g.map((r) => r.squeezeGain)),
  },
  ...US_POLICIES.map(
    (name): Check => ({
      id: `10-${name}`,
      dynamic: 10,
      statistic: `fixed US policy "${name}": games with all three public US objectives met, share`,
      op: "<=",
      threshold: 0.4,
      none: 1,
      value: (g) => share(g.map((r) => r.nogo[name])),
    }),
  ),
];

export interface CheckResult {
  id: string;
  dynamic: number;
  statistic: string;
  op: ">=" | "<=";
  threshold: number;
  none: number;
  value: number;
  ci95: [number, number];
  samples: number;
  pass: boolean;
}

/** Percentile bootstrap over games (they are the independent units), with a seeded PRNG. */
export function bootstrap(
  games: readonly GameRecord[],
  f: (g: readonly GameRecord[]) => number,
  resamples: number,
  seed: number,
): [number, number] {
  let rng = seed >>> 0;
  const values: number[] = [];
  const pick: GameRecord[] = new Array(games.length);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < games.length; i++) {
      const d = draw(rng);
      rng = d.next;
      pick[i] = games[Math.floor(d.value * games.length)]!;
    }
    const v = f(pick);
    if (!Number.isNaN(v)) values.push(v);
  }
  if (values.length === 0) return [Number.NaN, Number.NaN];
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.floor(q * values.length)))]!;
  return [at(0.025), at(0.975)];
}

/** How many samples a check rests on (games or events that gave a value). */
function samplesOf(c: Check, games: readonly GameRecord[]): number {
  let n = 0;
  for (const g of games) n += Number.isNaN(c.value([g])) ? 0 : 1;
  return n;
}

export function evaluate(games: readonly GameRecord[], resamples: number, seed: number): CheckResult[] {
  return CHECKS.map((c, i) => {
    const value = c.value(games);
    const ci95 = bootstrap(games, c.value, resamples, (seed * 31 + i) >>> 0);
    const pass = c.op === ">=" ? ci95[0] >= c.threshold : ci95[1] <= c.threshold;
    return {
      id: c.id,
      dynamic: c.dynamic,
      statistic: c.statistic,
      op: c.op,
      threshold: c.threshold,
      none: c.none,
      value,
      ci95,
      samples: samplesOf(c, games),
      pass: !Number.isNaN(value) && pass,
    };
  });
}
