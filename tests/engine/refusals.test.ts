/**
 * Every refusal of `step` (shared/engine/step.ts): the stable code, the state left untouched, and
 * the input shapes `InputSchema` takes and refuses at their bounds. Each refusal is checked with an
 * input that would be accepted from the right actor or in the right phase, so removing the check
 * changes the answer.
 */
import { describe, expect, test } from "vitest";
import { selfPlay } from "../../shared/bots/selfplay.js";
import {
  type Actor,
  type GameState,
  hashOf,
  type Input,
  InputSchema,
  newGame,
  POWERS,
  replay,
  type Seat,
  step,
} from "../../shared/index.js";
import { must } from "./helpers.js";

const diplomacy = newGame({ gameId: "refusals", seed: 4 });
const orders = must(diplomacy, "SYSTEM", { type: "advance_phase" });
const ended = selfPlay({ gameId: "refusals-end", seed: 4, maxRounds: 1 });
// A draft on the table, for amendments and votes.
const withDraft = must(diplomacy, "US", { type: "table_un_draft", groups: ["fuel"], strength: 80 });
const draftId = withDraft.drafts[0]!.id;
const endedWithDraft: GameState = { ...ended, drafts: withDraft.drafts };

function refused(state: GameState, actor: Actor, input: Input, code: string): void {
  const before = hashOf({ ...state, scenario: null });
  const r = step(state, actor, input);
  expect(r.ok, `${actor} ${input.type}`).toBe(false);
  if (!r.ok) {
    expect(r.error.code, `${actor} ${input.type}`).toBe(code);
    // Every refusal says why, in words.
    expect(r.error.message).toMatch(/[A-Za-z]{3}/);
  }
  expect(hashOf({ ...state, scenario: null })).toBe(before);
}

function accepted(state: GameState, actor: Actor, input: Input): GameState {
  const r = step(state, actor, input);
  if (!r.ok) throw new Error(`${actor} ${input.type} refused: ${r.error.code}`);
  return r.value;
}

const propose: Input = {
  type: "propose",
  parties: ["KP"],
  terms: [{ kind: "suspend_exercises", party: "US" }],
  duration: 2,
};
const table: Input = { type: "table_un_draft", groups: ["fuel"], strength: 60 };
const amend: Input = { type: "amend_un_draft", id: draftId, strength: 50 };
const vote: Input = { type: "vote_un_draft", id: draftId, vote: "yes" };
const advance: Input = { type: "advance_phase" };
const submit: Input = { type: "submit_orders", orders: { actions: [] } };
const injectInput: Input = {
  type: "control_inject",
  custom: { title: "A storm", text: "Ports close for a week.", effects: {} },
};
const adjudicateInput: Input = {
  type: "control_adjudicate",
  title: "Back channel",
  argument: "",
  strength: 3,
  effects: {},
};
const overrideInput: Input = {
  type: "control_override",
  index: "crisis",
  value: 40,
  reason: "Reset for the class",
};

const NOT_POWERS: readonly Actor[] = ["CONTROL", "OBSERVER", "SYSTEM"];

describe("who may do what", () => {
  test("only a power's seat gives orders, proposes, answers, tables, amends and votes (not_a_power)", () => {
    for (const actor of NOT_POWERS) {
      refused(orders, actor, submit, "not_a_power");
      refused(diplomacy, actor, propose, "not_a_power");
      refused(diplomacy, actor, { type: "respond_proposal", id: "P1", accept: true }, "not_a_power");
      refused(diplomacy, actor, table, "not_a_power");
      refused(withDraft, actor, amend, "not_a_power");
      refused(withDraft, actor, vote, "not_a_power");
    }
    // The same inputs from a power are accepted.
    accepted(orders, "US", submit);
    const proposed = accepted(diplomacy, "US", propose);
    const id = proposed.proposals[0]!.id;
    for (const actor of NOT_POWERS)
      refused(proposed, actor, { type: "respond_proposal", id, accept: true }, "not_a_power");
    accepted(proposed, "KP", { type: "respond_proposal", id, accept: true });
    accepted(diplomacy, "CN", table);
    accepted(withDraft, "CN", amend);
    accepted(withDraft, "CN", vote);
  });

  test("only Control or the clock advances phases; only Control injects, adjudicates, overrides (control_only)", () => {
    for (const actor of [...POWERS, "OBSERVER"] as Seat[]) refused(diplomacy, actor, advance, "control_only");
    for (const actor of [...POWERS, "OBSERVER", "SYSTEM"] as Actor[]) {
      refused(diplomacy, actor, injectInput, "control_only");
      refused(diplomacy, actor, adjudicateInput, "control_only");
      refused(diplomacy, actor, overrideInput, "control_only");
    }
    expect(accepted(diplomacy, "SYSTEM", advance).phase).toBe("orders");
    expect(accepted(diplomacy, "CONTROL", advance).phase).toBe("orders");
    accepted(diplomacy, "CONTROL", injectInput);
    accepted(diplomacy, "CONTROL", adjudicateInput);
    accepted(diplomacy, "CONTROL", overrideInput);
  });
});

