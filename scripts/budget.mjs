// Measures the client's budgets (issue 5) and prints them; asserts nothing.
//   npm run budget
// 1. JS gzip: what the lobby loads (no Phaser), what joining adds, the whole game, the map data.
// 2. Time from pressing "Create game" to an interactive map, on localhost in headless Chromium.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { launchBrowser, startServer } from "../tests/support/harness.ts";

execSync("npx vite build --logLevel warn", {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
const dist = path.resolve("dist/client");
const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
const lobbyFiles = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const benchHtml = fs.readFileSync(path.join(dist, "bench.html"), "utf8");
const benchEntry = [...benchHtml.matchAll(/src="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const allJs = fs
  .readdirSync(path.join(dist, "assets"))
  .filter((f) => f.endsWith(".js"))
  .map((f) => `assets/${f}`);
const gameJs = allJs.filter((f) => !benchEntry.includes(f) && !/^assets\/bench-/.test(f));
const sum = (files) => files.reduce((n, f) => n + gz(f), 0);

console.log("\nJS, gzip -9 (per file):");
for (const f of gameJs.sort((a, b) => gz(b) - gz(a))) console.log(`  ${f.padEnd(44)} ${kb(gz(f))}`);
const lobby = sum(lobbyFiles);
const atlas = fs.readdirSync(path.join(dist, "assets")).find((f) => f.startsWith("region-atlas"));
console.log(`\nLobby JS (index.html: entry + preloads, no Phaser): ${kb(lobby)}  (budget 100 KB)`);
console.log(`Whole game JS (every chunk the game can load):      ${kb(sum(gameJs))}  (budget 500 KB)`);
console.log(`  Phaser in the lobby? ${lobbyFiles.some((f) => /phaser/.test(f)) ? "YES" : "no"}`);
if (atlas) console.log(`Map data (trimmed Natural Earth, JSON):              ${kb(gz(`assets/${atlas}`))}`);

const server = await startServer({ client: false });
const browser = await launchBrowser();
try {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?lang=en`);
    await page.fill("#name", "Budget");
    const t0 = Date.now();
    await page.click("#create-button");
    await page.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
    times.push(Date.now() - t0);
    await page.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `\n"Create game" → interactive map (3 runs): ${times.join(" ms, ")} ms; median ${sorted[1]} ms  (budget 2000 ms)`,
  );
} finally {
  await browser.close();
  await server.stop();
}
