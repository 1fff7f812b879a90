/** Table tests: every kind of illegal input returns its stable code and changes nothing. */
import { describe, expect, test } from "vitest";
import { type Actor, type GameState, hashOf, type Input, newGame } from "../../shared/index.js";
import { must } from "./helpers.js";

const diplomacy = newGame({ gameId: "g", seed: 1 });
const orders = must(diplomacy, "SYSTEM", { type: "advance_phase" });
const sub = (actions: unknown[]): Input => ({ type: "submit_orders", orders: { actions } as never });

describe("illegal inputs → stable codes, state unchanged", () => {
  test.each([
    // Wrong power for the action.
    ["orders", "RU", sub([{ type: "designate", entity: "cn_state_bank" }]), "not_your_action"],
    // An action the catalogue does not know.
    ["orders", "US", sub([{ type: "nuke_moon" }]), "unknown_action"],
    // Over budget: 2 + 2 + 2 > 5.
    [
      "orders",
      "US",
      sub([
        { type: "designate", entity: "cn_state_bank" },
        { type: "designate", entity: "cn_regional_bank" },
        { type: "arms_sale_taiwan" },
      ]),
      "over_budget",
    ],
    // Sustaining a target far above the baseline costs upkeep: 1 + ceil(70/20) + 2 > 5.
    [
      "orders",
      "CN",
      sub([{ type: "set_enforcement", announced: 100, target: 100, sustain: true }, { type: "buffer_aid" }]),
      "over_budget",
    ],
    // Bad targets: yourself, an entity already designated, a node you have not found.
    ["orders", "US", sub([{ type: "summit", target: "US" }]), "bad_target"],
    ["orders", "US", sub([{ type: "designate", entity: "bank_of_dandong" }]), "bad_target"],
    ["orders", "US", sub([{ type: "expose", node: "yellow-sea-sts" }]), "bad_target"],
    // A level out of range.
    ["orders", "CN", sub([{ type: "set_pipeline", level: 101 }]), "bad_level"],
    // Testing while declaring a moratorium.
    [
      "orders",
      "KP",
      sub([{ type: "set_moratorium", on: true }, { type: "missile_test" }]),
      "moratorium_in_force",
    ],
    // Orders in diplomacy; UN drafts in the orders phase.
    ["diplomacy", "CN", sub([]), "wrong_phase"],
    ["orders", "US", { type: "table_un_draft", groups: ["fuel"], strength: 50 }, "wrong_phase"],
    // Only the P5 table; only China and Russia soften; only Control commands.
    ["diplomacy", "KR", { type: "table_un_draft", groups: ["fuel"], strength: 50 }, "not_p5"],
    ["diplomacy", "US", { type: "amend_un_draft", id: "D1", strength: 10 }, "not_amendable"],
    ["diplomacy", "US", { type: "control_inject", inject: "guam-threat" }, "control_only"],
    ["diplomacy", "CONTROL", { type: "control_inject", inject: "no-such" }, "not_found"],
    ["diplomacy", "KP", { type: "advance_phase" }, "control_only"],
    // Proposals: unknown, not a party, bad terms.
    ["diplomacy", "US", { type: "respond_proposal", id: "P99", accept: true }, "not_found"],
    [
      "diplomacy",
      "US",
      { type: "propose", parties: ["CN"], terms: [{ kind: "no_tests", party: "CN" }], duration: 2 },
      "bad_terms",
    ],
    [
      "diplomacy",
      "US",
      { type: "propose", parties: ["CN"], terms: [{ kind: "enforce", party: "RU", level: 50 }], duration: 2 },
      "bad_terms",
    ],
    [
      "diplomacy",
      "OBSERVER",
      { type: "propose", parties: ["CN"], template: "freeze_for_freeze", duration: 2 },
      "not_a_power",
    ],
  ] as [string, Actor, Input, string][])("%s: %s %j → %s", (phase, actor, input, code) => {
    const s: GameState = phase === "orders" ? orders : diplomacy;
    const before = hashOf(s);
    const r = step2(s, actor, input);
    expect(r).toBe(code);
    expect(hashOf(s)).toBe(before);
  });
});

import { step } from "../../shared/index.js";

function step2(s: GameState, actor: Actor, input: Input): string {
  const r = step(s, actor, input);
  return r.ok ? "ok" : r.error.code;
}
