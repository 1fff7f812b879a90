/**
 * The military ladder by value (shared/engine/military.ts, step 6): scheduled launcher arrivals,
 * joint exercises held or suspended, the simple moves' extra rules (defences up to 3, Russia's
 * link), missile defence with and without Seoul's consent, and a preventive strike's war chance.
 * Numbers come from the scenario's catalogue.
 */
import { describe, expect, test } from "vitest";
import { catalogueOf } from "../../shared/engine/catalogue.js";
import { type Ctx, makeCtx, relation } from "../../shared/engine/context.js";
import { copyState } from "../../shared/engine/copy.js";
import { resolveMilitary } from "../../shared/engine/military.js";
import { newGame } from "../../shared/index.js";
import type { Action } from "../../shared/orders.js";
import { byPower, type PowerId } from "../../shared/powers.js";
import type { GameState } from "../../shared/state.js";

const game = (seed = 1) => newGame({ gameId: "values-military", seed });
const cat = catalogueOf(game().scenario);
const ex = cat.set_exercises.numbers;
const mulDiv = (a: number, b: number, c: number) => Math.trunc((a * b) / c);

/** Exercises off, no moratorium, crisis 40, relations at 0, round 3 (no arrival due). */
function stateWith(set: (s: GameState) => void = () => {}, seed = 1): GameState {
  const s = copyState(game(seed));
  s.round = 3;
  s.policies.US.exercises = false;
  s.policies.KR.exercises = false;
  s.policies.KP.moratorium = false;
  s.policies.KR.mdConsent = false;
  s.crisis = 40;
  s.tension = 10;
  s.relations = Object.fromEntries(Object.keys(s.relations).map((k) => [k, 0])) as GameState["relations"];
  s.tracks = { ...s.tracks };
  s.missileDefence = { ...s.missileDefence, launchers: 6, arrivals: [{ round: 5, launchers: 4 }] };
  set(s);
  return s;
}

function run(s: GameState, actions: Partial<Record<PowerId, Action[]>> = {}): Ctx {
  const ctx = makeCtx(game(), s);
  ctx.round = s.round;
  ctx.actions = byPower((p) => actions[p] ?? []);
  resolveMilitary(ctx);
  return ctx;
}

describe("arrivals and exercises", () => {
  test("launchers scheduled for this round arrive; those for another round do not", () => {
    const due = run(stateWith((s) => void Object.assign(s, { round: 5 })));
    expect(due.s.missileDefence.launchers).toBe(10);
    expect(due.events.find((e) => e.kind === "md_arrived")!.data).toEqual({ launchers: 4 });
    const early = run(stateWith((s) => void Object.assign(s, { round: 4 })));
    expect(early.s.missileDefence.launchers).toBe(6);
    expect(early.events.some((e) => e.kind === "md_arrived")).toBe(false);
  });

  test("exercises held by both add heldCrisis in the US's name and move four relations", () => {
    const s = stateWith((x) => {
      x.policies.US.exercises = true;
      x.policies.KR.exercises = true;
    });
    const suspendedBefore = s.tracks.exercisesSuspendedRounds;
    const ctx = run(s);
    expect(ctx.s.crisis).toBe(40 + ex.heldCrisis!);
    expect(ctx.crisisBy.US).toBe(ex.heldCrisis);
    expect([
      relation(ctx.s, "KR", "US"),
      relation(ctx.s, "KP", "US"),
      relation(ctx.s, "KP", "KR"),
      relation(ctx.s, "CN", "US"),
    ]).toEqual([2, -3, -2, -1]);
    expect(ctx.s.tracks.exercisesSuspendedRounds).toBe(suspendedBefore);
  });

  test("exercises on for one side only are suspended: suspendedCrisis, a suspended round, relations unchanged", () => {
    for (const [us, kr] of [
      [true, false],
      [false, true],
      [false, false],
    ] as const) {
      const s = stateWith((x) => {
        x.policies.US.exercises = us;
        x.policies.KR.exercises = kr;
      });
      const rounds = s.tracks.exercisesSuspendedRounds;
      const f4f = s.tracks.freezeForFreezeRounds;
      const ctx = run(s);
      expect(ctx.s.crisis, `US ${us} KR ${kr}`).toBe(40 + ex.suspendedCrisis!);
      expect(ctx.s.tracks.exercisesSuspendedRounds).toBe(rounds + 1);
      expect(ctx.s.tracks.freezeForFreezeRounds).toBe(f4f);
      expect(relation(ctx.s, "KR", "US")).toBe(0);
    }
  });

  test("suspended exercises with North Korea's moratorium count a freeze-for-freeze round", () => {
    const s = stateWith((x) => {
      x.policies.KP.moratorium = true;
    });
    const f4f = s.tracks.freezeForFreezeRounds;
    expect(run(s).s.tracks.freezeForFreezeRounds).toBe(f4f + 1);
  });
});

