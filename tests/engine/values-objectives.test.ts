/**
 * Objectives and scoring by value (DESIGN §6, shared/engine/objectives.ts): each named measure
 * read from a state whose inputs the test sets, each threshold of `grade` at and either side of its
 * value, the score card's points and its ending adjustments from the scenario's rules, and the
 * winner. Mutation testing (docs/TESTING.md) showed these rules surviving tests that only checked
 * direction.
 */
import { describe, expect, test } from "vitest";
import {
  agendaOf,
  type EndReason,
  finishGame,
  type GameState,
  grade,
  measure,
  measureVisibleTo,
  newGame,
  objectivesOf,
  POWERS,
  type PowerId,
  scoreCard,
} from "../../shared/index.js";
import type { ObjectiveSpec } from "../../shared/scenario/schema.js";
import { GROUP_OF } from "../../shared/state.js";

const base = newGame({ gameId: "values-objectives", seed: 1 });
const rules = base.scenario.rules;

const withTracks = (t: Partial<GameState["tracks"]>, s: GameState = base): GameState => ({
  ...s,
  tracks: { ...s.tracks, ...t },
});
const withProgramme = (p: Partial<GameState["programme"]>, s: GameState = base): GameState => ({
  ...s,
  programme: { ...s.programme, ...p },
});
const ended = (reason: EndReason, s: GameState = base, pusher?: PowerId): GameState => ({
  ...s,
  phase: "ended",
  ending: { reason, round: s.round, ...(pusher ? { pusher } : {}) },
});
const withPolicies = (p: PowerId, patch: Partial<GameState["policies"]["US"]>, s: GameState = base) => ({
  ...s,
  policies: { ...s.policies, [p]: { ...s.policies[p], ...patch } },
});

