/**
 * The seat survives the browser: a reload goes straight back to the seat (no lobby, same power); a
 * second tab with the same seat takes it over and the first says so in words (and a message sent
 * from it is refused in words, not with the SDK's text); "play here instead" takes it back; the
 * seat link opens the seat on another device (a fresh browser profile). And a whole round played
 * with the keyboard alone.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { launchBrowser, useServerAndBrowser } from "../support/harness.js";
import { collectErrors, createAndStart, phaseIs } from "../support/screen.js";

const env = useServerAndBrowser();

/** The US row of the seats list names this player (the seat is theirs, not a new one). */
async function holdsUS(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (n) => (document.querySelector("#seats li[data-seat='US'] .who")?.textContent ?? "") === n,
    name,
  );
}

test("reload, a second tab and a second device all return to the same seat", async () => {
  const page = await env.browser.newPage();
  await page.emulateMedia({ reducedMotion: "reduce" });
  const errors = collectErrors(page);
  const code = await createAndStart(page, env.server.url, { preset: "standard", name: "Alex" });

  // ---- a reload: straight back to the seat, the lobby never shown
  await page.reload();
  await page.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
  expect(await page.locator("#lobby").isHidden()).toBe(true);
  expect(await page.locator("#orders-form").count()).toBe(1);
  expect(((await page.textContent("#game-code")) ?? "").trim()).toBe(code);
  await holdsUS(page, "Alex");
  expect(await page.getAttribute("#phase", "data-phase")).toBe("diplomacy");

  // ---- a second tab (same browser): it takes the seat; the first says so in words
  const second = await env.browser.newPage();
  await second.emulateMedia({ reducedMotion: "reduce" });
  const secondErrors = collectErrors(second);
  await second.goto(`${env.server.url}/?code=${code}&lang=en`);
  await second.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
  expect(await second.locator("#orders-form").count()).toBe(1);
  await page.waitForSelector("#connection-banner[data-state='taken']");
  expect(await page.textContent("#connection-banner")).toMatch(/another tab or on another device/);
  // Sending from the old tab: refused in words.
  await page.click("#tab-negotiate");
  await page.fill("#chat-input", "Still here?");
  await page.press("#chat-input", "Enter");
  await page.waitForFunction(() => (document.querySelector("#error")?.textContent ?? "") !== "");
  const said = (await page.textContent("#error")) ?? "";
  expect(said).not.toMatch(/cannot send request|connection is not open/);
  expect(said).toMatch(/not connected to the game/);

  // ---- "Play here instead": the first takes the seat back, the second is told
  await page.click("#rejoin-button");
  await page.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
  await holdsUS(page, "Alex");
  await second.waitForSelector("#connection-banner[data-state='taken']");
  await second.close();

  // ---- another device: the seat link in a fresh browser profile
  await page.click("#tab-orders");
  const link = await page.evaluate(() => document.querySelector<HTMLInputElement>("#seat-link")?.value ?? "");
  expect(link).toContain(`?code=${code}#seat=`);
  const device = await launchBrowser();
  const phone = await device.newPage();
  const phoneErrors = collectErrors(phone);
  await phone.goto(link.replace(/^https?:\/\/[^/]+/, env.server.url));
  await phone.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
  expect(await phone.locator("#orders-form").count()).toBe(1);
  await holdsUS(phone, "Alex");
  // The token left the address bar once stored.
  expect(phone.url()).not.toContain("#seat=");
  await page.waitForSelector("#connection-banner[data-state='taken']");
  await device.close();
  await page.close();
  expect(phoneErrors).toEqual([]);
  expect(secondErrors).toEqual([]);
  expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION/.test(e))).toEqual([]);
}, 180_000);

/** Presses Tab until the element matching `sel` has the focus (as a keyboard user would). */
async function tabTo(page: Page, sel: string, max = 400): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, sel)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${sel}`);
}

test("a whole round with the keyboard alone", async () => {
  const page = await env.browser.newPage();
  await page.emulateMedia({ reducedMotion: "reduce" });
  const errors = collectErrors(page);
  await createAndStart(page, env.server.url, { preset: "standard", name: "Kim", power: "KR" });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // Diplomacy: a message in the public channel, then Ready.
  // The tabs are one stop (roving focus): Tab reaches the selected one, the arrows move along.
  await tabTo(page, "#tab-orders");
  await page.keyboard.press("ArrowRight");
  expect(await page.getAttribute("#tab-negotiate", "aria-selected")).toBe("true");
  await tabTo(page, "#chat-input");
  await page.keyboard.type("Seoul proposes talks.");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() =>
    /Seoul proposes talks/.test(document.querySelector("#chat-log")?.textContent ?? ""),
  );
  await tabTo(page, "#tab-negotiate");
  await page.keyboard.press("ArrowLeft"); // back to Orders
  expect(await page.getAttribute("#tab-orders", "aria-selected")).toBe("true");
  await tabTo(page, "#ready-button");
  await page.keyboard.press("Enter");
  await phaseIs(page, "orders", 1);

  // Orders: the advisor's first suggestion, a checkbox by Space, Submit, Ready.
  await tabTo(page, "[data-suggestion='0']");
  await page.keyboard.press("Enter");
  await tabTo(page, "#include-statement");
  await page.keyboard.press("Space");
  await tabTo(page, "[data-param='statement.text']");
  await page.keyboard.type("We seek calm.");
  await tabTo(page, "#submit-orders");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#order-status")?.classList.contains("ok"));
  expect(await page.getAttribute("#submit-state", "data-state")).toBe("same");
  await tabTo(page, "#ready-button");
  await page.keyboard.press("Enter");
  await phaseIs(page, "diplomacy", 2);
  await page.close();
  expect(errors).toEqual([]);
}, 180_000);
