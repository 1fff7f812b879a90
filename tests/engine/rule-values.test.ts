/**
 * Rules whose size matters, checked by value: mutation testing (docs/TESTING.md) showed these
 * rules' arithmetic surviving tests that only checked a direction.
 */
import { expect, test } from "vitest";
import { newGame } from "../../shared/index.js";
import { must } from "./helpers.js";

test("an intelligence operation finds a node with chance detectBase + detectPerIntel × the power's intelligence level (300 seeds, within 10 points)", () => {
  const findShare = (intelBefore: number) => {
    let found = 0;
    const seeds = 300;
    for (let seed = 1; seed <= seeds; seed++) {
      let s = newGame({ gameId: `intel-${seed}`, seed });
      s = { ...s, intel: { ...s.intel, US: intelBefore } };
      s = must(s, "SYSTEM", { type: "advance_phase" });
      s = must(s, "US", {
        type: "submit_orders",
        orders: { actions: [{ type: "intel_op", region: "yellow_sea" }] },
      });
      s = must(s, "SYSTEM", { type: "advance_phase" });
      const node = s.illicit.nodes.find((n) => n.region === "yellow_sea")!;
      if (node.knownBy.includes("US")) found++;
    }
    return (found * 100) / seeds;
  };
  const r = newGame({ gameId: "rules", seed: 1 }).scenario.rules;
  // The operation itself raises the level by one before it looks.
  for (const level of [0, 3]) {
    const expected = Math.min(100, r.detectBase + r.detectPerIntel * Math.min(r.intelMax, level + 1));
    expect(Math.abs(findShare(level) - expected)).toBeLessThanOrEqual(10);
  }
});

test("a financial designation lowers the network's ceiling and the finance channel by exactly the entity's weight that round", () => {
  let s = newGame({ gameId: "designate", seed: 1 });
  const entity = s.scenario.entities.find((e) => e.id === "kp_banks_abroad")!;
  const finance = (x: typeof s) =>
    x.illicit.nodes.filter((n) => n.region === "finance").reduce((n, x) => n + x.capacity, 0);
  const before = { ceiling: s.illicit.ceiling, finance: finance(s) };
  s = must(s, "SYSTEM", { type: "advance_phase" });
  s = must(s, "US", {
    type: "submit_orders",
    orders: { actions: [{ type: "designate", entity: entity.id }] },
  });
  s = must(s, "SYSTEM", { type: "advance_phase" });
  expect(entity.financeWeight).toBeGreaterThan(0);
  expect(s.illicit.ceiling).toBe(before.ceiling - entity.financeWeight);
  expect(finance(s)).toBe(before.finance - entity.financeWeight);
});
