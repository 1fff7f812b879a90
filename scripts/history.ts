/**
 * The history track (issue 10): `npm run history -- --seed S [--seeds N] [--json]`.
 * Plays the real 2017–18 choices (shared/scenario/history2017.ts, a fixed list of inputs) and prints,
 * round by round, the model's indicators beside the record, then the fourteen directions of
 * FACTS.md with agree/disagree. With --seeds N it plays seeds S … S+N−1 and prints one summary line
 * per seed. With --json the last line of stdout is one JSON object.
 */
import { directions, historyRow, RECORD } from "../shared/scenario/history-record.js";
import { HISTORY_2017, playHistory } from "../shared/scenario/history2017.js";
import { SUMMER_2017 } from "../shared/scenario/summer2017.js";
import { numberArgs } from "./args.js";

const arg = numberArgs("npm run history -- --seed S [--seeds N] [--json]");

const seed = arg("seed", 1);
const seeds = Math.max(1, arg("seeds", 1));
const json = process.argv.includes("--json");
const threshold = SUMMER_2017.rules.collapseThreshold;

function track(sd: number) {
  const states = playHistory(sd);
  const rows = states.map(historyRow);
  const dirs = directions(rows, threshold);
  const ending = states[states.length - 1]!.ending;
  return { seed: sd, rows, dirs, agree: dirs.filter((d) => d.agrees).length, ending: ending?.reason ?? null };
}

const pad = (x: string | number, n: number) => String(x).padStart(n);
const results = [];
for (let k = 0; k < seeds; k++) results.push(track(seed + k));

if (seeds === 1) {
  const t = results[0]!;
  console.log(`History track, seed ${t.seed}: the real choices of Q3 2017 – Q4 2018, $M a quarter\n`);
  console.log(
    "round quarter  | CN–NK trade  rec | CN imports  rec | CN exports  rec | NK exports | stage tests crisis UN | RU off. RU off-book | NK econ stab | CN–KR | end",
  );
  for (const r of t.rows) {
    const rec = RECORD[r.round - 1];
    const q = r.round === 0 ? "start  " : (HISTORY_2017[r.round - 1]?.quarter ?? "");
    console.log(
      `${pad(r.round, 5)} ${q.padEnd(8)} | ${pad(r.cnTrade, 11)} ${pad(rec?.cnTrade ?? "", 4)} | ${pad(r.cnImports, 10)} ${pad(rec?.cnImports ?? "", 4)} | ${pad(r.cnExports, 10)} ${pad(rec?.cnExports ?? "", 4)} | ${pad(r.nkExports, 10)} | ${pad(r.stage, 5)} ${pad(r.tests, 5)} ${pad(r.crisis, 6)} ${pad(r.resolutions, 2)} | ${pad(r.ruOfficial, 7)} ${pad(r.ruOffBook, 11)} | ${pad(r.nkEconomy, 7)} ${pad(r.nkStability, 4)} | ${pad(r.cnKr, 5)} | ${r.war ? "WAR" : r.collapse ? "COLLAPSE" : ""}`,
    );
  }
  console.log(`\nDirections against the record (${t.agree} of ${t.dirs.length} agree):`);
  for (const d of t.dirs)
    console.log(
      `  ${d.agrees ? "agree   " : "DISAGREE"} ${d.id.padEnd(20)} model: ${d.model}\n           record: ${d.record}`,
    );
} else {
  console.log(`History track, seeds ${seed}–${seed + seeds - 1}:`);
  for (const t of results)
    console.log(
      `  seed ${pad(t.seed, 4)}: ${t.agree}/${t.dirs.length} directions agree, ending ${t.ending}${
        t.agree < t.dirs.length
          ? ` (disagree: ${t.dirs
              .filter((d) => !d.agrees)
              .map((d) => d.id)
              .join(", ")})`
          : ""
      }`,
    );
}
if (json)
  console.log(
    JSON.stringify({
      seeds: results.map((t) => ({
        seed: t.seed,
        ending: t.ending,
        agree: t.agree,
        of: t.dirs.length,
        directions: Object.fromEntries(t.dirs.map((d) => [d.id, d.agrees])),
        rows: t.rows,
      })),
    }),
  );
