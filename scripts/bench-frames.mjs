// Frame-time benchmark: the map with 60 animated flows (client/bench.html) in headless Chromium.
// Prints the median and 95th-percentile frame interval and Phaser step time; asserts nothing.
//   npm run bench:frames [-- seconds]
import { launchBrowser, startServer } from "../tests/support/harness.ts";

const seconds = Number(process.argv[2] ?? 5);
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error(String(e)));
  await page.goto(`${server.url}/bench.html?seconds=${seconds}`);
  await page.waitForSelector("#result[data-done='1']", { timeout: (seconds + 60) * 1000 });
  const r = JSON.parse((await page.locator("#result").textContent()) ?? "{}");
  console.log(
    `${r.flows} animated flows, ${r.frames} frames in ${seconds} s (headless Chromium, SwiftShader WebGL):\n` +
      `  frame interval: median ${r.medianMs} ms, p95 ${r.p95Ms} ms\n` +
      `  Phaser step (update + render): median ${r.stepMedianMs} ms, p95 ${r.stepP95Ms} ms`,
  );
} finally {
  await browser.close();
  await server.stop();
}
