/**
 * axe-core (WCAG 2.x A and AA) on the pages around the player's screen: the teacher's dashboard, the
 * Control console, the projector (at 1366×768 and 1920×1080) and the debrief — no serious or critical
 * violation. The projector also shows Control's broadcast in its news, a legend, and its powers
 * table whole at 1366×768. (The lobby and the game screen in every layout: screen-layout.test.ts.)
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { SHOTS_DIR, useServerAndBrowser } from "../support/harness.js";
import { axeProblems, collectErrors } from "../support/screen.js";

const env = useServerAndBrowser();

async function open(url: string, errors: string[]): Promise<Page> {
  const page = await env.browser.newPage();
  await page.emulateMedia({ reducedMotion: "reduce" });
  const mine = collectErrors(page);
  page.on("close", () => errors.push(...mine));
  await page.goto(url);
  return page;
}

test("dashboard, console, projector and debrief pass axe-core; the projector shows Control's broadcast", async () => {
  const errors: string[] = [];
  const r = await fetch(`${env.server.url}/api/classes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Accessibility", tables: 1, preset: "quick" }),
  });
  const cls = (await r.json()) as {
    code: string;
    teacherToken: string;
    tables: { code: string; controlToken: string }[];
  };
  const table = cls.tables[0]!;

  // ---- the teacher's dashboard
  const teacher = await open(`${env.server.url}/teacher.html?lang=en`, errors);
  await teacher.evaluate((c) => localStorage.setItem("pressure-point.class", JSON.stringify(c)), {
    code: cls.code,
    key: cls.teacherToken,
  });
  await teacher.reload();
  await teacher.waitForSelector("#start-all");
  expect(await axeProblems(teacher), "dashboard").toEqual([]);
  await teacher.close();

  // ---- the Control console
  const console_ = await open(
    `${env.server.url}/control.html?code=${table.code}&lang=en#key=${encodeURIComponent(table.controlToken)}`,
    errors,
  );
  await console_.waitForSelector("#powers-table tr[data-power='KP']", { timeout: 15_000 });
  expect(await axeProblems(console_), "console").toEqual([]);
  await console_.click("#c-start");
  await console_.waitForFunction(
    () => document.querySelector("#c-phase")?.getAttribute("data-status") === "running",
  );

  // ---- the projector: legend, broadcast in the news, the powers table whole at 1366×768
  const projector = await open(
    `${env.server.url}/index.html?watch=${table.code}&projector=1&lang=en`,
    errors,
  );
  await projector.setViewportSize({ width: 1366, height: 768 });
  await projector.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
  await projector.waitForFunction(() => document.querySelectorAll("#pj-indices tr[data-power]").length === 5);
  expect(await projector.locator("#pj-legend").isVisible()).toBe(true);
  await console_.click("#ctab-chat");
  await console_.fill("#control-chat-input", "Talks resume at noon in Panmunjom.");
  await console_.press("#control-chat-input", "Enter");
  await projector.waitForFunction(() =>
    /Talks resume at noon/.test(document.querySelector("#pj-news .pj-broadcast")?.textContent ?? ""),
  );
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await projector.setViewportSize(size);
    await projector.waitForFunction(() => {
      const map = document.querySelector<HTMLElement>("#map");
      const canvas = map?.querySelector("canvas");
      return !!map && !!canvas && Math.abs(canvas.getBoundingClientRect().width - map.clientWidth) < 2;
    });
    // The powers table: whole, inside the window, no column cut off.
    const box = await projector.evaluate(() => {
      const t = document.querySelector<HTMLElement>("#pj-indices table")!;
      const r = t.getBoundingClientRect();
      const side = t.closest<HTMLElement>("#pj-indices")!;
      return {
        inside: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight,
        noScrollX: side.scrollWidth <= side.clientWidth,
      };
    });
    await projector.screenshot({ path: path.join(SHOTS_DIR, `a11y-projector-${size.width}.png`) });
    expect(box, `${size.width}`).toEqual({ inside: true, noScrollX: true });
    expect(await axeProblems(projector, ["#map"]), `projector ${size.width}`).toEqual([]);
  }
  await projector.close();

  // ---- Control advances eight phases, then the debrief (charts of the rounds so far)
  for (let i = 0; i < 8; i++) {
    await console_.waitForFunction(
      () => !(document.querySelector("#c-advance") as HTMLButtonElement | null)?.disabled,
    );
    const before = await console_.evaluate(
      () =>
        `${document.querySelector("#c-round")?.textContent}|${document.querySelector("#c-phase")?.textContent}`,
    );
    await console_.evaluate(() => (document.querySelector("#c-advance") as HTMLButtonElement).click());
    await console_.waitForFunction(
      (b) =>
        `${document.querySelector("#c-round")?.textContent}|${document.querySelector("#c-phase")?.textContent}` !==
        b,
      before,
    );
  }
  await console_.waitForFunction(
    () => document.querySelector("#c-phase")?.getAttribute("data-status") === "ended",
  );
  // The debrief, from the console's page (it holds the Control token).
  const debrief = console_;
  await debrief.goto(`${env.server.url}/debrief.html?code=${table.code}&lang=en`);
  const debriefErrors = collectErrors(debrief);
  await debrief.waitForSelector("#debrief-charts .uplot", { timeout: 15_000 }).catch(async (e) => {
    await debrief.screenshot({ path: path.join(SHOTS_DIR, "a11y-debrief-failed.png") });
    throw new Error(
      `${e}\n${await debrief.evaluate(() => document.body.innerText)}\n${debriefErrors.join("\n")}`,
    );
  });
  expect(await axeProblems(debrief), "debrief").toEqual([]);
  await debrief.close();
  expect(errors).toEqual([]);
}, 240_000);
