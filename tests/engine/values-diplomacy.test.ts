/**
 * Agreements by value (shared/engine/diplomacy.ts): the breach rule for each kind of term at its
 * boundary, what signing does (relations, crisis, trackers, expiry round), and what step 11 does
 * with a breach, an agreement in force and one that expires. Expected values come from the rule and
 * the scenario's constants, computed here from the inputs the test sets.
 */
import { describe, expect, test } from "vitest";
import { type Ctx, makeCtx, relation } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import {
  type BreachFacts,
  MAX_OPEN_PROPOSALS,
  ordersBreach,
  propose,
  resolveAgreements,
  respond,
  termBreached,
} from "../../shared/engine/diplomacy.js";
import { newGame } from "../../shared/index.js";
import type { Action } from "../../shared/orders.js";
import { byPower, POWERS, type PowerId } from "../../shared/powers.js";
import type { Agreement, GameState, Proposal, Term } from "../../shared/state.js";

const game = () => newGame({ gameId: "values-diplomacy", seed: 1 });
const rules = game().scenario.rules;

/** A resolution context on a fresh game, with `set` applied to the working state first. */
function ctxOf(
  set: (s: GameState) => void = () => {},
  actions: Partial<Record<PowerId, Action[]>> = {},
): Ctx {
  const prev = game();
  const s = copyState(prev);
  s.relations = { ...prev.relations };
  s.pressure = { ...prev.pressure };
  s.intel = { ...prev.intel };
  s.tracks = { ...prev.tracks };
  set(s);
  const ctx = makeCtx(prev, s);
  ctx.actions = byPower((p) => actions[p] ?? []);
  return ctx;
}

/** Facts where nothing happened and every setting is at zero, with overrides. */
function facts(over: Partial<BreachFacts> = {}): BreachFacts {
  return {
    enforcement: () => ({ announced: 0, target: 0, actual: 0 }),
    policies: () => ({
      exercises: false,
      mdConsent: false,
      fuelSales: 0,
      trade: { minerals: 0, textiles_seafood: 0, fuel: 0, labour: 0, goods: 0 },
    }),
    acted: () => false,
    actions: () => [],
    entityCountry: () => undefined,
    ...over,
  };
}
const trade = (goods: number) => ({ minerals: 0, textiles_seafood: 0, fuel: 0, labour: 0, goods });

