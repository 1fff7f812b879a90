/**
 * The ten dynamics of DESIGN §5. The scripted tests start from the scenario, play a short order
 * script and check direction and size (the sizes are in each test's name). The last block runs a
 * small version of `npm run dynamics` — mixed bot self-play with causal branches — and checks each
 * statistic of dynamics 1–9 against the threshold the full run uses. Nothing here is scripted in
 * the engine or the bots: every outcome comes from the rules and the scenario's numbers.
 */
import { describe, expect, test } from "vitest";
import { CHECKS, evaluate } from "../../scripts/dynamics/checks.js";
import { type GameRecord, measureGame } from "../../scripts/dynamics/measure.js";
import { financeCapacity } from "../../shared/engine/illicit.js";
import type { Action, GameState, Input } from "../../shared/index.js";
import { chinaOfficial, illicitCapacity, last, play, type RoundScript } from "./helpers.js";

const passive = () => ({});
const UN_FULL: Input = { type: "table_un_draft", groups: ["minerals", "textiles_seafood"], strength: 100 };

describe("1. China is the key", () => {
  // A UN resolution bans minerals, textiles and seafood; then who enforces it?
  const script =
    (others: boolean, china: boolean) =>
    (r: number): RoundScript => ({
      diplomacy: r === 1 ? [["US", UN_FULL]] : [],
      orders:
        r === 1
          ? {
              ...(others
                ? {
                    US: [{ type: "set_enforcement", announced: 100, target: 100, sustain: true }] as Action[],
                    RU: [{ type: "set_enforcement", announced: 90, target: 90, sustain: true }] as Action[],
                    KR: [{ type: "set_enforcement", announced: 100, target: 100, sustain: true }] as Action[],
                  }
                : {}),
              ...(china
                ? { CN: [{ type: "set_enforcement", announced: 90, target: 90, sustain: true }] as Action[] }
                : {}),
            }
          : {},
    });
  const base = last(play(4, passive));
  const unOnly = last(play(4, script(false, false)));
  const others = last(play(4, script(true, false)));
  const withCn = last(play(4, script(true, true)));

  test("everyone but China enforcing to the hilt moves North Korea's currency and fuel under 5%; China enforcing at 90 takes over a fifth of its currency", () => {
    expect(others.enforcement.CN.actual).toBeLessThan(50);
    expect(withCn.enforcement.CN.actual).toBeGreaterThanOrEqual(75);
    // Everyone else enforcing to the hilt changes North Korea's currency and fuel by under 5%.
    expect(Math.abs(others.nk.currency - unOnly.nk.currency)).toBeLessThanOrEqual(base.nk.currency / 20);
    expect(Math.abs(others.nk.fuel - unOnly.nk.fuel)).toBeLessThanOrEqual(base.nk.fuel / 20);
    // China enforcing takes more than a fifth of it.
    expect(others.nk.currency - withCn.nk.currency).toBeGreaterThan(base.nk.currency / 5);
  });

  test("the money moves through China: China's achieved enforcement at 90 leaves the finance channel over a fifth narrower than at 30", () => {
    const at = (cn: number): GameState => ({
      ...base,
      enforcement: { ...base.enforcement, CN: { ...base.enforcement.CN, actual: cn } },
    });
    const low = financeCapacity(at(30));
    const high = financeCapacity(at(90));
    expect(low).toBeGreaterThan(0);
    expect(low - high).toBeGreaterThan(low / 5);
  });
});

