/**
 * Branching (DESIGN §10): because the engine is deterministic, a game can restart from the start
 * of any earlier round with other choices — the same seed, the same inputs up to that round — so
 * a class can replay the round before a war, or an exercise can compare two runs. By default the
 * branch keeps the same people in the same seats: their seat tokens carry over (so one invitation
 * link, `?code=BRANCH&from=SOURCE`, re-seats each of them from their own browser), and bots sit
 * where bots sat.
 */
import { matchMaker } from "@colyseus/core";
import { CreateOptionsSchema, GAME_ROOM } from "../shared/index.js";
import { newToken } from "./codes.js";
import { RESTORE_KEY } from "./context.js";
import { loadGame } from "./recordSource.js";

export type BranchResult =
  | {
      ok: true;
      code: string;
      controlToken: string;
      round: number;
      /** Who sits where in the branch (empty when it starts with open seats). */
      seats: { power: string; name: string; bot: boolean }[];
      /** The lobby link that re-seats the source game's players (relative to the site root). */
      invite: string;
    }
  | { ok: false; status: number; error: string; message: string };

/** Who may branch: Control (its token), or the host of a game without Control. */
export async function branchGame(
  code: string,
  key: string,
  round: number,
  keepSeats = true,
): Promise<BranchResult> {
  const stored = await loadGame(code);
  const game = stored?.game;
  const host = stored?.seats.find((s) => s.host && !s.bot && s.token === key);
  const allowed =
    game && ((game.controlToken !== null && key === game.controlToken) || (!game.controlToken && host));
  if (!stored || !game || !allowed)
    return { ok: false, status: 404, error: "not_found", message: "No such game for that key." };
  const reached = Math.max(1, ...stored.inputs.map((i) => i.round));
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
    // The branch's seats come from the source, not from its bot list.
    bots: keepSeats ? [] : options.bots,
    asControl: true,
    public: false,
    presetControlToken: controlToken,
    restoreKey: RESTORE_KEY,
    branchFrom: { code, round, seed: game.seed, seats: keepSeats },
  });
  const seats = keepSeats ? stored.seats.map((s) => ({ power: s.power, name: s.name, bot: s.bot })) : [];
  const invite = `?code=${encodeURIComponent(room.roomId)}&from=${encodeURIComponent(code)}`;
  return { ok: true, code: room.roomId, controlToken, round, seats, invite };
}
