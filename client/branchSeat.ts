/**
 * A branch's invitation link (`?code=BRANCH&from=SOURCE`, server/branch.ts): a branch keeps the
 * source game's seat tokens, so this tab's token for SOURCE takes the same seat in BRANCH. The lobby
 * keeps tokens per tab and game code (sessionStorage), as it does for a reload.
 */
const TOKEN_KEY = "pressure-point.token.";
const CODE = /^[A-Z0-9]{6}$/;

export function carrySeat(search = location.search): void {
  const q = new URLSearchParams(search);
  const to = (q.get("code") ?? "").toUpperCase();
  const from = (q.get("from") ?? "").toUpperCase();
  if (!CODE.test(to) || !CODE.test(from) || to === from) return;
  const token = sessionStorage.getItem(TOKEN_KEY + from);
  if (token && !sessionStorage.getItem(TOKEN_KEY + to)) sessionStorage.setItem(TOKEN_KEY + to, token);
}
