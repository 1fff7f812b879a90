/**
 * Diplomatic and economic moves, designations and standing policies by value
 * (shared/engine/moves.ts): each rule's change computed from the catalogue's numbers in the
 * scenario, applied to a small state through the resolution step that owns it.
 */
import { describe, expect, test } from "vitest";
import { makeCtx } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import {
  resolveDiplomaticMoves,
  resolveSanctions,
  resolveStandingEffects,
  resolveTensionMoves,
} from "../../shared/engine/moves.js";
import {
  type Action,
  type ByPower,
  byPower,
  catalogueOf,
  type GameState,
  newGame,
  type PowerId,
} from "../../shared/index.js";

const base = newGame({ gameId: "values-moves", seed: 1 });
const cat = catalogueOf(base.scenario);
const rel = (s: GameState, a: PowerId, b: PowerId) =>
  s.relations[[a, b].sort().join("-") as keyof GameState["relations"]];

/** A resolution context over a copy of `s` with these actions (no other power acts). */
function ctxFor(actions: Partial<ByPower<Action[]>>, s: GameState = base) {
  const ctx = makeCtx(s, copyState(s));
  ctx.actions = byPower((p) => actions[p] ?? []);
  return ctx;
}

/** The state with a middle value in every index the moves change, so no clamp hides a change. */
const mid: GameState = (() => {
  const s = copyState(base);
  s.tension = 50;
  s.crisis = 50;
  for (const k of Object.keys(s.relations) as (keyof GameState["relations"])[]) s.relations[k] = 0;
  for (const p of ["US", "CN", "RU", "KP", "KR"] as const) {
    s.powers[p].economy = 100;
    s.pressure[p] = 50;
  }
  return s;
})();

