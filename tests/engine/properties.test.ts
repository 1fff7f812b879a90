/**
 * Property tests (fast-check): determinism, replay, invariants under random order streams,
 * illegal inputs change nothing, and no view carries another seat's secrets.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { officialVolume } from "../../shared/engine/trade.js";
import {
  type Action,
  type Actor,
  COMMODITY_GROUPS,
  type GameState,
  hashOf,
  type Input,
  newGame,
  PAIRS,
  POWERS,
  type PowerId,
  REGIONS,
  replay,
  step,
  viewFor,
} from "../../shared/index.js";

const level = fc.integer({ min: 0, max: 100 });
const power = fc.constantFrom(...POWERS);
const group = fc.constantFrom(...COMMODITY_GROUPS);
const region = fc.constantFrom(...REGIONS);
const entity = fc.constantFrom(
  "cn_coal_importers",
  "cn_regional_bank",
  "cn_state_bank",
  "ru_fuel_traders",
  "kp_banks_abroad",
  "shipping_network",
);

/** Actions of every type, shaped right but not necessarily legal for the power or the moment. */
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    type: fc.constant("set_enforcement" as const),
    announced: level,
    target: level,
    sustain: fc.boolean(),
  }),
  fc.record({ type: fc.constant("set_trade" as const), commodityGroup: group, level }),
  fc.record({ type: fc.constant("summit" as const), target: power }),
  fc.record({ type: fc.constant("intel_op" as const), region }),
  fc.record({
    type: fc.constant("expose" as const),
    node: fc.constantFrom("dandong-fronts", "vladivostok-fronts", "node-1"),
  }),
  fc.record({ type: fc.constant("designate" as const), entity }),
  fc.record({ type: fc.constant("smuggling_op" as const), region }),
  fc.record({ type: fc.constant("set_pipeline" as const), level }),
  fc.record({ type: fc.constant("set_inspections" as const), level }),
  fc.record({ type: fc.constant("set_fuel_sales" as const), level }),
  fc.record({ type: fc.constant("send_labourers" as const), level }),
  fc.record({ type: fc.constant("set_engagement" as const), level }),
  fc.record({ type: fc.constant("set_exercises" as const), on: fc.boolean() }),
  fc.record({ type: fc.constant("set_moratorium" as const), on: fc.boolean() }),
  fc.record({
    type: fc.constant("retaliate" as const),
    target: fc.constantFrom("US" as const, "KR" as const),
  }),
  fc
    .constantFrom(
      "humanitarian_aid",
      "show_of_force",
      "deploy_missile_defence",
      "fonop",
      "arms_sale_taiwan",
      "recognise_nuclear_state",
      "preventive_strike",
      "ease_russia_sanctions",
      "buffer_aid",
      "scs_patrol",
      "expand_rajin_link",
      "host_talks",
      "propose_mediation",
      "missile_test",
      "nuclear_test",
      "cyber_theft",
      "threaten_seoul",
      "strengthen_defences",
      "engage_china",
    )
    .map((type) => ({ type }) as Action),
);

const diplomaticInput: fc.Arbitrary<Input> = fc.oneof(
  fc.record({
    type: fc.constant("propose" as const),
    parties: fc.uniqueArray(power, { minLength: 1, maxLength: 3 }),
    template: fc.constantFrom("freeze_for_freeze", "grand_bargain"),
    duration: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    type: fc.constant("respond_proposal" as const),
    id: fc.constantFrom("P1", "P2", "P3", "P4", "P5"),
    accept: fc.boolean(),
  }),
  fc.record({
    type: fc.constant("table_un_draft" as const),
    groups: fc.uniqueArray(group, { minLength: 1, maxLength: 3 }),
    strength: fc.integer({ min: 10, max: 100 }),
  }),
  fc.record({
    type: fc.constant("amend_un_draft" as const),
    id: fc.constantFrom("D1", "D2", "D3"),
    strength: level,
  }),
  fc.record({
    type: fc.constant("vote_un_draft" as const),
    id: fc.constantFrom("D1", "D2", "D3"),
    vote: fc.constantFrom("yes" as const, "no" as const, "abstain" as const),
  }),
);

/** One round: diplomacy inputs by powers, then up to three actions per power. */
const roundInputs = fc.record({
  diplomacy: fc.array(fc.tuple(power, diplomaticInput), { maxLength: 4 }),
  orders: fc.array(fc.tuple(power, fc.array(action, { maxLength: 3 })), { maxLength: 6 }),
});
const gameInputs = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
  rounds: fc.array(roundInputs, { minLength: 1, maxLength: 8 }),
});

type Log = { actor: Actor; input: Input }[];
type GameInputs = typeof gameInputs extends fc.Arbitrary<infer T> ? T : never;

/** Plays the inputs through step, keeping only accepted ones in the log. */
function run(g: GameInputs) {
  const initial = newGame({ gameId: "prop", seed: g.seed });
  let s: GameState = initial;
  const log: Log = [];
  const states: GameState[] = [];
  const tryInput = (actor: Actor, input: Input) => {
    const r = step(s, actor, input);
    if (r.ok) {
      s = r.value;
      log.push({ actor, input });
    }
  };
  for (const round of g.rounds) {
    if (s.phase === "ended") break;
    for (const [p, input] of round.diplomacy) tryInput(p, input);
    tryInput("SYSTEM", { type: "advance_phase" });
    for (const [p, actions] of round.orders) tryInput(p, { type: "submit_orders", orders: { actions } });
    tryInput("SYSTEM", { type: "advance_phase" });
    states.push(s);
  }
  return { initial, final: s, log, states };
}

