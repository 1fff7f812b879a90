/**
 * The server's view diff (server/rooms/viewDiff.ts) makes the very operations fast-json-patch's
 * `compare` makes — the library the client applies them with — on real views: every seat's view
 * after every accepted input of bot games, against the seat's view before. Applied to the view
 * before, they give the view after.
 */
import jsonpatch from "fast-json-patch";
import { expect, test } from "vitest";
import { diff } from "../../server/rooms/viewDiff.js";
import { gameSeed, selfPlay } from "../../shared/bots/selfplay.js";
import { step } from "../../shared/engine/step.js";
import { type PlayerView, POWERS, type Seat, viewFor } from "../../shared/index.js";

const SEATS: Seat[] = [...POWERS, "OBSERVER", "CONTROL"];
const LOGS: ReadonlySet<string> = new Set(["events", "explanations"]);

test("the diff equals compare's patch on every seat's view after every input of two bot games", () => {
  let checked = 0;
  let changed = 0;
  for (let g = 0; g < 2; g++) {
    const last = new Map<Seat, PlayerView>();
    const observe: typeof step = (s, actor, input) => {
      const r = step(s, actor, input);
      if (!r.ok) return r;
      for (const seat of SEATS) {
        const view = viewFor(r.value, seat);
        const before = last.get(seat);
        last.set(seat, view);
        if (!before) continue;
        const ops = diff(before, view);
        // compare deep-copies its values: equal as JSON, not as objects.
        expect(JSON.stringify(ops)).toBe(JSON.stringify(jsonpatch.compare(before, view)));
        // Leaving the logs out at the top level is a diff of copies without them.
        const { events: _e, explanations: _x, ...beforeRest } = before;
        const { events: _e2, explanations: _x2, ...viewRest } = view;
        expect(JSON.stringify(diff(before, view, [], LOGS))).toBe(
          JSON.stringify(jsonpatch.compare(beforeRest, viewRest)),
        );
        const rebuilt = jsonpatch.applyPatch(structuredClone(before), ops, true, false).newDocument;
        expect(rebuilt).toEqual(view);
        checked++;
        if (ops.length > 0) changed++;
      }
      return r;
    };
    selfPlay({ gameId: `diff${g}`, seed: gameSeed(7, g), maxRounds: 4, step: observe });
  }
  expect(checked).toBeGreaterThan(100);
  expect(changed).toBeGreaterThan(50);
});

test("keys with / and ~, removals, additions and a changed type", () => {
  const before = { "a/b": 1, "c~d": [1, 2, 3], e: { f: 1 }, g: [1], h: "x", gone: true };
  const after = { "a/b": 2, "c~d": [1, 5], e: [1], g: { x: 1 }, h: "x", added: { y: null } };
  expect(diff(before, after)).toEqual(jsonpatch.compare(before, after));
  expect(jsonpatch.applyPatch(structuredClone(before), diff(before, after)).newDocument).toEqual(after);
});

test("keys left out at the top level, whether in both objects or in one", () => {
  const before = { a: 1, both: [1], gone: true, nested: { both: 1 } };
  const after = { a: 2, both: [2], added: 1, nested: { both: 2 } };
  const { both: _b, gone: _g, ...beforeRest } = before;
  const { both: _b2, added: _a, ...afterRest } = after;
  const skip = new Set(["both", "gone", "added"]);
  expect(diff(before, after, [], skip)).toEqual(jsonpatch.compare(beforeRest, afterRest));
  // Only at the top level: a nested key of the same name is diffed.
  expect(diff(before, after, [], skip)).toContainEqual({ op: "replace", path: "/nested/both", value: 2 });
  const keep = { a: 1, gone: true };
  expect(diff(keep, { a: 1 }, [], new Set(["gone"]))).toEqual([]);
  expect(diff({ a: 1 }, { a: 1, added: 2 }, [], new Set(["added"]))).toEqual([]);
});