describe("measures", () => {
  test("usReadinessOrMoratorium: 2 with a two-round moratorium streak or readiness below 55, 1 below 65, else 0", () => {
    const at = (readiness: number, streak: number) =>
      measure(
        withTracks({ maxMoratoriumStreak: streak }, withProgramme({ readiness })),
        "usReadinessOrMoratorium",
      );
    expect(at(54, 0)).toBe(2);
    expect(at(55, 0)).toBe(1);
    expect(at(64, 0)).toBe(1);
    expect(at(65, 0)).toBe(0);
    expect(at(90, 2)).toBe(2);
    expect(at(90, 1)).toBe(0);
  });

  test("noWar: 0 after a war, 1 after any other ending or none", () => {
    expect(measure(ended("war"), "noWar")).toBe(0);
    expect(measure(ended("collapse"), "noWar")).toBe(1);
    expect(measure(base, "noWar")).toBe(1);
  });

  test("maxCrisisNoWar: the highest crisis of the current state and the history, 100 after a war", () => {
    const hist = base.history.map((h, i) => ({ ...h, crisis: i === 0 ? 77 : 5 }));
    const s = { ...base, crisis: 40, history: hist };
    expect(measure(s, "maxCrisisNoWar")).toBe(77);
    expect(measure({ ...s, crisis: 80 }, "maxCrisisNoWar")).toBe(80);
    expect(measure(ended("war", { ...s, crisis: 10 }), "maxCrisisNoWar")).toBe(100);
  });

  test("minNkStability: the tracked minimum, 0 after a collapse", () => {
    const s = withTracks({ minNkStability: 37 });
    expect(measure(s, "minNkStability")).toBe(37);
    expect(measure(ended("collapse", s), "minNkStability")).toBe(0);
    expect(measure(ended("war", s), "minNkStability")).toBe(37);
  });

  test("noMdOrSuspended: 1 with no launchers deployed or exercises suspended a round, else 0", () => {
    expect(measure(withTracks({ mdDeployed: 0, exercisesSuspendedRounds: 0 }), "noMdOrSuspended")).toBe(1);
    expect(measure(withTracks({ mdDeployed: 1, exercisesSuspendedRounds: 1 }), "noMdOrSuspended")).toBe(1);
    expect(measure(withTracks({ mdDeployed: 1, exercisesSuspendedRounds: 0 }), "noMdOrSuspended")).toBe(0);
  });

  test("the shares of the game's rounds are trunc(rounds × 100 / maxRounds), 0 once launchers are deployed", () => {
    const s = {
      ...withTracks({
        mdDeployed: 0,
        exercisesSuspendedRounds: 2,
        maxCnHighStreak: 3,
        freezeForFreezeRounds: 1,
      }),
      maxRounds: 7,
    };
    expect(measure(s, "noMdSuspendedShare")).toBe(Math.trunc((2 * 100) / 7));
    expect(measure(s, "cnHighStreakShare")).toBe(Math.trunc((3 * 100) / 7));
    expect(measure(s, "freezeForFreezeShare")).toBe(Math.trunc((1 * 100) / 7));
    expect(measure({ ...s, tracks: { ...s.tracks, mdDeployed: 1 } }, "noMdSuspendedShare")).toBe(0);
    expect(measure(s, "maxCnHighStreak")).toBe(3);
    expect(measure(s, "freezeForFreezeRounds")).toBe(1);
  });

  test("ruTradePercent: Russia's trade now as a truncated percentage of the first history point's", () => {
    const ru = (s: GameState) =>
      s.flows.filter((f) => f.enforcedBy === "RU").reduce((n, f) => n + f.official + f.illicit, 0);
    const history = [{ ...base.history[0]!, ruTrade: 90 }];
    const now = ru(base);
    expect(measure({ ...base, history }, "ruTradePercent")).toBe(Math.trunc((now * 100) / 90));
    // With no history the start is the current trade: 100%.
    expect(measure({ ...base, history: [] }, "ruTradePercent")).toBe(now > 0 ? 100 : 0);
  });

  test("ruGoodsTradePercent: Russia's goods and fuel (labour aside) against each flow's base at Russia's starting trade level plus its off-book volume", () => {
    const level = base.scenario.powers.RU.trade;
    let start = 0;
    for (const f of base.scenario.flows)
      if (f.enforcedBy === "RU" && f.commodity !== "labour")
        start += Math.trunc((f.base * level[GROUP_OF[f.commodity]]) / 100) + f.illicit;
    // Set every Russian flow to known volumes: labour must not count.
    const flows = base.flows.map((f) =>
      f.enforcedBy === "RU" ? { ...f, official: f.commodity === "labour" ? 500 : 7, illicit: 3 } : f,
    );
    const goods = flows.filter((f) => f.enforcedBy === "RU" && f.commodity !== "labour").length * 10;
    expect(measure({ ...base, flows }, "ruGoodsTradePercent")).toBe(Math.trunc((goods * 100) / start));
  });

  test("ruAgreementsOrHost is 2 when Russia hosted, else its agreements capped at 2; ruAgreementsAndHost adds 1 for hosting to the capped agreements", () => {
    const at = (joined: number, ruHosted: boolean) =>
      withTracks({ ruHosted, agreementsJoined: { ...base.tracks.agreementsJoined, RU: joined } });
    expect(measure(at(0, true), "ruAgreementsOrHost")).toBe(2);
    expect(measure(at(1, false), "ruAgreementsOrHost")).toBe(1);
    expect(measure(at(3, false), "ruAgreementsOrHost")).toBe(2);
    expect(measure(at(1, true), "ruAgreementsAndHost")).toBe(2);
    expect(measure(at(3, true), "ruAgreementsAndHost")).toBe(3);
    expect(measure(at(3, false), "ruAgreementsAndHost")).toBe(2);
  });

  test("adoptedUnsoftened counts adopted drafts Russia did not amend", () => {
    const d = (status: string, amendedBy: PowerId[]) => ({
      ...({} as GameState["drafts"][number]),
      status,
      amendedBy,
    });
    const drafts = [
      d("adopted", []),
      d("adopted", ["RU"]),
      d("adopted", ["CN"]),
      d("tabled", []),
    ] as GameState["drafts"];
    expect(measure({ ...base, drafts }, "adoptedUnsoftened")).toBe(2);
  });

  test("regimeSurvives and regimeStability: 0 after a collapse or a war; stability is at least 1 otherwise", () => {
    const at = (stability: number) => ({
      ...base,
      powers: { ...base.powers, KP: { ...base.powers.KP, stability } },
    });
    for (const r of ["collapse", "war"] as const) {
      expect(measure(ended(r, at(50)), "regimeSurvives")).toBe(0);
      expect(measure(ended(r, at(50)), "regimeStability")).toBe(0);
    }
    expect(measure(ended("last_round", at(50)), "regimeSurvives")).toBe(1);
    expect(measure(ended("last_round", at(50)), "regimeStability")).toBe(50);
    expect(measure(at(0), "regimeStability")).toBe(1);
  });

  test("stage5AndRelief: one for stage 5 or more, one for relief or recognition", () => {
    const at = (stage: number, relief: boolean, recognition: boolean) =>
      measure(withTracks({ relief, recognition }, withProgramme({ stage })), "stage5AndRelief");
    expect(at(4, false, false)).toBe(0);
    expect(at(5, false, false)).toBe(1);
    expect(at(5, true, false)).toBe(2);
    expect(at(4, false, true)).toBe(1);
  });

  test("nkCurrencyPercent is North Korea's currency as a truncated percentage of the scenario's starting currency", () => {
    const s = { ...base, nk: { ...base.nk, currency: 123 } };
    expect(measure(s, "nkCurrencyPercent")).toBe(Math.trunc((123 * 100) / base.scenario.nk.currency));
    expect(measure(s, "nkCurrency")).toBe(123);
  });

  test("crisisAtEndNoWar is the crisis, 100 after a war", () => {
    expect(measure({ ...base, crisis: 33 }, "crisisAtEndNoWar")).toBe(33);
    expect(measure(ended("war", { ...base, crisis: 33 }), "crisisAtEndNoWar")).toBe(100);
  });

  test("usSummitExercisesOff: one for a US summit, one unless both allies keep exercises on", () => {
    const on = withPolicies("KR", { exercises: true }, withPolicies("US", { exercises: true }));
    expect(measure(on, "usSummitExercisesOff")).toBe(0);
    expect(measure(withPolicies("US", { exercises: false }, on), "usSummitExercisesOff")).toBe(1);
    expect(measure(withPolicies("KR", { exercises: false }, on), "usSummitExercisesOff")).toBe(1);
    expect(measure(withTracks({ summits: ["KP-US"] }, on), "usSummitExercisesOff")).toBe(1);
    expect(measure(withTracks({ summits: ["KP-KR"] }, on), "usSummitExercisesOff")).toBe(0);
  });

  test("krSummitMoratorium: one for an inter-Korean summit, one for North Korea's moratorium", () => {
    const off = withPolicies("KP", { moratorium: false });
    expect(measure(off, "krSummitMoratorium")).toBe(0);
    expect(measure(withPolicies("KP", { moratorium: true }), "krSummitMoratorium")).toBe(1);
    expect(measure(withTracks({ summits: ["KP-KR"] }, off), "krSummitMoratorium")).toBe(1);
    expect(measure(withTracks({ summits: ["KP-US"] }, off), "krSummitMoratorium")).toBe(0);
  });

  test("the counters are read as they stand", () => {
    const s = withTracks({
      chineseBanksDesignated: 4,
      adoptedOverRussia: 2,
      interKoreanAgreements: 3,
      krInUsKpDeal: true,
    });
    expect(measure(s, "chineseBanksDesignated")).toBe(4);
    expect(measure(s, "adoptedOverRussia")).toBe(2);
    expect(measure(s, "interKoreanAgreements")).toBe(3);
    expect(measure(s, "krInUsKpDeal")).toBe(1);
    expect(measure(withTracks({ krInUsKpDeal: false }), "krInUsKpDeal")).toBe(0);
    expect(measure({ ...base, tension: 41 }, "tension")).toBe(41);
    expect(measure(withProgramme({ readiness: 58 }), "readiness")).toBe(58);
  });

  test("parameterised measures read relation, economy, stability and summit; an unknown one throws", () => {
    const s = {
      ...withTracks({ summits: ["KP-US"] }),
      relations: { ...base.relations, "KR-US": 17 },
      powers: { ...base.powers, KR: { ...base.powers.KR, economy: 61, stability: 72 } },
    };
    expect(measure(s, "relation:KR-US")).toBe(17);
    expect(measure(s, "relation:US-KR")).toBe(17);
    expect(measure(s, "economy:KR")).toBe(61);
    expect(measure(s, "stability:KR")).toBe(72);
    expect(measure(s, "summit:KP-US")).toBe(1);
    expect(measure(s, "summit:KP-KR")).toBe(0);
    expect(() => measure(s, "nonsense:KR")).toThrow(/unknown measure/);
  });

  test("measures on North Korea's stocks and stability are North Korea's, on China's achieved enforcement China's, on Russia's goods trade Russia's and North Korea's; the rest are public", () => {
    const owners: Record<string, PowerId[]> = {
      minNkStability: ["KP"],
      nkCurrencyPercent: ["KP"],
      nkCurrency: ["KP"],
      regimeStability: ["KP"],
      maxCnHighStreak: ["CN"],
      cnHighStreakShare: ["CN"],
      ruGoodsTradePercent: ["RU", "KP"],
    };
    for (const name of [...Object.keys(owners), "tension", "noWar", "relation:KR-US", "ruTradePercent"])
      for (const p of POWERS)
        expect(measureVisibleTo(name, p), `${name} for ${p}`).toBe(owners[name]?.includes(p) ?? true);
  });
});

