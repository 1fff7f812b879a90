/**
 * A full short game in a real browser: one human (the United States) against four bots. Each round
 * the human gives orders (the first round by hand with parameters and a rationale, later ones from
 * the advisor); in the first diplomacy phase the human proposes an agreement to a bot, tables a UN
 * draft and votes on it; the game reaches the end screen with every power's score and secret agenda.
 * Screenshots of each phase go to test-results/screenshots (git-ignored).
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { SHOTS_DIR, useServerAndBrowser } from "../support/harness.js";

const consoleErrors: string[] = [];

const env = useServerAndBrowser();

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS_DIR, `fullgame-${name}.png`) });

async function phaseIs(page: Page, phase: string, round?: number): Promise<void> {
  await page.waitForFunction(
    ([ph, rd]) =>
      document.querySelector("#phase")?.getAttribute("data-phase") === ph &&
      (rd === null || new RegExp(`^\\D*${rd}\\b`).test(document.querySelector("#round")?.textContent ?? "")),
    [phase, round ?? null] as const,
    { timeout: 30_000 },
  );
}

async function pressReady(page: Page): Promise<void> {
  await page.click("#tab-orders");
  await page.click("#ready-button");
}

async function submitAndCheck(page: Page): Promise<void> {
  await page.click("#submit-orders");
  await page.waitForFunction(
    () => {
      const s = document.querySelector("#order-status");
      return !!s && (s.classList.contains("ok") || s.classList.contains("bad"));
    },
    undefined,
    { timeout: 15_000 },
  );
  const status = await page.locator("#order-status").textContent();
  expect(await page.locator("#order-status").getAttribute("class")).toBe("ok");
  expect(status).toMatch(/Submitted/);
}

test("one human against four bots plays a short game to the end screen", async () => {
  const page = await env.browser.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  // Nothing loops under reduced motion: keeps the two test cores free for the server and the bots.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`${env.server.url}/?lang=en`);

  // ---- lobby: create a quick game as the United States; the brief follows the choice.
  await page.fill("#name", "Alex");
  await page.selectOption("#create-power", "US");
  await expect.poll(() => page.locator("#brief-text").textContent()).toMatch(/United States/);
  await page.selectOption("#preset", "quick");
  expect(await page.inputValue("#rounds")).toBe("4");
  await shot(page, "0-lobby");
  await page.click("#create-button");
  await page.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
  await phaseIs(page, "waiting");

  // ---- the host starts: bots take the four other seats.
  await page.click("#start-button");
  await phaseIs(page, "diplomacy", 1);
  await page.waitForFunction(() => document.querySelectorAll("#seats li").length === 5);
  expect(await page.locator("#seats li", { hasText: "bot" }).count()).toBe(4);

  // ---- round 1 diplomacy: a proposal to South Korea (a bot), a UN draft and a vote on it.
  await page.click("#tab-negotiate");
  await page.check("#party-KR");
  await page.click("#add-term");
  await page.selectOption("[data-term-kind='0']", "summit");
  await page.selectOption("[data-term-party='0']", "US");
  await page.fill("#proposal-note", "Talks at Panmunjom?");
  await page.click("#send-proposal");
  // Bots may have proposed too: find ours.
  const proposal = page.locator("[data-proposal]", { hasText: "from United States" }).first();
  await proposal.waitFor({ timeout: 10_000 });
  expect(await proposal.textContent()).toMatch(/South Korea/);
  // The bot answers within the phase, as a person at the table would.
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll("[data-proposal]")].some(
        (p) =>
          /from United States/.test(p.textContent ?? "") &&
          /accepted|rejected/.test(p.getAttribute("data-status") ?? ""),
      ),
    undefined,
    { timeout: 10_000 },
  );

  await page.check("#ung-minerals");
  await page.check("#ung-fuel");
  await page.fill("#draft-strength", "60");
  await page.click("#table-draft-button");
  const draft = page.locator("[data-draft]").first();
  await draft.waitFor({ timeout: 10_000 });
  expect(await draft.getAttribute("data-status")).toBe("open");
  await draft.locator("[data-vote='yes']").click();
  await page.waitForFunction(
    () => document.querySelector("[data-draft] [data-vote='yes']")?.getAttribute("aria-pressed") === "true",
  );
  // The public channel works too.
  await page.fill("#chat-input", "The United States seeks a peaceful solution.");
  await page.press("#chat-input", "Enter");
  await page.waitForFunction(() =>
    /peaceful solution/.test(document.querySelector("#chat-log")?.textContent ?? ""),
  );
  await shot(page, "1-diplomacy");

  // ---- the rounds
  for (let round = 1; round <= 4; round++) {
    if (round > 1) await phaseIs(page, "diplomacy", round);
    await pressReady(page);
    await phaseIs(page, "orders", round);
    await page.click("#tab-orders");
    if (round === 1) {
      // By hand: announce and aim enforcement, and an intelligence operation with a rationale.
      await page.check("#include-set_enforcement");
      await page.fill("[data-param='set_enforcement.announced']", "95");
      await page.fill("[data-param='set_enforcement.target']", "80");
      await page.check("#include-intel_op");
      await page.selectOption("[data-param='intel_op.region']", "dandong");
      await page.fill("[data-rationale='intel_op']", "Find the coal smugglers");
      await page.waitForFunction(() =>
        /Cost 2 of 5/.test(document.querySelector("#budget")?.textContent ?? ""),
      );
    } else {
      await page.click("#use-advice");
    }
    await submitAndCheck(page);
    await shot(page, `${round}-orders`);
    await pressReady(page);
    if (round < 4) {
      await phaseIs(page, "diplomacy", round + 1);
      // The guide (left open in round 1) has stepped aside for round 2.
      expect(await page.locator("#guide-title").isVisible()).toBe(false);
      await page.click("#tab-news");
      await page.waitForSelector("#briefing li");
      await shot(page, `${round + 1}-briefing`);
    }
  }

  // ---- the end screen: every power's score, objectives and secret agenda.
  await page.waitForSelector("#end-screen", { timeout: 30_000 });
  expect(await page.locator("#guide-title").isVisible()).toBe(false);
  expect(await page.locator("#scores tbody tr").count()).toBe(5);
  expect(await page.locator(".end-power").count()).toBe(5);
  expect(await page.locator(".end-power .agenda").count()).toBe(5);
  expect(await page.locator("#winner").textContent()).toMatch(/par/);
  await shot(page, "5-end");

  // Charts of every index over the rounds.
  await page.click("#end-close");
  await page.click("#tab-charts");
  await page.waitForSelector("#chart-crisis .uplot", { timeout: 15_000 });
  // One row per resolved round (and the start).
  const rows = await page
    .locator("#chart-crisis")
    .evaluate((n) => n.closest(".chart-block")?.querySelectorAll("tbody tr").length ?? 0);
  expect(rows).toBeGreaterThanOrEqual(4);
  await shot(page, "6-charts");
  // The draft was decided when round 1's diplomacy ended: with no veto, it became a resolution.
  await page.click("#tab-news");
  expect(await page.locator("#sanctions").textContent()).toMatch(/Resolution D\d+/);

  expect(consoleErrors).toEqual([]);
}, 240_000);
