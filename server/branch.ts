/**
 * Branching (DESIGN §10): because the engine is deterministic, a game can restart from the start
 * of any earlier round with other choices — the same seed, the same inputs up to that round — so
 * a class can replay the round before a war, or an exercise can compare two runs.
 */
import { matchMaker } from "@colyseus/core";
import { CreateOptionsSchema, GAME_ROOM } from "../shared/index.js";
import { newToken } from "./codes.js";
import { getStore, RESTORE_KEY } from "./context.js";

export type BranchResult =
  | { ok: true; code: string; controlToken: string; round: number }
  | { ok: false; status: number; error: string; message: string };

/** Who may branch: Control (its token), or the host of a game without Control. */
export async function branchGame(code: string, key: string, round: number): Promise<BranchResult> {
  const store = getStore();
  const game = await store.getGame(code);
  const host = (await store.seats(code)).find((s) => s.host && s.token === key);
  const allowed =
    game && ((game.controlToken !== null && key === game.controlToken) || (!game.controlToken && host));
  if (!game || !allowed)
    return { ok: false, status: 404, error: "not_found", message: "No such game for that key." };
  const reached = Math.max(1, ...(await store.inputs(code)).map((i) => i.round));
  if (round > reached)
    return {
      ok: false,
      status: 400,
      error: "bad_target",
      message: `The game has not reached round ${round}.`,
    };
  const options = CreateOptionsSchema.parse(game.options);
  const controlToken = newToken();
  const room = await matchMaker.createRoom(GAME_ROOM, {
    ...options,
    asControl: true,
    public: false,
    presetControlToken: controlToken,
    restoreKey: RESTORE_KEY,
    branchFrom: { code, round, seed: game.seed },
  });
  return { ok: true, code: room.roomId, controlToken, round };
}
