/**
 * A class in a real browser: the teacher creates a class of two tables on the dashboard; two
 * students type the class code in the lobby and land at different tables; the teacher starts and
 * pauses every table (the students' screens say paused) and broadcasts a message both students
 * read; the teacher opens one table's Control console and overrides the crisis level with a reason,
 * which that table's student sees (and the other table's does not); the teacher switches the advisor
 * off and mutes a student's chat at one table (dashboard), and back (dashboard and console, by
 * keyboard); each table links to its projector view; the Markdown record downloaded
 * from the console holds the override with its reason. Also: creating a game "as Control" in the
 * lobby lands in the console. Screenshots go to test-results/screenshots.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { SHOTS_DIR, useServerAndBrowser } from "../support/harness.js";

const consoleErrors: string[] = [];

const env = useServerAndBrowser();

function watch(page: Page, who: string): Page {
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${who}: ${m.text()}`);
  });
  page.on("pageerror", (e) => consoleErrors.push(`${who}: ${String(e)}`));
  return page;
}

async function open(url: string, who: string): Promise<Page> {
  const page = watch(await env.browser.newPage(), who);
  // Nothing loops under reduced motion: keeps the test machine's cores for the server and bots.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(url);
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS_DIR, `teacher-${name}.png`) });

async function student(name: string, classCode: string): Promise<{ page: Page; table: string }> {
  const page = await open(`${env.server.url}/?lang=en`, name);
  await page.fill("#name", name);
  await page.fill("#join-code", classCode);
  await page.click("#join-button");
  await page.waitForSelector("#game", { timeout: 20_000 });
  await page.waitForFunction(() =>
    /^[A-Z2-9]{6}$/.test(document.querySelector("#game-code")?.textContent ?? ""),
  );
  const table = ((await page.textContent("#game-code")) ?? "").trim();
  return { page, table };
}

test("a teacher runs a class of two tables from the dashboard and a Control console", async () => {
  // ---- the dashboard: create a class of two tables
  const teacher = await open(`${env.server.url}/?lang=en`, "teacher");
  await teacher.click("#run-class");
  await teacher.waitForSelector("#class-form");
  await teacher.fill("#class-name", "Period 3");
  await teacher.fill("#class-tables", "2");
  await teacher.click("#create-class");
  await teacher.waitForFunction(
    () => document.querySelectorAll("[data-table] .seat-table tr[data-seat]").length === 10,
  );
  const classCode = ((await teacher.textContent("#class-code")) ?? "").trim();
  expect(classCode).toMatch(/^[A-Z2-9]{6}$/);
  const tables = await teacher.$$eval("[data-table]", (cards) =>
    cards.map((c) => c.getAttribute("data-table")),
  );
  expect(tables).toHaveLength(2);
  expect(tables).not.toContain(classCode);
  // Each table links to its projector view (tests/browser/projector.test.ts opens one).
  for (const code of tables)
    expect(await teacher.getAttribute(`[data-table="${code}"] a[data-projector]`, "href")).toBe(
      `index.html?watch=${code}&projector=1`,
    );

  // ---- two students type the class code and are sent to different tables
  const a = await student("Ana", classCode);
  const b = await student("Ben", classCode);
  expect(tables).toContain(a.table);
  expect(tables).toContain(b.table);
  expect(a.table).not.toBe(b.table);
  // The dashboard shows each student at their table.
  for (const s of [
    { name: "Ana", table: a.table },
    { name: "Ben", table: b.table },
  ])
    await teacher.waitForFunction(
      ([name, code]) =>
        [...document.querySelectorAll(`[data-table="${code}"] tr.human .who`)].some((n) =>
          n.textContent?.includes(name!),
        ),
      [s.name, s.table],
    );

  // ---- start all, then pause all: both students' screens say paused
  await teacher.click("#start-all");
  await teacher.waitForFunction(
    () =>
      [...document.querySelectorAll("[data-table]")].every(
        (c) => c.getAttribute("data-status") === "running",
      ),
    undefined,
    { timeout: 15_000 },
  );
  for (const s of [a, b])
    await s.page.waitForFunction(
      () => document.querySelector("#phase")?.getAttribute("data-phase") === "diplomacy",
    );
  // ---- the advisor off and Ana's chat muted at her table (Ben's table keeps both)
  const anaPower = ((await a.page.textContent(".rail.left .power-id")) ?? "").trim();
  const anaMute = `#settings-${a.table} [data-mute="${anaPower}"]`;
  expect(await a.page.isVisible("#advisor")).toBe(true);
  await teacher.uncheck(`#settings-${a.table}-advisor`);
  await teacher.click(anaMute);
  await a.page.waitForSelector("#advisor", { state: "hidden" });
  await a.page.click("#tab-negotiate");
  await a.page.waitForSelector("#chat-muted:not([hidden])");
  expect(await a.page.isDisabled("#chat-input")).toBe(true);
  await teacher.waitForFunction(
    (sel) => document.querySelector(sel)?.getAttribute("aria-pressed") === "true",
    anaMute,
  );
  expect(await b.page.isVisible("#advisor")).toBe(true);
  // Unmute from the keyboard.
  await teacher.focus(anaMute);
  await teacher.keyboard.press("Enter");
  await a.page.waitForSelector("#chat-muted", { state: "hidden" });
  expect(await a.page.isEnabled("#chat-input")).toBe(true);
  await a.page.click("#tab-orders");

  await teacher.click("#pause-all");
  await teacher.waitForFunction(() =>
    [...document.querySelectorAll("[data-table]")].every((c) => c.getAttribute("data-status") === "paused"),
  );
  for (const s of [a, b])
    await s.page.waitForFunction(() => {
      const c = document.querySelector("#countdown");
      return !!c && c.classList.contains("paused") && /paused/i.test(c.textContent ?? "");
    });
  await shot(teacher, "dashboard");

  // ---- broadcast a message: both students read it in the public channel
  const notice = "Five minutes left in this lesson: wrap up your talks.";
  await teacher.fill("#broadcast-text", notice);
  await teacher.click("#broadcast-button");
  for (const s of [a, b]) {
    await s.page.click("#tab-negotiate");
    await s.page.waitForFunction(
      (text) => document.querySelector("#chat-log")?.textContent?.includes(text),
      notice,
    );
  }

  // ---- open the Control console of Ana's table and override the crisis level with a reason
  const [consolePage] = await Promise.all([
    env.browser.waitForEvent("page"),
    teacher.click(`[data-table="${a.table}"] a[data-open]`),
  ]);
  const ctl = watch(consolePage, "console");
  await ctl.waitForSelector("#powers-table tr[data-power='US']", { timeout: 15_000 });
  expect(((await ctl.textContent("#c-code")) ?? "").trim()).toBe(a.table);
  expect(await ctl.getAttribute("#c-projector", "href")).toBe(`index.html?watch=${a.table}&projector=1`);
  // The console has the same table settings: the advisor (off, from the dashboard) back on by keyboard.
  expect(await ctl.locator("#c-settings [data-mute]").count()).toBe(5);
  await ctl.waitForFunction(
    () => !(document.querySelector("#c-settings-advisor") as HTMLInputElement).checked,
  );
  await ctl.focus("#c-settings-advisor");
  await ctl.keyboard.press("Space");
  // (Ana's screen is on the Negotiate tab now: the advisor is back in the Orders panel.)
  await a.page.waitForFunction(() => document.querySelector<HTMLElement>("#advisor")?.hidden === false);
  // Control sees what a power keeps secret: the achieved enforcement of every power.
  expect(await ctl.textContent("#powers-table tr[data-power='CN']")).toMatch(/\d/);
  const before = Number((await a.page.textContent("#crisis .value"))?.trim());
  const target = before >= 90 ? 40 : before + 9;
  const reason = "Border incident at Dandong, as briefed (test 7731)";
  await ctl.click("#ctab-override");
  await ctl.selectOption("#override-index", "crisis");
  await ctl.fill("#override-value", String(target));
  // The reason is required: without one (blanks are none) nothing is sent.
  await ctl.fill("#override-reason", "   ");
  await ctl.click("#override-button");
  await ctl.waitForFunction(() =>
    document.querySelector("#override-form .status")?.classList.contains("bad"),
  );
  expect(Number((await a.page.textContent("#crisis .value"))?.trim())).toBe(before);
  await ctl.fill("#override-reason", reason);
  await ctl.click("#override-button");
  await ctl.waitForFunction(() => document.querySelector("#override-form .status")?.classList.contains("ok"));
  await a.page.waitForFunction(
    (n) => document.querySelector("#crisis .value")?.textContent?.trim() === String(n),
    target,
  );
  await a.page.waitForFunction(
    (text) => document.querySelector("#chat-log")?.textContent?.includes(text),
    reason,
  );
  await ctl.click("#ctab-record");
  await ctl.waitForFunction(
    (text) => document.querySelector("#control-log")?.textContent?.includes(text),
    reason,
  );
  await shot(ctl, "console");
  await shot(a.page, "student-after-override");
  // The other table is a different game: no override there.
  expect(await b.page.textContent("#chat-log")).not.toContain(reason);

  // ---- the after-action report holds the override and its reason, in words (its Markdown too)
  const report = await open(
    `${env.server.url}/${await ctl.getAttribute("#record-report", "href")}&lang=en`,
    "report",
  );
  // Round 1 is still being played: its part says so, with what happened so far.
  await report.waitForSelector("#report [data-round='1']");
  expect(await report.textContent("#report")).toContain("Round 1 · Q3 2017 (in progress)");
  expect(await report.textContent("#report")).toContain(`Set Crisis to ${target}. Reason: ${reason}`);
  const [download] = await Promise.all([report.waitForEvent("download"), report.click("#report-md")]);
  expect(download.suggestedFilename()).toBe(`after-action-${a.table}.md`);
  const md = fs.readFileSync((await download.path())!, "utf8");
  expect(md).toContain(`# After-action report · game ${a.table}`);
  expect(md).toContain(`Set Crisis to ${target}. Reason: ${reason}`);
  await report.close();
  expect(consoleErrors).toEqual([]);
}, 60_000);

test("a game created as Control in the lobby opens the console; played to the end, its debrief", async () => {
  const page = await open(`${env.server.url}/?lang=en`, "facilitator");
  await page.fill("#name", "Control team");
  await page.selectOption("#preset", "quick");
  await page.click(".advanced summary");
  await page.check("#as-control");
  await page.click("#create-button");
  await page.waitForURL(/control\.html\?code=[A-Z2-9]{6}$/, { timeout: 20_000 });
  await page.waitForSelector("#powers-table tr[data-power='KP']", { timeout: 15_000 });
  expect(await page.isEnabled("#c-start")).toBe(true);
  await page.click("#c-start");
  await page.waitForFunction(
    () => document.querySelector("#c-phase")?.getAttribute("data-status") === "running",
  );
  const code = new URL(page.url()).searchParams.get("code")!;
  // Control advances every phase of the four rounds (bots hold every seat).
  const where = () =>
    page.evaluate(
      () =>
        `${document.querySelector("#c-round")?.textContent}|${document.querySelector("#c-phase")?.textContent}`,
    );
  for (let i = 0; i < 8; i++) {
    const before = await where();
    // The console re-renders on every view the bots' moves bring; wait until Advance is enabled,
    // then press it (a locator click can chase a button replaced on each render under load).
    await page.waitForFunction(
      () => !(document.querySelector("#c-advance") as HTMLButtonElement | null)?.disabled,
    );
    await page.evaluate(() => (document.querySelector("#c-advance") as HTMLButtonElement).click());
    await page.waitForFunction(
      (b) =>
        `${document.querySelector("#c-round")?.textContent}|${document.querySelector("#c-phase")?.textContent}` !==
        b,
      before,
    );
  }
  await page.waitForFunction(
    () => document.querySelector("#c-phase")?.getAttribute("data-status") === "ended",
  );
  // The debrief from the record: scores against par, and each round beside the same quarter in 2017–18.
  await page.goto(`${env.server.url}/debrief.html?code=${code}&lang=en`);
  await page.waitForSelector("#debrief-history tr[data-round='4']");
  expect(await page.locator("#debrief-scores tr[data-power]").count()).toBe(5);
  const q3 = (await page.textContent("#debrief-history tr[data-round='1']")) ?? "";
  expect(q3).toContain("Q3 2017");
  expect(q3).toContain("Resolution 2371");
  expect(q3).toMatch(/Source: .*\[R46\]/);
  expect(await page.textContent("#d-objectives")).toMatch(/Secret agenda/);
  await page.waitForSelector("#debrief-charts .uplot");
  await shot(page, "debrief");
  expect(consoleErrors).toEqual([]);
}, 60_000);
