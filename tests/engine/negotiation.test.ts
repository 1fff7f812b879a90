/** Agreements, the UN (amend, veto) and Control's commands. */
import { describe, expect, test } from "vitest";
import { type Input, newGame, viewFor } from "../../shared/index.js";
import { last, must, play } from "./helpers.js";

/** The US offers North Korea a summit for a test moratorium (3 rounds). */
const NO_TESTS_FOR_A_SUMMIT: Input = {
  type: "propose",
  parties: ["KP"],
  terms: [
    { kind: "no_tests", party: "KP" },
    { kind: "summit", party: "US" },
  ],
  duration: 3,
};

describe("agreements", () => {
  test("all parties accepting makes an agreement; an observable breach is public and costs trust", () => {
    let s = newGame({ gameId: "g", seed: 1 });
    s = must(s, "US", NO_TESTS_FOR_A_SUMMIT);
    const id = s.proposals[0]!.id;
    expect(viewFor(s, "CN").proposals).toEqual([]); // not a party
    s = must(s, "KP", { type: "respond_proposal", id, accept: true });
    expect(s.agreements).toHaveLength(1);
    expect(s.tracks.summits).toContain("KP-US");
    const trust = s.relations["KP-US"];
    s = must(s, "SYSTEM", { type: "advance_phase" });
    s = must(s, "KP", { type: "submit_orders", orders: { actions: [{ type: "missile_test" }] } });
    s = must(s, "SYSTEM", { type: "advance_phase" });
    expect(s.agreements[0]!.status).toBe("broken");
    expect(s.agreements[0]!.brokenBy).toBe("KP");
    expect(s.events.some((e) => e.kind === "agreement_broken" && e.visibleTo === "all")).toBe(true);
    expect(s.relations["KP-US"]).toBeLessThan(trust);
  });

  test("an observable breach costs the breaker breachStanding of standing and the other party breachRelations of trust (less the round's drift back), beyond what the act itself costs", () => {
    const testRound = (agreed: boolean) => {
      let s = newGame({ gameId: "g", seed: 1 });
      if (agreed) {
        s = must(s, "US", NO_TESTS_FOR_A_SUMMIT);
        s = must(s, "KP", { type: "respond_proposal", id: s.proposals[0]!.id, accept: true });
      }
      const before = { standing: s.powers.KP.standing, trust: s.relations["KP-US"] };
      s = must(s, "SYSTEM", { type: "advance_phase" });
      s = must(s, "KP", { type: "submit_orders", orders: { actions: [{ type: "missile_test" }] } });
      s = must(s, "SYSTEM", { type: "advance_phase" });
      return {
        standing: s.powers.KP.standing - before.standing,
        trust: s.relations["KP-US"] - before.trust,
        broken: s.agreements.some((a) => a.status === "broken"),
        rules: s.scenario.rules,
      };
    };
    const breach = testRound(true);
    const plain = testRound(false);
    expect(breach.broken).toBe(true);
    expect(plain.broken).toBe(false);
    expect(breach.rules.breachStanding).toBeGreaterThan(0);
    expect(plain.standing - breach.standing).toBe(breach.rules.breachStanding);
    // Relations then drift back relationsDrift% of the way toward where they started, in the same round.
    const r = breach.rules;
    expect(plain.trust - breach.trust).toBeGreaterThanOrEqual(
      Math.trunc((r.breachRelations * (100 - r.relationsDrift)) / 100),
    );
    expect(plain.trust - breach.trust).toBeLessThanOrEqual(r.breachRelations);
  });

  test("a grand bargain signed by all five ends the game", () => {
    let s = newGame({ gameId: "g", seed: 1 });
    s = must(s, "KR", {
      type: "propose",
      parties: ["US", "CN", "RU", "KP"],
      template: "grand_bargain",
      duration: 4,
    });
    const id = s.proposals[0]!.id;
    for (const p of ["US", "CN", "RU", "KP"] as const)
      s = must(s, p, { type: "respond_proposal", id, accept: true });
    expect(s.phase).toBe("ended");
    expect(s.ending?.reason).toBe("grand_bargain");
    expect(s.ending?.scores?.KR.score).toBeGreaterThan(0);
  });
});

