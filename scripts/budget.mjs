// Measures the client's budgets (issue 5) and prints them; asserts nothing.
//   npm run budget
// 1. JS gzip: what the lobby loads (no Phaser), what joining adds, the whole game, the map data.
// 2. Time from pressing "Create game" to an interactive map, on localhost in headless Chromium
//    (the map is ready when #map gets data-ready="1": drawn, and answering the pointer).
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

// In the page: when #map gets data-ready (a MutationObserver, not Playwright's polling, which
// retries every 500 ms and so reads up to half a second late), and two animation frames later
// (the map painted). Page clocks are wall-clock (timeOrigin + now), comparable with Date.now().
const WATCH_READY = `(() => {
  const mo = new MutationObserver(() => {
    if (window.__readyAt || !document.querySelector("#map[data-ready='1']")) return;
    window.__readyAt = performance.timeOrigin + performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__paintedAt = performance.timeOrigin + performance.now();
    }));
  });
  mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-ready"] });
})()`;

const server = await startServer({ client: false });
const browser = await launchBrowser();
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  // "click": the mouse arrives and clicks at once (the game chunk starts loading on the click);
  // "hover": the pointer rests on the button for 1.5 s first (the chunk and map data prefetch).
  for (const mode of ["click", "hover"]) {
    const polled = [];
    const ready = [];
    const painted = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage();
      await page.addInitScript(WATCH_READY);
      await page.goto(`${server.url}/?lang=en`);
      await page.fill("#name", "Budget");
      if (mode === "hover") {
        await page.hover("#create-button");
        await new Promise((r) => setTimeout(r, 1500));
      }
      const t0 = Date.now();
      await page.click("#create-button");
      await page.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
      polled.push(Date.now() - t0);
      await page.waitForFunction("window.__paintedAt");
      const [r, p] = await page.evaluate("[window.__readyAt, window.__paintedAt]");
      ready.push(Math.round(r - t0));
      painted.push(Math.round(p - t0));
      await page.close();
    }
    console.log(
      `\n"Create game" → interactive map, ${mode} (${RUNS} runs, budget 2000 ms):\n` +
        `  map ready (data-ready set): ${ready.join(", ")} ms; median ${median(ready)} ms\n` +
        `  map painted (2 frames on):  ${painted.join(", ")} ms; median ${median(painted)} ms\n` +
        `  as waitForSelector sees it: ${polled.join(", ")} ms; median ${median(polled)} ms`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}
