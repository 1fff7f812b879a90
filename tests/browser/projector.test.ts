/**
 * The projector ("situation room") view of a table: index.html?watch=CODE&projector=1 joins as an
 * observer and shows the map, the public indices, the clock and the public news in the dark theme —
 * no orders panel, no chat, no objectives, nothing only the player's seat may know — without
 * console errors or raw translation keys, in English and Korean. `?watch=CODE` alone opens the
 * ordinary game screen as an observer.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { SHOTS_DIR, useServerAndBrowser } from "../support/harness.js";

const env = useServerAndBrowser();

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

test("a table on the projector: map, public indices, clock and news; nothing private", async () => {
  // A player creates a game, plays South Korea and starts it (bots fill the other seats).
  const player = await env.browser.newPage();
  await player.emulateMedia({ reducedMotion: "reduce" });
  const playerErrors = collectErrors(player);
  await player.goto(`${env.server.url}/?lang=en`);
  await player.fill("#name", "Sam");
  await player.selectOption("#create-power", "KR");
  await player.selectOption("#preset", "quick");
  await player.click("#create-button");
  await player.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
  await player.click("#start-button");
  await player.waitForFunction(
    () => document.querySelector("#phase")?.getAttribute("data-phase") === "diplomacy",
  );
  const code = ((await player.textContent("#game-code")) ?? "").trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  // South Korea's private figure (its achieved enforcement) is on the player's screen only.
  expect(await player.locator("#orders-form").count()).toBe(1);

  for (const lang of ["en", "ko"] as const) {
    const page = await env.browser.newPage();
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.setViewportSize({ width: 1280, height: 800 });
    const errors = collectErrors(page);
    await page.goto(`${env.server.url}/index.html?watch=${code}&projector=1&lang=${lang}`);
    await page.waitForSelector("#projector");
    await page.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
    await page.waitForFunction(() => /\d/.test(document.querySelector("#pj-crisis")?.textContent ?? ""));
    await page.waitForFunction(() => document.querySelectorAll("#pj-indices tr[data-power]").length === 5);
    expect(await page.evaluate(() => document.body.classList.contains("sitroom"))).toBe(true);
    expect(((await page.textContent("#pj-code")) ?? "").trim()).toBe(code);
    // No orders, no chat, no objectives, no guide: an observer's public view.
    for (const sel of [
      "#orders-form",
      "#panel-orders",
      "#chat-log",
      ".objective-list",
      "#guide",
      "#lobby:not([hidden])",
    ])
      expect(await page.locator(sel).count(), sel).toBe(0);
    const text = (await page.evaluate(() => document.body.innerText)) ?? "";
    expect(text).not.toMatch(/\b(projector|top|rail|index|news|seat|map)\.[a-zA-Z_]+\b/);
    if (lang === "ko") expect(text).toMatch(/상황실/);
    await page.screenshot({ path: path.join(SHOTS_DIR, `projector-${lang}.png`) });
    await page.close();
    expect(errors).toEqual([]);
  }
  // ?watch=CODE alone: the ordinary game screen as an observer (no orders, no guide).
  const observer = await env.browser.newPage();
  await observer.emulateMedia({ reducedMotion: "reduce" });
  const observerErrors = collectErrors(observer);
  await observer.goto(`${env.server.url}/?watch=${code}&lang=en`);
  await observer.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
  expect(await observer.locator("#orders-form").count()).toBe(0);
  expect(await observer.textContent("#panel-orders")).toMatch(/observing/i);
  expect(await observer.isHidden("#guide-button")).toBe(true);
  expect(await observer.locator("#guide").count()).toBe(0);
  await observer.close();
  expect(observerErrors).toEqual([]);

  await player.close();
  expect(playerErrors).toEqual([]);
}, 120_000);