describe("the UN Security Council", () => {
  test("China softens a draft before the vote; it passes at the softened strength", () => {
    let s = newGame({ gameId: "g", seed: 1 });
    s = must(s, "US", { type: "table_un_draft", groups: ["textiles_seafood"], strength: 100 });
    const id = s.drafts[0]!.id;
    s = must(s, "CN", { type: "amend_un_draft", id, strength: 60 });
    s = must(s, "CN", { type: "vote_un_draft", id, vote: "yes" });
    s = must(s, "SYSTEM", { type: "advance_phase" });
    expect(s.drafts[0]!.status).toBe("adopted");
    expect(last(s.sanctions.resolutions).strength).toBe(60);
    expect(s.tracks.adoptedOverRussia).toBe(1); // Russia never said yes
  });

  test("a P5 'no' is a veto", () => {
    let s = newGame({ gameId: "g", seed: 1 });
    s = must(s, "US", { type: "table_un_draft", groups: ["fuel"], strength: 80 });
    s = must(s, "RU", { type: "vote_un_draft", id: s.drafts[0]!.id, vote: "no" });
    const n = s.sanctions.resolutions.length;
    s = must(s, "SYSTEM", { type: "advance_phase" });
    expect(s.drafts[0]!.status).toBe("vetoed");
    expect(s.sanctions.resolutions).toHaveLength(n);
  });
});

describe("Control", () => {
  test("an override needs a reason, is recorded, and is seen by Control only", () => {
    let s = newGame({ gameId: "g", seed: 1 });
    s = must(s, "CONTROL", {
      type: "control_override",
      index: "crisis",
      value: 70,
      reason: "escalation drill",
    });
    expect(s.crisis).toBe(70);
    expect(last(s.control).text).toContain("escalation drill");
    expect(viewFor(s, "US").events.some((e) => e.kind === "override")).toBe(false);
    expect(viewFor(s, "CONTROL").events.some((e) => e.kind === "override")).toBe(true);
  });

  test("injects from the library apply their effects; adjudication rolls with the game's PRNG", () => {
    let s = newGame({ gameId: "g", seed: 1 });
    const crisis = s.crisis;
    s = must(s, "CONTROL", { type: "control_inject", inject: "guam-threat" });
    expect(s.crisis).toBe(crisis + 8);
    const rng = s.rng;
    s = must(s, "CONTROL", {
      type: "control_adjudicate",
      power: "KR",
      title: "Back-channel",
      argument: "",
      strength: 5,
      effects: { relations: { "KP-KR": 10 } },
    });
    expect(s.rng).not.toBe(rng);
    expect(last(s.events).kind).toBe("adjudicated");
  });

  test("every change is explained: the owner sees the cause, others an implied range", () => {
    const run = play(2, (r) => ({
      orders: r === 1 ? { CN: [{ type: "set_enforcement", announced: 90, target: 60, sustain: true }] } : {},
    }));
    const s = run[1]!;
    const cn = viewFor(s, "CN").explanations.find((x) => x.index === "enforcement:CN");
    const paidStep = s.scenario.rules.enforcementStepUp;
    expect(cn?.parts[0]).toMatchObject({ why: "sustained", before: 30, after: 30 + paidStep });
    expect(viewFor(s, "US").explanations.find((x) => x.index === "enforcement:CN")).toBeUndefined();
    // Ore, not coal: China's official coal imports were already nil in mid-2017 (FACTS §2c).
    const ore = viewFor(s, "US").explanations.find((x) => x.index === "flow:kp-cn-ore");
    expect(ore?.parts.some((p) => p.why === "implied" && p.owner === "CN" && p.lo <= p.hi)).toBe(true);
  });
});
