/**
 * The projector ("situation room") view of a table: index.html?watch=CODE&projector=1 joins as an
 * observer and shows the map, the public indices, the clock and the public news in the dark theme —
 * no orders panel, no chat, no objectives, nothing only the player's seat may know — without
 * console errors or raw translation keys, in English and Korean. `?watch=CODE` alone opens the
 * ordinary game screen as an observer.
 *
 * "Nothing private" is checked on the wire too: while the projector is open, a second player sends
 * South Korea a private message and a proposal, each with a unique nonce, then a public line; once
 * the projector has received the public line, none of its WebSocket frames may hold a nonce.
 */
import zlib from "node:zlib";
import "../../server/polyfill.js";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { VIEW_DICTIONARY } from "../../shared/viewDictionary.js";
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

test("a table on the projector: map, public indices, clock and news; no private message or proposal reaches it", async () => {
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
  const code0 = ((await player.textContent("#game-code")) ?? "").trim();
  // A second human (the United States) joins through the protocol before the start.
  const us = await new Client(env.server.url.replace("http", "ws")).joinById(code0, {
    name: "Ana",
    power: "US",
  });
  for (const type of ["seat", "view", "chat", "chat_history"]) us.onMessage(type, () => {});
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
    const frames: string[] = [];
    page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => frames.push(frameText(payload))));
    await page.goto(`${env.server.url}/index.html?watch=${code}&projector=1&lang=${lang}`);
    await page.waitForSelector("#projector");
    await page.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
    await page.waitForFunction(() => /\d/.test(document.querySelector("#pj-crisis")?.textContent ?? ""));
    await page.waitForFunction(() => document.querySelectorAll("#pj-indices tr[data-power]").length === 5);
    expect(await page.evaluate(() => document.body.classList.contains("sitroom"))).toBe(true);
    expect(((await page.textContent("#pj-code")) ?? "").trim()).toBe(code);
    // Secrets between the United States and South Korea, then a public line as a marker.
    const secret = `secret-${lang}-${Math.random().toString(36).slice(2, 10)}`;
    expect(await us.request("chat", { channel: "KR-US", text: `${secret}-chat` })).toEqual({ ok: true });
    expect(
      await us.request("act", {
        type: "propose",
        parties: ["KR"],
        terms: [{ kind: "suspend_exercises", party: "US" }],
        duration: 2,
        note: `${secret}-note`,
      }),
    ).toEqual({ ok: true });
    const marker = `public-${secret.slice(7)}`;
    expect(await us.request("chat", { channel: "public", text: marker })).toEqual({ ok: true });
    await expect.poll(() => frames.some((f) => f.includes(marker)), { timeout: 15_000 }).toBe(true);
    expect(frames.filter((f) => f.includes(secret))).toEqual([]);
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

  await us.leave();
  await player.close();
  expect(playerErrors).toEqual([]);
}, 120_000);

/**
 * A frame's text: its bytes as UTF-8 and, for a view message sent deflated (a ROOM_DATA_BYTES frame:
 * a code, the message type, then raw DEFLATE bytes with the preset dictionary; server/rooms/views.ts),
 * the inflated JSON too,
 * so a secret cannot hide in a compressed frame.
 */
function frameText(payload: string | Buffer): string {
  if (typeof payload === "string") return payload;
  const parts = [payload.toString("utf8")];
  // After the code byte, the type is a msgpack fixstr (0xa0 | length) of "view" or "view_delta".
  const tag = payload[1] ?? 0;
  if (tag >= 0xa0 && tag <= 0xbf) {
    try {
      const bytes = payload.subarray(2 + (tag & 0x1f));
      parts.push(zlib.inflateRawSync(bytes, { dictionary: VIEW_DICTIONARY }).toString("utf8"));
    } catch {
      // not a deflated view message
    }
  }
  return parts.join("\n");
}
