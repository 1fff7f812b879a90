/**
 * `viewFor` memoises per seat and per record (shared/view.ts): a view must never depend on which
 * views were built before it. For states of bot-played games taken in a random order and every
 * seat, the view from the warm module equals the view from a fresh instance of the module that has
 * built nothing yet.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { SEATS, type Seat, viewFor } from "../../shared/index.js";
import { trajectory } from "./helpers.js";

const games = [trajectory("memo", 21), trajectory("memo", 22)];
let fresh = 0;
/** A new instance of shared/view.ts, with empty caches (a distinct module URL). */
async function freshViewFor(): Promise<typeof viewFor> {
  const url = `../../shared/view.ts?fresh=${++fresh}`;
  return ((await import(/* @vite-ignore */ url)) as { viewFor: typeof viewFor }).viewFor;
}

test("a view does not depend on the views built before it", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          game: fc.nat({ max: games.length - 1 }),
          at: fc.nat(),
          seat: fc.constantFrom<Seat>(...SEATS),
        }),
        { minLength: 5, maxLength: 25 },
      ),
      async (picks) => {
        // Warm the caches along the random walk, then check each pick against a cold module.
        for (const { game, at, seat } of picks) {
          const states = games[game]!;
          const s = states[at % states.length]!;
          const warm = JSON.stringify(viewFor(s, seat));
          const cold = JSON.stringify((await freshViewFor())(s, seat));
          expect(warm).toBe(cold);
        }
      },
    ),
    { numRuns: 5 },
  );
});

test("consecutive states of one game, viewed in order by one seat, match cold views", async () => {
  // The engine shares unchanged records between successive states; the caches reuse work across
  // them. Walk each seat through a whole game in order (the server's pattern).
  for (const seat of SEATS) {
    const cold = await freshViewFor();
    const states = games[0]!;
    for (let i = 0; i < states.length; i += 4) {
      const s = states[i]!;
      expect(JSON.stringify(viewFor(s, seat)), `${seat} at ${i}`).toBe(
        JSON.stringify((await freshViewFor())(s, seat)),
      );
      // The same cold instance, reused, also agrees (its own caches warm up in order).
      expect(JSON.stringify(cold(s, seat))).toBe(JSON.stringify(viewFor(s, seat)));
    }
  }
});