describe("termBreached: each kind of term at its boundary", () => {
  test("enforce at level 50: breached at actual 49, not at 50 or 51, never when actual is unknown", () => {
    const t: Term = { kind: "enforce", party: "CN", level: 50 };
    const at = (actual: number | undefined) =>
      termBreached(t, facts({ enforcement: () => ({ announced: 0, target: 0, actual }) }));
    expect([at(49), at(50), at(51), at(undefined)]).toEqual([true, false, false, false]);
  });

  test("enforce without a level is level 0: actual 0 is no breach", () => {
    expect(termBreached({ kind: "enforce", party: "CN" }, facts())).toBe(false);
  });

  test("announce at level 40: breached when announced 39, not at 40 or 41 (achieved does not matter)", () => {
    const t: Term = { kind: "announce", party: "RU", level: 40 };
    const at = (announced: number) =>
      termBreached(t, facts({ enforcement: () => ({ announced, target: 0, actual: 0 }) }));
    expect([at(39), at(40), at(41)]).toEqual([true, false, false]);
  });

  test("no_tests: breached by a North Korean missile test or nuclear test, by nothing else", () => {
    const t: Term = { kind: "no_tests", party: "KP" };
    const by = (who: PowerId, type: string) =>
      termBreached(t, facts({ acted: (p, x) => p === who && x === type }));
    expect(by("KP", "missile_test")).toBe(true);
    expect(by("KP", "nuclear_test")).toBe(true);
    expect(by("KP", "cyber_theft")).toBe(false);
    expect(by("US", "missile_test")).toBe(false);
  });

  test("suspend_exercises: breached exactly when the party's exercises are on; unknown policies are no breach", () => {
    const t: Term = { kind: "suspend_exercises", party: "US" };
    const on = (exercises: boolean) =>
      termBreached(
        t,
        facts({ policies: () => ({ exercises, mdConsent: false, fuelSales: 0, trade: trade(0) }) }),
      );
    expect([on(true), on(false)]).toEqual([true, false]);
    expect(termBreached(t, facts({ policies: () => undefined }))).toBe(false);
  });

  test("no_designations: breached by a US designation of a Chinese entity only", () => {
    const t: Term = { kind: "no_designations", party: "US" };
    const designating = (who: PowerId, country: string, type = "designate") =>
      termBreached(
        t,
        facts({
          actions: (p) =>
            p === who ? [type === "designate" ? { type: "designate", entity: "x" } : { type: "fonop" }] : [],
          entityCountry: () => country,
        }),
      );
    expect(designating("US", "CN")).toBe(true);
    expect(designating("US", "KP")).toBe(false);
    expect(designating("US", "CN", "fonop")).toBe(false);
    expect(designating("CN", "CN")).toBe(false);
  });

  test("no_md_deployment: a US deployment breaches the US's term always, South Korea's only with its consent", () => {
    const run = (party: PowerId, deployed: boolean, consent: boolean) =>
      termBreached(
        { kind: "no_md_deployment", party },
        facts({
          acted: (p, x) => deployed && p === "US" && x === "deploy_missile_defence",
          policies: (p) =>
            p === "KR" ? { exercises: false, mdConsent: consent, fuelSales: 0, trade: trade(0) } : undefined,
        }),
      );
    expect(run("US", true, false)).toBe(true);
    expect(run("KR", true, true)).toBe(true);
    expect(run("KR", true, false)).toBe(false);
    expect(run("US", false, true)).toBe(false);
    expect(run("KR", false, true)).toBe(false);
  });

  test("relief at level 30: breached when announced or target is 31, not at 30", () => {
    const t: Term = { kind: "relief", party: "CN", level: 30 };
    const at = (announced: number, target: number) =>
      termBreached(t, facts({ enforcement: () => ({ announced, target, actual: 0 }) }));
    expect(at(30, 30)).toBe(false);
    expect(at(31, 30)).toBe(true);
    expect(at(30, 31)).toBe(true);
    expect(at(29, 29)).toBe(false);
  });

  test("aid: breached unless the party sent humanitarian or buffer aid", () => {
    const t: Term = { kind: "aid", party: "CN" };
    const sent = (type: string | null, who: PowerId = "CN") =>
      termBreached(t, facts({ acted: (p, x) => p === who && x === type }));
    expect(sent(null)).toBe(true);
    expect(sent("humanitarian_aid")).toBe(false);
    expect(sent("buffer_aid")).toBe(false);
    expect(sent("humanitarian_aid", "US")).toBe(true);
  });

  test("engagement at level 50: breached when South Korea's goods trade is 49, not at 50; unknown is no breach", () => {
    const t: Term = { kind: "engagement", party: "KR", level: 50 };
    const at = (goods: number) =>
      termBreached(
        t,
        facts({
          policies: (p) =>
            p === "KR"
              ? { exercises: false, mdConsent: false, fuelSales: 0, trade: trade(goods) }
              : undefined,
        }),
      );
    expect([at(49), at(50), at(51)]).toEqual([true, false, false]);
    expect(termBreached(t, facts({ policies: () => undefined }))).toBe(false);
  });

  test("fuel_cap at level 20: breached when Russia's fuel sales are 21, not at 20", () => {
    const t: Term = { kind: "fuel_cap", party: "RU", level: 20 };
    const at = (fuelSales: number) =>
      termBreached(
        t,
        facts({
          policies: (p) =>
            p === "RU" ? { exercises: false, mdConsent: false, fuelSales, trade: trade(0) } : undefined,
        }),
      );
    expect([at(19), at(20), at(21)]).toEqual([false, false, true]);
    expect(termBreached(t, facts({ policies: () => undefined }))).toBe(false);
  });

  test("trade in goods at level 60: breached when the party's goods level is 59, not at 60; no group is no breach", () => {
    const t: Term = { kind: "trade", party: "CN", level: 60, group: "goods" };
    const at = (goods: number) =>
      termBreached(
        t,
        facts({
          policies: () => ({ exercises: false, mdConsent: false, fuelSales: 0, trade: trade(goods) }),
        }),
      );
    expect([at(59), at(60), at(61)]).toEqual([true, false, false]);
    expect(termBreached({ kind: "trade", party: "CN", level: 60 }, facts())).toBe(false);
    expect(termBreached(t, facts({ policies: () => undefined }))).toBe(false);
  });

  test("summit and recognition terms are never breached", () => {
    const f = facts({ acted: () => true, enforcement: () => ({ announced: 100, target: 100, actual: 0 }) });
    expect(termBreached({ kind: "summit", party: "US", level: 100 }, f)).toBe(false);
    expect(termBreached({ kind: "recognition", party: "US", level: 100 }, f)).toBe(false);
  });
});

