/**
 * `node scripts/cpu-prof-top.mjs FILE.cpuprofile [--top 25]`: where a `node --cpu-prof` profile's
 * time went, as two tables: self time by function (the work itself) and total time by function
 * (the work and everything it called; recursion counted once), each as a % of the samples taken
 * while the process was not idle. Used with `npm run bench:load -- --cpu-prof DIR`.
 */
import fs from "node:fs";
import path from "node:path";

const file = process.argv[2];
const topAt = process.argv.indexOf("--top");
const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 25;
if (!file) {
  console.error("usage: node scripts/cpu-prof-top.mjs FILE.cpuprofile [--top 25]");
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const nameOf = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${path.basename(f.url.replace(/^file:\/\//, ""))}:${f.lineNumber + 1}` : "";
  return `${f.functionName || "(anonymous)"} ${where}`.trim();
};
const IDLE = new Set(["(idle)", "(program)"]);

// Samples per node (hitCount), weighted by time between samples.
const selfMs = new Map();
const deltas = profile.timeDeltas ?? [];
profile.samples.forEach((id, i) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
});
let busy = 0;
const self = new Map();
const total = new Map();
for (const [id, ms] of selfMs) {
  const n = byId.get(id);
  if (IDLE.has(n.callFrame.functionName)) continue;
  busy += ms;
  const name = nameOf(n);
  self.set(name, (self.get(name) ?? 0) + ms);
  // Every function on the stack gets the sample once.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const nm = nameOf(byId.get(cur));
    if (seen.has(nm)) continue;
    seen.add(nm);
    total.set(nm, (total.get(nm) ?? 0) + ms);
  }
}
const wall = (profile.endTime - profile.startTime) / 1000;
console.log(`profile ${path.basename(file)}: ${Math.round(wall)} ms wall, ${Math.round(busy)} ms busy`);
const table = (title, m) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${((100 * ms) / busy).toFixed(1).padStart(6)} %  ${Math.round(ms).toString().padStart(7)} ms  ${name}`,
    );
};
table("self time", self);
table("total time (self and callees)", total);
