/**
 * The balance run (issue 6): `npm run balance -- --games N --seed S [--rounds R] [--planner P] [--json]`.
 * Plays N games with bots in every seat, personalities and tiers mixed from each game's seed (P% of
 * seats play the planner tier; default 20), and prints each power's win share with a 95% Wilson
 * interval, the endings, par rates, mean scores and key indices; then the "no good options" table:
 * fixed US policies against adaptive bots, with how often each US objective was met, beside the
 * adaptive US rule bot on the same games.
 * With --json the last line of stdout is one JSON object.
 */
import { botPolicy } from "../shared/bots/index.js";
import { SCRIPTED_US, US_POLICIES } from "../shared/bots/scripted.js";
import { gameSeed, mixedPersonalities, selfPlay } from "../shared/bots/selfplay.js";
import { type BotPolicy, byPower, draw, type GameState, POWERS, type PowerId } from "../shared/index.js";
import { numberArgs } from "./args.js";

const arg = numberArgs("npm run balance -- --games N --seed S [--rounds R] [--planner P] [--json]");

const games = arg("games", 200);
const seed = arg("seed", 1);
const rounds = arg("rounds", 8);
const plannerPct = arg("planner", 20);
const json = process.argv.includes("--json");

const simple = botPolicy("simple");
const planner = botPolicy("planner");

/** Which seats play the planner in game `g` (drawn from the game's seed). */
function tiers(gseed: number): Record<PowerId, BotPolicy> {
  let rng = (gseed ^ 0x5bd1e995) >>> 0;
  return byPower(() => {
    const d = draw(rng);
    rng = d.next;
    return d.value * 100 < plannerPct ? planner : simple;
  });
}

