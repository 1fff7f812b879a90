/**
 * The planner tier: the rule bot's diplomacy, and orders chosen by looking ahead with the engine.
 * It builds a few candidate order sets from the rule bot's wishes, imagines the hidden parts of
 * the game (guess.ts) a fixed number of times, plays each candidate forward with the pure engine
 * (everyone else, and itself later, played by the rule bot on its own view of the guess), and keeps
 * the candidate with the best average outcome for its objectives against the best rival's.
 *
 * Its input is a `PlayerView`: it never sees the state. Its cost is fixed by the numbers below
 * (candidates × samples × rounds), calibrated by `npm run bench:bots` to stay within 50 ms per
 * decision on one core; there is no timer, so a decision is deterministic.
 */
import { cloneState } from "../engine/copy.js";
import { scoreCard } from "../engine/objectives.js";
import { resolveRound } from "../engine/resolve.js";
import type { Input } from "../engine/step.js";
import type { Action } from "../orders.js";
import { POWERS, type PowerId } from "../powers.js";
import type { BotPersonality } from "../protocol.js";
import { seedFrom } from "../rng.js";
import type { GameState } from "../state.js";
import { type PlayerView, viewFor } from "../view.js";
import { build, type Wish } from "./builder.js";
import { KEEP } from "./commitments.js";
import { guessState } from "./guess.js";
import { orderWishes, ruleDiplomacy, ruleOrders } from "./rules.js";

/** The budget, fixed (not timed): candidate order sets, guessed states, and rounds looked ahead. */
export const PLANNER_BUDGET = { candidates: 6, samples: 3, horizon: 2 };

/** The personality a planner assumes for others (it cannot know theirs). */
const ASSUMED: BotPersonality = "pragmatist";

function othersOrders(s: GameState, me: PowerId, mine: BotPersonality): void {
  for (const p of POWERS) {
    if (s.orders[p] && p === me) continue;
    s.orders[p] = { actions: ruleOrders(viewFor(s, p), p, p === me ? mine : ASSUMED).actions };
  }
}

/** Plays from an orders-phase state with `mine` as my orders, then `horizon` more rounds by rule. */
function rollout(
  start: GameState,
  me: PowerId,
  mine: Action[],
  pers: BotPersonality,
  horizon: number,
): GameState {
  let s = cloneState(start);
  s.orders = { [me]: { actions: mine } };
  othersOrders(s, me, pers);
  s = resolveRound(s);
  for (let h = 0; h < horizon && s.phase !== "ended"; h++) {
    s = cloneState(s);
    s.phase = "orders";
    s.orders = {};
    othersOrders(s, me, pers);
    s = resolveRound(s);
  }
  return s;
}

/** How good a (guessed) state is for me: my score as it stands, against the best rival's. */
export function valueFor(s: GameState, me: PowerId): number {
  const mine = scoreCard(s, me).score;
  let best = Number.NEGATIVE_INFINITY;
  for (const p of POWERS) if (p !== me) best = Math.max(best, scoreCard(s, p).score);
  return mine - 0.5 * best + s.powers[me].standing / 100;
}

function key(actions: readonly Action[]): string {
  return JSON.stringify([...actions].map((a) => JSON.stringify(a)).sort());
}

/** Candidate order sets: the rule bot's, then variants that drop one wish or push one forward. */
export function candidates(view: PlayerView, me: PowerId, wishes: readonly Wish[], max: number): Action[][] {
  const out = new Map<string, Action[]>();
  const add = (ws: readonly Wish[]) => {
    const a = build(view, me, ws);
    const k = key(a);
    if (!out.has(k)) out.set(k, a);
  };
  add(wishes);
  const optional = [...wishes].filter((w) => w.priority < KEEP).sort((a, b) => b.priority - a.priority);
  for (const w of optional) {
    if (out.size >= max) break;
    add(wishes.filter((x) => x !== w));
    if (out.size >= max) break;
    add(wishes.map((x) => (x === w ? { ...x, priority: KEEP - 1 } : x)));
  }
  return [...out.values()].slice(0, max);
}

export function planOrders(
  view: PlayerView,
  me: PowerId,
  personality: BotPersonality,
): { answers: Input[]; actions: Action[] } {
  const { answers, wishes } = orderWishes(view, me, personality);
  const cands = candidates(view, me, wishes, PLANNER_BUDGET.candidates);
  if (cands.length <= 1) return { answers, actions: cands[0] ?? [] };
  const base = seedFrom(`${view.gameId}:${view.round}:${me}:plan`);
  const guesses: GameState[] = [];
  for (let i = 0; i < PLANNER_BUDGET.samples; i++)
    guesses.push(guessState(view, (base + i * 0x9e3779b1) >>> 0));
  let best = cands[0]!;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const c of cands) {
    let total = 0;
    for (const g of guesses) total += valueFor(rollout(g, me, c, personality, PLANNER_BUDGET.horizon), me);
    // Ties keep the earlier candidate (the rule bot's own choice comes first).
    if (total > bestValue + 1e-9) {
      bestValue = total;
      best = c;
    }
  }
  return { answers, actions: best };
}

export function plannerBot(
  view: PlayerView,
  me: PowerId,
  personality: BotPersonality = "pragmatist",
): Input[] {
  if (view.phase === "ended") return [];
  if (view.phase === "diplomacy") return ruleDiplomacy(view, me, personality);
  const { answers, actions } = planOrders(view, me, personality);
  return [...answers, { type: "submit_orders", orders: { actions } }];
}