describe("ordersBreach: the power's own orders applied to its own settings", () => {
  const agreement = (terms: Term[], parties: PowerId[] = ["CN", "KP", "KR", "RU", "US"]) => [
    { id: "A1", status: "active" as const, parties, terms },
  ];
  const none = () => undefined;

  test("set_enforcement replaces announced and target: announcing 41 breaches a relief term at 40, 40 does not", () => {
    const a = agreement([{ kind: "relief", party: "CN", level: 40 }]);
    const with_ = (announced: number, target: number) =>
      ordersBreach(
        a,
        "CN",
        [{ type: "set_enforcement", announced, target }],
        { enforcement: { announced: 0 } },
        none,
      );
    expect(with_(40, 40)).toEqual([]);
    expect(with_(41, 0)).toEqual([{ agreement: "A1", term: a[0]!.terms[0] }]);
    expect(with_(0, 41)).toHaveLength(1);
  });

  test("the current settings count when no order changes them; a missing target is 0", () => {
    const a = agreement([{ kind: "relief", party: "CN", level: 40 }]);
    expect(ordersBreach(a, "CN", [], { enforcement: { announced: 41 } }, none)).toHaveLength(1);
    expect(ordersBreach(a, "CN", [], { enforcement: { announced: 40 } }, none)).toEqual([]);
    expect(ordersBreach(a, "CN", [], { enforcement: { announced: 0, target: 41 } }, none)).toHaveLength(1);
  });

  test("set_exercises, set_md_consent, set_fuel_sales, set_trade, send_labourers and set_engagement each set their policy", () => {
    const one = (p: PowerId, term: Term, actions: Action[], policies = {}) =>
      ordersBreach(agreement([term]), p, actions, { enforcement: { announced: 0 }, policies }, none).length;
    expect(one("US", { kind: "suspend_exercises", party: "US" }, [{ type: "set_exercises", on: true }])).toBe(
      1,
    );
    expect(
      one("US", { kind: "suspend_exercises", party: "US" }, [{ type: "set_exercises", on: false }], {
        exercises: true,
      }),
    ).toBe(0);
    expect(one("US", { kind: "suspend_exercises", party: "US" }, [], { exercises: true })).toBe(1);
    expect(
      one("RU", { kind: "fuel_cap", party: "RU", level: 20 }, [{ type: "set_fuel_sales", level: 21 }]),
    ).toBe(1);
    expect(
      one("RU", { kind: "fuel_cap", party: "RU", level: 20 }, [{ type: "set_fuel_sales", level: 20 }]),
    ).toBe(0);
    expect(one("RU", { kind: "fuel_cap", party: "RU", level: 20 }, [], { fuelSales: 21 })).toBe(1);
    const goods: Term = { kind: "trade", party: "CN", level: 50, group: "goods" };
    expect(one("CN", goods, [{ type: "set_trade", commodityGroup: "goods", level: 49 }])).toBe(1);
    expect(one("CN", goods, [{ type: "set_trade", commodityGroup: "goods", level: 50 }])).toBe(0);
    expect(
      one("CN", goods, [{ type: "set_trade", commodityGroup: "fuel", level: 0 }], { trade: trade(50) }),
    ).toBe(0);
    const labour: Term = { kind: "trade", party: "RU", level: 30, group: "labour" };
    expect(one("RU", labour, [{ type: "send_labourers", level: 29 }])).toBe(1);
    expect(one("RU", labour, [{ type: "send_labourers", level: 30 }])).toBe(0);
    const engage: Term = { kind: "engagement", party: "KR", level: 50 };
    expect(one("KR", engage, [{ type: "set_engagement", level: 49 }], { trade: trade(100) })).toBe(1);
    expect(one("KR", engage, [{ type: "set_engagement", level: 50 }], { trade: trade(0) })).toBe(0);
    const md: Term = { kind: "no_md_deployment", party: "KR" };
    expect(one("KR", md, [{ type: "set_md_consent", on: true }])).toBe(0); // KR's consent alone deploys nothing
  });

  test("only the power's own terms in active agreements it is party to; enforce terms are never answered", () => {
    const relief: Term = { kind: "relief", party: "CN", level: 0 };
    const own = { enforcement: { announced: 10 } };
    expect(ordersBreach(agreement([relief]), "CN", [], own, none)).toHaveLength(1);
    expect(ordersBreach([{ ...agreement([relief])[0]!, status: "broken" }], "CN", [], own, none)).toEqual([]);
    expect(ordersBreach(agreement([relief], ["US", "RU"]), "CN", [], own, none)).toEqual([]);
    expect(ordersBreach(agreement([{ ...relief, party: "RU" }]), "CN", [], own, none)).toEqual([]);
    expect(
      ordersBreach(agreement([{ kind: "enforce", party: "CN", level: 90 }]), "CN", [], own, none),
    ).toEqual([]);
  });

  test("no_tests is answered for North Korea and no_designations for the US from their own orders", () => {
    const a = agreement([
      { kind: "no_tests", party: "KP" },
      { kind: "no_designations", party: "US" },
    ]);
    expect(
      ordersBreach(a, "KP", [{ type: "missile_test" }], { enforcement: { announced: 0 } }, () => "CN"),
    ).toEqual([{ agreement: "A1", term: { kind: "no_tests", party: "KP" } }]);
    expect(
      ordersBreach(
        a,
        "US",
        [{ type: "designate", entity: "e" }],
        { enforcement: { announced: 0 } },
        () => "CN",
      ),
    ).toEqual([{ agreement: "A1", term: { kind: "no_designations", party: "US" } }]);
    expect(
      ordersBreach(
        a,
        "US",
        [{ type: "designate", entity: "e" }],
        { enforcement: { announced: 0 } },
        () => "KP",
      ),
    ).toEqual([]);
  });
});

