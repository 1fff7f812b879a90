/**
 * The view schema (shared/viewSchema.ts) is what docs/PROTOCOL.md and docs/schema/view.json
 * describe: every view every seat gets in whole bot games must parse against it, strictly (an
 * unknown field fails), so the documentation cannot drift from what `viewFor` sends.
 */
import { expect, test } from "vitest";
import { selfPlay } from "../../shared/bots/selfplay.js";
import { SEATS, type Seat, step, viewFor } from "../../shared/index.js";
import { PlayerViewSchema } from "../../shared/viewSchema.js";

test.each([1, 2, 3, 4])("every seat's view parses against the schema, all game long (seed %i)", (seed) => {
  let views = 0;
  const failures: string[] = [];
  const check = (s: Parameters<typeof viewFor>[0], seat: Seat) => {
    const r = PlayerViewSchema.safeParse(viewFor(s, seat));
    views++;
    if (!r.success && failures.length < 5)
      failures.push(`${seat} r${s.round} ${s.phase}: ${JSON.stringify(r.error.issues.slice(0, 3))}`);
  };
  const final = selfPlay({
    gameId: `schema-${seed}`,
    seed,
    step: (s, actor, input) => {
      const r = step(s, actor, input);
      if (r.ok && (input.type === "advance_phase" || views % 7 === 0))
        for (const seat of SEATS) check(r.value, seat);
      return r;
    },
  });
  for (const seat of SEATS) check(final, seat);
  expect(failures).toEqual([]);
  expect(views).toBeGreaterThan(50);
});

test("a field the schema does not know fails the parse (the check can fail)", () => {
  const s = selfPlay({ gameId: "schema-x", seed: 9, maxRounds: 4 });
  const view = { ...viewFor(s, "US"), secretField: 1 };
  expect(PlayerViewSchema.safeParse(view).success).toBe(false);
});