describe("grade", () => {
  const spec = (higherIsBetter: boolean): ObjectiveSpec => ({
    id: "t",
    power: "US",
    text: "a test objective",
    measure: "tension",
    success: higherIsBetter ? 60 : 20,
    partial: higherIsBetter ? 40 : 30,
    higherIsBetter,
  });
  const at = (tension: number, hib: boolean) => grade({ ...base, tension }, spec(hib));

  test("higher is better: success at the success threshold, partial from the partial threshold, failure below", () => {
    expect(at(60, true)).toBe("success");
    expect(at(59, true)).toBe("partial");
    expect(at(40, true)).toBe("partial");
    expect(at(39, true)).toBe("failure");
  });

  test("lower is better: success at or below the success threshold, partial up to the partial threshold, failure above", () => {
    expect(at(20, false)).toBe("success");
    expect(at(21, false)).toBe("partial");
    expect(at(30, false)).toBe("partial");
    expect(at(31, false)).toBe("failure");
  });
});

describe("score card", () => {
  test("the agenda is the one drawn for the power, or the power's first when the id is unknown", () => {
    const p: PowerId = "US";
    expect(agendaOf(base, p).id).toBe(base.agendas[p]);
    const s = { ...base, agendas: { ...base.agendas, US: "no-such-agenda" } };
    expect(agendaOf(s, p).id).toBe(base.scenario.agendas.find((a) => a.power === p)!.id);
  });

  test("each objective scores pointsSuccess or pointsPartial, the agenda agendaSuccess or agendaPartial, and the score is their sum", () => {
    for (const p of POWERS) {
      const card = scoreCard(base, p);
      const objs = objectivesOf(base, p);
      expect(card.objectives.map((o) => o.id)).toEqual([...objs.map((o) => o.id), agendaOf(base, p).id]);
      let sum = 0;
      for (const [i, o] of card.objectives.entries()) {
        const secret = i === objs.length;
        expect(o.secret).toBe(secret);
        const g = grade(base, secret ? agendaOf(base, p) : objs[i]!);
        expect(o.grade).toBe(g);
        const pts = secret
          ? { success: rules.agendaSuccess, partial: rules.agendaPartial, failure: 0 }
          : { success: rules.pointsSuccess, partial: rules.pointsPartial, failure: 0 };
        expect(o.points).toBe(pts[g]);
        sum += pts[g];
      }
      expect(card.score).toBe(sum);
      expect(card.par).toBe(rules.par);
      expect(card.normalised).toBe(Math.trunc((sum * 100) / rules.par));
    }
  });

  test("an objective at success, partial and failure scores exactly its points", () => {
    // us-readiness: usReadinessOrMoratorium, success 2, partial 1.
    const pts = (readiness: number) =>
      scoreCard(withProgramme({ readiness }), "US").objectives.find((o) => o.id === "us-readiness")!.points;
    expect(pts(50)).toBe(rules.pointsSuccess);
    expect(pts(60)).toBe(rules.pointsPartial);
    expect(pts(70)).toBe(0);
  });

  test("the agenda at success, partial and failure scores agendaSuccess, agendaPartial and 0", () => {
    // us-agenda-china: cnHighStreakShare, success 50, partial 25.
    const s0 = { ...base, agendas: { ...base.agendas, US: "us-agenda-china" }, maxRounds: 8 };
    const pts = (streak: number) =>
      scoreCard(withTracks({ maxCnHighStreak: streak }, s0), "US").objectives.find((o) => o.secret)!.points;
    expect(pts(4)).toBe(rules.agendaSuccess);
    expect(pts(2)).toBe(rules.agendaPartial);
    expect(pts(1)).toBe(0);
  });

  test("after a war each power's score is its fixed war score, less warPusherPenalty for the pusher", () => {
    const fixed = {
      US: rules.warScoreUS,
      CN: rules.warScoreCN,
      RU: rules.warScoreRU,
      KP: rules.warScoreKP,
      KR: rules.warScoreKR,
    };
    const s = ended("war", base, "US");
    for (const p of POWERS)
      expect(scoreCard(s, p).score).toBe(fixed[p] - (p === "US" ? rules.warPusherPenalty : 0));
  });

  test("after a collapse China and South Korea lose collapsePenalty (not below 0); the others keep their sum", () => {
    // The objectives are graded on the collapsed state (some read the collapse): compare with the
    // card's own points.
    const s = ended("collapse");
    const sums: number[] = [];
    for (const p of POWERS) {
      const card = scoreCard(s, p);
      const sum = card.objectives.reduce((n, o) => n + o.points, 0);
      sums.push(sum);
      const want = p === "CN" || p === "KR" ? Math.max(0, sum - rules.collapsePenalty) : sum;
      expect(card.score).toBe(want);
    }
    // Both sides of the floor: a penalty above China's sum gives 0, one below it leaves the rest.
    const cnSum = sums[POWERS.indexOf("CN")]!;
    const withPenalty = (collapsePenalty: number) =>
      scoreCard({ ...s, scenario: { ...s.scenario, rules: { ...rules, collapsePenalty } } }, "CN").score;
    expect(withPenalty(cnSum + 1)).toBe(0);
    expect(cnSum).toBeGreaterThan(0);
    expect(withPenalty(1)).toBe(cnSum - 1);
  });

  test("a grand bargain adds grandBargainBonus to every power's sum", () => {
    for (const p of POWERS)
      expect(scoreCard(ended("grand_bargain"), p).score).toBe(
        scoreCard(ended("last_round"), p).score + rules.grandBargainBonus,
      );
  });

  test("the card's grade is success at par, partial from par − 2, failure below", () => {
    // After a war the score is the power's fixed war score, which the test sets through the rules.
    const gradeAt = (score: number) => {
      const s = ended("war", {
        ...base,
        scenario: { ...base.scenario, rules: { ...rules, warScoreUS: score, warPusherPenalty: 0 } },
      });
      const c = scoreCard(s, "US");
      expect(c.score).toBe(score);
      return c.grade;
    };
    expect(gradeAt(rules.par)).toBe("success");
    expect(gradeAt(rules.par - 1)).toBe("partial");
    expect(gradeAt(rules.par - 2)).toBe("partial");
    expect(gradeAt(rules.par - 3)).toBe("failure");
  });
});