describe("2. Optics, then fade", () => {
  const crackdown =
    (sustain: boolean, pressure: "none" | "un" | "bank" = "none") =>
    (r: number): RoundScript => ({
      diplomacy: pressure === "un" && r === 2 ? [["US", UN_FULL]] : [],
      orders: {
        ...(r === 1 ? { KP: [{ type: "missile_test" }] as Action[] } : {}),
        ...(r === 2
          ? { CN: [{ type: "set_enforcement", announced: 80, target: 60, sustain }] as Action[] }
          : {}),
        ...(pressure === "bank" && r === 2
          ? { US: [{ type: "designate", entity: "cn_regional_bank" }] as Action[] }
          : {}),
      },
    });

  test("after a test, an unpaid crackdown (announced +20) lifts achieved enforcement less than announced; 3 rounds on it is within 3 of the baseline and border trade back to 97%", () => {
    const run = play(5, crackdown(false));
    const [before, after] = [run[1]!, run[2]!];
    const announcedRise = after.enforcement.CN.announced - before.enforcement.CN.announced;
    const achievedRise = after.enforcement.CN.actual - before.enforcement.CN.actual;
    expect(announcedRise).toBe(20);
    expect(achievedRise).toBeGreaterThan(0);
    expect(achievedRise).toBeLessThan(announcedRise);
    expect(after.enforcement.CN.actual).toBeLessThan(after.enforcement.CN.announced);
    const end = run[5]!;
    expect(end.enforcement.CN.announced).toBe(80); // the words stay
    expect(end.enforcement.CN.actual - end.enforcement.CN.baseline).toBeLessThanOrEqual(3); // the deeds fade
    // Border trade recovers.
    expect(chinaOfficial(end)).toBeGreaterThanOrEqual(Math.trunc(chinaOfficial(before) * 0.97));
    expect(chinaOfficial(after)).toBeLessThan(chinaOfficial(before));
  });

  test("a China that pays the upkeep holds its target of 60 three rounds on (the fade is a cost, not an override)", () => {
    const held = play(5, crackdown(true))[5]!;
    expect(held.enforcement.CN.actual).toBe(60);
  });

  test("a UN resolution's pressure leaves China's achieved enforcement over 2 points higher the next round, its baseline at most pressureMax higher", () => {
    const bare = play(3, crackdown(false))[3]!;
    const pressed = play(3, crackdown(false, "un"))[3]!;
    expect(pressed.enforcement.CN.actual).toBeGreaterThan(bare.enforcement.CN.actual + 2);
    // Pressure lifts the baseline at most `pressureMax` points: it does not swamp the fade.
    const r = pressed.scenario.rules;
    expect(pressed.enforcement.CN.baseline - bare.enforcement.CN.baseline).toBeLessThanOrEqual(r.pressureMax);
  });

  test("designating a Chinese bank leaves China's achieved enforcement lower for 3 rounds (its tension outweighs its pressure)", () => {
    const bare = play(4, crackdown(false));
    const banked = play(4, crackdown(false, "bank"));
    for (const i of [2, 3, 4])
      expect(banked[i]!.enforcement.CN.actual).toBeLessThan(bare[i]!.enforcement.CN.actual);
  });
});

describe("3. Local interests", () => {
  test("cutting border trade lifts border discontent above 20 and costs China at least 3 points of stability within 3 rounds", () => {
    const cut: Action[] = [
      { type: "set_trade", commodityGroup: "minerals", level: 0 },
      { type: "set_trade", commodityGroup: "textiles_seafood", level: 0 },
      { type: "set_trade", commodityGroup: "goods", level: 0 },
    ];
    const run = play(3, (r) => ({ orders: r === 1 ? { CN: cut } : {} }));
    const base = play(3, passive);
    expect(last(run).discontent).toBeGreaterThan(20);
    expect(last(base).discontent).toBe(0);
    expect(last(base).powers.CN.stability - last(run).powers.CN.stability).toBeGreaterThanOrEqual(3);
  });
});

describe("4. Collapse is China's nightmare", () => {
  const squeeze: Action[] = [
    { type: "set_pipeline", level: 0 },
    { type: "set_trade", commodityGroup: "goods", level: 0 },
    { type: "set_trade", commodityGroup: "fuel", level: 0 },
    { type: "set_trade", commodityGroup: "labour", level: 0 },
  ];
  const run = play(12, (r) => ({
    orders: r === 1 ? { CN: squeeze, RU: [{ type: "set_fuel_sales", level: 0 }] } : {},
  }));

  test("North Korea's stability falls at most nkMaxFall a round; below 35 refugees cost China stability; then collapse, a failure for China", () => {
    const maxFall = run[0]!.scenario.rules.nkMaxFall;
    for (let i = 1; i < run.length; i++)
      expect(run[i - 1]!.powers.KP.stability - run[i]!.powers.KP.stability).toBeLessThanOrEqual(maxFall);
    const refugeeRound = run.findIndex((s) => s.events.some((e) => e.kind === "refugees"));
    expect(refugeeRound).toBeGreaterThan(0);
    const r = run[refugeeRound]!;
    expect(r.powers.KP.stability).toBeLessThan(35);
    expect(r.powers.CN.stability).toBeLessThan(run[refugeeRound - 1]!.powers.CN.stability);
    const end = last(run);
    expect(end.ending?.reason).toBe("collapse");
    // Collapse ends badly for China and South Korea.
    expect(end.ending?.scores?.CN.grade).not.toBe("success");
    expect(end.ending?.scores?.CN.objectives.find((o) => o.id === "cn-nk-stable")?.grade).toBe("failure");
  });
});

