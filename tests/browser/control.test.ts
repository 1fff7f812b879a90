/**
 * Control and the classroom in a real browser (issue 14):
 * - a free-form ("matrix") move reaches the Control console with its argument the moment it is
 *   submitted, is judged during the orders phase and applies in that round's resolution, where a
 *   player reads the verdict and the roll in the news; the after-action report tells it in words;
 * - a branch from round 2 re-seats the same two humans through one invitation link, and the compare
 *   view shows both runs; the debrief's replay steps through the rounds on the map;
 * - a class of two tables: the teacher sets a required reflection prompt, a student writes the memo
 *   in the game screen, and the dashboard's gradebook CSV has one row per student.
 * Every wait is for an event or a state in the page (no sleeps). Screenshots: test-results/screenshots.
 */
import "../../server/polyfill.js";
import fs from "node:fs";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { type PlayerView, type SeatMessage, ViewReplica } from "../../shared/index.js";
import { SHOTS_DIR, useServerAndBrowser } from "../support/harness.js";

const env = useServerAndBrowser();
const errors: string[] = [];

async function open(url: string, who: string): Promise<Page> {
  const page = await env.browser.newPage();
  page.on("pageerror", (e) => errors.push(`${who}: ${String(e)}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(`${who}: ${m.text()}`);
  });
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(url);
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS_DIR, `control-${name}.png`) });

/** A protocol client (a bot-like player or Control) that keeps its latest view. */
async function protocolClient(join: (sdk: Client) => Promise<Room>): Promise<{
  room: Room;
  seat: SeatMessage;
  view: () => PlayerView | undefined;
  until(p: (v: PlayerView) => boolean): Promise<PlayerView>;
}> {
  const sdk = new Client(env.server.url.replace(/^http/, "ws"));
  const room = await join(sdk);
  let latest: PlayerView | undefined;
  let waiters: (() => void)[] = [];
  const replica = new ViewReplica();
  const changed = () => {
    latest = replica.view ?? undefined;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  room.onMessage("chat", () => {});
  room.onMessage("chat_history", () => {});
  room.onMessage("view", (m: unknown) => {
    if (replica.full(m)) changed();
  });
  room.onMessage("view_delta", (m: unknown) => {
    if (replica.delta(m) === "resync") void room.request("resync", {});
    else changed();
  });
  const seat = await new Promise<SeatMessage>((resolve) => room.onMessage("seat", resolve));
  return {
    room,
    seat,
    view: () => latest,
    until: async (p) => {
      while (!latest || !p(latest)) await new Promise<void>((r) => waiters.push(r));
      return latest;
    },
  };
}

async function joinFromLobby(url: string, name: string, power: string): Promise<Page> {
  // Another person, as on another computer: the tabs share one browser profile, and a seat this
  // browser remembers for the game would take the new tab straight back to it (seatMemory.ts).
  const page = await open(`${env.server.url}/?lang=en`, name);
  await page.evaluate(() => localStorage.clear());
  await page.goto(url);
  await page.fill("#name", name);
  await page.selectOption("#join-power", power);
  await page.click("#join-button");
  await page.waitForSelector("#game", { timeout: 20_000 });
  return page;
}

/** Clicks a console clock button and waits until the console shows the result. */
async function consoleStep(ctl: Page, cmd: "start" | "advance", expect: RegExp): Promise<void> {
  await ctl.click(`#c-${cmd}`);
  await ctl.waitForFunction(
    (re) =>
      new RegExp(re).test(
        `${document.querySelector("#c-round")?.textContent} ${document.querySelector("#c-phase")?.textContent}`,
      ),
    expect.source,
  );
}

const ARGUMENT = "A quiet channel through Stockholm: a freeze of drills for a freeze of tests";

test("a matrix move is read, judged and applied in the same round; the report tells it in words", async () => {
  const control = await protocolClient((sdk) =>
    sdk.create("game", { asControl: true, rounds: 4, diplomacySeconds: 3600, ordersSeconds: 3600 }),
  );
  const code = control.seat.code;
  const token = control.seat.controlToken!;
  const kim = await protocolClient((sdk) => sdk.joinById(code, { name: "Kim", power: "KP" }));
  const ana = await joinFromLobby(`${env.server.url}/?code=${code}&lang=en`, "Ana", "US");

  const ctl = await open(`${env.server.url}/control.html?code=${code}&lang=en#key=${token}`, "control");
  await ctl.waitForSelector("#c-phase");
  // Before the start: one plain status, not "WAITING · WAITING".
  await ctl.waitForFunction(() => document.querySelector("#c-phase")?.textContent === "Not started");
  // Control reads every proposal: its empty list says so, not "involve you".
  await ctl.waitForSelector("#c-deals h3");
  expect(await ctl.textContent("#c-deals")).toContain("No proposals yet.");
  await shot(ctl, "console-before-start");
  await consoleStep(ctl, "start", /Round 1.*diplomacy · running/i);
  await consoleStep(ctl, "advance", /Round 1.*orders · running/i);

  // Kim argues a free-form move during the orders phase: the console has it at once.
  expect(
    await kim.room.request("orders", {
      actions: [{ type: "matrix_action", text: ARGUMENT, rationale: "Lower the temperature first" }],
    }),
  ).toEqual({ ok: true });
  const item = await ctl.waitForSelector("[data-matrix][data-status=pending]");
  expect(await item.textContent()).toContain(ARGUMENT);
  expect(await item.textContent()).toContain("Lower the temperature first");
  expect(await ctl.textContent("[data-orders=KP]")).toContain(ARGUMENT);
  await shot(ctl, "matrix-queued");
  // No other seat may read the argument.
  expect(await ana.evaluate(() => document.body.innerText)).not.toContain("Stockholm");

  // Control judges it now (strength 5), still in round 1's orders phase.
  const id = await item.getAttribute("data-matrix");
  await ctl.click(`[data-adjudicate="${id}"]`);
  await ctl.selectOption("#adj-strength", "5");
  await ctl.fill("#adj-title", "Stockholm channel");
  await ctl.fill("#adj-argument", "Plausible: such contacts happened");
  await ctl.click("#adjudicate-button");
  await ctl.waitForSelector(`[data-matrix="${id}"][data-status=judged]`);
  expect(await ctl.textContent("#adjudicate-form .status")).toMatch(/Judged: .*roll \d+/);
  expect(await ctl.textContent("#c-round")).toMatch(/Round 1/);
  // The power reads "waiting": no verdict before the resolution.
  expect(kim.view()!.matrix[0]!.status).toBe("pending");

  // The round resolves: the verdict and the roll in the news of round 1, for every player.
  await consoleStep(ctl, "advance", /Round 2.*diplomacy/i);
  await ctl.waitForSelector(
    `[data-matrix="${id}"][data-status=success], [data-matrix="${id}"][data-status=failure]`,
  );
  await ana.click("#tab-news");
  const news = await ana.waitForSelector('#briefing [data-kind="adjudicated"]');
  expect(await news.textContent()).toMatch(
    /Stockholm channel” (succeeds|fails): roll \d+, it needed \d+ or less/,
  );
  const v = await kim.until((x) => x.events.some((e) => e.kind === "adjudicated"));
  expect(v.events.find((e) => e.kind === "adjudicated")!.round).toBe(1);
  await shot(ana, "verdict-in-news");
  // The verdict is public, the argument is not.
  expect(await ana.evaluate(() => document.body.innerText)).not.toContain("freeze of drills");

  // The after-action report: the argument, the odds and the roll, in words; no JSON, no ids.
  const rep = await open(`${env.server.url}/debrief.html?code=${code}&view=report&lang=en`, "report");
  await rep.waitForSelector("#report [data-round='1']");
  const text = await rep.textContent("#report");
  expect(text).toContain(`North Korea argued: “${ARGUMENT}”`);
  expect(text).toMatch(/rated the argument 5 of 5 \(chance \d+%\); roll \d+: (success|failure)/);
  expect(text).toContain("Control's reasoning: “Plausible: such contacts happened”");
  expect(text).toContain("In reality");
  expect(text).not.toMatch(/[{}]|matrix_action|control_adjudicate|"KP"/);
  await shot(rep, "report");
  const [download] = await Promise.all([rep.waitForEvent("download"), rep.click("#report-md")]);
  const md = fs.readFileSync((await download.path())!, "utf8");
  expect(md).toContain(`# After-action report · game ${code}`);
  expect(md).toContain("## Round 1 · Q3 2017");
  expect(md).toMatch(/roll \d+/);
  expect(md).not.toMatch(/[{}]|matrix_action/);
  // The same report in Korean: Korean words, no template or particle artefacts.
  const ko = await open(`${env.server.url}/debrief.html?code=${code}&view=report&lang=ko`, "report-ko");
  await ko.waitForSelector("#report [data-round='1']");
  const koText = (await ko.textContent("#report")) ?? "";
  expect(koText).toContain("사후 검토 보고서");
  expect(koText).toMatch(/주사위 \d+: (성공|실패)/);
  expect(koText).not.toMatch(/\{\{|이\(가\)|을\(를\)|은\(는\)|\(으\)로|undefined/);
  await shot(ko, "report-ko");
  for (const p of [ana, ctl, rep, ko]) await p.close();
  kim.room.leave();
  control.room.leave();
  expect(errors).toEqual([]);
}, 120_000);

test("a branch re-seats the same two humans; the compare view shows both runs; the replay steps through rounds", async () => {
  const control = await protocolClient((sdk) =>
    sdk.create("game", { asControl: true, rounds: 4, diplomacySeconds: 3600, ordersSeconds: 3600 }),
  );
  const code = control.seat.code;
  const token = control.seat.controlToken!;
  const ana = await joinFromLobby(`${env.server.url}/?code=${code}&lang=en`, "Ana", "US");
  const ben = await joinFromLobby(`${env.server.url}/?code=${code}&lang=en`, "Ben", "CN");
  const ctl = await open(`${env.server.url}/control.html?code=${code}&lang=en#key=${token}`, "control");
  await ctl.waitForFunction(() => document.querySelector("#c-phase")?.textContent === "Not started");
  await consoleStep(ctl, "start", /Round 1.*diplomacy/i);
  await consoleStep(ctl, "advance", /Round 1.*orders/i);
  await consoleStep(ctl, "advance", /Round 2.*diplomacy/i);
  // Round 2 of the first run: an inject the branch will not have.
  await ctl.click("#inject-button");
  await ctl.waitForSelector("#control-events [data-kind=inject]");
  await consoleStep(ctl, "advance", /Round 2.*orders/i);
  await consoleStep(ctl, "advance", /Round 3.*diplomacy/i);

  // Branch from round 2, keeping the seats.
  await ctl.click("#ctab-record");
  await ctl.selectOption("#branch-round", "2");
  await ctl.click("#branch-button");
  const invite = await (await ctl.waitForSelector("#branch-invite")).inputValue();
  const branch = /[?&]code=([A-Z0-9]{6})/.exec(invite)![1]!;
  expect(invite).toContain(`from=${code}`);
  await shot(ctl, "branch-made");

  // One link re-seats each human, from the tab they played in, at the same power.
  for (const [page, power] of [
    [ana, "US"],
    [ben, "CN"],
  ] as const) {
    // The link takes the tab straight to its seat in the branch (no lobby).
    await page.goto(invite);
    await page.waitForFunction(
      (c) => document.querySelector("#game-code")?.textContent?.trim() === c,
      branch,
    );
    expect((await page.textContent(".rail.left .power-id"))?.trim()).toBe(power);
  }
  // The branch's console shows both at their seats; the branch plays round 2 its own way.
  const bc = await open(
    `${env.server.url}/${await ctl.getAttribute("#branch-console", "href")}`,
    "branch-console",
  );
  await bc.waitForFunction(() => document.querySelector("#c-phase")?.textContent === "Not started");
  await consoleStep(bc, "start", /Round 2.*diplomacy/i);
  await consoleStep(bc, "advance", /Round 2.*orders/i);
  await consoleStep(bc, "advance", /Round 3.*diplomacy/i);
  await ana.waitForFunction(() => /Round 3/.test(document.querySelector("#round")?.textContent ?? ""));

  // The compare view: both runs, each index charted, round 2 highlighted where they part.
  const cmp = await open(
    `${env.server.url}/${await ctl.getAttribute("#branch-compare", "href")}&lang=en`,
    "compare",
  );
  await cmp.waitForSelector("#compare-rounds tr[data-round='2']");
  await cmp.waitForFunction(() => document.querySelectorAll("#compare-charts canvas").length >= 5);
  expect(await cmp.getAttribute("#compare-rounds tr[data-round='2']", "class")).toContain("diverging");
  expect(
    await cmp.$$eval("#compare-rounds tr[data-round='2'] [data-diverge=true]", (n) => n.length),
  ).toBeGreaterThan(0);
  expect(await cmp.getAttribute("#compare-rounds tr[data-round='1']", "class")).not.toContain("diverging");
  const heads = await cmp.$$eval("#compare-scores thead th", (n) => n.map((x) => x.textContent));
  expect(heads).toEqual(["Power", `Run 1 (${code})`, `Run 2 (${branch})`]);
  await shot(cmp, "compare");

  // The replay of the first run: the map, round by round, with each round's news.
  const deb = await open(`${env.server.url}/debrief.html?code=${code}&lang=en`, "debrief");
  await deb.waitForSelector("#d-replay[data-round='2']");
  await deb.waitForSelector("#replay-map canvas");
  expect(await deb.textContent("#replay-round")).toBe("After round 2 of 2");
  expect(await deb.textContent("#replay-news")).toContain("double freeze");
  await deb.click("#replay-prev");
  await deb.waitForSelector("#d-replay[data-round='1']");
  expect(await deb.textContent("#replay-round")).toBe("After round 1 of 2");
  expect(await deb.textContent("#replay-news")).not.toContain("double freeze");
  await deb.click("#replay-prev");
  await deb.waitForSelector("#d-replay[data-round='0']");
  expect(await deb.isDisabled("#replay-prev")).toBe(true);
  await deb.click("#replay-next");
  await deb.waitForSelector("#d-replay[data-round='1']");
  await deb.locator("#d-replay").scrollIntoViewIfNeeded();
  await shot(deb, "replay");
  for (const p of [ana, ben, ctl, bc, cmp, deb]) await p.close();
  control.room.leave();
  expect(errors).toEqual([]);
}, 180_000);

test("a class of two tables: a required reflection memo, and one gradebook CSV with a row per student", async () => {
  const teacher = await open(`${env.server.url}/?lang=en`, "teacher");
  // "Run a class" is above the fold of a 1366×768 laptop.
  await teacher.setViewportSize({ width: 1366, height: 768 });
  const box = await (await teacher.waitForSelector("#run-class")).boundingBox();
  expect(box!.y + box!.height).toBeLessThan(768);
  await teacher.click("#run-class");
  await teacher.fill("#class-name", "Period 5");
  await teacher.fill("#class-tables", "2");
  await teacher.click("#create-class");
  await teacher.waitForFunction(
    () => document.querySelectorAll("[data-table] .seat-table tr[data-seat]").length === 10,
  );
  const classCode = ((await teacher.textContent("#class-code")) ?? "").trim();
  const tables = await teacher.$$eval("[data-table]", (c) => c.map((x) => x.getAttribute("data-table")!));

  const students: Page[] = [];
  for (const name of ["Ana", "Ben"]) {
    const page = await open(`${env.server.url}/?lang=en`, name);
    await page.fill("#name", name);
    await page.fill("#join-code", classCode);
    await page.click("#join-button");
    await page.waitForSelector("#game", { timeout: 20_000 });
    students.push(page);
  }
  const [ana, ben] = students as [Page, Page];
  const anaTable = ((await ana.textContent("#game-code")) ?? "").trim();
  expect(tables).toContain(anaTable);

  // A required prompt at every table, confirmed with what was done.
  await teacher.fill("#reflection-text", "What did your power expect the others to do?");
  await teacher.check("#reflection-required");
  await teacher.click("#reflection-button");
  await teacher.waitForFunction(() =>
    /Reflection prompt set at 2 of 2 tables/.test(document.querySelector("#all-status")?.textContent ?? ""),
  );
  // Broadcast: the dashboard says the message went out (not the previous command's status).
  await teacher.fill("#broadcast-text", "Ten minutes left in this period.");
  await teacher.click("#broadcast-button");
  await teacher.waitForFunction(() =>
    /Message sent to 2 of 2 tables: “Ten minutes left/.test(
      document.querySelector("#all-status")?.textContent ?? "",
    ),
  );

  await teacher.click("#start-all");
  await teacher.waitForFunction(() =>
    [...document.querySelectorAll("[data-table]")].every((c) => c.getAttribute("data-status") === "running"),
  );
  // Ana's table plays round 1 to its resolution.
  for (const phase of ["orders", "diplomacy"]) {
    await teacher.click(`[data-table="${anaTable}"] [data-cmd="advance"]`);
    await ana.waitForFunction(
      (p) => document.querySelector("#phase")?.getAttribute("data-phase") === p,
      phase,
    );
  }
  // The memo panel opens by itself after the resolution; required, so it cannot be put aside.
  await ana.waitForSelector("#memo-panel:not([hidden])[data-round='1']");
  expect(await ana.textContent("#memo-prompt")).toBe("What did your power expect the others to do?");
  expect(await ana.isHidden("#memo-later")).toBe(true);
  await shot(ana, "memo");
  await ana.fill("#memo-text", "We expected China to hold back; it did not.");
  await ana.click("#memo-save");
  await ana.waitForSelector("#memo-panel[hidden]", { state: "attached" });
  await ana.waitForSelector("#memo-reopen:not([hidden])");
  // Ben's table has not resolved a round: no memo asked yet.
  expect(await ben.isHidden("#memo-panel")).toBe(true);

  const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.click("#gradebook")]);
  expect(download.suggestedFilename()).toBe(`gradebook-${classCode}.csv`);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toMatch(/^student,table,table_code,power,orders_round_1,/);
  expect(lines).toHaveLength(3);
  const header = lines[0]!.split(",");
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i], v])));
  const anaRow = rows.find((r) => r.student === "Ana")!;
  const benRow = rows.find((r) => r.student === "Ben")!;
  expect(anaRow.table_code).toBe(anaTable);
  expect(benRow.table_code).not.toBe(anaTable);
  expect([anaRow.table, benRow.table].sort()).toEqual(["1", "2"]);
  expect(anaRow.memos_written).toBe("1");
  expect(anaRow.required_memos_missing).toBe("0");
  expect(benRow.memos_written).toBe("0");
  expect(anaRow.memos).toBe("R1: We expected China to hold back; it did not.");
  await shot(teacher, "dashboard-grading");
  for (const p of [ana, ben, teacher]) await p.close();
  expect(errors).toEqual([]);
}, 180_000);
