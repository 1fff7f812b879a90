/**
 * The sampled overall mutation score (`npm run mutation -- --sample 300 --seed 1`): a full run over
 * every file takes far longer than a working day on the 2-core machine, so this draws a seeded
 * uniform sample of every mutant Stryker makes in the four scopes, runs Stryker on exactly those
 * (scripts/mutation-sample-ignorer.mjs) and estimates the overall score with a 95 % Wilson
 * interval, overall and per group.
 *
 *   node scripts/mutation-sample.mjs --list            how many mutants per file and group
 *   node scripts/mutation-sample.mjs --sample N --seed S [--dry]   draw (and with --dry only print)
 *   node scripts/mutation-sample.mjs --summary --sample N --seed S  re-read the reports
 *   … --only shared/view.ts,shared/engine/step.ts    draw from those files' mutants only
 *
 * The population is what Stryker's own instrumenter (@stryker-mutator/instrumenter, the version
 * core uses) makes from the files, with Stryker's default mutators. The sample is the N mutants
 * with the smallest SHA-256 of `seed:file:line:column:mutator:replacement`: uniform without
 * replacement, the same for the same seed and code, and the sample of N is a prefix of the sample
 * of N + k, so a run can be extended. Static mutants are drawn like any other; Stryker reports
 * them as ignored (`ignoreStatic`, as in every run here) and they are left out of the estimate,
 * which is therefore the score over non-static mutants, like every per-file figure.
 */

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Instrumenter } from "@stryker-mutator/instrumenter";
import { NOT_SAMPLED } from "./mutation-sample-ignorer.mjs";

export const GROUPS = {
  engine: { dirs: ["shared/engine"], files: ["shared/view.ts"] },
  server: { dirs: ["server/rooms"], files: ["server/store.ts"] },
};

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [path.join(dir, d.name)] : [],
  );
}

export function groupFiles(group) {
  const { dirs, files } = GROUPS[group];
  return [...dirs.flatMap(walk), ...files].sort();
}

const quiet = {
  isDebugEnabled: () => false,
  isTraceEnabled: () => false,
  isInfoEnabled: () => false,
  trace() {},
  debug() {},
  info() {},
  warn(...a) {
    console.warn(...a);
  },
  error(...a) {
    console.error(...a);
  },
  fatal(...a) {
    console.error(...a);
  },
};

/** Every mutant Stryker would make in the four scopes (static ones included). */
export async function enumerate() {
  const out = [];
  for (const group of Object.keys(GROUPS)) {
    const files = groupFiles(group).map((name) => ({
      name: path.resolve(name),
      mutate: true,
      content: readFileSync(name, "utf8"),
    }));
    const result = await new Instrumenter(quiet).instrument(files, {
      plugins: null,
      excludedMutations: [],
      ignorers: [],
    });
    for (const m of result.mutants) {
      if (m.status) continue; // ignored by a `// Stryker disable` comment: Stryker would not run it
      out.push({
        group,
        file: path.relative(process.cwd(), m.fileName),
        // Babel positions (lines from 1, columns from 0), as `--mutate file:l:c-l:c` reads them.
        start: { line: m.location.start.line + 1, column: m.location.start.column },
        end: { line: m.location.end.line + 1, column: m.location.end.column },
        mutatorName: m.mutatorName,
        replacement: m.replacement,
      });
    }
  }
  return out;
}

const keyOf = (m) =>
  `${m.file}:${m.start.line}:${m.start.column}-${m.end.line}:${m.end.column}:${m.mutatorName}:${m.replacement}`;

export function draw(all, n, seed) {
  const h = (m) =>
    createHash("sha256")
      .update(`${seed}:${keyOf(m)}`)
      .digest("hex");
  return all
    .map((m) => ({ m, h: h(m) }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
    .slice(0, n)
    .map(({ m }) => m);
}

/** Wilson score interval for k successes in n trials, 95 %. */
export function wilson(k, n, z = 1.96) {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const w = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - w), Math.min(1, c + w)];
}

