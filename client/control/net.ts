/**
 * What the teacher dashboard, the Control console and the debrief share: where the server is, the
 * Control tokens kept in this browser, and the record's download links (docs/PROTOCOL.md). No zod,
 * no Phaser.
 */

/** Per game code: the Control token (localStorage, so a reload or a new tab keeps the console). */
export const CONTROL_KEY = "pressure-point.control.";
/** The teacher's class: `{ code, key }` (localStorage, so a reload returns to the dashboard). */
export const CLASS_KEY = "pressure-point.class";
/** Per game code: a player's seat token (sessionStorage, as the lobby keeps it). */
export const SEAT_KEY = "pressure-point.token.";

export function endpoint(): string {
  if (import.meta.env.DEV) return `ws://${location.hostname}:2567`;
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;
}

export function httpBase(): string {
  if (import.meta.env.DEV) return `http://${location.hostname}:2567`;
  return "";
}

/** A game or class code from `?code=`, upper-cased, or "" if it does not look like one. */
export function codeFromUrl(): string {
  const c = (new URLSearchParams(location.search).get("code") ?? "").toUpperCase();
  return /^[A-Z0-9]{6}$/.test(c) ? c : "";
}

/**
 * A key passed in the URL fragment (`#key=…`: never sent to the server with the page). It is
 * stored under `storeAs` and removed from the address bar, so it does not end up in a shared link.
 */
export function keyFromFragment(storeAs?: string): string {
  const key = new URLSearchParams(location.hash.slice(1)).get("key") ?? "";
  if (key) {
    if (storeAs) localStorage.setItem(storeAs, key);
    history.replaceState(null, "", location.pathname + location.search);
  }
  return key;
}

export function controlToken(code: string): string {
  return localStorage.getItem(CONTROL_KEY + code) ?? "";
}

export function rememberControl(code: string, token: string): void {
  localStorage.setItem(CONTROL_KEY + code, token);
}

export type RecordFormat = "csv" | "json";

/** The after-action report of a game: the debrief's printable report view (client/debrief/report.ts). */
export function reportUrl(code: string): string {
  return `debrief.html?code=${encodeURIComponent(code)}&view=report`;
}

/** The record export (DESIGN §10): with the Control token, everything; with a seat token, that seat's part. */
export function recordUrl(code: string, key: string, format: RecordFormat, table?: string): string {
  const q = new URLSearchParams({ key, format });
  if (table) q.set("table", table);
  return `${httpBase()}/api/games/${encodeURIComponent(code)}/record?${q}`;
}

/** The page of a sibling entry (`control.html`, `debrief.html`), relative to this one. */
export function pageUrl(page: string, code: string, key?: string): string {
  return `${page}?code=${encodeURIComponent(code)}${key ? `#key=${encodeURIComponent(key)}` : ""}`;
}

/** A table's projector view (index.html, joined as an observer): public information only. */
export function projectorUrl(code: string): string {
  return `index.html?watch=${encodeURIComponent(code)}&projector=1`;
}

export function showError(message: string | null): void {
  const box = document.getElementById("error");
  if (!box) return;
  box.textContent = message ?? "";
  box.hidden = !message;
}