describe("5. Tension elsewhere costs cooperation", () => {
  const china = (r: number): Action[] | undefined =>
    r === 3 ? [{ type: "set_enforcement", announced: 70, target: 70 }] : undefined;
  test("a Taiwan arms sale, a FONOP and tariffs cut China's baseline by over 5 points the same round and its achieved enforcement by over 5 three rounds on", () => {
    const calm = play(4, (r) => ({ orders: { ...(china(r) ? { CN: china(r) } : {}) } }));
    const tense = play(4, (r) => ({
      orders: {
        ...(china(r) ? { CN: china(r) } : {}),
        ...(r === 1
          ? {
              US: [
                { type: "arms_sale_taiwan" },
                { type: "fonop" },
                { type: "set_tariffs", on: true },
              ] as Action[],
            }
          : {}),
        ...(r === 2 ? { US: [{ type: "fonop" }] as Action[] } : {}),
      },
    }));
    // The same round: tension moves resolve before enforcement.
    expect(tense[1]!.enforcement.CN.baseline).toBeLessThan(calm[1]!.enforcement.CN.baseline - 5);
    expect(tense[1]!.enforcement.CN.actual).toBeLessThan(calm[1]!.enforcement.CN.actual);
    expect(tense[2]!.enforcement.CN.baseline).toBeLessThan(calm[2]!.enforcement.CN.baseline - 5);
    expect(tense[4]!.enforcement.CN.actual).toBeLessThan(calm[4]!.enforcement.CN.actual - 5);
  });
});

describe("6. Russia backfills", () => {
  const squeeze =
    (ruLevel: number, ease: boolean, china = true) =>
    (r: number): RoundScript => ({
      orders:
        r === 1
          ? {
              ...(china ? { CN: [{ type: "set_pipeline", level: 0 }] as Action[] } : {}),
              RU: [{ type: "set_fuel_sales", level: ruLevel }],
              ...(ease ? { US: [{ type: "ease_russia_sanctions" }] as Action[] } : {}),
            }
          : ease
            ? { US: [{ type: "ease_russia_sanctions" }] }
            : {},
    });
  const ruTrade = (s: GameState) =>
    s.flows.filter((f) => f.enforcedBy === "RU").reduce((n, f) => n + f.official + f.illicit, 0);
  const ruOfficial = (s: GameState) =>
    s.flows.filter((f) => f.enforcedBy === "RU").reduce((n, f) => n + f.official, 0);
  const cnFuel = (s: GameState) =>
    s.flows
      .filter((f) => f.enforcedBy === "CN" && (f.commodity === "crude_oil" || f.commodity === "refined_fuel"))
      .reduce((n, f) => n + f.official + f.illicit, 0);

  test("when China cuts its fuel, Russia's trade rises by over 10 but less than China's cut, off the books, and Russia's economy gains", () => {
    const calm = last(play(3, squeeze(100, false, false)));
    const taken = last(play(3, squeeze(100, false)));
    const cut = cnFuel(calm) - cnFuel(taken);
    const gain = ruTrade(taken) - ruTrade(calm);
    expect(gain).toBeGreaterThan(10);
    expect(gain).toBeLessThan(cut);
    // Off the books: Russia's recorded trade does not move.
    expect(ruOfficial(taken)).toBe(ruOfficial(calm));
    expect(taken.powers.RU.economy).toBeGreaterThan(calm.powers.RU.economy);
  });

  test("more so the worse US–Russia relations are: eased sanctions on Russia mean less Russian trade", () => {
    const hostile = last(play(3, squeeze(50, false)));
    const eased = last(play(3, squeeze(50, true)));
    expect(ruTrade(eased)).toBeLessThan(ruTrade(hostile));
  });
});