describe("diplomatic moves", () => {
  test("a statement is published as an event with its text", () => {
    const ctx = ctxFor({ KR: [{ type: "statement", text: "We call for calm." } as Action] });
    resolveDiplomaticMoves(ctx);
    const e = ctx.events.find((x) => x.kind === "statement")!;
    expect(e.data).toEqual({ power: "KR" });
    expect(e.extra).toEqual({ text: "We call for calm." });
    expect(e.visibleTo).toBe("all");
  });

  test("hosting talks marks Russia as host and recognition marks recognition, each with its event", () => {
    const ctx = ctxFor({ RU: [{ type: "host_talks" }], US: [{ type: "recognise_nuclear_state" }] });
    expect(ctx.s.tracks.ruHosted).toBe(false);
    expect(ctx.s.tracks.recognition).toBe(false);
    resolveDiplomaticMoves(ctx);
    expect(ctx.s.tracks.ruHosted).toBe(true);
    expect(ctx.s.tracks.recognition).toBe(true);
    expect(ctx.events.map((e) => [e.kind, e.data.power])).toEqual(
      expect.arrayContaining([
        ["host_talks", "RU"],
        ["recognise_nuclear_state", "US"],
      ]),
    );
  });

  test.each([
    "humanitarian_aid",
    "buffer_aid",
    "host_talks",
    "propose_mediation",
    "recognise_nuclear_state",
    "ease_russia_sanctions",
    "engage_china",
  ] as const)("%s is announced under its own kind with the power that took it", (type) => {
    const p = cat[type].powers[0]!;
    const ctx = ctxFor({ [p]: [{ type } as Action] }, mid);
    resolveDiplomaticMoves(ctx);
    expect(ctx.events.filter((e) => e.kind === type).map((e) => e.data)).toEqual([{ power: p }]);
  });

  test("another simple move sets neither track", () => {
    const ctx = ctxFor({ RU: [{ type: "propose_mediation" }] });
    resolveDiplomaticMoves(ctx);
    expect(ctx.s.tracks.ruHosted).toBe(false);
    expect(ctx.s.tracks.recognition).toBe(false);
    expect(ctx.events.some((e) => e.kind === "propose_mediation")).toBe(true);
  });

  test("retaliation against South Korea costs it krEconomy and records it; the US is untouched", () => {
    const n = cat.retaliate.numbers;
    const ctx = ctxFor({ CN: [{ type: "retaliate", target: "KR" }] }, mid);
    resolveDiplomaticMoves(ctx);
    expect(ctx.s.powers.KR.economy).toBe(100 + n.krEconomy!);
    expect(ctx.s.powers.US.economy).toBe(100);
    expect(ctx.s.tension).toBe(50);
    expect(ctx.s.tracks.retaliatedAgainstKR).toBe(true);
    // The catalogue's effects: the relation with the target and China's own economy.
    expect(rel(ctx.s, "CN", "KR")).toBe(cat.retaliate.effects!.withTarget!);
    expect(ctx.s.powers.CN.economy).toBe(100 + cat.retaliate.effects!.self!.economy!);
    expect(ctx.events.find((e) => e.kind === "retaliation")!.data).toEqual({ target: "KR" });
  });

  test("retaliation against the US costs it usEconomy and raises tension by usTension; South Korea is untouched", () => {
    const n = cat.retaliate.numbers;
    const ctx = ctxFor({ CN: [{ type: "retaliate", target: "US" }] }, mid);
    resolveDiplomaticMoves(ctx);
    expect(ctx.s.powers.US.economy).toBe(100 + n.usEconomy!);
    expect(ctx.s.tension).toBe(50 + n.usTension!);
    expect(ctx.s.powers.KR.economy).toBe(100);
    expect(ctx.s.tracks.retaliatedAgainstKR).toBe(false);
  });

  test("a mutual summit is held once: relations up heldRelations, crisis by heldCrisis, recorded in the tracks", () => {
    const n = cat.summit.numbers;
    const ctx = ctxFor(
      { KP: [{ type: "summit", target: "KR" }], KR: [{ type: "summit", target: "KP" }] },
      mid,
    );
    resolveDiplomaticMoves(ctx);
    expect(rel(ctx.s, "KP", "KR")).toBe(n.heldRelations);
    expect(ctx.s.crisis).toBe(50 + n.heldCrisis!);
    expect(ctx.s.tracks.summits).toEqual(["KP-KR"]);
    expect(ctx.events.filter((e) => e.kind === "summit_held").map((e) => e.data)).toEqual([
      { a: "KP", b: "KR" },
    ]);
    expect(ctx.events.some((e) => e.kind === "talks_offered")).toBe(false);
    // Only a China–US summit eases tension.
    expect(ctx.s.tension).toBe(50);
  });

  test("a China–US summit also lowers tension by 10", () => {
    const ctx = ctxFor(
      { CN: [{ type: "summit", target: "US" }], US: [{ type: "summit", target: "CN" }] },
      mid,
    );
    resolveDiplomaticMoves(ctx);
    expect(ctx.s.tension).toBe(40);
    expect(ctx.s.tracks.summits).toEqual(["CN-US"]);
  });

  test("a summit already in the tracks is not recorded twice", () => {
    const s = copyState(mid);
    s.tracks.summits = ["KP-KR"];
    const ctx = ctxFor({ KP: [{ type: "summit", target: "KR" }], KR: [{ type: "summit", target: "KP" }] }, s);
    resolveDiplomaticMoves(ctx);
    expect(ctx.s.tracks.summits).toEqual(["KP-KR"]);
  });

  test("a one-sided summit request is an offer of talks: the catalogue's effects and a talks_offered event, no summit", () => {
    const ctx = ctxFor(
      { KP: [{ type: "summit", target: "US" }], US: [{ type: "summit", target: "CN" }] },
      mid,
    );
    resolveDiplomaticMoves(ctx);
    expect(ctx.s.tracks.summits).toEqual([]);
    expect(rel(ctx.s, "KP", "US")).toBe(cat.summit.effects!.withTarget);
    expect(ctx.events.filter((e) => e.kind === "talks_offered").map((e) => e.data)).toEqual([
      { from: "US", to: "CN" },
      { from: "KP", to: "US" },
    ]);
    expect(ctx.s.crisis).toBe(50);
  });
});

