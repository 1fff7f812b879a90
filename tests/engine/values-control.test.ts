/**
 * Control's commands by value (DESIGN §4, shared/engine/control.ts): each override's index, its
 * clamp at the documented bounds and its record; injects from the library and written on the spot;
 * adjudication's chance from the scenario's table and its roll (one draw of the game's PRNG, 1–100,
 * a success at most the chance); and every refusal with the input that triggers it.
 */
import { describe, expect, test } from "vitest";
import {
  adjudicate,
  adjudicationChance,
  adjudicationOdds,
  draw,
  type GameState,
  inject,
  newGame,
  OVERRIDE_INDICES,
  override,
  POWER_OVERRIDES,
} from "../../shared/index.js";

const base = newGame({ gameId: "values-control", seed: 3 });
const rules = base.scenario.rules;
const ok = (r: ReturnType<typeof override>): GameState => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
/** A result's code, "ok", or "no message" for a refusal that does not say what is wrong. */
const code = (r: ReturnType<typeof override>) =>
  r.ok ? "ok" : r.error.message ? r.error.code : "no message";
const ended: GameState = { ...base, phase: "ended" };
/** The roll `adjudicate` draws from this state: one draw, 1–100. */
const rollOf = (s: GameState) => Math.floor(draw(s.rng).value * 100) + 1;
const withOdds = (s: GameState, odds: number): GameState => ({
  ...s,
  scenario: {
    ...s.scenario,
    rules: {
      ...s.scenario.rules,
      adjudication1: odds,
      adjudication2: odds,
      adjudication3: odds,
      adjudication4: odds,
      adjudication5: odds,
    },
  },
});

