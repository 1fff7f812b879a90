#!/usr/bin/env node
/**
 * `npm run mutation [-- files…] [-- --static]`: StrykerJS over the engine, the view, the rooms and
 * the store, in two groups with their own tests and incremental files (see docs/TESTING.md):
 *   engine: shared/engine/**, shared/view.ts  — tests/engine, tests/bots
 *   server: server/rooms/**, server/store.ts  — the in-process tests/server files
 * Each group prints Stryker's table: the mutation score per file. With file arguments, only those
 * files are mutated (each in its group). Slow: hours for everything on a 2-core machine.
 * `--sample N --seed S`: the overall score estimated from a seeded sample of N mutants instead.
 */
import { spawnSync } from "node:child_process";

// `npm run mutation -- --sample 300 --seed 1`: a seeded uniform sample of all mutants and the
// estimated overall score with its 95 % interval (scripts/mutation-sample.mjs).
if (process.argv.includes("--sample") || process.argv.includes("--list")) {
  const r = spawnSync(process.execPath, ["scripts/mutation-sample.mjs", ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(r.status ?? 1);
}

const GROUPS = {
  engine: ["shared/engine/**/*.ts", "shared/view.ts"],
  server: ["server/rooms/**/*.ts", "server/store.ts"],
};
const args = process.argv.slice(2);
const withStatic = args.includes("--static");
const files = args.filter((a) => !a.startsWith("--"));
let failed = false;
for (const [scope, globs] of Object.entries(GROUPS)) {
  const prefix = scope === "engine" ? "shared/" : "server/";
  const mutate = files.length ? files.filter((f) => f.startsWith(prefix)) : globs;
  if (mutate.length === 0) continue;
  const r = spawnSync("npx", ["stryker", "run", "--mutate", mutate.join(",")], {
    stdio: "inherit",
    env: { ...process.env, MUTATION_SCOPE: scope, ...(withStatic ? { MUTATION_STATIC: "1" } : {}) },
  });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
