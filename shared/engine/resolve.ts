/**
 * Round resolution: a pure function of the state (with its orders and PRNG) to the next state.
 * Fixed order of steps; see docs/RULES.md "Resolution order".
 */
import { POWERS, type PowerId } from "../powers.js";
import { draw } from "../rng.js";
import { BANNED_SHARE } from "../scenario.js";
import type { GameEvent, GameState, Orders } from "../state.js";
import { clamp, clamp100, pct } from "./math.js";

/** How far achieved enforcement can move toward its target in one round. */
const ENFORCEMENT_STEP = 15;
const TEST_SUCCESS_PERCENT = 70;

export function resolveRound(prev: GameState): GameState {
  const state: GameState = structuredClone(prev);
  const events: GameEvent[] = [];
  const round = state.round;
  const ordersOf = (p: PowerId): Orders => state.orders[p] ?? { actions: [] };

  // 1. Policies: announced and target enforcement.
  for (const p of POWERS) {
    for (const a of ordersOf(p).actions) {
      if (a.type !== "set_enforcement") continue;
      const e = state.enforcement[p];
      if (a.announced !== e.announced) {
        events.push({
          round,
          kind: "enforcement_announced",
          text: `${p} announces sanctions enforcement at ${a.announced} (was ${e.announced}).`,
          data: { power: p, from: e.announced, to: a.announced },
          visibleTo: "all",
        });
      }
      e.announced = a.announced;
      e.target = a.target;
    }
  }

  // 2. Achieved enforcement moves toward the target, a limited step per round.
  for (const p of POWERS) {
    const e = state.enforcement[p];
    const before = e.actual;
    e.actual = clamp100(e.actual + clamp(e.target - e.actual, -ENFORCEMENT_STEP, ENFORCEMENT_STEP));
    if (e.actual !== before) {
      events.push({
        round,
        kind: "enforcement_achieved",
        text: `Your achieved enforcement ${before} → ${e.actual}.`,
        data: { power: p, from: before, to: e.actual },
        visibleTo: [p],
      });
    }
  }

  // 3. North Korea's missile test.
  if (ordersOf("KP").actions.some((a) => a.type === "missile_test")) {
    const d = draw(state.rng);
    state.rng = d.next;
    const success = d.value * 100 < TEST_SUCCESS_PERCENT;
    const prog = state.programme;
    prog.tests += 1;
    if (success) {
      if (prog.stage < 5) prog.stage += 1;
      prog.readiness = clamp100(prog.readiness + 8);
    } else {
      prog.readiness = clamp100(prog.readiness + 2);
    }
    state.crisis = clamp100(state.crisis + 10);
    events.push({
      round,
      kind: "missile_tested",
      text: success
        ? `North Korea tests a missile successfully; range stage ${prog.stage}.`
        : "North Korea tests a missile; the test fails.",
      data: { success: success ? 1 : 0, stage: prog.stage },
      visibleTo: "all",
    });
  }

  // 4. Trade flows follow achieved enforcement.
  for (const f of state.flows) {
    const cut = pct(state.enforcement[f.enforcedBy].actual, BANNED_SHARE[f.commodity]);
    f.official = Math.max(0, pct(f.base, 100 - cut));
  }

  // 5. Crisis decays a little each round.
  state.crisis = clamp100(state.crisis - 2);

  // 6. Publish last round's statistics (one-round lag): this round's official volumes appear next round.
  const officialTrade: Record<string, number> = {};
  for (const f of prev.flows) officialTrade[f.id] = f.official;
  state.published.push({ round: round - 1, officialTrade });

  // 7. Next round, or the end.
  state.orders = {};
  state.events = events;
  if (round >= state.maxRounds) {
    state.phase = "ended";
    state.ending = { reason: "last_round", round };
  } else {
    state.round = round + 1;
    state.phase = "diplomacy";
  }
  return state;
}