const inRange = (x: number, lo: number, hi: number) => Number.isInteger(x) && x >= lo && x <= hi;

function checkInvariants(s: GameState): void {
  expect(inRange(s.crisis, 0, 100)).toBe(true);
  expect(inRange(s.tension, 0, 100)).toBe(true);
  expect(inRange(s.discontent, 0, 100)).toBe(true);
  expect(inRange(s.programme.stage, 0, 5)).toBe(true);
  expect(inRange(s.programme.readiness, 0, 100)).toBe(true);
  for (const p of POWERS) {
    const x = s.powers[p];
    expect(inRange(x.stability, 0, 100) && inRange(x.standing, 0, 100) && inRange(x.economy, 0, 200)).toBe(
      true,
    );
    const e = s.enforcement[p];
    for (const v of [e.announced, e.actual, e.target, e.baseline, s.pressure[p]])
      expect(inRange(v, 0, 100)).toBe(true);
  }
  for (const k of PAIRS) expect(inRange(s.relations[k], -100, 100)).toBe(true);
  expect(s.nk.currency).toBeGreaterThanOrEqual(0);
  expect(inRange(s.nk.fuel, 0, s.scenario.rules.fuelStorage)).toBe(true);
  expect(inRange(s.nk.food, 0, 100)).toBe(true);
  for (const n of s.illicit.nodes) expect(n.capacity).toBeGreaterThanOrEqual(0);
  expect(s.illicit.nodes.reduce((a, n) => a + n.capacity, 0)).toBeLessThanOrEqual(
    Math.max(s.illicit.ceiling, 200),
  );
  for (const f of s.flows) {
    expect(f.official).toBeGreaterThanOrEqual(0);
    expect(f.illicit).toBeGreaterThanOrEqual(0);
    // Flows follow sanctions and enforcement (Russia's goods may carry its backfill on top).
    if (!(f.enforcedBy === "RU" && !f.fromKP)) expect(f.official).toBe(officialVolume(s, f).official);
    expect(f.official).toBeLessThanOrEqual(f.base + s.illicit.russianLink);
  }
}

describe("properties", () => {
  test("the same seed and inputs give the same state hash; replaying the log reproduces it", () => {
    fc.assert(
      fc.property(gameInputs, (g) => {
        const a = run(g);
        const b = run(g);
        expect(hashOf(a.final)).toBe(hashOf(b.final));
        expect(hashOf(replay(a.initial, a.log))).toBe(hashOf(a.final));
      }),
      { numRuns: 60 },
    );
  });

  test("invariants hold for random order streams: no negative stocks, indices in range, flows consistent", () => {
    fc.assert(
      fc.property(gameInputs, (g) => {
        for (const s of run(g).states) checkInvariants(s);
      }),
      { numRuns: 80 },
    );
  });

  test("an illegal input never changes the state", () => {
    fc.assert(
      fc.property(
        gameInputs,
        fc.constantFrom<Actor>(...POWERS, "OBSERVER", "CONTROL"),
        fc.array(action, { minLength: 1, maxLength: 4 }),
        diplomaticInput,
        (g, actor, actions, dip) => {
          const { final } = run(g);
          const before = hashOf(final);
          for (const input of [
            { type: "submit_orders", orders: { actions } } as Input,
            dip,
            { type: "advance_phase" } as Input,
          ]) {
            const r = step(final, actor, input);
            if (!r.ok) expect(hashOf(final)).toBe(before);
            expect(hashOf(final)).toBe(before); // and the input state is never mutated
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test("a view never contains another seat's secrets", () => {
    fc.assert(
      fc.property(gameInputs, (g) => {
        const { final: s } = run(g);
        for (const seat of [...POWERS, "OBSERVER"] as const) {
          const v = viewFor(s, seat);
          const json = JSON.stringify(v);
          expect(json).not.toContain('"rng"');
          for (const p of POWERS) {
            if (p === seat) continue;
            expect(Object.keys(v.enforcement[p])).toEqual(["announced"]);
            expect(v.orders[p]).toBeUndefined();
            // Others' objectives (and secret agendas) are revealed only when the game has ended.
            if (s.phase !== "ended") expect(v.objectives[p]).toBeUndefined();
            else expect(v.objectives[p]?.some((o) => o.secret)).toBe(true);
            expect(v.policies[p]).not.toHaveProperty("inspections");
            expect(v.policies[p]).not.toHaveProperty("fuelSales");
            if (s.phase !== "ended") expect(json).not.toContain(`"${s.agendas[p]}"`);
            for (const h of v.history) expect(h.actual[p]).toBeUndefined();
          }
          if (seat !== "KP") {
            expect(v.nk).toBeUndefined();
            for (const h of v.history) expect(h.nk).toBeUndefined();
          }
          if (seat !== "CN") expect(v.discontent).toBeUndefined();
          for (const x of v.explanations)
            for (const part of x.parts)
              expect(part.visibleTo === "all" || part.visibleTo.includes(seat as never)).toBe(true);
          for (const e of v.events)
            expect(e.visibleTo === "all" || e.visibleTo.includes(seat as never)).toBe(true);
          const me = seat as PowerId;
          for (const n of v.illicitNodes)
            expect(seat === "KP" || s.illicit.nodes.find((x) => x.id === n.id)?.knownBy.includes(me)).toBe(
              true,
            );
        }
      }),
      { numRuns: 60 },
    );
  });
});
