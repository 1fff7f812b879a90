/**
 * Each room keeps its own `ViewMemory` (server/rooms/views.ts), so that rooms taking turns do not
 * evict each other's entries. Memory changes speed, never a view: two bot games' states, viewed
 * interleaved by every seat through one memory per game, give exactly the views a fresh memory
 * gives for each state alone.
 */
import { expect, test } from "vitest";
import { VIEW_MEMORY_SLOTS } from "../../server/rooms/views.js";
import { gameSeed, selfPlayStates } from "../../shared/bots/selfplay.js";
import { type GameState, POWERS, type Seat, ViewMemory, viewFor } from "../../shared/index.js";

const SEATS: Seat[] = [...POWERS, "OBSERVER", "CONTROL"];

const statesOf = (g: number): GameState[] =>
  selfPlayStates({ gameId: `mem${g}`, seed: gameSeed(13, g), maxRounds: 3 });

test.each([
  ["the default", undefined],
  ["a room's", VIEW_MEMORY_SLOTS],
])(
  "views through one memory per game (%s slots), games interleaved, equal views through a fresh memory",
  (_, slots) => {
    const games = [statesOf(0), statesOf(1)];
    const memories = games.map(() => new ViewMemory(slots));
    const n = Math.min(...games.map((s) => s.length));
    expect(n).toBeGreaterThan(20);
    for (let i = 0; i < n; i++)
      for (const [g, states] of games.entries())
        for (const seat of SEATS)
          expect(viewFor(states[i]!, seat, memories[g])).toEqual(viewFor(states[i]!, seat, new ViewMemory()));
  },
);