describe("tension moves", () => {
  test("each tension move applies its effects and is announced; other moves are not", () => {
    const ctx = ctxFor(
      { US: [{ type: "fonop" }, { type: "humanitarian_aid" }], CN: [{ type: "scs_patrol" }] },
      mid,
    );
    resolveTensionMoves(ctx);
    expect(ctx.events.map((e) => [e.kind, e.data.power])).toEqual([
      ["fonop", "US"],
      ["scs_patrol", "CN"],
    ]);
    expect(ctx.s.tension).toBe(
      50 + (cat.fonop.effects!.tension ?? 0) + (cat.scs_patrol.effects!.tension ?? 0),
    );
  });

  test("an arms sale to Taiwan is a tension move too", () => {
    const ctx = ctxFor({ US: [{ type: "arms_sale_taiwan" }] }, mid);
    resolveTensionMoves(ctx);
    expect(ctx.events.map((e) => [e.kind, e.data.power])).toEqual([["arms_sale_taiwan", "US"]]);
  });
});

describe("designations", () => {
  const designate = (entity: string, s: GameState = mid) => {
    const ctx = ctxFor({ US: [{ type: "designate", entity }] }, s);
    resolveSanctions(ctx);
    return ctx;
  };
  const n = cat.designate.numbers;
  const entity = (id: string) => base.scenario.entities.find((e) => e.id === id)!;

  test("a Chinese bank: tension up tensionChinese, China–US relations down 5, one more Chinese bank, China's pressure up pressureChineseBank, North Korea pays kpCurrency", () => {
    const e = entity("cn_regional_bank");
    expect([e.country, e.kind]).toEqual(["CN", "bank"]);
    const ctx = designate(e.id);
    expect(ctx.s.tension).toBe(50 + n.tensionChinese!);
    expect(rel(ctx.s, "CN", "US")).toBe(-5);
    expect(ctx.s.tracks.chineseBanksDesignated).toBe(1);
    expect(ctx.s.pressure.CN).toBe(50 + n.pressureChineseBank!);
    expect(ctx.nkSpend.currency).toBe(-n.kpCurrency!);
    expect(ctx.s.sanctions.designations).toEqual([
      ...mid.sanctions.designations,
      { entity: e.id, round: ctx.round },
    ]);
    expect(ctx.events.find((x) => x.kind === "designated")!.data).toEqual({ entity: e.id, country: "CN" });
  });

  test("a Chinese firm that is not a bank raises tension and costs relations but adds no bank and no pressure", () => {
    const e = entity("cn_coal_importers");
    expect([e.country, e.kind]).toEqual(["CN", "firm"]);
    const ctx = designate(e.id);
    expect(ctx.s.tension).toBe(50 + n.tensionChinese!);
    expect(rel(ctx.s, "CN", "US")).toBe(-5);
    expect(ctx.s.tracks.chineseBanksDesignated).toBe(0);
    expect(ctx.s.pressure.CN).toBe(50);
  });

  test("a Russian entity: Russia–US relations by ruRelations and Russia's pressure up 6; no tension", () => {
    const ctx = designate("ru_fuel_traders");
    expect(rel(ctx.s, "RU", "US")).toBe(n.ruRelations);
    expect(ctx.s.pressure.RU).toBe(56);
    expect(ctx.s.tension).toBe(50);
    expect(ctx.s.pressure.CN).toBe(50);
  });

  test("a North Korean entity changes neither China's nor Russia's standing with the US", () => {
    const ctx = designate("kp_banks_abroad");
    expect(rel(ctx.s, "CN", "US")).toBe(0);
    expect(rel(ctx.s, "RU", "US")).toBe(0);
    expect(ctx.s.tension).toBe(50);
    expect(ctx.s.tracks.chineseBanksDesignated).toBe(0);
    expect(ctx.nkSpend.currency).toBe(-n.kpCurrency!);
  });

  test("an entity already designated, or unknown, is skipped entirely", () => {
    const s = copyState(mid);
    s.sanctions = { ...s.sanctions, designations: [{ entity: "cn_regional_bank", round: 1 }] };
    for (const ctx of [designate("cn_regional_bank", s), designate("no_such_entity")]) {
      expect(ctx.s.tension).toBe(50);
      expect(ctx.nkSpend.currency).toBe(0);
      expect(ctx.events).toEqual([]);
    }
  });
});