describe("ordersBreach: terms decided by the power's own acts", () => {
  const a = (terms: Term[]) => [{ id: "A1", status: "active" as const, parties: POWERS.slice(), terms }];
  const none = () => undefined;
  const own = { enforcement: { announced: 0 } };

  test("an aid term is breached by orders without aid, kept by humanitarian aid among other orders", () => {
    const aid = a([{ kind: "aid", party: "CN" }]);
    expect(ordersBreach(aid, "CN", [{ type: "scs_patrol" }], own, none)).toHaveLength(1);
    expect(
      ordersBreach(aid, "CN", [{ type: "scs_patrol" }, { type: "humanitarian_aid" }], own, none),
    ).toEqual([]);
  });

  test("another party's aid term is not the power's to answer, even when that party sends nothing", () => {
    expect(ordersBreach(a([{ kind: "aid", party: "RU" }]), "CN", [], own, none)).toEqual([]);
  });

  test("exercises count as off when the power's settings do not say", () => {
    expect(ordersBreach(a([{ kind: "suspend_exercises", party: "US" }]), "US", [], own, none)).toEqual([]);
  });

  test("an order that sets no trade leaves South Korea's trade levels as they are", () => {
    const engage = a([{ kind: "engagement", party: "KR", level: 50 }]);
    const low = { enforcement: { announced: 0 }, policies: { trade: trade(0) } };
    expect(ordersBreach(engage, "KR", [{ type: "strengthen_defences" }], low, none)).toHaveLength(1);
  });
});

describe("termBreached: South Korea's consent unknown", () => {
  test("a deployment with South Korea's policies unknown does not breach South Korea's term", () => {
    const f = facts({
      acted: (p, x) => p === "US" && x === "deploy_missile_defence",
      policies: () => undefined,
    });
    expect(termBreached({ kind: "no_md_deployment", party: "KR" }, f)).toBe(false);
  });
});

