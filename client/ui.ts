/** Small presentation helpers shared by the lobby and the game screen (no Phaser, no zod). */
import type { PowerId } from "../shared/powers.js";
import { lang, t, tOr } from "./i18n/index.js";

export function powerName(p: PowerId): string {
  return t(`power.${p}`);
}

/** Okabe–Ito hues (UI.md). */
export const POWER_HUES: Readonly<Record<PowerId, string>> = {
  US: "#0072B2",
  CN: "#D55E00",
  RU: "#CC79A7",
  KP: "#E69F00",
  KR: "#56B4E9",
};

/** Numbers in the current language's grouping ("1,300"). */
export function num(n: number): string {
  return n.toLocaleString(lang() === "ko" ? "ko-KR" : "en-US");
}

/** Money per quarter from $M: "$340M", "$1.2B". */
export function money(millions: number): string {
  if (Math.abs(millions) >= 1000) return `$${(millions / 1000).toFixed(1).replace(/\.0$/, "")}B`;
  return `$${Math.round(millions)}M`;
}

/** A change with sign and arrow, not colour alone: "▲ 12%", "▼ 40%", "= 0%". */
export function change(from: number, to: number): string {
  if (from === 0) return to === 0 ? "= 0%" : `▲ ${t("fmt.new")}`;
  const pct = Math.round(((to - from) / from) * 100);
  if (pct === 0) return "= 0%";
  return `${pct > 0 ? "▲" : "▼"} ${Math.abs(pct)}%`;
}

/** A signed delta with an arrow: "▲ 3", "▼ 2", "= 0". */
export function delta(d: number): string {
  if (d === 0) return "= 0";
  return `${d > 0 ? "▲" : "▼"} ${Math.abs(d)}`;
}

/** `el("div", { class: "x" }, "text", child)`: a tiny DOM builder. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/**
 * A refused request in the player's language. The server explains in English (with the specifics:
 * "Orders cost 7 of 5 points"); other languages say what the stable error code means.
 */
export function refusal(e: { code: string; message: string }): string {
  // A request made while the connection is down fails inside the Colyseus SDK with its own English
  // ('cannot send request "chat": connection is not open.'): say it in the player's words instead.
  if (e.code === "bad_shape" && /connection (is not open|closed)/i.test(e.message)) return t("conn.notSent");
  if (lang() === "en") return e.message || tOr(`refusal.${e.code}`, t("error.generic"));
  const said = tOr(`refusal.${e.code}`, e.message);
  // "bad_shape" also stands for a request that failed on the way (session.ts): keep its detail.
  return e.code === "bad_shape" && e.message ? `${said} (${e.message})` : said;
}

export function errorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  if (!message) return t("error.generic");
  const code = refusalCode(e);
  return code && lang() !== "en" ? tOr(`refusal.${code}`, message) : message;
}

/** The stable code of a refused join: it says its code first ("seat_taken: …", docs/PROTOCOL.md). */
export function refusalCode(e: unknown): string | undefined {
  const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  return /^([a-z_]+): /.exec(message)?.[1];
}

/** The link to a game's debrief page, opened with a seat or Control key when this tab has one. */
/** A page that only says something (an ended game, a missing link): a title and its lines. */
export function noticePage(title: string, ...lines: (Node | string)[]): HTMLElement {
  return el(
    "main",
    { class: "sr-main narrow" },
    el("section", { class: "sr-card" }, el("h2", {}, title), ...lines.map((l) => el("p", {}, l))),
  );
}

export function debriefLink(code: string, key: string | null, text: string): HTMLAnchorElement {
  const href = `debrief.html?code=${encodeURIComponent(code)}${key ? `#key=${encodeURIComponent(key)}` : ""}`;
  return el("a", { href, id: "ended-debrief" }, text);
}

/** Children without the empty ones, for `replaceChildren(...kids(a, maybe && b))`. */
export function kids(...children: (Node | string | null | undefined | false)[]): (Node | string)[] {
  return children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false);
}

/** A power's colour chip: its id on its hue (colour is never the only signal: the id is there). */
export function powerChip(p: PowerId): HTMLElement {
  return el("span", { class: "chip mono", style: `--hue: ${POWER_HUES[p]}` }, p);
}

/** The row header of a table about the powers: the chip and the power's name. */
export function powerRowHeader(p: PowerId): HTMLElement {
  return el("th", { scope: "row" }, powerChip(p), ` ${powerName(p)}`);
}

/** The neighbour of `current` for ArrowRight / ArrowLeft in a row of tabs (wrapping); null for other keys. */
export function arrowNeighbour<T>(items: readonly T[], current: T, key: string): T | null {
  const i = items.indexOf(current);
  if (i < 0 || items.length === 0) return null;
  if (key === "ArrowRight") return items[(i + 1) % items.length] ?? null;
  if (key === "ArrowLeft") return items[(i - 1 + items.length) % items.length] ?? null;
  return null;
}

/** The crisis level's word ("elevated"), shown with its number on every page. */
export function crisisWord(level: number): string {
  if (level >= 80) return t("crisis.severe");
  if (level >= 60) return t("crisis.high");
  if (level >= 40) return t("crisis.elevated");
  if (level >= 20) return t("crisis.guarded");
  return t("crisis.low");
}

/**
 * Green → amber → red, always beside the number and its word (UI.md). The red is lighter on the
 * dark facilitator and projector pages than on the light game screen.
 */
export function crisisColour(level: number, theme: "light" | "dark" = "light"): string {
  if (level >= 66) return theme === "dark" ? "#D9544A" : "#C0392B";
  if (level >= 33) return "#E69F00";
  return "#009E73";
}

/** A countdown, "m:ss" (rounded up: it reads 0:00 only when the time is up). */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** What a countdown reads of the room's clock (`RoomSnapshot` has it). */
export interface PhaseClock {
  deadline: number;
  paused: boolean;
  pausedRemaining: number;
  phase: string;
  round: number;
}

/**
 * A countdown for one page: on each tick, the time left in the phase (while paused, what was left)
 * and the share of the phase left (0–1) for its bar. The phase's length is the most time seen left
 * since the phase (or its deadline) changed.
 */
export function phaseCountdown(): (room: PhaseClock) => { remaining: number; share: number } {
  let key = "";
  let total = 1;
  return ({ deadline, paused, pausedRemaining, phase, round }) => {
    const remaining = deadline ? deadline - Date.now() : paused ? pausedRemaining : 0;
    const k = `${round}:${phase}:${deadline}`;
    if (k !== key) {
      key = k;
      total = Math.max(1, remaining);
    }
    total = Math.max(total, remaining);
    return { remaining, share: Math.max(0, Math.min(1, remaining / total)) };
  };
}

/** The clock as the facilitator pages show it: ended, "paused 1:23", "1:23", or "—" with no clock. */
export function clockText({ deadline, paused, phase }: PhaseClock, remaining: number): string {
  if (phase === "ended") return t("top.ended");
  if (paused) return `${t("top.paused")} ${clock(remaining)}`;
  return deadline ? clock(remaining) : "—";
}
