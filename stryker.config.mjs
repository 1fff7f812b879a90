/**
 * Mutation testing (StrykerJS 9.6, the last line that runs on Node 20): `npm run mutation`.
 * Not part of `npm test`: a full run takes hours on the 2-core machine. See docs/TESTING.md.
 *
 * Only the tests that run the mutated code in this process can kill a mutant: the browser tests
 * and the servers started in a child process run the original code, so vitest.mutation.config.ts
 * leaves them out.
 */
import { fileURLToPath } from "node:url";

const scope = process.env.MUTATION_SCOPE ?? "engine";
// The sampled run (scripts/mutation-sample.mjs) keeps its reports and incremental file apart, so
// it never overwrites the per-file runs' results with "not in the sample".
const reportDir = process.env.MUTATION_REPORT_DIR ?? `test-results/mutation/${scope}`;
const sample = process.env.MUTATION_SAMPLE_FILE
  ? {
      plugins: ["@stryker-mutator/*", fileURLToPath(new URL("scripts/mutation-sample-ignorer.mjs", import.meta.url))],
      ignorers: ["sample"],
    }
  : {};

export default {
  packageManager: "npm",
  testRunner: "vitest",
  // MUTATION_SCOPE=engine|server picks the tests (vitest.mutation.config.ts); scripts/mutation.mjs
  // sets it per group of files.
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  // Each mutant runs only the tests that covered its code in the dry run.
  coverageAnalysis: "perTest",
  mutate: ["shared/engine/**/*.ts", "shared/view.ts", "server/rooms/**/*.ts", "server/store.ts"],
  // TypeScript 7 has no compiler API, so no type checker plugin: mutants that do not compile fail
  // their tests (or are reported as survivors: see docs/TESTING.md for how to judge those).
  reporters: ["clear-text", "html", "json", "progress"],
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/report.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, skipFull: false },
  incremental: true,
  incrementalFile: process.env.MUTATION_INCREMENTAL_FILE ?? `test-results/mutation/${scope}-incremental.json`,
  // MUTATION_CONCURRENCY=2 on an idle 2-core machine (the sampled run passes no CLI flags through).
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  // Stryker rewrites the tsconfig's relative paths for its sandbox with TypeScript's compiler API,
  // which TypeScript 7 no longer has; ours has no path outside the project, so point it at none.
  tsconfigFile: "no-tsconfig-rewrite.json",
  // A mutant that loops forever is cut off this long after the test run's usual time.
  timeoutMS: 10_000,
  // Static mutants (module-level code: the zod schemas' bounds) need every test for each mutant:
  // half of step.ts's mutants and three quarters of the time. They are left out by default and
  // reported as ignored; `npm run mutation -- --static` (MUTATION_STATIC=1) includes them.
  ignoreStatic: process.env.MUTATION_STATIC !== "1",
  tempDirName: "test-results/.stryker-tmp",
  // Never copy reports or other runs' sandboxes into a sandbox.
  ignorePatterns: ["test-results", "dist", "data"],
  cleanTempDir: true,
  thresholds: { high: 80, low: 70, break: null },
  ...sample,
};
