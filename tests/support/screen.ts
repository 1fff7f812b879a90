/**
 * Helpers for the player's-screen browser tests: a game created from the lobby, the four layouts,
 * axe-core, and a check that boxes of text and panels do not overlap.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { SUMMER_2017 } from "../../shared/scenario.js";

/** The four sizes of the issue: phone, tablet, laptop, projector. */
export const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 1024, height: 768 },
  { name: "laptop", width: 1366, height: 768 },
  { name: "projector", width: 1920, height: 1080 },
] as const;

export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

/** Creates a game from the lobby as `power` (quick preset unless said), starts it, waits for diplomacy. */
export async function createAndStart(
  page: Page,
  url: string,
  opts: { power?: string; lang?: "en" | "ko"; name?: string; preset?: string } = {},
): Promise<string> {
  await page.goto(`${url}/?lang=${opts.lang ?? "en"}`);
  await page.waitForSelector("#lobby:not([hidden])");
  await page.fill("#name", opts.name ?? "Alex");
  await page.selectOption("#create-power", opts.power ?? "US");
  await page.selectOption("#preset", opts.preset ?? "quick");
  await page.click("#create-button");
  await page.waitForSelector("#map[data-ready='1']", { timeout: 30_000 });
  // The round-1 guide opens by itself: close it (it has its own tests).
  await page.waitForSelector("#guide:not([hidden])");
  await page.keyboard.press("Escape");
  await page.click("#start-button");
  await phaseIs(page, "diplomacy", 1);
  return ((await page.textContent("#game-code")) ?? "").trim();
}

export async function phaseIs(page: Page, phase: string, round?: number): Promise<void> {
  await page.waitForFunction(
    ([ph, rd]) =>
      document.querySelector("#phase")?.getAttribute("data-phase") === ph &&
      (rd === null || document.querySelector("#round")?.getAttribute("data-round") === String(rd)),
    [phase, round ?? null] as const,
    { timeout: 45_000 },
  );
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA). */
export async function axeProblems(page: Page, exclude: string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  for (const sel of exclude) builder = builder.exclude(sel);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

/**
 * Pairs of visible boxes that overlap: within each group of selectors (the top bar's items, the map's
 * panels), and the map's canvas labels (from `#map`'s data-labels) with each other.
 */
export async function overlaps(page: Page, groups: string[][]): Promise<string[]> {
  return page.evaluate((groups) => {
    type Box = { name: string; x: number; y: number; w: number; h: number };
    const out: string[] = [];
    const hit = (a: Box, b: Box) =>
      a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
    const check = (boxes: Box[]) => {
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          if (hit(boxes[i]!, boxes[j]!)) out.push(`${boxes[i]!.name} ✕ ${boxes[j]!.name}`);
    };
    for (const group of groups) {
      const boxes: Box[] = [];
      for (const sel of group)
        document.querySelectorAll<HTMLElement>(sel).forEach((n, i) => {
          const r = n.getBoundingClientRect();
          if (r.width < 1 || r.height < 1 || getComputedStyle(n).visibility === "hidden") return;
          boxes.push({ name: `${sel}#${i}`, x: r.x, y: r.y, w: r.width, h: r.height });
        });
      check(boxes);
    }
    const map = document.querySelector<HTMLElement>("#map");
    if (map && map.getClientRects().length > 0 && map.dataset.labels) {
      const labels = JSON.parse(map.dataset.labels) as {
        text: string;
        x: number;
        y: number;
        w: number;
        h: number;
      }[];
      check(labels.map((l) => ({ ...l, name: `label "${l.text}"` })));
    }
    return out;
  }, groups);
}

/** Whether the element is inside the viewport and on top at its centre (not covered, not scrolled away). */
export async function inView(page: Page, sel: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const n = document.querySelector<HTMLElement>(sel);
    if (!n) return false;
    const r = n.getBoundingClientRect();
    if (r.width < 1 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth)
      return false;
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!top && (top === n || n.contains(top));
  }, sel);
}

/** Every id of the scenario written with a hyphen or an underscore (node, entity, flow, action ids). */
function scenarioIds(): Set<string> {
  const ids = new Set<string>();
  const walk = (x: unknown) => {
    if (Array.isArray(x)) for (const v of x) walk(v);
    else if (x && typeof x === "object")
      for (const [k, v] of Object.entries(x)) {
        if ((k === "id" || k === "type") && typeof v === "string" && /[-_]/.test(v)) ids.add(v);
        walk(v);
      }
  };
  walk(SUMMER_2017);
  return ids;
}
const IDS = scenarioIds();

/**
 * What must never reach the screen: a `{{placeholder}}`, an untranslated key ("orders.submit"), an
 * internal id (a scenario id like "yellow-sea-sts", or any snake_case word), a number above 100
 * after "at most" (the 0–100 scales).
 */
export function rawText(text: string, namespaces: readonly string[]): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\{\{[^}]*\}\}/g)) found.push(m[0]);
  const keys = new RegExp(`\\b(?:${namespaces.join("|")})\\.[a-zA-Z_]+(?:\\.[a-zA-Z_]+)*\\b`, "g");
  for (const m of text.matchAll(keys)) found.push(m[0]);
  for (const m of text.matchAll(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g)) if (IDS.has(m[0])) found.push(m[0]);
  for (const m of text.matchAll(/\b[a-z]+_[a-z_]+\b/g)) found.push(m[0]);
  for (const m of text.matchAll(/at most (\d+)/g)) if (Number(m[1]) > 100) found.push(m[0]);
  return found;
}
