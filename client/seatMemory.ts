/**
 * What the browser remembers to put a player back in their seat: per game code, the seat token of
 * the "seat" message; per class code, the table this browser was sent to. Kept in localStorage, so a
 * reload, a closed tab or a dropped network returns the player straight to the seat (the token is
 * the seat; the clock is the server's and does not wait). Mirrored into sessionStorage for the pages
 * that read it from there (the debrief).
 *
 * A link with `#seat=TOKEN` (the "another device" link of the game screen) hands the token to a
 * second device; `takeSeatFromFragment` stores it and removes it from the address bar.
 */

const TOKEN_KEY = "pressure-point.token.";
const TABLE_KEY = "pressure-point.table.";

function read(key: string): string | null {
  try {
    return localStorage.getItem(key) ?? sessionStorage.getItem(key);
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

/** The seat token this browser holds for a game, if any. */
export function seatToken(game: string): string | null {
  return read(TOKEN_KEY + game);
}

export function rememberSeat(game: string, token: string): void {
  write(TOKEN_KEY + game, token);
}

/** The token no longer works (the server said not_found): forget it, so the lobby is shown. */
export function forgetSeat(game: string): void {
  write(TOKEN_KEY + game, null);
}

/** The table a class code sent this browser to, if it still holds a seat there. */
export function tableFor(classCode: string): string | null {
  const table = read(TABLE_KEY + classCode);
  return table && seatToken(table) ? table : null;
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