const pct = (x) => `${(100 * x).toFixed(1)} %`;
// One directory per seed: a larger sample of the same seed reuses the smaller one's results (its
// incremental files), since the sample of N is a prefix of the sample of N + k.
// A long `--only` list is named by a short hash of its files (a dozen names overflowed the
// file system's name limit).
const onlyName = (only) => {
  const name = only.join("+").replace(/[^\w.+-]/g, "_");
  return name.length <= 120 ? name : `files-${createHash("sha256").update(name).digest("hex").slice(0, 12)}`;
};
const dirOf = (seed, only) => `test-results/mutation/sample-seed${seed}${only ? `-${onlyName(only)}` : ""}`;

const seedOf = (dir) => Number(/sample-seed(\d+)/.exec(dir)[1]);

function runGroup(group, mutants, dir) {
  const sampleFile = path.resolve(dir, `${group}-sample.json`);
  writeFileSync(sampleFile, JSON.stringify(mutants, null, 1));
  // Reuse what the per-file runs measured (their incremental file), without overwriting it with a
  // report in which every other mutant is "not in the sample".
  // A one-file sample (`--only`) of a seed starts with the mutants the overall sample of that seed
  // drew from the file (the same hashes: they come first), so it reuses those results too.
  const sampleIncremental = path.join(dir, `${group}-incremental.json`);
  const reuse = [
    path.join(dirOf(seedOf(dir)), `${group}-incremental.json`),
    `test-results/mutation/${group}-incremental.json`,
  ].find((f) => existsSync(f) && path.resolve(f) !== path.resolve(sampleIncremental));
  if (reuse && !existsSync(sampleIncremental)) copyFileSync(reuse, sampleIncremental);
  const ranges = [
    ...new Set(
      mutants.map((m) => `${m.file}:${m.start.line}:${m.start.column}-${m.end.line}:${m.end.column}`),
    ),
  ];
  const r = spawnSync("npx", ["stryker", "run", "--mutate", ranges.join(",")], {
    stdio: "inherit",
    env: {
      ...process.env,
      MUTATION_SCOPE: group,
      MUTATION_SAMPLE_FILE: sampleFile,
      MUTATION_REPORT_DIR: path.join(dir, group),
      MUTATION_INCREMENTAL_FILE: sampleIncremental,
    },
  });
  return r.status === 0;
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

export function summarise(sample, dir) {
  const results = new Map();
  for (const group of Object.keys(GROUPS)) {
    const file = path.join(dir, group, "report.json");
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, "utf8"));
    for (const [name, f] of Object.entries(report.files)) {
      for (const m of f.mutants) {
        // The report's positions count columns from 1; Babel's from 0.
        const k = keyOf({
          file: path.relative(process.cwd(), path.resolve(name)),
          start: { line: m.location.start.line, column: m.location.start.column - 1 },
          end: { line: m.location.end.line, column: m.location.end.column - 1 },
          mutatorName: m.mutatorName,
          replacement: m.replacement,
        });
        results.set(k, m);
      }
    }
  }
  const rows = { overall: blank() };
  const missing = [];
  const survivors = [];
  for (const m of sample) {
    const r = results.get(keyOf(m));
    for (const key of ["overall", m.group, m.file]) {
      rows[key] ??= blank();
      const row = rows[key];
      row.sampled++;
      if (!r || r.statusReason === NOT_SAMPLED) row.missing++;
      else if (DETECTED.has(r.status)) row[r.status === "Killed" ? "killed" : "timeout"]++;
      else if (UNDETECTED.has(r.status)) row[r.status === "Survived" ? "survived" : "noCoverage"]++;
      else if (r.status === "Ignored") row.static++;
      else row.invalid++;
    }
    if (!r || r.statusReason === NOT_SAMPLED) missing.push(keyOf(m));
    else if (UNDETECTED.has(r.status)) survivors.push(`${r.status.padEnd(10)} ${keyOf(m)}`);
  }
  const lines = [];
  const head =
    "scope | sampled | killed | timeout | survived | no cov. | static | invalid | not run | score (95 % Wilson)";
  lines.push(head, head.replace(/[^|]/g, "-"));
  const order = [
    "overall",
    ...Object.keys(GROUPS),
    ...Object.keys(rows)
      .filter((k) => k.includes("/"))
      .sort(),
  ];
  for (const key of order) {
    const r = rows[key];
    if (!r) continue;
    const detected = r.killed + r.timeout;
    const valid = detected + r.survived + r.noCoverage;
    const [lo, hi] = wilson(detected, valid);
    const score = valid ? `${pct(detected / valid)} [${pct(lo)}, ${pct(hi)}]` : "-";
    // With part of the sample not run, the figure is not the scope's estimate: say so.
    lines.push(
      [
        r.missing ? `${key} (INCOMPLETE: ${r.missing} not run)` : key,
        r.sampled,
        r.killed,
        r.timeout,
        r.survived,
        r.noCoverage,
        r.static,
        r.invalid,
        r.missing,
        score,
      ].join(" | "),
    );
  }
  lines.push("", `survivors (${survivors.length}):`, ...survivors);
  if (missing.length) lines.push("", `NOT RUN (${missing.length}) — the sample is incomplete:`, ...missing);
  return lines.join("\n");
}

