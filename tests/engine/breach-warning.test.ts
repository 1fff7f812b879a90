/**
 * The warning before submit (`ordersBreach`) asks the resolution's own breach rule: orders it flags
 * break the agreement when the round resolves, and orders it lets through do not.
 */
import { describe, expect, test } from "vitest";
import { ordersBreach } from "../../shared/engine/diplomacy.js";
import { newGame } from "../../shared/index.js";
import type { Action } from "../../shared/orders.js";
import type { GameState } from "../../shared/state.js";
import { must } from "./helpers.js";

/** The US and China sign "US designates no new firms or banks" (China's ask in the issue). */
function signed(): GameState {
  let s = newGame({ gameId: "g", seed: 3 });
  s = must(s, "CN", {
    type: "propose",
    parties: ["US"],
    terms: [{ kind: "no_designations", party: "US" }],
    duration: 3,
  });
  s = must(s, "US", { type: "respond_proposal", id: s.proposals[0]!.id, accept: true });
  expect(s.agreements[0]?.status).toBe("active");
  return must(s, "SYSTEM", { type: "advance_phase" });
}

const country = (s: GameState) => (id: string) => s.scenario.entities.find((e) => e.id === id)?.country;

describe("ordersBreach", () => {
  test.each([
    // Designating a Chinese bank is exactly what the US promised not to do.
    {
      name: "designate a Chinese bank",
      actions: [{ type: "designate", entity: "cn_regional_bank" }],
      breaks: true,
    },
    // Other orders leave the promise intact.
    {
      name: "announce enforcement",
      actions: [{ type: "set_enforcement", announced: 80, target: 70 }],
      breaks: false,
    },
  ] as { name: string; actions: Action[]; breaks: boolean }[])(
    "$name: warned = broken at resolution ($breaks)",
    ({ actions, breaks }) => {
      const s = signed();
      const warned = ordersBreach(
        s.agreements,
        "US",
        actions,
        { enforcement: s.enforcement.US, policies: s.policies.US },
        country(s),
      );
      expect(warned.length > 0).toBe(breaks);
      if (breaks) expect(warned[0]!.term.kind).toBe("no_designations");
      let after = must(s, "US", { type: "submit_orders", orders: { actions } });
      after = must(after, "SYSTEM", { type: "advance_phase" });
      expect(after.agreements[0]!.status === "broken").toBe(breaks);
    },
  );

  test("a party's own settings count: a promise to suspend exercises breaks if they stay on", () => {
    let s = newGame({ gameId: "g", seed: 3 });
    s = must(s, "KP", {
      type: "propose",
      parties: ["US"],
      terms: [{ kind: "suspend_exercises", party: "US" }],
      duration: 3,
    });
    s = must(s, "US", { type: "respond_proposal", id: s.proposals[0]!.id, accept: true });
    const own = { enforcement: s.enforcement.US, policies: s.policies.US };
    const on = s.policies.US.exercises;
    expect(ordersBreach(s.agreements, "US", [], own, country(s)).length > 0).toBe(on);
    expect(ordersBreach(s.agreements, "US", [{ type: "set_exercises", on: false }], own, country(s))).toEqual(
      [],
    );
  });
});
