/**
 * A branch's invitation link (`?code=BRANCH&from=SOURCE`, server/branch.ts): a branch keeps the
 * source game's seat tokens, so the token this browser holds for SOURCE takes the same seat in
 * BRANCH, and the link then takes the tab straight to it, as a reload does. The invitation is
 * explicit, so it replaces whatever this browser remembered for BRANCH (another player's seat in a
 * shared browser). Tokens live in seatMemory.
 */
import { rememberSeat, seatName, seatToken } from "./seatMemory.js";

const CODE = /^[A-Z0-9]{6}$/;

export function carrySeat(search = location.search): void {
  const q = new URLSearchParams(search);
  const to = (q.get("code") ?? "").toUpperCase();
  const from = (q.get("from") ?? "").toUpperCase();
  if (!CODE.test(to) || !CODE.test(from) || to === from) return;
  const token = seatToken(from);
  if (token) rememberSeat(to, token, seatName(from) ?? undefined);
}