describe("simple moves", () => {
  test("strengthening defences adds one level, up to 3, and applies its effects", () => {
    const eff = cat.strengthen_defences.effects!;
    for (const [before, after] of [
      [0, 1],
      [2, 3],
      [3, 3],
    ] as const) {
      const s = stateWith((x) => {
        x.defences = before;
        x.powers.KR.economy = 100;
        x.powers.KR.stability = 50;
      });
      const ctx = run(s, { KR: [{ type: "strengthen_defences" }] });
      expect(ctx.s.defences).toBe(after);
      expect(ctx.s.powers.KR.economy).toBe(100 + eff.self!.economy!);
      expect(ctx.s.powers.KR.stability).toBe(50 + eff.self!.stability!);
      expect(ctx.s.crisis).toBe(40 + ex.suspendedCrisis! + eff.crisis!);
      expect(ctx.events.find((e) => e.kind === "strengthen_defences")!.data).toEqual({ power: "KR" });
    }
  });

  test("expanding the Rajin link adds the catalogue's capacity to Russia's channel; other moves do not", () => {
    const s = stateWith((x) => {
      x.illicit = { ...x.illicit, russianLink: 12 };
    });
    const ctx = run(s, { RU: [{ type: "expand_rajin_link" }], US: [{ type: "show_of_force" }] });
    expect(ctx.s.illicit.russianLink).toBe(12 + cat.expand_rajin_link.numbers.capacity!);
    expect(relation(ctx.s, "RU", "US")).toBe(cat.expand_rajin_link.effects!.relations!["RU-US"]);
    const other = run(
      stateWith((x) => void Object.assign(x, { defences: 1 })),
      { US: [{ type: "show_of_force" }] },
    );
    expect(other.s.defences).toBe(1);
    expect(other.s.crisis).toBe(40 + ex.suspendedCrisis! + cat.show_of_force.effects!.crisis!);
  });

  test("actions that are not military moves here change nothing in this step", () => {
    const ctx = run(stateWith(), { KR: [{ type: "engage_china" }], US: [{ type: "fonop" }] });
    expect(ctx.s.crisis).toBe(40 + ex.suspendedCrisis!);
    expect(
      ctx.events.filter((e) => e.kind === ("engage_china" as never) || e.kind === ("fonop" as never)),
    ).toEqual([]);
  });
});

describe("missile defence", () => {
  test("with Seoul's consent the launchers are deployed, counted and the deployment's effects apply", () => {
    const add = cat.deploy_missile_defence.numbers.launchers!;
    const eff = cat.deploy_missile_defence.effects!;
    const s = stateWith((x) => {
      x.policies.KR.mdConsent = true;
    });
    const deployed = s.tracks.mdDeployed;
    const ctx = run(s, { US: [{ type: "deploy_missile_defence" }] });
    expect(ctx.s.missileDefence.launchers).toBe(6 + add);
    expect(ctx.s.tracks.mdDeployed).toBe(deployed + add);
    expect(ctx.s.tension).toBe(10 + eff.tension!);
    expect(ctx.s.crisis).toBe(40 + ex.suspendedCrisis! + eff.crisis!);
    expect(relation(ctx.s, "KR", "US")).toBe(0);
    expect(ctx.events.find((e) => e.kind === "md_deployed")!.data).toEqual({ launchers: add });
  });

  test("without consent nothing is deployed and US–South Korea relations fall by 5", () => {
    const ctx = run(stateWith(), { US: [{ type: "deploy_missile_defence" }] });
    expect(ctx.s.missileDefence.launchers).toBe(6);
    expect(ctx.s.tension).toBe(10);
    expect(relation(ctx.s, "KR", "US")).toBe(-5);
    expect(ctx.events.map((e) => e.kind)).toContain("md_blocked");
  });
});