describe("proposing and signing", () => {
  test(`a power may hold ${MAX_OPEN_PROPOSALS} open proposals: the one after that is refused, and one decided frees a place`, () => {
    let s = game();
    const args = {
      parties: ["CN"] as PowerId[],
      terms: [{ kind: "summit", party: "US" } as Term],
      duration: 2,
    };
    for (let i = 0; i < MAX_OPEN_PROPOSALS; i++) {
      const r = propose(s, "US", args);
      expect(r.ok).toBe(true);
      if (r.ok) s = r.value;
    }
    const over = propose(s, "US", args);
    expect(over.ok ? "ok" : over.error.code).toBe("rate_limited");
    expect(propose(s, "CN", { ...args, parties: ["US"], terms: [{ kind: "summit", party: "CN" }] }).ok).toBe(
      true,
    );
    const rejected = respond(s, "CN", s.proposals[0]!.id, false);
    expect(rejected.ok).toBe(true);
    if (rejected.ok) expect(propose(rejected.value, "US", args).ok).toBe(true);
  });

  test("a template's terms come first, then the proposal's own", () => {
    const r = propose(game(), "US", {
      parties: ["KP", "KR"],
      template: "freeze_for_freeze",
      terms: [{ kind: "summit", party: "US" }],
      duration: 2,
    });
    if (!r.ok) throw new Error(r.error.code);
    const p = r.value.proposals.at(-1)!;
    expect(p.terms.map((t) => t.kind)).toEqual([
      ...r.value.scenario.templates.freeze_for_freeze!.map((t) => t.kind),
      "summit",
    ]);
    // Parties are listed in the order of POWERS, whoever proposed.
    expect(p.parties).toEqual(POWERS.filter((x) => ["US", "KP", "KR"].includes(x)));
  });

  test("a proposal stays open until the last party accepts; each party's acceptance is recorded", () => {
    let s = game();
    const r = propose(s, "US", {
      parties: ["CN", "RU"],
      terms: [{ kind: "summit", party: "US" }],
      duration: 2,
    });
    if (!r.ok) throw new Error(r.error.code);
    s = r.value;
    const id = s.proposals.at(-1)!.id;
    const r1 = respond(s, "CN", id, true);
    if (!r1.ok) throw new Error(r1.error.code);
    expect(r1.value.proposals.at(-1)!.status).toBe("open");
    expect(r1.value.proposals.at(-1)!.accepted).toEqual(["US", "CN"]);
    expect(r1.value.agreements).toHaveLength(s.agreements.length);
    const r2 = respond(r1.value, "RU", id, true);
    if (!r2.ok) throw new Error(r2.error.code);
    expect(r2.value.proposals.at(-1)!.status).toBe("accepted");
    expect(r2.value.agreements).toHaveLength(s.agreements.length + 1);
  });

  test("a power that is not a party cannot answer a proposal (not_party), and the proposal is unchanged", () => {
    const r = propose(game(), "US", {
      parties: ["CN"],
      terms: [{ kind: "summit", party: "US" }],
      duration: 2,
    });
    if (!r.ok) throw new Error(r.error.code);
    const id = r.value.proposals.at(-1)!.id;
    for (const outsider of ["RU", "KP", "KR"] as const)
      for (const accept of [true, false]) {
        const a = respond(r.value, outsider, id, accept);
        expect(a.ok ? "accepted" : a.error.code).toBe("not_party");
      }
    expect(r.value.proposals.at(-1)!.accepted).toEqual(["US"]);
  });

  /** Proposes and has every other party accept; returns the state before and after signing. */
  function signed(
    from: PowerId,
    parties: PowerId[],
    terms: Term[],
    duration: number,
    set?: (s: GameState) => void,
  ) {
    let s = game();
    if (set) {
      s = copyState(s);
      set(s);
    }
    const r = propose(s, from, { parties, terms, duration });
    if (!r.ok) throw new Error(r.error.code);
    let t = r.value;
    const before = t;
    const id = t.proposals.at(-1)!.id;
    for (const p of t.proposals.at(-1)!.parties)
      if (p !== from) {
        const x = respond(t, p, id, true);
        if (!x.ok) throw new Error(x.error.code);
        t = x.value;
      }
    return { before, after: t, agreement: t.agreements.at(-1)! };
  }

  test("signing raises every pair of parties' relations by 5, lowers the crisis by 3 and counts the agreement for each party", () => {
    const { before, after, agreement } = signed(
      "US",
      ["CN", "RU"],
      [{ kind: "summit", party: "US" }],
      3,
      (s) => {
        s.crisis = 50;
        s.relations = { ...s.relations, "CN-US": 0, "RU-US": 0, "CN-RU": 0 };
      },
    );
    for (const [a, b] of [
      ["US", "CN"],
      ["US", "RU"],
      ["CN", "RU"],
    ] as const)
      expect(relation(after, a, b)).toBe(relation(before, a, b) + 5);
    expect(relation(after, "US", "KP")).toBe(relation(before, "US", "KP"));
    expect(after.crisis).toBe(50 - 3);
    for (const p of ["US", "CN", "RU"] as const)
      expect(after.tracks.agreementsJoined[p]).toBe(before.tracks.agreementsJoined[p] + 1);
    expect(after.tracks.agreementsJoined.KP).toBe(before.tracks.agreementsJoined.KP);
    expect(agreement.start).toBe(before.round);
    expect(agreement.expires).toBe(before.round + 3 - 1);
    expect(agreement.status).toBe("active");
    expect(agreement.grandBargain).toBe(false);
    const ev = after.events.at(-1)!;
    expect(ev).toMatchObject({
      kind: "agreement_signed",
      data: { id: agreement.id, parties: "US,CN,RU" },
      extra: { parties: "US, CN, RU", terms: "summit", duration: 3 },
      visibleTo: "all",
    });
  });

  test("signing at crisis 2 leaves it at 0 (clamped), not below", () => {
    const { after } = signed("US", ["CN"], [{ kind: "summit", party: "US" }], 1, (s) => {
      s.crisis = 2;
    });
    expect(after.crisis).toBe(0);
  });

  test("trackers: KP+KR counts an inter-Korean agreement; KP+US is a US–KP deal, with KR in it only if KR is a party", () => {
    const kpKr = signed("KR", ["KP"], [{ kind: "summit", party: "KR" }], 1);
    expect(kpKr.after.tracks.interKoreanAgreements).toBe(kpKr.before.tracks.interKoreanAgreements + 1);
    expect(kpKr.after.tracks.usKpDeal).toBe(kpKr.before.tracks.usKpDeal);
    const usKp = signed("US", ["KP"], [{ kind: "summit", party: "US" }], 1);
    expect(usKp.after.tracks.usKpDeal).toBe(true);
    expect(usKp.after.tracks.krInUsKpDeal).toBe(usKp.before.tracks.krInUsKpDeal);
    expect(usKp.after.tracks.interKoreanAgreements).toBe(usKp.before.tracks.interKoreanAgreements);
    const three = signed("US", ["KP", "KR"], [{ kind: "summit", party: "US" }], 1);
    expect(three.after.tracks.krInUsKpDeal).toBe(true);
    const usKr = signed("US", ["KR"], [{ kind: "summit", party: "US" }], 1);
    expect(usKr.after.tracks.usKpDeal).toBe(usKr.before.tracks.usKpDeal);
    expect(usKr.after.tracks.interKoreanAgreements).toBe(usKr.before.tracks.interKoreanAgreements);
  });

  test("a summit term records every pair of parties once; recognition and relief set their trackers; other terms set none", () => {
    const s = signed("US", ["CN", "RU"], [{ kind: "summit", party: "US" }], 1);
    const pairs = ["CN-US", "RU-US", "CN-RU"].filter((k) => !s.before.tracks.summits.includes(k as never));
    for (const k of pairs) expect(s.after.tracks.summits.filter((x) => x === k)).toHaveLength(1);
    expect(new Set(s.after.tracks.summits).size).toBe(s.after.tracks.summits.length);
    const again = signed(
      "US",
      ["CN"],
      [
        { kind: "summit", party: "US" },
        { kind: "summit", party: "CN" },
      ],
      1,
    );
    expect(new Set(again.after.tracks.summits).size).toBe(again.after.tracks.summits.length);
    const rec = signed("US", ["KP"], [{ kind: "recognition", party: "US" }], 1);
    expect(rec.after.tracks.recognition).toBe(true);
    expect(rec.after.tracks.relief).toBe(rec.before.tracks.relief);
    const rel = signed("US", ["KP"], [{ kind: "relief", party: "US", level: 50 }], 1);
    expect(rel.after.tracks.relief).toBe(true);
    expect(rel.after.tracks.recognition).toBe(rel.before.tracks.recognition);
    const plain = signed("US", ["KP"], [{ kind: "aid", party: "US" }], 1);
    expect(plain.after.tracks.summits).toEqual(plain.before.tracks.summits);
  });

  const all: PowerId[] = ["CN", "RU", "KP", "KR"];
  const grandTerms = (last: Term): Term[] => [
    { kind: "no_tests", party: "KP" },
    { kind: "relief", party: "US", level: 40 },
    { kind: "suspend_exercises", party: "US" },
    last,
  ];
  test("a grand bargain (all five, no tests, relief, suspended exercises, a summit or recognition) ends the game", () => {
    const summit = signed("US", all, grandTerms({ kind: "summit", party: "US" }), 2);
    expect(summit.agreement.grandBargain).toBe(true);
    expect(summit.after.phase).toBe("ended");
    expect(summit.after.ending).toMatchObject({ reason: "grand_bargain", round: summit.before.round });
    expect(summit.after.events.find((e) => e.kind === "agreement_signed")?.extra).toEqual({ grand: 1 });
    const rec = signed("US", all, grandTerms({ kind: "recognition", party: "US" }), 2);
    expect(rec.agreement.grandBargain).toBe(true);
  });

  test("without any one of its parts it is an ordinary agreement and the game goes on", () => {
    const full = grandTerms({ kind: "summit", party: "US" });
    for (let i = 0; i < full.length; i++) {
      const terms = full.filter((_, j) => j !== i);
      const s = signed("US", all, [...terms, { kind: "aid", party: "US" }], 2);
      expect(s.agreement.grandBargain, `without ${full[i]!.kind}`).toBe(false);
      expect(s.after.phase).not.toBe("ended");
    }
    const four = signed("US", ["CN", "RU", "KP"], full, 2);
    expect(four.agreement.grandBargain).toBe(false);
  });
});