describe("7. Whack-a-mole", () => {
  const illicitVolume = (s: GameState) => s.flows.reduce((n, f) => n + f.illicit, 0);
  test("exposing Dandong's fronts cuts capacity by over 30; by round 3 a new China-side node carries at least half of it again; by round 5 illicit volume is back to 90%", () => {
    const run = play(5, (r) => ({
      orders: r === 1 ? { CN: [{ type: "expose", node: "dandong-fronts" }] } : {},
    }));
    const [start, r1, r3] = [run[0]!, run[1]!, run[3]!];
    expect(illicitCapacity(r1)).toBeLessThan(illicitCapacity(start) - 30);
    expect(r1.illicit.nodes.some((n) => n.id === "dandong-fronts")).toBe(false);
    const newNodes = r3.illicit.nodes.filter((n) => n.id.startsWith("node-"));
    expect(newNodes.length).toBeGreaterThan(0);
    // Elsewhere, but on the same side: it serves the same (China-policed) flows.
    const chinaSide = (s: GameState) =>
      s.illicit.nodes
        .filter((n) => ["dandong", "yellow_sea", "east_china_sea"].includes(n.region))
        .reduce((k, n) => k + n.capacity, 0);
    const closed = start.illicit.nodes.find((n) => n.id === "dandong-fronts")!.capacity;
    expect(newNodes.some((n) => n.region === "yellow_sea" || n.region === "east_china_sea")).toBe(true);
    expect(chinaSide(r3) - chinaSide(r1)).toBeGreaterThanOrEqual(Math.ceil(closed / 2));
    expect(illicitVolume(run[5]!)).toBeGreaterThanOrEqual(Math.trunc(illicitVolume(start) * 0.9));
  });

  test("financial designations lower the network's ceiling by over 30 for good and leave less capacity than an exposure does", () => {
    const exposed = play(6, (r) => ({
      orders: r === 1 ? { CN: [{ type: "expose", node: "dandong-fronts" }] } : {},
    }));
    const designated = play(6, (r) => ({
      orders:
        r === 1
          ? {
              US: [
                { type: "designate", entity: "kp_banks_abroad" },
                { type: "designate", entity: "shipping_network" },
              ],
            }
          : r === 2
            ? { US: [{ type: "designate", entity: "cn_regional_bank" }] }
            : {},
    }));
    expect(last(designated).illicit.ceiling).toBeLessThan(last(exposed).illicit.ceiling - 30);
    expect(illicitCapacity(last(designated))).toBeLessThan(illicitCapacity(last(exposed)));
  });
});

describe("8. Seoul is hostage", () => {
  test("military escalation raises the crisis; war is catastrophic for all, worst for South Korea; the pusher scores last", () => {
    const run = play(8, () => ({
      orders: {
        KP: [{ type: "missile_test" }, { type: "threaten_seoul" }],
        US: [{ type: "show_of_force" }],
      },
    }));
    const end = last(run);
    expect(run[1]!.crisis).toBeGreaterThan(run[0]!.crisis);
    expect(end.ending?.reason).toBe("war");
    const scores = end.ending!.scores!;
    const pusher = end.ending!.pusher!;
    expect(pusher).toBeDefined();
    for (const p of ["US", "CN", "RU", "KP", "KR"] as const) expect(scores[p].grade).toBe("failure");
    const others = (["US", "CN", "RU", "KP", "KR"] as const).filter((p) => p !== pusher);
    for (const p of others) expect(scores[pusher].score).toBeLessThan(scores[p].score);
    for (const p of others.filter((p) => p !== "KR"))
      expect(scores.KR.score).toBeLessThanOrEqual(scores[p].score);
  });
});

describe("9. Rapid progress", () => {
  const testEveryRound =
    (squeeze: boolean) =>
    (r: number): RoundScript => ({
      orders: {
        KP: [{ type: "missile_test" }],
        ...(squeeze && r === 1
          ? {
              CN: [
                { type: "set_pipeline", level: 0 },
                { type: "set_trade", commodityGroup: "goods", level: 0 },
                { type: "set_trade", commodityGroup: "fuel", level: 0 },
              ] as Action[],
              US: [
                { type: "designate", entity: "kp_banks_abroad" },
                { type: "designate", entity: "shipping_network" },
              ] as Action[],
            }
          : {}),
      },
    });

  test("left alone, North Korea reaches stage 5 within a few rounds and keeps raising readiness", () => {
    let reached = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const run = play(4, testEveryRound(false), { seed });
      if (run.slice(0, 4).some((s) => s.programme.stage >= 5)) reached++;
      expect(last(run).programme.readiness).toBeGreaterThan(run[0]!.programme.readiness + 15);
    }
    expect(reached).toBeGreaterThanOrEqual(15);
  });

  test("pressure buys time (at least 1 readiness point by round 6) but never stops the programme (over 10 points gained)", () => {
    const free = play(6, testEveryRound(false), { seed: 3 });
    const pressed = play(6, testEveryRound(true), { seed: 3 });
    expect(last(pressed).programme.readiness).toBeLessThanOrEqual(last(free).programme.readiness - 1);
    expect(last(pressed).programme.readiness).toBeGreaterThan(pressed[0]!.programme.readiness + 10);
  });

  test("once stage 5 is shown, each further test is worth less", () => {
    const run = play(8, testEveryRound(false), { seed: 5 });
    const gains = run.slice(1).map((s, i) => ({
      stage: run[i]!.programme.stage,
      gain: s.programme.readiness - run[i]!.programme.readiness,
    }));
    const atFive = gains.filter((g) => g.stage >= 5).map((g) => g.gain);
    expect(atFive.length).toBeGreaterThanOrEqual(3);
    expect(atFive[atFive.length - 1]!).toBeLessThan(gains[0]!.gain);
    expect(last(run).crisis).toBeLessThan(100);
  });
});