describe("an ended game refuses every input (game_over)", () => {
  test("the game really is over", () => {
    expect(ended.phase).toBe("ended");
    expect(ended.ending).not.toBeNull();
  });

  test("advance_phase, propose, table, amend and vote: the five checks in step", () => {
    refused(ended, "SYSTEM", advance, "game_over");
    refused(ended, "CONTROL", advance, "game_over");
    refused(ended, "US", propose, "game_over");
    refused(ended, "US", table, "game_over");
    refused(endedWithDraft, "CN", amend, "game_over");
    refused(endedWithDraft, "CN", vote, "game_over");
  });

  test("orders, answers and Control's inputs too", () => {
    refused(ended, "US", submit, "game_over");
    refused(ended, "US", { type: "respond_proposal", id: "P1", accept: true }, "game_over");
    refused(ended, "CONTROL", injectInput, "game_over");
    refused(ended, "CONTROL", adjudicateInput, "game_over");
    refused(ended, "CONTROL", overrideInput, "game_over");
  });
});

describe("phases", () => {
  test("diplomacy → orders keeps the round, copies the events and decides the drafts", () => {
    const voted = POWERS.filter((p) => ["US", "CN", "RU"].includes(p)).reduce(
      (s, p) => accepted(s, p, { type: "vote_un_draft", id: draftId, vote: "yes" }),
      withDraft,
    );
    const next = accepted(voted, "SYSTEM", advance);
    expect(next.phase).toBe("orders");
    expect(next.round).toBe(voted.round);
    expect(next.events).not.toBe(voted.events);
    expect(next.events.length).toBeGreaterThanOrEqual(voted.events.length);
    expect(voted.drafts[0]!.status).toBe("open");
    expect(next.drafts[0]!.status).not.toBe("open");
    // The state advanced from is untouched.
    expect(voted.phase).toBe("diplomacy");
  });

  test("orders → the next round's diplomacy (resolution)", () => {
    const next = accepted(orders, "SYSTEM", advance);
    expect(next.phase).toBe("diplomacy");
    expect(next.round).toBe(orders.round + 1);
  });

  test("orders are refused outside the orders phase, and a power's orders replace only its own", () => {
    refused(diplomacy, "US", submit, "wrong_phase");
    const a = accepted(orders, "US", {
      type: "submit_orders",
      orders: { actions: [{ type: "set_enforcement", announced: 70, target: 60 }] },
    });
    const b = accepted(a, "CN", submit);
    expect(Object.keys(b.orders).sort()).toEqual(["CN", "US"]);
    expect(b.orders.US).toEqual(a.orders.US);
    expect(orders.orders).toEqual({});
  });
});

describe("replay", () => {
  test("reproduces a log and throws on an input that is refused, naming its index and code", () => {
    const log = [
      { actor: "SYSTEM" as Actor, input: advance },
      { actor: "US" as Actor, input: submit },
    ];
    expect(hashOf(replay(diplomacy, log))).toBe(hashOf(accepted(orders, "US", submit)));
    expect(() => replay(diplomacy, [...log, { actor: "OBSERVER", input: advance }])).toThrow(
      "replay: input 2 rejected: control_only",
    );
  });
});