describe("standing effects", () => {
  const standing = (patch: (s: GameState) => void, actions: Partial<ByPower<Action[]>> = {}) => {
    const s = copyState(mid);
    s.policies.US.tariffs = false;
    s.policies.KP.moratorium = false;
    s.policies.KR.trade.goods = 0;
    patch(s);
    const ctx = ctxFor(actions, s);
    resolveStandingEffects(ctx);
    return ctx;
  };

  test("with no standing policy nothing changes and the moratorium streak resets to 0", () => {
    const ctx = standing((s) => {
      s.tracks.moratoriumStreak = 3;
    });
    expect(ctx.s.tension).toBe(50);
    expect(ctx.s.tracks.moratoriumStreak).toBe(0);
    expect(rel(ctx.s, "KP", "KR")).toBe(0);
  });

  test("US tariffs each round: tension, China's and the US economy by the catalogue's numbers", () => {
    const t = cat.set_tariffs.numbers;
    const ctx = standing((s) => {
      s.policies.US.tariffs = true;
    });
    expect(ctx.s.tension).toBe(50 + t.tension!);
    expect(ctx.s.powers.CN.economy).toBe(100 + t.cnEconomy!);
    expect(ctx.s.powers.US.economy).toBe(100 + t.usEconomy!);
  });

  test("the moratorium eases crisis, raises North Korea's relations with the US, South Korea and China, and extends the streak and its maximum", () => {
    const m = cat.set_moratorium.numbers;
    const ctx = standing((s) => {
      s.policies.KP.moratorium = true;
      s.tracks.moratoriumStreak = 1;
      s.tracks.maxMoratoriumStreak = 1;
    });
    expect(ctx.s.crisis).toBe(50 + m.crisis!);
    for (const p of ["US", "KR", "CN"] as const) expect(rel(ctx.s, "KP", p)).toBe(m.relations);
    expect(rel(ctx.s, "KP", "RU")).toBe(0);
    expect(ctx.s.tracks.moratoriumStreak).toBe(2);
    expect(ctx.s.tracks.maxMoratoriumStreak).toBe(2);
  });

  test("the moratorium streak's maximum is kept when the current streak is shorter", () => {
    const ctx = standing((s) => {
      s.policies.KP.moratorium = true;
      s.tracks.moratoriumStreak = 0;
      s.tracks.maxMoratoriumStreak = 4;
    });
    expect(ctx.s.tracks.moratoriumStreak).toBe(1);
    expect(ctx.s.tracks.maxMoratoriumStreak).toBe(4);
  });

  test("South Korea's engagement raises inter-Korean relations by relationsPer25 for each full 25 of its level", () => {
    const per = cat.set_engagement.numbers.relationsPer25!;
    for (const level of [24, 25, 49, 50, 100]) {
      const ctx = standing((s) => {
        s.policies.KR.trade.goods = level;
      });
      expect(rel(ctx.s, "KP", "KR")).toBe(Math.trunc(level / 25) * per);
    }
  });

  test("a US designation while South Korea's engagement is above 50 costs US–South Korea relations 1; at 50 it does not", () => {
    const designating = { US: [{ type: "designate", entity: "cn_regional_bank" } as Action] };
    const at = (level: number, actions = designating) =>
      rel(
        standing((s) => {
          s.policies.KR.trade.goods = level;
        }, actions).s,
        "KR",
        "US",
      );
    expect(at(51)).toBe(-1);
    expect(at(50)).toBe(0);
    expect(at(75, {} as typeof designating)).toBe(0);
  });
});

