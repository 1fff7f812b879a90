/**
 * The simulator: `npm run sim -- --games N --seed S [--rounds R] [--json]` plays N full games with
 * simple bots in every seat. With --json the last line of stdout is one JSON object; the same
 * arguments always print the same line.
 */
import { fingerprint, gameSeed, selfPlay } from "../shared/bots/selfplay.js";
import { hashOf, POWERS } from "../shared/index.js";
import { numberArgs } from "./args.js";

const arg = numberArgs("npm run sim -- --games N --seed S [--rounds R] [--json]");

const games = arg("games", 100);
const seed = arg("seed", 1);
const rounds = arg("rounds", 8);
const json = process.argv.includes("--json");
if (rounds < 1 || rounds > 12) {
  console.error("--rounds must be 1–12");
  process.exit(2);
}

const wins: Record<string, number> = Object.fromEntries(POWERS.map((p) => [p, 0]));
const endings: Record<string, number> = { last_round: 0, war: 0, collapse: 0, grand_bargain: 0 };
const par: Record<string, number> = Object.fromEntries(POWERS.map((p) => [p, 0]));
const prints: string[] = [];
let roundsPlayed = 0;
for (let i = 0; i < games; i++) {
  const s = selfPlay({ gameId: `sim-${seed}-${i}`, seed: gameSeed(seed, i), maxRounds: rounds });
  const e = s.ending!;
  endings[e.reason] = (endings[e.reason] ?? 0) + 1;
  if (e.winner) wins[e.winner] = (wins[e.winner] ?? 0) + 1;
  for (const p of POWERS) if (e.scores?.[p].grade === "success") par[p] = (par[p] ?? 0) + 1;
  roundsPlayed += e.round;
  prints.push(fingerprint(s));
}
const meanRounds = games > 0 ? Math.round((roundsPlayed / games) * 100) / 100 : 0;
const result = { games, seed, wins, endings, meanRounds, hash: hashOf(prints) };
if (!json) {
  console.log(`${games} games, seed ${seed}, ${rounds} rounds max`);
  for (const p of POWERS)
    console.log(
      `  ${p}: wins ${wins[p]} (${Math.round((100 * (wins[p] ?? 0)) / Math.max(1, games))}%), at par ${par[p]}`,
    );
  console.log(
    `  endings: ${Object.entries(endings)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  console.log(`  mean rounds: ${meanRounds}`);
}
console.log(JSON.stringify(result));
