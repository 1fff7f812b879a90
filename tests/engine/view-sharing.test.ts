/**
 * Views share what did not change (shared/view.ts): the engine never mutates a state it returned,
 * so `viewFor` reuses its derivations instead of building them again, and the server's delta
 * (server/rooms/views.ts) relies on it — `compare` returns at once on identical objects, so the
 * diff walks only what changed. view-memo.test.ts proves the reuse never changes a view; this file
 * proves the reuse happens: for every seat, along a bot-played game viewed input by input (the
 * server's pattern: every seat after every input),
 * - a second view of the same state builds no new object below the view's top level;
 * - seats share the public parts (flows without illicit volumes, designations);
 * - a view of the next state is the very same object, part by part, wherever the records it is
 *   derived from are the same objects (or, for objectives, wherever it reads the same), and the
 *   very same view wherever it reads the same as a whole.
 */
import { expect, test } from "vitest";
import { type PlayerView, POWERS, SEATS, type viewFor } from "../../shared/index.js";
import { trajectory } from "./helpers.js";

let fresh = 0;
/**
 * A new instance of shared/view.ts for each test: its caches start empty, so every reuse the test
 * sees was built during the test (building the game below warms the shared instance's caches).
 */
async function freshViewFor(): Promise<typeof viewFor> {
  const url = `../../shared/view.ts?sharing=${++fresh}`;
  return ((await import(/* @vite-ignore */ url)) as { viewFor: typeof viewFor }).viewFor;
}

const states = trajectory("sharing", 31);

const isObject = (x: unknown): x is object => typeof x === "object" && x !== null;

/** Paths below the top level where `b` holds an object equal to, but not the same as, `a`'s. */
function rebuilt(a: unknown, b: unknown, path: string, depth: number, out: string[]): void {
  if (!isObject(a) || !isObject(b) || a === b) return;
  if (depth >= 2) out.push(path);
  for (const k of Object.keys(a)) rebuilt((a as never)[k], (b as never)[k], `${path}.${k}`, depth + 1, out);
}

test("a second view of the same state builds no new object below the top level", async () => {
  const viewFor = await freshViewFor();
  let compared = 0;
  for (let i = 0; i < states.length; i += 3) {
    const s = states[i]!;
    for (const seat of SEATS) {
      const a = viewFor(s, seat);
      const b = viewFor(s, seat);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      const out: string[] = [];
      for (const k of Object.keys(a) as (keyof PlayerView)[]) {
        // A judged free-form action is shown to its power as pending: a fresh copy of the item.
        if (k === "matrix" && seat !== "CONTROL") continue;
        rebuilt(a[k], b[k], k, 1, out);
      }
      expect(out, `${seat} at state ${i}`).toEqual([]);
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(50);
});

test("seats share the public parts of one state's view", async () => {
  const viewFor = await freshViewFor();
  let shared = 0;
  let sharedEvents = 0;
  for (let i = 0; i < states.length; i += 3) {
    const s = states[i]!;
    const [first, ...rest] = SEATS.map((seat) => viewFor(s, seat));
    for (const v of rest) {
      expect(v.sanctions.designations).toBe(first!.sanctions.designations);
      // A seat that may see every event shares the state's own list.
      if (s.events.every((e) => e.visibleTo === "all" || e.visibleTo.includes(v.seat))) {
        expect(v.events, `${v.seat}'s events at state ${i}`).toBe(s.events);
        sharedEvents++;
      }
      for (let k = 0; k < v.flows.length; k++) {
        // A flow without its illicit volume is the same public object for every seat.
        if (!("illicit" in v.flows[k]!) && !("illicit" in first!.flows[k]!)) {
          expect(v.flows[k], `${v.seat}, flow ${k} at state ${i}`).toBe(first!.flows[k]);
          shared++;
        }
      }
    }
  }
  expect(shared).toBeGreaterThan(0);
  expect(sharedEvents).toBeGreaterThan(0);
});

test("a view of the next state reuses every part whose records did not change", async () => {
  const viewFor = await freshViewFor();
  const checked = {
    flows: 0,
    records: 0,
    designations: 0,
    history: 0,
    events: 0,
    explanations: 0,
    objectives: 0,
    lists: 0,
    orders: 0,
    whole: 0,
  };
  let before = new Map(SEATS.map((seat) => [seat, viewFor(states[0]!, seat)]));
  for (let i = 1; i < states.length; i++) {
    const s0 = states[i - 1]!;
    const s1 = states[i]!;
    const now = new Map(SEATS.map((seat) => [seat, viewFor(s1, seat)]));
    for (const seat of SEATS) {
      const a = before.get(seat)!;
      const b = now.get(seat)!;
      const at = `${seat} at state ${i}`;
      if (s0.flows === s1.flows && s0.illicit.nodes === s1.illicit.nodes) {
        expect(b.flows, at).toBe(a.flows);
        expect(b.illicitNodes, at).toBe(a.illicitNodes);
        checked.flows++;
      }
      if (s0.enforcement === s1.enforcement && s0.policies === s1.policies) {
        expect(b.enforcement, at).toBe(a.enforcement);
        expect(b.policies, at).toBe(a.policies);
        checked.records++;
      }
      if (s0.sanctions.designations === s1.sanctions.designations) {
        expect(b.sanctions.designations, at).toBe(a.sanctions.designations);
        checked.designations++;
      }
      if (s0.history === s1.history) expect(b.history, at).toBe(a.history);
      for (let k = 0; k < s1.history.length; k++)
        if (s0.history[k] === s1.history[k]) {
          expect(b.history[k], `${at}, history ${k}`).toBe(a.history[k]);
          checked.history++;
        }
      if (seat === "CONTROL")
        for (let k = 0; k < s1.events.length; k++)
          if (s0.events[k] === s1.events[k]) {
            expect(b.events[k], `${at}, event ${k}`).toBe(a.events[k]);
            checked.events++;
          }
      if (
        s0.explanations === s1.explanations &&
        s0.enforcement === s1.enforcement &&
        s0.intel === s1.intel &&
        s0.intelNoise === s1.intelNoise
      ) {
        expect(b.explanations, at).toBe(a.explanations);
        if (b.intelligence) expect(b.intelligence, at).toBe(a.intelligence);
        checked.explanations++;
      }
      if (s0.events === s1.events && s0.proposals === s1.proposals && s0.matrix === s1.matrix) {
        expect(b.events, at).toBe(a.events);
        expect(b.proposals, at).toBe(a.proposals);
        expect(b.matrix, at).toBe(a.matrix);
        checked.lists++;
      }
      if (s0.orders === s1.orders) {
        expect(b.orders, at).toBe(a.orders);
        expect(b.submitted, at).toBe(a.submitted);
        checked.orders++;
      }
      // Another power's orders leave the seat's own as they were.
      if (JSON.stringify(a.orders) === JSON.stringify(b.orders)) expect(b.orders, at).toBe(a.orders);
      // Nothing the seat sees changed: the very same view, which the server then need not diff.
      if (JSON.stringify(a) === JSON.stringify(b)) {
        expect(b, at).toBe(a);
        checked.whole++;
      }
      for (const p of POWERS) {
        const x = a.objectives[p];
        const y = b.objectives[p];
        if (x && y && JSON.stringify(x) === JSON.stringify(y)) {
          expect(y, `${at}, ${p}'s objectives`).toBe(x);
          checked.objectives++;
        }
      }
    }
    before = now;
  }
  // Every kind of reuse was exercised, not skipped for want of an unchanged record.
  for (const [kind, n] of Object.entries(checked)) expect(n, kind).toBeGreaterThan(0);
});