describe("proposal, answer and agreement bookkeeping", () => {
  const propose1 = (state: GameState, from: PowerId, parties: PowerId[], terms: Term[], note?: string) => {
    const r = propose(state, from, { parties, terms, duration: 2, ...(note ? { note } : {}) });
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };

  test("a proposal lists its parties once each in the order of POWERS, is numbered from seq, and tells only its parties", () => {
    const s = game();
    const next = propose1(s, "KR", ["US", "KR", "US", "CN"], [{ kind: "summit", party: "KR" }], "a note");
    const p = next.proposals.at(-1)!;
    expect(p).toMatchObject({
      id: `P${s.seq}`,
      from: "KR",
      parties: ["US", "CN", "KR"],
      accepted: ["KR"],
      status: "open",
      note: "a note",
    });
    expect(next.seq).toBe(s.seq + 1);
    expect(next.proposals).toHaveLength(s.proposals.length + 1);
    expect(next.events).toHaveLength(s.events.length + 1);
    expect(next.events.at(-1)).toEqual({
      round: s.round,
      kind: "proposal",
      data: { id: p.id, from: "KR" },
      extra: { to: "US, CN" },
      visibleTo: ["US", "CN", "KR"],
    });
    const plain = propose1(s, "KR", ["US"], [{ kind: "summit", party: "KR" }]);
    expect("note" in plain.proposals.at(-1)!).toBe(false);
  });

  test("a refusal marks the proposal rejected with the reason, tells its parties, and leaves the other proposals alone", () => {
    let s = propose1(game(), "US", ["CN"], [{ kind: "summit", party: "US" }]);
    s = propose1(s, "RU", ["CN"], [{ kind: "summit", party: "RU" }]);
    const id = s.proposals.at(-1)!.id;
    const r = respond(s, "CN", id, false, { why: "too_little" });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.proposals.map((p) => p.status)).toEqual(
      s.proposals.map((p) => (p.id === id ? "rejected" : p.status)),
    );
    expect(r.value.proposals.at(-1)!.reasons).toEqual({ CN: { why: "too_little" } });
    expect(r.value.proposals.at(-2)).toEqual(s.proposals.at(-2));
    expect(r.value.events).toHaveLength(s.events.length + 1);
    expect(r.value.events.at(-1)).toEqual({
      round: s.round,
      kind: "proposal_rejected",
      data: { id, by: "CN" },
      visibleTo: ["CN", "RU"],
    });
  });

  /** A game where North Korea and the US have already met (so the summit list is not empty). */
  const withSummit = () => {
    const g = copyState(game());
    g.tracks = { ...g.tracks, summits: ["KP-US"] };
    return g;
  };

  test("signing numbers the agreement from seq, keeps the earlier events and summits, and moves only the parties' relations", () => {
    let s = propose1(
      withSummit(),
      "US",
      ["CN", "KR"],
      [
        { kind: "summit", party: "US" },
        { kind: "aid", party: "CN" },
      ],
    );
    const id = s.proposals.at(-1)!.id;
    const before = s;
    for (const p of ["CN", "KR"] as const) {
      const r = respond(s, p, id, true);
      if (!r.ok) throw new Error(r.error.code);
      s = r.value;
    }
    expect(s.agreements.at(-1)!.id).toBe(`A${before.seq}`);
    expect(s.seq).toBe(before.seq + 1);
    expect(s.events.slice(0, before.events.length)).toEqual(before.events);
    expect(s.events).toHaveLength(before.events.length + 1);
    expect(s.events.at(-1)!.extra).toMatchObject({ terms: "summit, aid" });
    const pairs = ["CN-US", "KR-US", "CN-KR"] as const;
    expect(s.tracks.summits).toEqual([
      ...before.tracks.summits,
      ...pairs.filter((k) => !before.tracks.summits.includes(k)),
    ]);
    const expected = { ...before.relations };
    for (const k of pairs) expected[k] = Math.min(100, before.relations[k] + 5);
    expect(s.relations).toEqual(expected);
  });
});

