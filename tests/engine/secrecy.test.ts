/**
 * Secrecy by non-interference: for reachable states and every seat, change each leaf of the state
 * that seat may not know, and require the seat's view to be exactly the same.
 *
 * Which leaves a seat may not know is not listed here: the test walks the state and asks
 * `knowledgeOf` (shared/secrecy.ts), which reads the state's own visibility tags and defaults to
 * "nobody". A new field of the state is therefore perturbed for every seat until it is declared.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { mixedPersonalities } from "../../shared/bots/selfplay.js";
import {
  type Actor,
  type GameState,
  type Input,
  newGame,
  type PlayerView,
  POWERS,
  SEATS,
  type Seat,
  simpleBot,
  step,
  viewFor,
} from "../../shared/index.js";
import { knowledgeOf, type StatePath } from "../../shared/secrecy.js";
import { checkNonInterference, leaves, perturb } from "../support/noninterference.js";

type Stop = "diplomacy" | "orders" | "ended";

function tryStep(s: GameState, actor: Actor, input: Input): GameState {
  const r = step(s, actor, input);
  return r.ok ? r.value : s;
}

function bots(s: GameState, seed: number): GameState {
  const pers = mixedPersonalities(seed);
  for (const p of POWERS) {
    for (const input of simpleBot(viewFor(s, p), p, pers[p])) {
      s = tryStep(s, p, input);
      if (s.phase === "ended") return s;
    }
  }
  return s;
}

/**
 * Bot self-play to `rounds` rounds and the given phase. Every round also fills what bots leave
 * empty, so there is a secret of every kind to change: each power's orders carry a free-form
 * matrix argument, and Control injects an event and adjudicates a queued argument.
 */
function reach(seed: number, rounds: number, stop: Stop): GameState {
  let s = newGame({ gameId: "secrecy", seed, maxRounds: stop === "ended" ? Math.max(1, rounds) : 8 });
  for (let r = 1; ; r++) {
    s = bots(s, seed + r);
    const pending = s.matrix.find((m) => m.status === "pending");
    if (pending)
      s = tryStep(s, "CONTROL", {
        type: "control_adjudicate",
        matrixId: pending.id,
        power: pending.power,
        title: "Ruling",
        argument: `argued ${r}`,
        strength: 3,
        effects: {},
      });
    // A proposal between two powers: hidden from the other three and the observer.
    s = tryStep(s, "US", {
      type: "propose",
      parties: ["KP"],
      terms: [{ kind: "suspend_exercises", party: "US" }],
      duration: 2,
      note: `offer ${r}`,
    });
    const inject = s.scenario.injects[r % s.scenario.injects.length];
    if (inject) s = tryStep(s, "CONTROL", { type: "control_inject", inject: inject.id });
    if (r > rounds && stop === "diplomacy") return s;
    s = tryStep(s, "SYSTEM", { type: "advance_phase" });
    s = bots(s, seed * 7 + r);
    for (const p of POWERS) {
      const actions = [
        ...(s.orders[p]?.actions ?? []),
        { type: "matrix_action" as const, text: `plan ${p} ${r}` },
      ];
      s = tryStep(s, p, { type: "submit_orders", orders: { actions } });
    }
    if (r > rounds && stop === "orders") return s;
    s = tryStep(s, "SYSTEM", { type: "advance_phase" });
    if (s.phase === "ended") return s;
  }
}

const reachable = fc.record({
  seed: fc.integer({ min: 1, max: 10_000 }),
  rounds: fc.integer({ min: 0, max: 4 }),
  stop: fc.constantFrom<Stop>("diplomacy", "orders", "ended"),
});