describe("override", () => {
  type Case = {
    index: (typeof OVERRIDE_INDICES)[number];
    read: (s: GameState) => number;
    lo: number;
    hi: number;
    power?: "KR";
    pair?: "KP-KR";
  };
  const cases: Case[] = [
    { index: "crisis", read: (s) => s.crisis, lo: 0, hi: 100 },
    { index: "tension", read: (s) => s.tension, lo: 0, hi: 100 },
    { index: "readiness", read: (s) => s.programme.readiness, lo: 0, hi: 100 },
    { index: "stage", read: (s) => s.programme.stage, lo: 0, hi: 5 },
    { index: "nk_currency", read: (s) => s.nk.currency, lo: 0, hi: 10000 },
    { index: "nk_fuel", read: (s) => s.nk.fuel, lo: 0, hi: rules.fuelStorage },
    { index: "nk_food", read: (s) => s.nk.food, lo: 0, hi: 100 },
    { index: "discontent", read: (s) => s.discontent, lo: 0, hi: 100 },
    { index: "illicit_ceiling", read: (s) => s.illicit.ceiling, lo: 0, hi: 10000 },
    { index: "relation", read: (s) => s.relations["KP-KR"], lo: -100, hi: 100, pair: "KP-KR" },
    { index: "economy", read: (s) => s.powers.KR.economy, lo: 0, hi: 200, power: "KR" },
    { index: "stability", read: (s) => s.powers.KR.stability, lo: 0, hi: 100, power: "KR" },
    { index: "standing", read: (s) => s.powers.KR.standing, lo: 0, hi: 100, power: "KR" },
    { index: "action_points", read: (s) => s.powers.KR.actionPoints, lo: 0, hi: 10, power: "KR" },
    { index: "enforcement_actual", read: (s) => s.enforcement.KR.actual, lo: 0, hi: 100, power: "KR" },
    { index: "pressure", read: (s) => s.pressure.KR, lo: 0, hi: 100, power: "KR" },
  ];

  test("the cases cover every override index", () => {
    expect(cases.map((c) => c.index).sort()).toEqual([...OVERRIDE_INDICES].sort());
  });

  test.each(cases)("$index: set exactly inside its bounds, clamped to [$lo, $hi] outside them", (c) => {
    const set = (value: number) =>
      ok(
        override(base, {
          type: "control_override",
          index: c.index,
          value,
          reason: "test value",
          ...(c.power ? { power: c.power } : {}),
          ...(c.pair ? { pair: c.pair } : {}),
        }),
      );
    const inside = c.hi === 5 ? 3 : 4;
    expect(c.read(set(inside))).toBe(inside);
    expect(c.read(set(c.hi))).toBe(c.hi);
    expect(c.read(set(c.hi + 1))).toBe(c.hi);
    expect(c.read(set(c.lo))).toBe(c.lo);
    expect(c.read(set(c.lo - 1))).toBe(c.lo);
  });

  test("an override is recorded for Control only, with the old value, the value set and the reason", () => {
    const from = base.powers.KR.economy;
    const s = ok(
      override(base, {
        type: "control_override",
        index: "economy",
        power: "KR",
        value: 77,
        reason: "correction",
      }),
    );
    const e = s.events.at(-1)!;
    expect(e.kind).toBe("override");
    expect(e.visibleTo).toEqual(["CONTROL"]);
    expect(e.data).toEqual({ index: "economy", from, to: 77 });
    expect(e.extra).toEqual({ what: "economy (KR)", reason: "correction" });
    expect(s.control.at(-1)).toEqual({
      round: s.round,
      kind: "override",
      text: `economy (KR): ${from} → 77 — correction`,
    });
    expect(s.events.length).toBe(base.events.length + 1);
    expect(s.control.length).toBe(base.control.length + 1);
    expect(base.powers.KR.economy).toBe(from);
  });

  test("an override outside the bounds records the clamped value the state now holds, not the value asked for", () => {
    const s = ok(override(base, { type: "control_override", index: "crisis", value: 150, reason: "test" }));
    expect(s.crisis).toBe(100);
    expect(s.events.at(-1)!.data).toEqual({ index: "crisis", from: base.crisis, to: 100 });
    expect(s.control.at(-1)!.text).toBe(`crisis: ${base.crisis} → 100 — test`);
  });

  test("a relation override names its pair in the record", () => {
    const s = ok(
      override(base, {
        type: "control_override",
        index: "relation",
        pair: "KP-KR",
        value: 5,
        reason: "summit",
      }),
    );
    expect(s.events.at(-1)!.extra).toEqual({ what: "relation (KP-KR)", reason: "summit" });
  });

  test("refusals: ended game, a reason under 3 characters after trimming, a power index without a power, a relation without a pair", () => {
    const o = { type: "control_override" as const, index: "crisis" as const, value: 10, reason: "fine" };
    expect(code(override(ended, o))).toBe("game_over");
    expect(code(override(base, { ...o, reason: "  ab  " }))).toBe("needs_reason");
    expect(code(override(base, { ...o, reason: "abc" }))).toBe("ok");
    for (const index of POWER_OVERRIDES) expect(code(override(base, { ...o, index }))).toBe("bad_target");
    expect(code(override(base, { ...o, index: "relation" }))).toBe("bad_target");
  });

  test("each refusal's message names what is missing: the reason, the power for that index, the pair", () => {
    const o = { type: "control_override" as const, index: "crisis" as const, value: 10, reason: "fine" };
    const message = (r: ReturnType<typeof override>) => (r.ok ? "" : r.error.message);
    expect(message(override(base, { ...o, reason: "" }))).toMatch(/reason/);
    expect(message(override(base, { ...o, index: "pressure" }))).toMatch(/pressure.*power/);
    expect(message(override(base, { ...o, index: "relation" }))).toMatch(/relation.*pair/);
  });

  test("the power overrides are exactly those whose value belongs to one power", () => {
    expect([...POWER_OVERRIDES].sort()).toEqual(
      ["action_points", "economy", "enforcement_actual", "pressure", "stability", "standing"].sort(),
    );
  });
});

describe("inject", () => {
  test("a library inject applies its effects and is announced to all with its title and text", () => {
    const lib = base.scenario.injects.find((i) => i.effects.crisis)!;
    const s = ok(inject(base, { type: "control_inject", inject: lib.id }));
    expect(s.crisis).toBe(Math.min(100, Math.max(0, base.crisis + lib.effects.crisis!)));
    const e = s.events.at(-1)!;
    expect([e.kind, e.data, e.extra, e.visibleTo]).toEqual([
      "inject",
      { title: lib.title },
      { text: lib.text },
      "all",
    ]);
    expect(s.control.at(-1)).toEqual({ round: s.round, kind: "inject", text: lib.title });
  });

  test("a custom inject applies its own effects", () => {
    const s = ok(
      inject(base, {
        type: "control_inject",
        custom: { title: "Typhoon", text: "A typhoon hits the coast.", effects: { tension: 7 } },
      }),
    );
    expect(s.tension).toBe(base.tension + 7);
    expect(s.events.at(-1)!.data).toEqual({ title: "Typhoon" });
  });

  test("refusals: ended game, unknown library id, neither a library id nor a custom inject", () => {
    expect(code(inject(ended, { type: "control_inject", inject: base.scenario.injects[0]!.id }))).toBe(
      "game_over",
    );
    expect(code(inject(base, { type: "control_inject", inject: "no-such-inject" }))).toBe("not_found");
    expect(code(inject(base, { type: "control_inject" }))).toBe("bad_shape");
  });
});

