/**
 * A branch's invitation link (`?code=BRANCH&from=SOURCE`, server/branch.ts): a branch keeps the
 * source game's seat tokens, so the token this browser holds for SOURCE takes the same seat in
 * BRANCH. Tokens live in seatMemory, as they do for a reload.
 */
import { rememberSeat, seatName, seatToken } from "./seatMemory.js";

const CODE = /^[A-Z0-9]{6}$/;

export function carrySeat(search = location.search): void {
  const q = new URLSearchParams(search);
  const to = (q.get("code") ?? "").toUpperCase();
  const from = (q.get("from") ?? "").toUpperCase();
  if (!CODE.test(to) || !CODE.test(from) || to === from) return;
  const token = seatToken(from);
  if (token && !seatToken(to)) rememberSeat(to, token, seatName(from) ?? undefined);
}