describe("secrecy by non-interference", () => {
  test("no seat's view changes when anything it may not know changes", () => {
    fc.assert(
      fc.property(reachable, ({ seed, rounds, stop }) => {
        const s = reach(seed, rounds, stop);
        const { checked, leaks } = checkNonInterference(s);
        expect(leaks).toEqual([]);
        expect(checked).toBeGreaterThan(0);
      }),
      { numRuns: 6 },
    );
  });

  test("the same check on fixed states (every phase), so a leak fails whatever fast-check draws", () => {
    for (const [seed, rounds, stop] of [
      [11, 2, "orders"],
      [12, 1, "diplomacy"],
      [13, 2, "ended"],
    ] as const) {
      const { checked, leaks } = checkNonInterference(reach(seed, rounds, stop));
      expect(leaks, `${seed} ${stop}`).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    }
  });

  test("the states reached carry a secret of every kind the test must change", () => {
    const s = reach(11, 2, "orders");
    const hidden = new Set(
      leaves(s)
        .filter((p) => !knowledgeOf(s, p).readers.includes("OBSERVER"))
        .map((p) => String(p[0])),
    );
    for (const field of [
      "rng",
      "enforcement",
      "policies",
      "nk",
      "pressure",
      "intel",
      "intelNoise",
      "agendas",
      "orders",
      "matrix",
      "control",
      "events",
      "explanations",
      "illicit",
      "flows",
      "history",
    ])
      expect(hidden, field).toContain(field);
    expect(s.matrix.length).toBeGreaterThanOrEqual(POWERS.length);
    expect(s.proposals.some((p) => !p.parties.includes("CN"))).toBe(true);
    expect(hidden).toContain("proposals");
  });

  test("positive control: changing a seat's own secret changes its view", () => {
    const s = reach(5, 2, "orders");
    const changes = (seat: Seat, path: StatePath) =>
      JSON.stringify(viewFor(perturb(s, path), seat)) !== JSON.stringify(viewFor(s, seat));
    for (const p of POWERS) {
      expect(changes(p, ["enforcement", p, "actual"]), `${p} actual`).toBe(true);
      expect(changes(p, ["pressure", p]), `${p} pressure`).toBe(true);
      const mine = s.matrix.findIndex((m) => m.power === p);
      expect(changes(p, ["matrix", mine, "text"]), `${p} matrix`).toBe(true);
      expect(changes(p, ["orders", p, "actions", 0, "type"]), `${p} orders`).toBe(true);
    }
    expect(changes("KP", ["nk", "currency"])).toBe(true);
    expect(changes("CN", ["discontent"])).toBe(true);
    expect(changes("CONTROL", ["control", 0, "text"])).toBe(true);
    expect(changes("CONTROL", ["matrix", 0, "text"])).toBe(true);
    expect(changes("OBSERVER", ["crisis"])).toBe(true);
  });

  test("the check finds a leak: a view that shows every power's matrix queue fails it", () => {
    // The mutant the issue names (drop the filter on queued matrix actions), applied to the view.
    const s = reach(5, 2, "orders");
    const leaky = (state: GameState, seat: Seat): PlayerView => ({
      ...viewFor(state, seat),
      matrix: state.matrix,
    });
    const { leaks } = checkNonInterference(s, leaky);
    expect(leaks.some((l) => l.startsWith("US learns matrix."))).toBe(true);
    expect(leaks.some((l) => l.startsWith("OBSERVER learns matrix."))).toBe(true);
  });

  test("a field nobody has declared is a secret from every seat, Control included", () => {
    const s = { ...reach(5, 1, "diplomacy"), undeclared: { level: 3 } } as GameState;
    expect(knowledgeOf(s, ["undeclared", "level"]).readers).toEqual([]);
    const leaky = (state: GameState, seat: Seat): PlayerView =>
      ({
        ...viewFor(state, seat),
        undeclared: (state as unknown as { undeclared: unknown }).undeclared,
      }) as PlayerView;
    const { leaks } = checkNonInterference(s, leaky);
    for (const seat of SEATS)
      expect(leaks).toContain(`${seat} learns undeclared.level: .undeclared.level: 3 → 4`);
  });

  test("availability: every event, explanation, proposal, matrix item and illicit node a seat may read is in its view", () => {
    // Non-interference alone is met by a view that shows nothing: change one number of each item a
    // seat may read, and its view must change.
    for (const [seed, rounds, stop] of [
      [5, 2, "orders"],
      [8, 1, "diplomacy"],
    ] as const) {
      const s = reach(seed, rounds, stop);
      const items: StatePath[] = [
        ...s.events.map((_, i) => ["events", i, "round"]),
        ...s.explanations.map((_, i) => ["explanations", i, "from"]),
        ...s.proposals.map((_, i) => ["proposals", i, "duration"]),
        ...s.matrix.map((_, i) => ["matrix", i, "round"]),
        ...s.illicit.nodes.map((_, i) => ["illicit", "nodes", i, "capacity"]),
      ];
      expect(s.proposals.length).toBeGreaterThan(0);
      for (const path of items) {
        const changed = perturb(s, path);
        for (const seat of knowledgeOf(s, path).readers)
          expect(JSON.stringify(viewFor(changed, seat)), `${seat} misses ${path.join(".")}`).not.toBe(
            JSON.stringify(viewFor(s, seat)),
          );
      }
    }
  });

  test("which powers have submitted orders and the missile-defence launchers are public; each power's budget is its own", () => {
    const s = reach(5, 2, "orders");
    const submitted = Object.keys(s.orders);
    expect(submitted.length).toBeGreaterThan(0);
    for (const seat of SEATS) {
      expect(viewFor(s, seat).submitted).toEqual(submitted);
      expect(viewFor(s, seat).missileDefence).toEqual({ launchers: s.missileDefence.launchers });
    }
    for (const p of POWERS) {
      const v = viewFor(s, p);
      expect(v.budget?.actionPoints).toBe(s.powers[p].actionPoints);
      expect(v.budget?.upkeep).toBeGreaterThanOrEqual(0);
      expect(v.pressure).toBe(s.pressure[p]);
    }
    expect(viewFor(s, "OBSERVER").budget).toBeUndefined();
  });
});
