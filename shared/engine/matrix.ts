/**
 * Free-form "matrix" actions in time (DESIGN §4): a power's argument is queued the moment the
 * orders carrying it are submitted, so Control reads it while orders are open; Control judges it
 * then (the roll is drawn at once from the game's PRNG, so a log replays to the same verdict) or
 * defers it; a judged action's effects apply in the next resolution, where the power reads the
 * verdict and the roll in the round's news.
 *
 * The verdict stays with Control until it applies (see `viewFor`): a power that knew its roll could
 * rewrite its orders around it.
 */
import type { Action } from "../orders.js";
import type { PowerId } from "../powers.js";
import { err, ok, type Result } from "../result.js";
import type { GameState, MatrixItem, MatrixVerdict } from "../state.js";
import { type Ctx, emit, only } from "./context.js";
import { cloneState } from "./copy.js";
import { applyEffects } from "./effects.js";

type MatrixAction = Extract<Action, { type: "matrix_action" }>;

/** Statuses whose verdict has not yet applied: the item still follows the power's orders. */
const OPEN = new Set<MatrixItem["status"]>(["pending", "judged", "deferred"]);

/**
 * After `power` submitted (or revised) its orders: the round's queue follows them. An argument
 * already queued keeps its item (and any verdict); a new one is queued; one no longer in the
 * orders is withdrawn (a verdict on it never applies). Mutates `s` (a fresh copy) in place.
 */
export function queueMatrix(s: GameState, power: PowerId, actions: readonly Action[]): void {
  const wanted = actions.filter((a): a is MatrixAction => a.type === "matrix_action");
  const mine = s.matrix.filter((m) => m.power === power && m.round === s.round && OPEN.has(m.status));
  if (wanted.length === 0 && mine.length === 0) return;
  const kept = new Set<MatrixItem>();
  const added: MatrixItem[] = [];
  for (const a of wanted) {
    const same = mine.find((m) => !kept.has(m) && m.text === a.text);
    if (same) {
      kept.add(same);
      continue;
    }
    const item: MatrixItem = { id: `M${s.seq++}`, power, round: s.round, text: a.text, status: "pending" };
    if (a.rationale) item.rationale = a.rationale;
    added.push(item);
  }
  // Items are never mutated once made (views share them): a changed item is a new object.
  s.matrix = [
    ...s.matrix.map((m) => (mine.includes(m) && !kept.has(m) ? { ...m, status: "withdrawn" as const } : m)),
    ...added,
  ];
}

/** A verdict before it is dated with the round Control judged it in. */
export type Judgement = Omit<MatrixVerdict, "round">;

/** Records Control's verdict on a queued item: it applies at the next resolution. */
export function judgeQueued(s: GameState, id: string, j: Judgement): void {
  s.matrix = s.matrix.map((m) => {
    if (m.id !== id) return m;
    const verdict: MatrixItem["verdict"] = {
      title: j.title,
      reason: j.reason,
      strength: j.strength,
      chance: j.chance,
      roll: j.roll,
      success: j.success,
      round: s.round,
    };
    if (j.effects) verdict.effects = j.effects;
    const { deferReason: _d, ...rest } = m;
    return { ...rest, status: "judged", verdict };
  });
}

/** The queued item Control may judge or defer now, or the reason it may not. */
export function openItem(state: GameState, id: string): Result<MatrixItem> {
  const item = state.matrix.find((m) => m.id === id);
  if (!item) return err("not_found", `No queued free-form action ${id}.`);
  if (item.status === "withdrawn") return err("not_found", `${id} was withdrawn from its orders.`);
  if (item.status !== "pending" && item.status !== "deferred")
    return err("already_decided", `${id} was already adjudicated.`);
  return ok(item);
}

/** Control puts off judging an item: the power reads that it was deferred, and why. */
export function defer(state: GameState, id: string, reason: string): Result<GameState> {
  if (state.phase === "ended") return err("game_over", "The game is over.");
  const found = openItem(state, id);
  if (!found.ok) return found;
  if (found.value.status === "deferred") return err("already_decided", `${id} is already deferred.`);
  const s = cloneState(state);
  s.matrix = state.matrix.map((m) =>
    m.id === id ? { ...m, status: "deferred" as const, ...(reason ? { deferReason: reason } : {}) } : m,
  );
  s.control = [
    ...state.control,
    {
      round: state.round,
      kind: "defer",
      text: `${id} (${found.value.power})${reason ? ` — ${reason}` : ""}`,
    },
  ];
  return ok(s);
}

/**
 * Resolution step 2: every judged item applies its effects and its verdict goes into the news (the
 * title, chance and roll, public; Control's reasoning stays with Control and the power). Items
 * still waiting are reported to their power: deferred, or not yet judged.
 */
export function applyVerdicts(ctx: Ctx): void {
  const { s } = ctx;
  if (s.matrix.length === 0) return;
  let changed = false;
  const next = s.matrix.map((m) => {
    if (m.status === "judged" && m.verdict) {
      const v = m.verdict;
      applyEffects(ctx, v.effects, m.power, v.title);
      emit(ctx, "adjudicated", {
        title: v.title,
        chance: v.chance,
        success: v.success ? 1 : 0,
        roll: v.roll,
        power: m.power,
      });
      changed = true;
      return { ...m, status: v.success ? ("success" as const) : ("failure" as const) };
    }
    if (m.status === "deferred")
      emit(
        ctx,
        "matrix_deferred",
        { power: m.power },
        only(m.power),
        m.deferReason ? { reason: m.deferReason } : undefined,
      );
    else if (m.status === "pending" && m.round === ctx.round)
      emit(ctx, "matrix_queued", { power: m.power }, only(m.power));
    return m;
  });
  if (changed) s.matrix = next;
}