describe("step 11: breaches, agreements in force, expiry", () => {
  const agreementOf = (terms: Term[], parties: PowerId[], expires = 9, id = "A9"): Agreement => ({
    id,
    parties,
    terms,
    start: 1,
    expires,
    status: "active",
    grandBargain: false,
  });

  test("an enforcement shortfall of 15 points is seen: the agreement breaks, costing relations and standing", () => {
    const ctx = ctxOf((s) => {
      s.enforcement.CN.actual = 35;
      s.powers.CN.standing = 50;
      s.relations = { ...s.relations, "CN-US": 0, "CN-RU": 0, "RU-US": 0 };
      s.agreements = [agreementOf([{ kind: "enforce", party: "CN", level: 50 }], ["US", "CN", "RU"])];
      s.crisis = 50;
    });
    const pressure = ctx.s.pressure.CN;
    resolveAgreements(ctx);
    const a = ctx.s.agreements[0]!;
    expect(a.status).toBe("broken");
    expect(a.brokenBy).toBe("CN");
    expect(relation(ctx.s, "US", "CN")).toBe(-rules.breachRelations);
    expect(relation(ctx.s, "RU", "CN")).toBe(-rules.breachRelations);
    expect(relation(ctx.s, "US", "RU")).toBe(0);
    expect(ctx.s.powers.CN.standing).toBe(50 - rules.breachStanding);
    expect(ctx.s.pressure.CN).toBe(pressure); // a broken agreement adds no pressure
    expect(ctx.s.crisis).toBe(50); // and is not in force
    expect(ctx.events.filter((e) => e.kind === "agreement_broken").map((e) => [e.data, e.visibleTo])).toEqual(
      [[{ id: "A9", by: "CN", term: "enforce" }, "all"]],
    );
  });

  test("step 11 works on copies: the agreement object it was given is left as it was", () => {
    let original: Agreement | undefined;
    const ctx = ctxOf((s) => {
      s.policies.US.exercises = true;
      original = agreementOf([{ kind: "suspend_exercises", party: "US" }], ["US", "KR"]);
      s.agreements = [original];
    });
    resolveAgreements(ctx);
    expect(ctx.s.agreements[0]!.status).toBe("broken");
    expect(original!.status).toBe("active");
    expect(original!.brokenBy).toBeUndefined();
  });

  test("a North Korean test this round breaks a no-tests term in the resolution", () => {
    const ctx = ctxOf(
      (s) => {
        s.agreements = [agreementOf([{ kind: "no_tests", party: "KP" }], ["US", "KP"])];
      },
      { KP: [{ type: "missile_test" }] },
    );
    resolveAgreements(ctx);
    expect(ctx.s.agreements[0]!.brokenBy).toBe("KP");
  });

  test("a US designation breaks a no-designations term in the resolution only when the entity is Chinese", () => {
    const sc = game().scenario;
    const cn = sc.entities.find((e) => e.country === "CN")!;
    const other = sc.entities.find((e) => e.country !== "CN")!;
    const run = (entity: string) => {
      const ctx = ctxOf(
        (s) => {
          s.agreements = [agreementOf([{ kind: "no_designations", party: "US" }], ["US", "CN"])];
        },
        { US: [{ type: "designate", entity }] },
      );
      resolveAgreements(ctx);
      return ctx.s.agreements[0]!.status;
    };
    expect(run(cn.id)).toBe("broken");
    expect(run(other.id)).toBe("active");
    expect(run("no-such-entity")).toBe("active");
  });

  test("a shortfall of 14 points is unseen: the agreement stays in force; only the breaker and parties with intelligence ≥ 2 learn of it", () => {
    const ctx = ctxOf((s) => {
      s.enforcement.CN.actual = 36;
      s.intel = { ...s.intel, US: 2, RU: 1, CN: 0 };
      s.agreements = [agreementOf([{ kind: "enforce", party: "CN", level: 50 }], ["US", "CN", "RU"])];
    });
    resolveAgreements(ctx);
    expect(ctx.s.agreements[0]!.status).toBe("active");
    const unseen = ctx.events.filter((e) => e.kind === "breach_unseen");
    expect(unseen).toHaveLength(1);
    expect(unseen[0]!.visibleTo).toEqual(["US", "CN"]);
    expect(unseen[0]!.extra).toEqual({ party: "CN", term: "enforce" });
    expect(unseen[0]!.data).toEqual({ id: "A9" });
  });

  test("an off-book fuel breach is never public, however large", () => {
    const ctx = ctxOf((s) => {
      s.policies.RU.fuelSales = 100;
      s.agreements = [agreementOf([{ kind: "fuel_cap", party: "RU", level: 0 }], ["US", "RU"])];
    });
    resolveAgreements(ctx);
    expect(ctx.s.agreements[0]!.status).toBe("active");
    expect(ctx.events.map((e) => e.kind)).toContain("breach_unseen");
  });

  test("the first seen breach names the breaker: of two breached terms the earlier one counts", () => {
    const ctx = ctxOf((s) => {
      s.policies.US.exercises = true;
      s.policies.KR.exercises = true;
      s.agreements = [
        agreementOf(
          [
            { kind: "suspend_exercises", party: "KR" },
            { kind: "suspend_exercises", party: "US" },
          ],
          ["US", "KR"],
        ),
      ];
    });
    const standingUS = ctx.s.powers.US.standing;
    resolveAgreements(ctx);
    expect(ctx.s.agreements[0]!.brokenBy).toBe("KR");
    expect(ctx.s.powers.US.standing).toBe(standingUS);
  });

  test("standing 3 minus the breach cost stops at 0", () => {
    const ctx = ctxOf((s) => {
      s.powers.US.standing = rules.breachStanding - 2;
      s.policies.US.exercises = true;
      s.agreements = [agreementOf([{ kind: "suspend_exercises", party: "US" }], ["US", "KR"])];
    });
    resolveAgreements(ctx);
    expect(ctx.s.powers.US.standing).toBe(0);
  });

  test("an enforce term in force adds 8 pressure to its party", () => {
    const ctx = ctxOf((s) => {
      s.enforcement.CN.actual = 60;
      s.pressure = { ...s.pressure, CN: 10, US: 10 };
      s.agreements = [
        agreementOf(
          [
            { kind: "enforce", party: "CN", level: 50 },
            { kind: "announce", party: "US", level: 0 },
          ],
          ["US", "CN"],
        ),
      ];
    });
    resolveAgreements(ctx);
    expect(ctx.s.pressure.CN).toBe(18);
    expect(ctx.s.pressure.US).toBe(10);
  });

  test("agreements in force ease the crisis by one each, four at most (1 → −1, 4 → −4, 5 → −4)", () => {
    for (const [n, drop] of [
      [1, 1],
      [4, 4],
      [5, 4],
    ] as const) {
      const ctx = ctxOf((s) => {
        s.crisis = 50;
        s.agreements = Array.from({ length: n }, (_, i) =>
          agreementOf([{ kind: "summit", party: "US" }], ["US", "CN"], 9, `A${i}`),
        );
      });
      resolveAgreements(ctx);
      expect(ctx.s.crisis, `${n} in force`).toBe(50 - drop);
    }
    const none = ctxOf((s) => {
      s.crisis = 50;
      s.agreements = [];
    });
    resolveAgreements(none);
    expect(none.s.crisis).toBe(50);
    expect(none.crisisParts).toEqual([]);
  });

  test("an agreement expires in its last round, not before, and its parties' relations rise by 3 each pair", () => {
    const at = (expires: number) => {
      const ctx = ctxOf((s) => {
        s.round = 4;
        s.relations = { ...s.relations, "CN-US": 0, "KR-US": 0, "CN-KR": 0 };
        s.agreements = [agreementOf([{ kind: "summit", party: "US" }], ["US", "CN", "KR"], expires)];
      });
      resolveAgreements(ctx);
      return ctx;
    };
    const last = at(4);
    expect(last.s.agreements[0]!.status).toBe("expired");
    // Exactly those three pairs move, and no other key appears in the relations.
    expect(last.s.relations).toEqual({ ...last.prev.relations, "CN-US": 3, "KR-US": 3, "CN-KR": 3 });
    expect(last.events.filter((e) => e.kind === "agreement_expired").map((e) => e.data)).toEqual([
      { id: "A9" },
    ]);
    const past = at(3);
    expect(past.s.agreements[0]!.status).toBe("expired");
    const next = at(5);
    expect(next.s.agreements[0]!.status).toBe("active");
    expect(relation(next.s, "US", "CN")).toBe(0);
  });

  test("agreements already broken or expired are left alone", () => {
    const ctx = ctxOf((s) => {
      s.crisis = 50;
      s.policies.US.exercises = true;
      s.agreements = [
        { ...agreementOf([{ kind: "suspend_exercises", party: "US" }], ["US", "KR"], 0), status: "expired" },
      ];
    });
    const standing = ctx.s.powers.US.standing;
    resolveAgreements(ctx);
    expect(ctx.s.agreements[0]!.status).toBe("expired");
    expect(ctx.s.powers.US.standing).toBe(standing);
    expect(ctx.s.crisis).toBe(50);
  });

  test("proposals from two rounds back are dropped; last round's and this round's stay, the open ones marked expired", () => {
    const p = (id: string, round: number, status: Proposal["status"]): Proposal => ({
      id,
      from: "US",
      parties: ["US", "CN"],
      terms: [{ kind: "summit", party: "US" }],
      duration: 1,
      round,
      accepted: ["US"],
      status,
    });
    const ctx = ctxOf((s) => {
      s.round = 5;
      s.agreements = [];
      s.proposals = [p("old", 3, "open"), p("last", 4, "open"), p("now", 5, "rejected")];
    });
    resolveAgreements(ctx);
    expect(ctx.s.proposals.map((x) => [x.id, x.status])).toEqual([
      ["last", "expired"],
      ["now", "rejected"],
    ]);
  });
});
