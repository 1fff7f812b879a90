/**
 * A Stryker ignorer plugin for the sampled run (`npm run mutation -- --sample N`, see
 * scripts/mutation-sample.mjs): only the sampled mutants may run.
 *
 * Stryker selects mutants by `--mutate file:range`, and a range takes every mutant inside it: the
 * range of a sampled block statement would bring in every mutant of that block. The sampled run
 * passes each sampled mutant's own range to `--mutate` (so nodes around it are not mutated) and
 * this ignorer marks every node inside those ranges that is neither a sampled mutant's node nor
 * an ancestor of one, so its mutants are reported as ignored and never run. Mutants of a sampled
 * node other than the sampled one (e.g. `<` → `<=` next to the sampled `<` → `>=`) still run;
 * the summary counts only the sampled ones.
 *
 * MUTATION_SAMPLE_FILE names a JSON file: [{ file, start: {line, column}, end: {line, column} }],
 * with Babel's positions (lines from 1, columns from 0) and paths relative to the project.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

export const NOT_SAMPLED = "Not in the sample (npm run mutation -- --sample)";

let byFile;
function sampledRanges(file) {
  if (!byFile) {
    byFile = new Map();
    const name = process.env.MUTATION_SAMPLE_FILE;
    const list = name ? JSON.parse(readFileSync(name, "utf8")) : [];
    for (const m of list) {
      const key = path.resolve(m.file);
      if (!byFile.has(key)) byFile.set(key, []);
      byFile.get(key).push(m);
    }
  }
  return byFile.get(path.resolve(file)) ?? [];
}

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const includes = (outer, inner) => before(outer.start, inner.start) && before(inner.end, outer.end);
const same = (a, b) =>
  a.start.line === b.start.line &&
  a.start.column === b.start.column &&
  a.end.line === b.end.line &&
  a.end.column === b.end.column;

export const sampleIgnorer = {
  shouldIgnore(nodePath) {
    // Without a sample file (an ordinary run) this ignorer is not configured; be inert anyway.
    if (!process.env.MUTATION_SAMPLE_FILE) return undefined;
    const loc = nodePath.node?.loc;
    const file = nodePath.hub?.file?.opts?.filename;
    if (!loc || !file) return undefined;
    const ranges = sampledRanges(file);
    // Keep a sampled node and every node that contains one (its own mutants are outside the
    // `--mutate` ranges, so Stryker does not make them); ignore the rest, children included.
    if (ranges.some((r) => same(r, loc) || includes(loc, r))) return undefined;
    return NOT_SAMPLED;
  },
};

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, "sample", sampleIgnorer)];
