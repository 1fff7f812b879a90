/**
 * What the browser remembers to put a player back in their seat: per game code, the seat token of
 * the "seat" message (and the name it was taken under); per class code, the table this browser was
 * sent to. Kept in sessionStorage (this tab: a reload returns to this tab's seat, even when two
 * players share a browser) and in localStorage (a new tab, a closed browser: the last seat taken
 * here). So a reload, a closed tab or a dropped network returns the player straight to the seat;
 * the clock is the server's and does not wait.
 *
 * Joining from the lobby under another name is another player (two students on one computer): the
 * remembered seat is used only under the name it was taken with.
 *
 * A link with `#seat=TOKEN` (the "another device" link of the game screen) hands the token to a
 * second device; `takeSeatFromFragment` stores it and removes it from the address bar.
 */

const TOKEN_KEY = "pressure-point.token.";
const TABLE_KEY = "pressure-point.table.";
/** The name a seat (or a class's table) was taken under. */
const NAME_KEY = "pressure-point.seatname.";

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key) ?? localStorage.getItem(key);
  } catch {
    return null; // storage disabled: nothing remembered, nothing breaks
  }
}

function write(key: string, value: string | null): void {
  try {
    for (const store of [localStorage, sessionStorage]) {
      if (value === null) store.removeItem(key);
      else store.setItem(key, value);
    }
  } catch {
    // storage full or disabled: the player can still join by code
  }
}

/** Whether a remembered seat may be used by `name` (no name: a reload, the same person). */
function sameName(key: string, name: string | undefined): boolean {
  if (name === undefined) return true;
  const stored = read(NAME_KEY + key);
  return stored === null || stored === name;
}

/** The seat token this browser holds for a game, if any (for `name`, when the lobby asks). */
export function seatToken(game: string, name?: string): string | null {
  return sameName(game, name) ? read(TOKEN_KEY + game) : null;
}

/** The name the remembered seat was taken under, if known. */
export function seatName(game: string): string | null {
  return read(NAME_KEY + game);
}

export function rememberSeat(game: string, token: string, name?: string): void {
  write(TOKEN_KEY + game, token);
  if (name !== undefined) write(NAME_KEY + game, name);
}

/** The token no longer works (the server said not_found): forget it, so the lobby is shown. */
export function forgetSeat(game: string): void {
  write(TOKEN_KEY + game, null);
  write(NAME_KEY + game, null);
}

/** The table a class code sent this browser (under `name`) to, if it still holds a seat there. */
export function tableFor(classCode: string, name?: string): string | null {
  const table = read(TABLE_KEY + classCode);
  return table && seatToken(table, name) ? table : null;
}

export function rememberTable(classCode: string, table: string): void {
  write(TABLE_KEY + classCode, table);
}

/** The link that opens this seat on another device (the token rides in the fragment, never sent to a server). */
export function seatLink(game: string, token: string): string {
  return `${location.origin}${location.pathname}?code=${encodeURIComponent(game)}#seat=${encodeURIComponent(token)}`;
}

/** Stores a `#seat=TOKEN` handed over by `seatLink` for the game in `?code=`, and clears the fragment. */
export function takeSeatFromFragment(game: string): void {
  const m = /(?:^#|&)seat=([^&]+)/.exec(location.hash);
  if (!m?.[1]) return;
  rememberSeat(game, decodeURIComponent(m[1]));
  history.replaceState(null, "", `${location.pathname}${location.search}`);
}