describe("the numbers are the catalogue's", () => {
  test("tuned numbers in a scenario's catalogue change the tariffs, the moratorium, engagement, retaliation, a held summit and designations by those numbers", () => {
    const tuned = {
      set_tariffs: { tension: 3, cnEconomy: -5, usEconomy: -4 },
      set_moratorium: { crisis: -6, relations: 5 },
      set_engagement: { relationsPer25: 3 },
      retaliate: { krEconomy: -7, usEconomy: -6, usTension: 2 },
      summit: { heldRelations: 9, heldCrisis: -8 },
      designate: { tensionChinese: 7, pressureChineseBank: 3, ruRelations: -2, kpCurrency: -11 },
    } as const;
    const scenario = {
      ...base.scenario,
      actions: base.scenario.actions.map((a) =>
        a.type in tuned ? { ...a, numbers: tuned[a.type as keyof typeof tuned] } : a,
      ),
    };
    const s = copyState(mid);
    s.scenario = scenario;
    s.policies.US.tariffs = true;
    s.policies.KP.moratorium = true;
    s.policies.KR.trade.goods = 50;
    const ctx = ctxFor({}, s);
    resolveStandingEffects(ctx);
    expect(ctx.s.tension).toBe(50 + tuned.set_tariffs.tension);
    expect(ctx.s.powers.CN.economy).toBe(100 + tuned.set_tariffs.cnEconomy);
    expect(ctx.s.powers.US.economy).toBe(100 + tuned.set_tariffs.usEconomy);
    expect(ctx.s.crisis).toBe(50 + tuned.set_moratorium.crisis);
    expect(rel(ctx.s, "KP", "US")).toBe(tuned.set_moratorium.relations);
    expect(rel(ctx.s, "KP", "KR")).toBe(
      tuned.set_moratorium.relations + (50 / 25) * tuned.set_engagement.relationsPer25,
    );

    const r = copyState(mid);
    r.scenario = scenario;
    const kr = ctxFor({ CN: [{ type: "retaliate", target: "KR" }] }, r);
    resolveDiplomaticMoves(kr);
    expect(kr.s.powers.KR.economy).toBe(100 + tuned.retaliate.krEconomy);
    const us = ctxFor(
      {
        CN: [{ type: "retaliate", target: "US" }],
        KP: [{ type: "summit", target: "KR" }],
        KR: [{ type: "summit", target: "KP" }],
      },
      r,
    );
    resolveDiplomaticMoves(us);
    expect(us.s.powers.US.economy).toBe(100 + tuned.retaliate.usEconomy);
    expect(us.s.tension).toBe(50 + tuned.retaliate.usTension);
    expect(rel(us.s, "KP", "KR")).toBe(tuned.summit.heldRelations);
    expect(us.s.crisis).toBe(50 + tuned.summit.heldCrisis);

    const sanctioned = ctxFor(
      {
        US: [
          { type: "designate", entity: "cn_regional_bank" },
          { type: "designate", entity: "ru_fuel_traders" },
        ],
      },
      r,
    );
    resolveSanctions(sanctioned);
    const d = tuned.designate;
    expect(sanctioned.s.tension).toBe(50 + d.tensionChinese);
    expect(sanctioned.s.pressure.CN).toBe(50 + d.pressureChineseBank);
    expect(rel(sanctioned.s, "RU", "US")).toBe(d.ruRelations);
    expect(sanctioned.nkSpend.currency).toBe(-2 * d.kpCurrency);
  });
});