/** Wilson score interval for k successes in n trials. */
function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 0];
  const z = 1.96;
  const p = k / n;
  const den = 1 + (z * z) / n;
  const mid = (p + (z * z) / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / den;
  return [Math.max(0, mid - half), Math.min(1, mid + half)];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const pc = (x: number) => `${(100 * x).toFixed(1)}%`;

const wins = byPower(() => 0);
const par = byPower(() => 0);
const score = byPower(() => 0);
const objectiveMet: Record<string, number> = {};
/** How many games dealt each objective (public ones: every game; agendas: when dealt). */
const objectiveDealt: Record<string, number> = {};
/** Who won the games that ended in war, and who pushed the crisis past the brink. */
const warWinners: Record<string, number> = {};
const warPushers: Record<string, number> = {};
const endings: Record<string, number> = { last_round: 0, war: 0, collapse: 0, grand_bargain: 0 };
const indices = {
  crisis: 0,
  readiness: 0,
  stage: 0,
  nkCurrency: 0,
  cnEnforcement: 0,
  kpStability: 0,
  tension: 0,
  rounds: 0,
};
const t0 = performance.now();
for (let i = 0; i < games; i++) {
  const gs = gameSeed(seed, i);
  const s = selfPlay({
    gameId: `bal-${seed}-${i}`,
    seed: gs,
    maxRounds: rounds,
    policies: tiers(gs),
    personalities: mixedPersonalities(gs),
  });
  const e = s.ending!;
  endings[e.reason] = (endings[e.reason] ?? 0) + 1;
  if (e.winner) wins[e.winner] += 1;
  if (e.reason === "war") {
    if (e.winner) warWinners[e.winner] = (warWinners[e.winner] ?? 0) + 1;
    const pusher = e.pusher ?? "none";
    warPushers[pusher] = (warPushers[pusher] ?? 0) + 1;
  }
  for (const p of POWERS) {
    const card = e.scores![p];
    if (card.grade === "success") par[p] += 1;
    score[p] += card.score;
    for (const o of card.objectives) {
      objectiveDealt[o.id] = (objectiveDealt[o.id] ?? 0) + 1;
      if (o.grade === "success") objectiveMet[o.id] = (objectiveMet[o.id] ?? 0) + 1;
    }
  }
  indices.crisis += s.crisis;
  indices.readiness += s.programme.readiness;
  indices.stage += s.programme.stage;
  indices.nkCurrency += s.nk.currency;
  indices.cnEnforcement += s.enforcement.CN.actual;
  indices.kpStability += s.powers.KP.stability;
  indices.tension += s.tension;
  indices.rounds += e.round;
}
const seconds = (performance.now() - t0) / 1000;
const n = Math.max(1, games);
const share = byPower((p) => r3(wins[p] / n));
const ci95 = byPower((p) => wilson(wins[p], games).map(r3) as [number, number]);
const parRate = byPower((p) => r3(par[p] / n));
const meanScore = byPower((p) => r3(score[p] / n));
const means = Object.fromEntries(Object.entries(indices).map(([k, v]) => [k, r3(v / n)]));
/** Met-rate of each objective among the games that dealt it. */
const metRate: Record<string, number> = Object.fromEntries(
  Object.keys(objectiveDealt)
    .sort()
    .map((k) => [k, r3((objectiveMet[k] ?? 0) / Math.max(1, objectiveDealt[k] ?? 0))]),
);

// No good options: each fixed US policy against rule bots with mixed personalities, and beside them
// the adaptive US rule bot on the same games (same seeds, same opponents) as the yardstick.
const nogoGames = Math.min(games, 200);
const simpleAll = byPower(() => simple);
const nogo: Record<string, { allMet: number; objectives: Record<string, number>; score: number }> = {};
const US_ROWS = [...US_POLICIES, "adaptive"] as const;
for (const name of US_ROWS) {
  const met: Record<string, number> = {};
  let all = 0;
  let sc = 0;
  for (let i = 0; i < nogoGames; i++) {
    const gs = gameSeed(seed + 7919, i);
    const s: GameState = selfPlay({
      gameId: `nogo-${name}-${i}`,
      seed: gs,
      maxRounds: rounds,
      policies: { ...simpleAll, US: name === "adaptive" ? simple : SCRIPTED_US[name] },
      personalities: mixedPersonalities(gs),
    });
    const card = s.ending!.scores!.US;
    sc += card.score;
    const pub = card.objectives.filter((o) => !o.secret);
    if (pub.every((o) => o.grade === "success")) all++;
    for (const o of card.objectives) if (o.grade === "success") met[o.id] = (met[o.id] ?? 0) + 1;
  }
  nogo[name] = {
    allMet: r3(all / Math.max(1, nogoGames)),
    objectives: Object.fromEntries(Object.entries(met).map(([k, v]) => [k, r3(v / Math.max(1, nogoGames))])),
    score: r3(sc / Math.max(1, nogoGames)),
  };
}

if (!json || process.argv.includes("--table")) {
  console.log(
    `${games} games, seed ${seed}, ${rounds} rounds, ${plannerPct}% planner seats, ${seconds.toFixed(1)} s`,
  );
  console.log("power  wins   share   95% CI            at par  mean score");
  for (const p of POWERS)
    console.log(
      `${`${p.padEnd(5)}  ${String(wins[p]).padStart(5)}  ${pc(share[p]).padStart(6)}  [${pc(ci95[p][0])}, ${pc(ci95[p][1])}]`.padEnd(
        42,
      )}${pc(parRate[p]).padStart(6)}  ${meanScore[p]}`,
    );
  console.log(
    `endings: ${Object.entries(endings)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  console.log(
    `mean at the end: ${Object.entries(means)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  console.log("objectives met (share of the games that dealt each; target 10–90%):");
  for (const [k, v] of Object.entries(metRate))
    console.log(
      `  ${k.padEnd(22)} ${pc(v).padStart(6)}  of ${String(objectiveDealt[k]).padStart(5)}${v < 0.1 || v > 0.9 ? "  OUT OF RANGE" : ""}`,
    );
  const wars = endings.war ?? 0;
  console.log(
    `wars: ${wars} (${pc(wars / n)}); won by ${
      Object.entries(warWinners)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "-"
    }; pushed by ${
      Object.entries(warPushers)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "-"
    }`,
  );
  console.log(
    `\nNo good options (${nogoGames} games each, US scripted or the adaptive rule bot, other seats adaptive):`,
  );
  console.log("US policy     all 3 public met  readiness  alliance  no war  agenda  mean score");
  for (const name of US_ROWS) {
    const x = nogo[name]!;
    const o = x.objectives;
    const agenda = (o["us-agenda-china"] ?? 0) + (o["us-agenda-currency"] ?? 0);
    console.log(
      `${name.padEnd(13)} ${pc(x.allMet).padStart(16)}  ${pc(o["us-readiness"] ?? 0).padStart(9)}  ${pc(o["us-alliance"] ?? 0).padStart(8)}  ${pc(o["us-no-war"] ?? 0).padStart(6)}  ${pc(agenda).padStart(6)}  ${x.score}`,
    );
  }
}
console.log(
  JSON.stringify({
    games,
    seed,
    rounds,
    plannerPct,
    share,
    ci95,
    endings,
    par: parRate,
    meanScore,
    means,
    objectives: metRate,
    warWinners,
    warPushers,
    noGoodOptions: nogo,
  }),
);
