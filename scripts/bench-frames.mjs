// Frame-time benchmark: the map with 60 animated flows (client/bench.html) in headless Chromium.
// Prints the median and 95th-percentile frame interval and Phaser step time, for each of three
// runs (the machine is shared: look at the spread) and their medians; asserts nothing.
//   npm run bench:frames [-- seconds]
import { launchBrowser, startServer } from "../tests/support/harness.ts";

const seconds = Number(process.argv[2] ?? 5);
const RUNS = 3;
const server = await startServer();
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.error(String(e)));
    await page.goto(`${server.url}/bench.html?seconds=${seconds}`);
    await page.waitForSelector("#result[data-done='1']", { timeout: (seconds + 60) * 1000 });
    const r = JSON.parse((await page.locator("#result").textContent()) ?? "{}");
    results.push(r);
    console.log(
      `run ${i + 1}: ${r.flows} animated flows, ${r.frames} frames in ${seconds} s: frame interval median ` +
        `${r.medianMs} ms, p95 ${r.p95Ms} ms; Phaser step median ${r.stepMedianMs} ms, p95 ${r.stepP95Ms} ms`,
    );
    await page.close();
  }
  const m = (k) => median(results.map((r) => r[k]));
  console.log(
    `\nMedian of ${RUNS} runs (headless Chromium, SwiftShader WebGL):\n` +
      `  frame interval: median ${m("medianMs")} ms, p95 ${m("p95Ms")} ms\n` +
      `  Phaser step (update + render): median ${m("stepMedianMs")} ms, p95 ${m("stepP95Ms")} ms`,
  );
} finally {
  await browser.close();
  await server.stop();
}
