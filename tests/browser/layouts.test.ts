/**
 * The lobby and the game at the three layouts (1280×800 laptop, 1024×768 tablet, 768×1024 portrait),
 * in English and Korean, without console errors and without a raw translation key on screen.
 * Screenshots go to test-results/screenshots (git-ignored).
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { SHOTS_DIR, useServerAndBrowser } from "../support/harness.js";

const env = useServerAndBrowser();

const LAYOUTS = [
  { name: "laptop", width: 1280, height: 800 },
  { name: "tablet", width: 1024, height: 768 },
  { name: "portrait", width: 768, height: 1024 },
] as const;

/** Visible text that looks like an untranslated key ("orders.submit"). */
async function rawKeys(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return [
    ...text.matchAll(
      /\b(?:app|lobby|orders|neg|un|news|rail|top|tabs|map|table|legend|charts|end|seat|param|paramHint|term|termKind|grade|reach|index|tip|crisis|phase|power|brief|guide|event|reason)\.[a-zA-Z_]+\b/g,
    ),
  ].map((m) => m[0]);
}

const visible = (page: Page, sel: string) => page.locator(sel).first().isVisible();

/**
 * Resolves once the page has laid itself out at its current size: the window reports the viewport's
 * size, and two frames have passed (ResizeObserver callbacks — the map's re-layout — run before
 * the next paint, so the second frame comes after them).
 */
async function laidOut(page: Page): Promise<void> {
  const size = page.viewportSize()!;
  await page.waitForFunction(({ width, height }) => innerWidth === width && innerHeight === height, size);
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

for (const lang of ["en", "ko"] as const) {
  test(`lobby and game at three layouts in ${lang}`, async () => {
    const errors: string[] = [];
    const page = await env.browser.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${env.server.url}/?lang=${lang}`);
    await page.waitForSelector("#lobby:not([hidden])");
    expect(await page.getAttribute("html", "lang")).toBe(lang);
    await page.selectOption("#create-power", "KR");
    const brief = (await page.locator("#brief-text").textContent()) ?? "";
    expect(brief).toMatch(lang === "ko" ? /한국/ : /South Korea/);
    for (const l of LAYOUTS) {
      await page.setViewportSize({ width: l.width, height: l.height });
      await page.screenshot({ path: path.join(SHOTS_DIR, `lobby-${lang}-${l.name}.png`) });
    }
    expect(await rawKeys(page)).toEqual([]);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.fill("#name", lang === "ko" ? "민지" : "Sam");
    await page.selectOption("#preset", "quick");
    await page.click("#create-button");
    await page.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
    // Round 1: the guide opens by itself, points at the real panels, and works from the keyboard.
    await page.waitForSelector("#guide:not([hidden])");
    expect(await page.getAttribute("#guide", "data-step")).toBe("brief");
    expect(await page.locator(".guide-target").count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("guide-title");
    await page.keyboard.press("ArrowRight");
    expect(await page.getAttribute("#guide", "data-step")).toBe("map");
    await page.keyboard.press("ArrowRight");
    expect(await page.getAttribute("#guide", "data-step")).toBe("orders");
    expect(await page.getAttribute("#tab-orders", "aria-selected")).toBe("true");
    await page.keyboard.press("ArrowLeft");
    expect(await page.getAttribute("#guide", "data-step")).toBe("map");
    await page.screenshot({ path: path.join(SHOTS_DIR, `guide-${lang}-laptop.png`) });
    expect(await rawKeys(page)).toEqual([]);
    await page.keyboard.press("Escape");
    expect(await page.isHidden("#guide")).toBe(true);
    expect(await page.locator(".guide-target").count()).toBe(0);
    // Focus returns to the Guide button, which opens it again; Tab reaches its buttons.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("guide-button");
    const code = (await page.locator("#game-code").textContent()) ?? "";
    expect(await page.evaluate((c) => localStorage.getItem(`pressure-point.guide.${c}`), code)).toBe(
      "dismissed",
    );
    await page.keyboard.press("Enter");
    await page.waitForSelector("#guide:not([hidden])");
    expect(await page.getAttribute("#guide", "data-step")).toBe("brief");
    await page.keyboard.press("Shift+Tab"); // the close button, before the title
    await page.keyboard.press("Enter");
    expect(await page.isHidden("#guide")).toBe(true);
    await page.click("#start-button");
    await page.waitForFunction(
      () => document.querySelector("#phase")?.getAttribute("data-phase") === "diplomacy",
    );
    expect(await page.locator("#tab-orders").textContent()).toBe(lang === "ko" ? "명령" : "Orders");

    for (const l of LAYOUTS) {
      await page.setViewportSize({ width: l.width, height: l.height });
      await laidOut(page); // the map re-lays itself out on resize
      if (l.name === "laptop") {
        expect(await visible(page, ".rail.left")).toBe(true);
        expect(await visible(page, "#map")).toBe(true);
        expect(await visible(page, "#tab-you")).toBe(false);
      } else if (l.name === "tablet") {
        expect(await visible(page, ".rail.left")).toBe(false);
        expect(await visible(page, "#sheet-handle")).toBe(true);
        expect(await visible(page, "#tab-you")).toBe(true);
        expect(await visible(page, "#map")).toBe(true);
        await page.click("#sheet-handle");
        expect(await page.getAttribute("#sheet-handle", "aria-expanded")).toBe("true");
        await page.click("#sheet-handle");
      } else {
        // Portrait: the panels fill the screen, the map is one tap away.
        expect(await visible(page, "#map")).toBe(false);
        expect(await visible(page, "#panel-orders")).toBe(true);
        await page.click("#tab-you");
        expect(await visible(page, "#panel-you .objective-list")).toBe(true);
        await page.screenshot({ path: path.join(SHOTS_DIR, `game-${lang}-${l.name}-you.png`) });
        await page.click("#map-toggle");
        expect(await visible(page, "#map")).toBe(true);
        await laidOut(page);
        await page.screenshot({ path: path.join(SHOTS_DIR, `game-${lang}-${l.name}-map.png`) });
        await page.click("#map-toggle");
        await page.click("#tab-orders");
      }
      await page.screenshot({ path: path.join(SHOTS_DIR, `game-${lang}-${l.name}.png`) });
      expect(await rawKeys(page)).toEqual([]);
    }
    // Keyboard: the tabs move with the arrow keys.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.focus("#tab-orders");
    await page.keyboard.press("ArrowRight");
    expect(await page.getAttribute("#tab-negotiate", "aria-selected")).toBe("true");
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);
}