function blank() {
  return { sampled: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, static: 0, invalid: 0, missing: 0 };
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) {
    console.error(`usage: npm run mutation -- --sample N [--seed S] [--dry]   (bad --${name})`);
    process.exit(2);
  }
  return v;
}

async function main() {
  const i = process.argv.indexOf("--only");
  const only = i >= 0 ? process.argv[i + 1].split(",").filter(Boolean) : undefined;
  const all = (await enumerate()).filter((m) => !only || only.includes(m.file));
  if (all.length === 0) {
    console.error(`no mutants in ${only}`);
    process.exit(2);
  }
  if (process.argv.includes("--list")) {
    const count = new Map();
    for (const m of all) count.set(m.file, (count.get(m.file) ?? 0) + 1);
    for (const [f, c] of [...count].sort()) console.log(`${String(c).padStart(5)}  ${f}`);
    for (const g of Object.keys(GROUPS))
      console.log(`${String(all.filter((m) => m.group === g).length).padStart(5)}  ${g} (group)`);
    console.log(`${String(all.length).padStart(5)}  all`);
    return;
  }
  const n = arg("sample", 300);
  const seed = arg("seed", 1);
  const sample = draw(all, n, seed);
  const dir = dirOf(seed, only);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `sample-${n}.json`), JSON.stringify(sample, null, 1));
  console.log(
    `Sample of ${sample.length} of ${all.length} mutants (seed ${seed}) in ${dir}/sample-${n}.json:`,
  );
  for (const g of Object.keys(GROUPS)) console.log(`  ${g}: ${sample.filter((m) => m.group === g).length}`);
  if (process.argv.includes("--dry")) return;
  let ok = true;
  if (!process.argv.includes("--summary")) {
    for (const g of Object.keys(GROUPS)) {
      const mine = sample.filter((m) => m.group === g);
      if (mine.length) ok = runGroup(g, mine, dir) && ok;
    }
  }
  const text = summarise(sample, dir);
  const head = `Sample of ${sample.length} of ${all.length} mutants${only ? ` in ${only.join(", ")}` : ""}, seed ${seed} (static mutants drawn but ignored, as in every run)`;
  writeFileSync(path.join(dir, `summary-${n}.txt`), `${head}\n\n${text}\n`);
  console.log(`\n${head}\n\n${text}\n\n(written to ${dir}/summary-${n}.txt)`);
  process.exit(ok ? 0 : 1);
}

main();