describe("InputSchema bounds", () => {
  const ok = (x: unknown) => InputSchema.safeParse(x).success;
  test("propose: parties 1–4, terms ≤ 10, duration 1–8, template ≤ 40, note ≤ 500, no extra keys", () => {
    const base = { type: "propose", parties: ["CN"], duration: 1 };
    expect(ok(base)).toBe(true);
    expect(ok({ ...base, parties: [] })).toBe(false);
    expect(ok({ ...base, parties: ["CN", "RU", "KP", "KR"] })).toBe(true);
    expect(ok({ ...base, parties: ["CN", "RU", "KP", "KR", "US"] })).toBe(false);
    expect(ok({ ...base, parties: ["XX"] })).toBe(false);
    expect(ok({ ...base, duration: 0 })).toBe(false);
    expect(ok({ ...base, duration: 8 })).toBe(true);
    expect(ok({ ...base, duration: 9 })).toBe(false);
    expect(ok({ ...base, duration: 1.5 })).toBe(false);
    const term = { kind: "no_tests", party: "KP" };
    expect(ok({ ...base, terms: Array(10).fill(term) })).toBe(true);
    expect(ok({ ...base, terms: Array(11).fill(term) })).toBe(false);
    expect(ok({ ...base, terms: [{ ...term, level: 100 }] })).toBe(true);
    expect(ok({ ...base, terms: [{ ...term, level: 101 }] })).toBe(false);
    expect(ok({ ...base, terms: [{ ...term, level: -1 }] })).toBe(false);
    expect(ok({ ...base, terms: [{ ...term, group: "fuel" }] })).toBe(true);
    expect(ok({ ...base, terms: [{ ...term, group: "guns" }] })).toBe(false);
    expect(ok({ ...base, terms: [{ ...term, extra: 1 }] })).toBe(false);
    expect(ok({ ...base, template: "x".repeat(40) })).toBe(true);
    expect(ok({ ...base, template: "x".repeat(41) })).toBe(false);
    expect(ok({ ...base, note: "x".repeat(500) })).toBe(true);
    expect(ok({ ...base, note: "x".repeat(501) })).toBe(false);
    expect(ok({ ...base, extra: 1 })).toBe(false);
  });

  test("respond, table, amend and vote: ids 1–20 characters, levels in range, no extra keys", () => {
    expect(ok({ type: "respond_proposal", id: "P1", accept: true })).toBe(true);
    expect(ok({ type: "respond_proposal", id: "", accept: true })).toBe(false);
    expect(ok({ type: "respond_proposal", id: "x".repeat(20), accept: false })).toBe(true);
    expect(ok({ type: "respond_proposal", id: "x".repeat(21), accept: false })).toBe(false);
    expect(ok({ type: "respond_proposal", id: "P1", accept: true, by: "US" })).toBe(false);
    const tbl = { type: "table_un_draft", groups: ["fuel"], strength: 10 };
    expect(ok(tbl)).toBe(true);
    expect(ok({ ...tbl, strength: 9 })).toBe(false);
    expect(ok({ ...tbl, strength: 100 })).toBe(true);
    expect(ok({ ...tbl, strength: 101 })).toBe(false);
    expect(ok({ ...tbl, groups: [] })).toBe(false);
    expect(ok({ ...tbl, groups: ["fuel", "goods", "labour", "minerals", "textiles_seafood"] })).toBe(true);
    expect(ok({ ...tbl, groups: ["fuel", "goods", "labour", "minerals", "textiles_seafood", "fuel"] })).toBe(
      false,
    );
    expect(ok({ ...tbl, by: "US" })).toBe(false);
    const am = { type: "amend_un_draft", id: "D1", strength: 0 };
    expect(ok(am)).toBe(true);
    expect(ok({ ...am, strength: -1 })).toBe(false);
    expect(ok({ ...am, strength: 100 })).toBe(true);
    expect(ok({ ...am, strength: 101 })).toBe(false);
    expect(ok({ ...am, id: "" })).toBe(false);
    expect(ok({ ...am, by: "CN" })).toBe(false);
    expect(ok({ type: "vote_un_draft", id: "D1", vote: "abstain" })).toBe(true);
    expect(ok({ type: "vote_un_draft", id: "D1", vote: "maybe" })).toBe(false);
    expect(ok({ type: "vote_un_draft", id: "", vote: "yes" })).toBe(false);
    expect(ok({ type: "vote_un_draft", id: "D1", vote: "yes", by: "US" })).toBe(false);
    expect(ok({ type: "advance_phase" })).toBe(true);
    expect(ok({ type: "no_such_input" })).toBe(false);
  });

  test("an input of an unknown type that slips past the schema is refused as bad_shape", () => {
    refused(diplomacy, "US", { type: "no_such_input" } as unknown as Input, "bad_shape");
  });
});