describe("adjudicate", () => {
  const input = {
    type: "control_adjudicate" as const,
    title: "Back channel",
    argument: "Both sides need it",
    strength: 3,
    effects: { tension: -6 },
    failEffects: { tension: 4 },
  };

  test("the chance is the scenario's table entry for the strength, clamped to strengths 1–5", () => {
    expect(adjudicationOdds(rules)).toEqual([
      rules.adjudication1,
      rules.adjudication2,
      rules.adjudication3,
      rules.adjudication4,
      rules.adjudication5,
    ]);
    for (let k = 1; k <= 5; k++) expect(adjudicationChance(base, k)).toBe(adjudicationOdds(rules)[k - 1]);
    expect(adjudicationChance(base, 0)).toBe(rules.adjudication1);
    expect(adjudicationChance(base, 9)).toBe(rules.adjudication5);
  });

  test("a roll equal to the chance succeeds and applies the effects; one above it fails and applies the failure effects", () => {
    const roll = rollOf(base);
    const win = ok(adjudicate(withOdds(base, roll), input));
    expect(win.tension).toBe(base.tension - 6);
    expect(win.events.at(-1)!.data).toEqual({ title: "Back channel", chance: roll, success: 1, roll });
    expect(win.rng).toBe(draw(base.rng).next);
    const lose = ok(adjudicate(withOdds(base, roll - 1), input));
    expect(lose.tension).toBe(base.tension + 4);
    expect(lose.events.at(-1)!.data).toEqual({ title: "Back channel", chance: roll - 1, success: 0, roll });
    expect(lose.control.at(-1)!.text).toBe(
      `Back channel — Both sides need it → failure (roll ${roll}, chance ${roll - 1}%)`,
    );
    expect(win.control.at(-1)!.text).toBe(
      `Back channel — Both sides need it → success (roll ${roll}, chance ${roll}%)`,
    );
  });

  test("a failure without failure effects changes nothing but the record and the PRNG", () => {
    const { failEffects: _f, ...noFail } = input;
    const s = ok(adjudicate(withOdds(base, 0), { ...noFail, argument: "" }));
    expect(s.tension).toBe(base.tension);
    expect(s.control.at(-1)!.text).toContain("Back channel — — → failure");
  });

  test("a queued item is judged now, rolled now, and its effects wait for the resolution", () => {
    const item = {
      id: "M7",
      power: "KP" as const,
      round: base.round,
      text: "An offer",
      status: "pending" as const,
    };
    const s0 = { ...base, matrix: [item] };
    const roll = rollOf(s0);
    const s = ok(adjudicate(withOdds(s0, roll), { ...input, matrixId: "M7" }));
    expect(s.tension).toBe(base.tension);
    expect(s.events.length).toBe(base.events.length);
    const judged = s.matrix[0]!;
    expect(judged.status).toBe("judged");
    expect(judged.verdict).toEqual({
      title: "Back channel",
      reason: "Both sides need it",
      strength: 3,
      chance: roll,
      roll,
      success: true,
      round: base.round,
      effects: { tension: -6 },
    });
    expect(s.control.at(-1)!.text).toBe(
      `Back channel (KP) — Both sides need it → success (roll ${roll}, chance ${roll}%); applies at the resolution`,
    );
    const failed = ok(adjudicate(withOdds(s0, roll - 1), { ...input, matrixId: "M7" }));
    expect(failed.matrix[0]!.verdict!.success).toBe(false);
    expect(failed.matrix[0]!.verdict!.effects).toEqual({ tension: 4 });
  });

  test("refusals: ended game, an unknown queued item, one already decided", () => {
    expect(code(adjudicate(ended, input))).toBe("game_over");
    expect(code(adjudicate(base, { ...input, matrixId: "M99" }))).toBe("not_found");
    const judged = { id: "M1", power: "KP" as const, round: 1, text: "x", status: "success" as const };
    expect(code(adjudicate({ ...base, matrix: [judged] }, { ...input, matrixId: "M1" }))).toBe(
      "already_decided",
    );
  });
});
