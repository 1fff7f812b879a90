/**
 * The player's screen at the four sizes of the issue (phone 390×844, tablet 1024×768, laptop 1366×768,
 * projector-size 1920×1080), in English and Korean, in both phases: the Submit bar (cost, state, the
 * reason Submit is disabled) is in view and not covered; the top bar's items, the map's panels and
 * the map's labels do not overlap; axe-core finds no serious or critical violation; the tablet's
 * bottom sheet leaves the map a usable height. Screenshots go to test-results/screenshots.
 */
import path from "node:path";
import { expect, test } from "vitest";
import { SHOTS_DIR, useServerAndBrowser } from "../support/harness.js";
import {
  axeProblems,
  collectErrors,
  createAndStart,
  inView,
  overlaps,
  phaseIs,
  SIZES,
} from "../support/screen.js";

const env = useServerAndBrowser();

/** Groups of boxes that must not overlap one another. */
const GROUPS = [[".topbar > :not([hidden])"], [".map-overlay > :not(:empty)", ".map-overlay-left > *"]];

/** Waits until the map has laid itself out at the current size (its label boxes are for this size). */
async function mapSettled(page: import("playwright-core").Page): Promise<void> {
  await page.waitForFunction(() => {
    const map = document.querySelector<HTMLElement>("#map");
    if (!map || map.getClientRects().length === 0) return true;
    const canvas = map.querySelector("canvas");
    return !!canvas && Math.abs(canvas.getBoundingClientRect().width - map.clientWidth) < 2;
  });
}

for (const lang of ["en", "ko"] as const) {
  test(`the game screen at four sizes in ${lang}: Submit bar in view, no overlaps, axe clean`, async () => {
    const page = await env.browser.newPage();
    await page.emulateMedia({ reducedMotion: "reduce" });
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${env.server.url}/?lang=${lang}`);
    await page.waitForSelector("#lobby:not([hidden])");
    expect(await axeProblems(page), "lobby").toEqual([]);
    await createAndStart(page, env.server.url, {
      lang,
      preset: "standard",
      name: lang === "ko" ? "민지" : "Sam",
    });

    for (const phase of ["diplomacy", "orders"] as const) {
      if (phase === "orders") {
        // Everyone else is a bot: Ready ends diplomacy.
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.click("#tab-orders");
        await page.click("#ready-button");
        await phaseIs(page, "orders", 1);
      }
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        if (await page.locator("#tab-orders").isVisible()) await page.click("#tab-orders");
        await mapSettled(page);
        const where = `${lang} ${phase} ${size.name}`;
        // The bar: cost and state beside Submit, and why Submit is disabled when it is.
        expect(await inView(page, "#submit-orders"), `${where}: Submit in view`).toBe(true);
        expect(await inView(page, "#ready-button"), `${where}: Ready in view`).toBe(true);
        expect(await page.locator("#submit-bar #budget").textContent()).toMatch(/\d/);
        expect(await page.locator("#submit-state").isVisible()).toBe(true);
        if (phase === "diplomacy") {
          expect(await page.locator("#submit-orders").isDisabled()).toBe(true);
          expect(await page.locator("#submit-reason").isVisible(), `${where}: the reason`).toBe(true);
        } else {
          expect(await page.locator("#submit-orders").isDisabled()).toBe(false);
          expect(await page.locator("#submit-reason").isVisible()).toBe(false);
        }
        expect(await overlaps(page, GROUPS), where).toEqual([]);
        await page.screenshot({ path: path.join(SHOTS_DIR, `screen-${lang}-${phase}-${size.name}.png`) });
        expect(await axeProblems(page, ["#map"]), where).toEqual([]);

        if (size.name === "phone" && phase === "diplomacy") {
          // The map, one tap away: its notes, legend and relations do not overlap.
          await page.click("#map-toggle");
          await mapSettled(page);
          await page.waitForSelector("#map[data-labels]");
          expect(await overlaps(page, GROUPS), `${where} map`).toEqual([]);
          await page.screenshot({ path: path.join(SHOTS_DIR, `screen-${lang}-phone-map.png`) });
          await page.click("#map-toggle");
        }
        if (size.name === "tablet") {
          // The sheet pulled up still leaves the map a usable height, and the bar stays in view.
          await page.click("#sheet-handle");
          await mapSettled(page);
          const mapHeight = await page.evaluate(() => document.querySelector(".map-wrap")!.clientHeight);
          expect(mapHeight, `${where}: map height with the sheet up`).toBeGreaterThanOrEqual(150);
          expect(await inView(page, "#submit-orders"), `${where}: Submit with the sheet up`).toBe(true);
          expect(await overlaps(page, GROUPS), `${where} sheet up`).toEqual([]);
          await page.screenshot({ path: path.join(SHOTS_DIR, `screen-${lang}-${phase}-tablet-sheet.png`) });
          await page.click("#sheet-handle");
        }
      }
    }
    await page.close();
    expect(errors).toEqual([]);
  }, 240_000);
}
