/**
 * A full short game as the United States, with every tab read in English and in Korean in every
 * phase: no `{{placeholder}}`, no untranslated key, no internal id and no impossible number reaches
 * the screen. On the way, the screen's promises: three advisor suggestions; no free-form action
 * without Control; a bot says why it accepts; the orders that would break the agreement are flagged
 * before submit; the UN draft form starts afresh after tabling; answered proposals do not pile up.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { SHOTS_DIR, useServerAndBrowser } from "../support/harness.js";
import { collectErrors, createAndStart, phaseIs, rawText } from "../support/screen.js";

const env = useServerAndBrowser();
const NAMESPACES = Object.keys(JSON.parse(fs.readFileSync(path.resolve("client/i18n/en.json"), "utf8")));
const TABS = ["orders", "negotiate", "news", "charts"] as const;

/** Opens every tab (and every folded part) in both languages; returns what should not be there. */
async function walk(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  for (const lang of ["ko", "en"] as const) {
    await page.selectOption("#game-lang", lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
    for (const tab of TABS) {
      await page.click(`#tab-${tab}`);
      if (tab === "charts") await page.waitForSelector("#panel-charts .chart-block", { timeout: 15_000 });
      await page.evaluate(() => {
        for (const d of document.querySelectorAll("details")) d.open = true;
      });
      const text = await page.evaluate(() => document.body.innerText);
      for (const bad of rawText(text, NAMESPACES)) found.push(`${where} ${lang} ${tab}: ${bad}`);
    }
    await page.evaluate(() => {
      for (const d of document.querySelectorAll(".older-proposals, .device-link, .brief"))
        (d as HTMLDetailsElement).open = false;
    });
  }
  await page.click("#tab-orders");
  return found;
}

async function submitAdvice(page: Page): Promise<void> {
  await page.click("#tab-orders");
  await page.click("#use-advice");
  await page.click("#submit-orders");
  await page.waitForFunction(
    () => document.querySelector("#order-status")?.classList.contains("ok"),
    undefined,
    {
      timeout: 15_000,
    },
  );
}

test("a full game, every tab in both languages, and the screen's promises", async () => {
  const page = await env.browser.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.emulateMedia({ reducedMotion: "reduce" });
  const errors = collectErrors(page);
  await createAndStart(page, env.server.url, { power: "US", name: "Alex" });
  const found: string[] = [];

  // ---- round 1, diplomacy
  await page.click("#tab-orders");
  expect(await page.locator("#advisor-list > li").count()).toBe(3);
  expect(await page.locator("#advisor-list").textContent()).not.toMatch(/\b[a-z]+-[a-z]+-[a-z]+\b/);
  // No Control at this table: nobody would judge a free-form action.
  expect(await page.locator("[data-action='matrix_action']").isHidden()).toBe(true);

  // China's ask of the issue: the US designates no new firms or banks (and China comes to a summit).
  await page.click("#tab-negotiate");
  await page.check("#party-CN");
  await page.click("#add-term");
  await page.selectOption("[data-term-kind='0']", "no_designations");
  await page.selectOption("[data-term-party='0']", "US");
  await page.click("#add-term");
  await page.selectOption("[data-term-kind='1']", "summit");
  await page.selectOption("[data-term-party='1']", "CN");
  // At 1366 px the term row's selects are not cut off.
  const clipped = await page.evaluate(
    () =>
      [...document.querySelectorAll<HTMLSelectElement>(".term-row select:not([hidden])")].filter(
        (s) =>
          s.scrollWidth > s.clientWidth + 1 ||
          s.getBoundingClientRect().right > (s.closest(".panel")?.getBoundingClientRect().right ?? 0),
      ).length,
  );
  expect(clipped).toBe(0);
  await page.click("#send-proposal");
  const ours = page
    .locator("[data-proposal]", { hasText: /China/ })
    .filter({ has: page.locator("[data-reason='CN']") });
  await ours.first().waitFor({ timeout: 15_000 });
  expect(await ours.first().getAttribute("data-status")).toBe("accepted");
  expect(await ours.first().locator("[data-reason='CN']").textContent()).toMatch(/^China accepts: /);

  // A UN draft: the form starts afresh once tabled.
  await page.check("#ung-fuel");
  await page.fill("#draft-strength", "60");
  await page.click("#table-draft-button");
  await page.locator("[data-draft]").first().waitFor({ timeout: 10_000 });
  await page.waitForFunction(
    () => (document.querySelector("#draft-strength") as HTMLInputElement).value === "80",
  );
  expect(await page.isChecked("#ung-fuel")).toBe(false);
  expect(await page.isChecked("#ung-minerals")).toBe(true);
  found.push(...(await walk(page, "r1 diplomacy")));

  // ---- round 1, orders: designating a Chinese bank is flagged before submit
  await page.click("#tab-orders");
  await page.click("#ready-button");
  await phaseIs(page, "orders", 1);
  await page.check("#include-designate");
  await page.selectOption("[data-param='designate.entity']", "cn_regional_bank");
  await page.waitForSelector("#breach-warnings:not([hidden])");
  expect(await page.textContent("#breach-warnings")).toMatch(/A\d+ .*designates no new/i);
  await page.screenshot({ path: path.join(SHOTS_DIR, "walk-breach-warning.png") });
  await page.uncheck("#include-designate");
  await page.waitForSelector("#breach-warnings[hidden]", { state: "attached" });
  await submitAdvice(page);
  found.push(...(await walk(page, "r1 orders")));
  await page.click("#ready-button");

  for (let round = 2; round <= 4; round++) {
    await phaseIs(page, "diplomacy", round);
    found.push(...(await walk(page, `r${round} diplomacy`)));
    // Answered proposals fold away: at most the open ones and two answered in view.
    const shown = await page.evaluate(
      () =>
        [...document.querySelectorAll("#proposals > [data-proposal]")].filter(
          (p) => p.getAttribute("data-status") !== "open",
        ).length,
    );
    expect(shown).toBeLessThanOrEqual(2);
    await page.click("#ready-button");
    await phaseIs(page, "orders", round);
    await submitAdvice(page);
    found.push(...(await walk(page, `r${round} orders`)));
    await page.click("#ready-button");
  }

  // ---- the end: the end screen, then every tab once more
  await page.waitForSelector("#end-screen", { timeout: 45_000 });
  for (const bad of rawText(await page.evaluate(() => document.body.innerText), NAMESPACES))
    found.push(`end: ${bad}`);
  await page.click("#end-close");
  found.push(...(await walk(page, "ended")));
  expect(found).toEqual([]);
  await page.close();
  expect(errors).toEqual([]);
}, 400_000);
