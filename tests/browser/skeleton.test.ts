/**
 * End to end in a real browser: two pages join the same game as two powers, both give orders,
 * the round resolves, and both pages show the new round.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { SHOTS_DIR, useServerAndBrowser } from "../support/harness.js";

const consoleErrors: string[] = [];

const env = useServerAndBrowser(120_000);

async function open(): Promise<Page> {
  const page = await env.browser.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(env.server.url);
  return page;
}

const text = (page: Page, sel: string) =>
  page
    .locator(sel)
    .textContent()
    .then((t) => t ?? "");

test("two browser tabs play a round on the real map", async () => {
  const a = await open();
  await a.fill("#name", "Li");
  await a.selectOption("#create-power", "CN");
  // A table without the advisor (create option `advisor: false`).
  await a.click(".advanced summary");
  await a.uncheck("#advisor");
  await a.click("#create-button");
  await a.waitForSelector("#map[data-ready='1']", { timeout: 20_000 });
  const code = (await text(a, "#game-code")).trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);

  const b = await open();
  await b.fill("#name", "Kim");
  await b.fill("#join-code", code);
  await b.selectOption("#join-power", "KP");
  await b.click("#join-button");
  await b.waitForSelector("#map[data-ready='1']", { timeout: 20_000 });

  // Both ready: the game starts; both ready again: orders open.
  for (const target of ["diplomacy", "orders"]) {
    await a.click("#ready-button");
    await b.click("#ready-button");
    for (const p of [a, b])
      await p.waitForFunction((t) => document.querySelector("#phase")?.textContent === t, target);
  }

  // Neither player sees the advisor.
  for (const p of [a, b]) expect(await p.locator("#advisor").getAttribute("hidden")).not.toBeNull();

  // China announces and sets enforcement; North Korea tests a missile.
  await a.check("[data-action='set_enforcement'] input[type='checkbox']");
  await a.fill("[data-param='set_enforcement.announced']", "80");
  await a.fill("[data-param='set_enforcement.target']", "60");
  await a.click("#submit-orders");
  await a.waitForFunction(() =>
    /received|submitted/i.test(document.querySelector("#order-status")?.textContent ?? ""),
  );
  await b.check("[data-action='missile_test'] input[type='checkbox']");
  await b.click("#submit-orders");
  await b.waitForFunction(() =>
    /received|submitted/i.test(document.querySelector("#order-status")?.textContent ?? ""),
  );
  await a.screenshot({ path: path.join(SHOTS_DIR, "skeleton-orders-CN.png") });

  await a.click("#ready-button");
  await b.click("#ready-button");
  for (const p of [a, b]) {
    await p.waitForFunction(
      () => /Round 2\b/.test(document.querySelector("#round")?.textContent ?? ""),
      undefined,
      {
        timeout: 15_000,
      },
    );
  }
  await a.screenshot({ path: path.join(SHOTS_DIR, "skeleton-round2-CN.png") });
  await b.screenshot({ path: path.join(SHOTS_DIR, "skeleton-round2-KP.png") });
  expect(consoleErrors).toEqual([]);
}, 120_000);