describe("a preventive strike", () => {
  const spec = cat.preventive_strike;
  /** The crisis the strike sees: the start (40) after suspended exercises. */
  const seen = 40 + ex.suspendedCrisis!;

  test("its war chance is warChanceBase + warChancePerCrisis% of the crisis, shown in its event", () => {
    const ctx = run(stateWith(), { US: [{ type: "preventive_strike" }] });
    const ev = ctx.events.find((e) => e.kind === "strike" || e.kind === "strike_war")!;
    expect(ev.data).toEqual({
      chance: Math.min(95, spec.numbers.warChanceBase! + mulDiv(seen, spec.numbers.warChancePerCrisis!, 100)),
    });
  });

  test("the chance stops at 95", () => {
    const s = stateWith((x) => {
      x.crisis = 100;
      x.scenario = {
        ...x.scenario,
        actions: x.scenario.actions.map((a) =>
          a.type === "preventive_strike"
            ? { ...a, numbers: { warChanceBase: 90, warChancePerCrisis: 33 } }
            : a,
        ),
      };
    });
    const ctx = run(s, { US: [{ type: "preventive_strike" }] });
    expect(ctx.events.find((e) => e.kind === "strike" || e.kind === "strike_war")!.data).toEqual({
      chance: 95,
    });
  });

  test("war comes at about the stated chance (300 seeds, within 10 points); a war roll sets the crisis to 100 in the US's name", () => {
    let wars = 0;
    const seeds = 300;
    for (let seed = 1; seed <= seeds; seed++) {
      const s = stateWith((x) => {
        x.powers.KP.stability = 40;
        x.programme = { ...x.programme, readiness: 50 };
      }, seed);
      const ctx = run(s, { US: [{ type: "preventive_strike" }] });
      const war = ctx.events.some((e) => e.kind === "strike_war");
      expect(ctx.strikeWar).toBe(war);
      expect(ctx.s.powers.KP.stability).toBe(43);
      expect(ctx.s.programme.readiness).toBe(50 + spec.effects!.readiness!);
      if (war) {
        wars++;
        expect(ctx.s.crisis).toBe(100);
        expect(ctx.crisisBy.US).toBe(spec.effects!.crisis! + 100);
      } else {
        expect(ctx.s.crisis).toBe(seen + spec.effects!.crisis!);
        expect(ctx.crisisBy.US).toBe(spec.effects!.crisis!);
      }
    }
    const chance = Math.min(
      95,
      spec.numbers.warChanceBase! + mulDiv(seen, spec.numbers.warChancePerCrisis!, 100),
    );
    expect(Math.abs((wars * 100) / seeds - chance)).toBeLessThanOrEqual(10);
  });
});

describe("the catalogue's numbers and what the step records", () => {
  const tuned = (x: GameState) => {
    const numbers: Record<string, Record<string, number>> = {
      set_exercises: { heldCrisis: 5, suspendedCrisis: -2 },
      expand_rajin_link: { capacity: 7 },
      deploy_missile_defence: { launchers: 3 },
      preventive_strike: { warChanceBase: 10, warChancePerCrisis: 50 },
    };
    x.scenario = {
      ...x.scenario,
      actions: x.scenario.actions.map((a) => (numbers[a.type] ? { ...a, numbers: numbers[a.type]! } : a)),
    };
  };

  test("exercises use the catalogue's heldCrisis and suspendedCrisis, labelled", () => {
    const held = run(
      stateWith((x) => {
        tuned(x);
        x.policies.US.exercises = true;
        x.policies.KR.exercises = true;
      }),
    );
    expect(held.s.crisis).toBe(45);
    expect(held.crisisParts).toEqual([
      { why: "label", label: "US–South Korea joint exercises", delta: 5, visibleTo: "all" },
    ]);
    const off = run(stateWith(tuned));
    expect(off.s.crisis).toBe(38);
    expect(off.crisisParts).toEqual([
      { why: "label", label: "joint exercises suspended", delta: -2, visibleTo: "all" },
    ]);
  });

  test("the Rajin link grows by the catalogue's capacity; no other move touches it", () => {
    const s = stateWith((x) => {
      tuned(x);
      x.illicit = { ...x.illicit, russianLink: 12 };
    });
    expect(run(s, { RU: [{ type: "expand_rajin_link" }] }).s.illicit.russianLink).toBe(19);
    const others = run(
      stateWith((x) => {
        x.illicit = { ...x.illicit, russianLink: 12 };
      }),
      {
        US: [{ type: "show_of_force" }],
        KP: [{ type: "threaten_seoul" }],
        KR: [{ type: "strengthen_defences" }],
      },
    );
    expect(others.s.illicit.russianLink).toBe(12);
  });

  test("missile defence deploys the catalogue's launchers, and its effects carry its label", () => {
    const ctx = run(
      stateWith((x) => {
        tuned(x);
        x.policies.KR.mdConsent = true;
      }),
      { US: [{ type: "deploy_missile_defence" }] },
    );
    expect(ctx.s.missileDefence.launchers).toBe(9);
    expect(ctx.crisisParts.at(-1)).toMatchObject({ label: cat.deploy_missile_defence.label });
  });

  test("a strike's chance uses the catalogue's base and per-crisis share; a strike without war is announced with it", () => {
    const s = stateWith(tuned);
    const ctx = run(s, { US: [{ type: "preventive_strike" }] });
    const chance = Math.min(95, 10 + mulDiv(40 - 2, 50, 100));
    const ev = ctx.events.find((e) => e.kind === "strike" || e.kind === "strike_war")!;
    expect(ev.data).toEqual({ chance });
    let peace = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const c = run(stateWith(tuned, seed), { US: [{ type: "preventive_strike" }] });
      const e = c.events.find((x) => x.kind === "strike");
      if (e) {
        peace++;
        expect(e.data).toEqual({ chance });
        expect(c.strikeWar).toBe(false);
      }
    }
    expect(peace).toBeGreaterThan(0);
  });
});
