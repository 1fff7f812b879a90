/**
 * Objectives (DESIGN §6, issue 10): every objective reads a known measure; the agendas that count
 * rounds scale with the preset, so each can be met within a 4-, 5- or 8-round game; the reworked
 * objectives can both succeed and fail.
 */
import { describe, expect, test } from "vitest";
import { type GameState, grade, type Input, measure, newGame, SUMMER_2017 } from "../../shared/index.js";
import { PRESETS } from "../../shared/protocol.js";
import { last, play } from "./helpers.js";

const spec = (id: string) => [...SUMMER_2017.objectives, ...SUMMER_2017.agendas].find((o) => o.id === id)!;
const graded = (s: GameState, id: string) => grade(s, spec(id));
const PRESET_ROUNDS = [...new Set(Object.values(PRESETS).map((p) => p.rounds))].sort();

test("every objective and agenda reads a measure the engine knows", () => {
  const s = newGame({ gameId: "o", seed: 1 });
  for (const o of [...SUMMER_2017.objectives, ...SUMMER_2017.agendas])
    expect(Number.isFinite(measure(s, o.measure)), o.id).toBe(true);
});

describe.each(PRESET_ROUNDS)("agendas that count rounds, in a %i-round game", (rounds) => {
  test("US: China's enforcement high for half the game can be met", () => {
    // China sustains a target of 100 from round 1: 30 → 45 → 60 …, high from round 2 on.
    const run = play(
      rounds,
      (r) =>
        r === 1
          ? { orders: { CN: [{ type: "set_enforcement", announced: 100, target: 100, sustain: true }] } }
          : {},
      { maxRounds: rounds },
    );
    const end = last(run);
    expect(end.phase).toBe("ended");
    expect(graded(end, "us-agenda-china")).toBe("success");
  });

  test("US: the same agenda fails when China's enforcement fades", () => {
    const end = last(play(rounds, () => ({}), { maxRounds: rounds }));
    expect(graded(end, "us-agenda-china")).toBe("failure");
  });

  test("Russia: freeze-for-freeze for half the game can be met, and fails without it", () => {
    const freeze = play(
      rounds,
      (r) =>
        r === 1
          ? {
              orders: {
                KP: [{ type: "set_moratorium", on: true }],
                US: [{ type: "set_exercises", on: false }],
              },
            }
          : {},
      { maxRounds: rounds },
    );
    expect(graded(last(freeze), "ru-agenda-f4f")).toBe("success");
    expect(graded(last(play(rounds, () => ({}), { maxRounds: rounds })), "ru-agenda-f4f")).toBe("failure");
  });
});

describe("reworked public objectives can fail as well as succeed", () => {
  test("us-no-war: a crisis near the brink is only a partial", () => {
    const calm = last(play(2, () => ({}), { maxRounds: 2 }));
    expect(graded(calm, "us-no-war")).toBe("success");
    const tense = last(
      play(
        2,
        (r) =>
          r === 1
            ? {
                orders: {
                  KP: [{ type: "nuclear_test" }, { type: "threaten_seoul" }],
                  US: [{ type: "show_of_force" }],
                },
              }
            : { orders: { KP: [{ type: "missile_test" }] } },
        { maxRounds: 2 },
      ),
    );
    expect(measure(tense, "maxCrisisNoWar")).toBeGreaterThan(80);
    expect(tense.ending?.reason).not.toBe("war");
    expect(graded(tense, "us-no-war")).toBe("partial");
  });

  test("ru-no-override: resolutions adopted as tabled fail it; one Russia softened does not", () => {
    const table: Input = { type: "table_un_draft", groups: ["minerals"], strength: 80 };
    const asTabled = last(play(2, () => ({ diplomacy: [["US", table]] }), { maxRounds: 2 }));
    expect(graded(asTabled, "ru-no-override")).toBe("failure");
    const softened = last(
      play(
        1,
        (_r, s) => ({
          diplomacy: [
            ["US", table],
            ["RU", { type: "amend_un_draft", id: `D${s.seq}`, strength: 50 }],
          ],
        }),
        { maxRounds: 1 },
      ),
    );
    expect(softened.sanctions.resolutions.some((r) => r.round === 1)).toBe(true);
    expect(graded(softened, "ru-no-override")).toBe("success");
  });

  test("cn-no-md: exercises suspended half the game and no new launchers; a deployment fails it", () => {
    const off = last(
      play(4, (r) => (r === 1 ? { orders: { KR: [{ type: "set_exercises", on: false }] } } : {}), {
        maxRounds: 4,
      }),
    );
    expect(graded(off, "cn-no-md")).toBe("success");
    const deployed = last(
      play(
        4,
        (r) =>
          r === 1
            ? {
                orders: {
                  KR: [{ type: "set_exercises", on: false }],
                  US: [{ type: "deploy_missile_defence" }],
                },
              }
            : {},
        { maxRounds: 4 },
      ),
    );
    expect(graded(deployed, "cn-no-md")).toBe("failure");
  });

  test("ru-agreements: hosting talks alone is no longer enough", () => {
    const hosted = last(play(1, () => ({ orders: { RU: [{ type: "host_talks" }] } }), { maxRounds: 1 }));
    expect(hosted.tracks.ruHosted).toBe(true);
    expect(graded(hosted, "ru-agreements")).toBe("failure");
  });
});