describe("10. No good options", () => {
  const strategies: Record<string, (r: number, s: GameState) => RoundScript> = {
    pressure: (r, s) => ({
      diplomacy: r === 1 || r === 3 ? [["US", UN_FULL]] : [],
      orders: {
        US: [
          ...(r === 1 ? [{ type: "set_enforcement", announced: 100, target: 100 } as Action] : []),
          ...[
            "kp_banks_abroad",
            "cn_regional_bank",
            "shipping_network",
            "cn_coal_importers",
            "ru_fuel_traders",
          ]
            .filter((id) => !s.sanctions.designations.some((d) => d.entity === id))
            .slice(0, 1)
            .map((entity) => ({ type: "designate", entity }) as Action),
          { type: "show_of_force" },
        ],
      },
    }),
    engagement: (r) => ({
      orders: {
        US: [
          { type: "summit", target: "KP" },
          { type: "humanitarian_aid" },
          ...(r === 1 ? [{ type: "set_exercises", on: false } as Action] : []),
        ],
      },
    }),
    recognition: (r) => ({
      orders: {
        US:
          r === 1
            ? [{ type: "recognise_nuclear_state" }, { type: "set_exercises", on: false }]
            : [{ type: "summit", target: "KP" }],
      },
    }),
  };

  test.each(Object.keys(strategies))("pure %s does not meet all US objectives against the bots", (name) => {
    let all = 0;
    const games = 16;
    for (let seed = 1; seed <= games; seed++) {
      const end = last(play(8, strategies[name]!, { seed, maxRounds: 8, bots: ["CN", "RU", "KP", "KR"] }));
      const card = end.ending?.scores?.US;
      expect(card).toBeDefined();
      if (card!.objectives.every((o) => o.grade === "success")) all++;
    }
    expect(all / games).toBeLessThan(0.5);
  });
});

describe("the dynamics emerge in mixed bot self-play (a small `npm run dynamics`)", () => {
  // Three run seeds of eight games each (planner seats included), pooled; the full run is
  // `npm run dynamics -- --games 200 --seed S`. Dynamic 10 is checked above with its own games.
  const games: GameRecord[] = [];
  for (const seed of [11, 12, 13])
    for (let i = 0; i < 8; i++) games.push(measureGame(seed, i, { plannerPct: 20, rounds: 8, nogo: false }));
  const results = evaluate(games, 200, 11).filter((r) => r.dynamic !== 10);

  test("every check of dynamics 1–9 has samples", () => {
    expect(results.length).toBe(CHECKS.filter((c) => c.dynamic !== 10).length);
    for (const r of results) expect(r.samples, r.id).toBeGreaterThan(0);
  });

  // A check resting on at least 10 samples must meet its threshold; one with fewer (the fade needs a
  // China that pays for nothing for three rounds, which these bots seldom are) must show the
  // dynamic's direction: past its no-effect value. The full run holds every check to its threshold.
  test.each(results.map((r) => [r.id, r] as const))(
    "check %s meets its threshold (or its direction on few samples)",
    (_, r) => {
      const bar = r.samples >= 10 ? r.threshold : r.none;
      if (r.op === ">=")
        expect(r.value, `${r.statistic} (n ${r.samples})`)[
          r.samples >= 10 ? "toBeGreaterThanOrEqual" : "toBeGreaterThan"
        ](bar);
      else
        expect(r.value, `${r.statistic} (n ${r.samples})`)[
          r.samples >= 10 ? "toBeLessThanOrEqual" : "toBeLessThan"
        ](bar);
    },
  );
});
