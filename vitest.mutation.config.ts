import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): those that run the mutated code
 * in this process. Browser tests and tests that start the server in a child process cannot see a
 * mutant, so they would only cost time. MUTATION_SCOPE=engine (shared/) runs the engine and bot
 * tests; MUTATION_SCOPE=server (server/) the in-process server tests.
 */
const scope = process.env.MUTATION_SCOPE ?? "engine";
// MUTATION_TESTS=a.test.ts,b.test.ts narrows the tests for a quick partial run (a lower bound).
const only = process.env.MUTATION_TESTS?.split(",").filter(Boolean);
const include = only?.length
  ? only
  : scope === "server"
    ? ["tests/server/**/*.test.ts"]
    : ["tests/engine/**/*.test.ts", "tests/bots/**/*.test.ts"];

export default defineConfig({
  test: {
    include,
    exclude: [
      "tests/server/crash.test.ts",
      "tests/server/scaleout.test.ts",
      "tests/server/botclient.test.ts",
    ],
    fileParallelism: false,
    // Instrumented code runs slower: the self-play tests need more than the usual 30 s here.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