describe("finishGame", () => {
  test("ends the game with every power's card and a winner with the highest normalised score", () => {
    const out = finishGame(base, { reason: "last_round", round: base.round });
    expect(out.phase).toBe("ended");
    const scores = out.ending!.scores!;
    for (const p of POWERS) expect(scores[p]).toEqual(scoreCard(out, p));
    const top = Math.max(...POWERS.map((p) => scores[p].normalised));
    expect(scores[out.ending!.winner!].normalised).toBe(top);
    expect(base.phase).not.toBe("ended");
  });

  test("after a war the pusher cannot win even with the highest score", () => {
    const r = { ...rules, warScoreUS: 50, warPusherPenalty: 0 };
    const s = { ...base, scenario: { ...base.scenario, rules: r } };
    const out = finishGame(s, { reason: "war", round: s.round, pusher: "US" });
    expect(out.ending!.scores!.US.score).toBe(50);
    expect(out.ending!.winner).not.toBe("US");
    const eligible = POWERS.filter((p) => p !== "US");
    const top = Math.max(...eligible.map((p) => out.ending!.scores![p].normalised));
    expect(out.ending!.scores![out.ending!.winner!].normalised).toBe(top);
  });

  test("a tie is settled by one draw of the game's PRNG; a clear winner draws nothing", () => {
    // War scores: all tied except the pusher, who is excluded.
    const tie = finishGame(ended("war"), { reason: "war", round: base.round, pusher: "KR" });
    const tied = POWERS.filter(
      (p) => p !== "KR" && tie.ending!.scores![p].normalised === tie.ending!.scores!.US.normalised,
    );
    expect(tied.length).toBeGreaterThan(1);
    expect(tie.rng).not.toBe(base.rng);
    expect(tied).toContain(tie.ending!.winner);
    const r = { ...rules, warScoreCN: 40 };
    const s = { ...base, scenario: { ...base.scenario, rules: r } };
    const clear = finishGame(s, { reason: "war", round: s.round, pusher: "KR" });
    expect(clear.ending!.winner).toBe("CN");
    expect(clear.rng).toBe(base.rng);
  });

  test("different PRNG states spread a tie over more than one of the tied powers", () => {
    const winners = new Set<PowerId>();
    for (let seed = 1; seed <= 40; seed++) {
      const s = { ...newGame({ gameId: "tie", seed }) };
      winners.add(finishGame(s, { reason: "war", round: s.round, pusher: "KR" }).ending!.winner!);
    }
    expect(winners.size).toBeGreaterThan(1);
    expect(winners.has("KR")).toBe(false);
  });
});
