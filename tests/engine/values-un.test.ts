/**
 * The UN Security Council by value (DESIGN §2–3, shared/engine/un.ts): who may table, soften and
 * vote, each refusal with its trigger, and the decision: any permanent member's "no" is a veto, a
 * missing vote an abstention; an adopted draft adds trunc(strength / 4), capped at 25, to the
 * pressure on China, Russia, South Korea and the US, and counts as adopted over Russia unless Russia
 * voted yes.
 */
import { describe, expect, test } from "vitest";
import { copyState } from "../../shared/engine/copy.js";
import {
  AMENDERS,
  amendDraft,
  decideDrafts,
  isP5,
  P5,
  tableDraft,
  voteDraft,
} from "../../shared/engine/un.js";
import { type GameState, newGame, type PowerId, type UnDraft } from "../../shared/index.js";

const base = newGame({ gameId: "values-un", seed: 1 });
/** A result's code, "ok", or "no message" for a refusal that does not say what is wrong. */
const code = (r: { ok: boolean; error?: { code: string; message: string } }) =>
  r.ok ? "ok" : r.error!.message ? r.error!.code : "no message";
const value = (r: ReturnType<typeof tableDraft>): GameState => {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const draft = (patch: Partial<UnDraft> = {}): UnDraft => ({
  id: "D1",
  by: "US",
  round: base.round,
  groups: ["fuel"],
  strength: 40,
  tabledStrength: 40,
  amendedBy: [],
  votes: { US: "yes" },
  status: "open",
  ...patch,
});
const withDrafts = (drafts: UnDraft[], s: GameState = base): GameState => ({ ...s, drafts });
const orders: GameState = { ...base, phase: "orders" };

test("the permanent members are the US, China and Russia; China and Russia may amend", () => {
  expect([...P5]).toEqual(["US", "CN", "RU"]);
  expect([...AMENDERS]).toEqual(["CN", "RU"]);
  expect(["US", "CN", "RU", "KP", "KR"].filter(isP5)).toEqual(["US", "CN", "RU"]);
});

describe("tabling", () => {
  test("a permanent member tables a draft: id from seq, groups without repeats, its own yes, and a public event", () => {
    const s0 = { ...base, seq: 12 };
    const s = value(tableDraft(s0, "US", ["fuel", "minerals", "fuel"], 60));
    expect(s.seq).toBe(13);
    expect(s.drafts.at(-1)).toEqual({
      id: "D12",
      by: "US",
      round: base.round,
      groups: ["fuel", "minerals"],
      strength: 60,
      tabledStrength: 60,
      amendedBy: [],
      votes: { US: "yes" },
      status: "open",
    });
    expect(s.events.at(-1)).toEqual({
      round: base.round,
      kind: "draft_tabled",
      data: { id: "D12" },
      extra: { by: "US", groups: "fuel, minerals", strength: 60 },
      visibleTo: "all",
    });
  });

  test("refusals: not a permanent member, outside diplomacy, a second open draft of one's own", () => {
    expect(code(tableDraft(base, "KR", ["fuel"], 50))).toBe("not_p5");
    expect(code(tableDraft(orders, "US", ["fuel"], 50))).toBe("wrong_phase");
    expect(code(tableDraft(withDrafts([draft()]), "US", ["fuel"], 50))).toBe("rate_limited");
  });

  test("another member's open draft, or one's own decided draft, does not block tabling", () => {
    expect(code(tableDraft(withDrafts([draft({ by: "CN" })]), "US", ["fuel"], 50))).toBe("ok");
    expect(code(tableDraft(withDrafts([draft({ status: "adopted" })]), "US", ["fuel"], 50))).toBe("ok");
  });
});

describe("amending", () => {
  test("softening sets the strength, records the amender once and voids every vote but the sponsor's", () => {
    const d = draft({ votes: { US: "yes", CN: "yes", RU: "no" }, amendedBy: ["RU"] });
    const s = value(amendDraft(withDrafts([d]), "RU", "D1", 39));
    expect(s.drafts[0]).toEqual({ ...d, strength: 39, amendedBy: ["RU"], votes: { US: "yes" } });
    expect(s.events.at(-1)!.extra).toEqual({ by: "RU", from: 40, to: 39 });
    expect(s.events.at(-1)!.kind).toBe("draft_amended");
    const s2 = value(amendDraft(s, "CN", "D1", 20));
    expect(s2.drafts[0]!.amendedBy).toEqual(["RU", "CN"]);
    expect(s2.drafts[0]!.tabledStrength).toBe(40);
  });

  test("refusals: not China or Russia, outside diplomacy, no such draft, a decided draft, a strength not below the current one", () => {
    const s = withDrafts([draft()]);
    expect(code(amendDraft(s, "US", "D1", 10))).toBe("not_amendable");
    expect(code(amendDraft({ ...s, phase: "orders" }, "CN", "D1", 10))).toBe("wrong_phase");
    expect(code(amendDraft(s, "CN", "D9", 10))).toBe("not_found");
    expect(code(amendDraft(withDrafts([draft({ status: "vetoed" })]), "CN", "D1", 10))).toBe(
      "already_decided",
    );
    expect(code(amendDraft(s, "CN", "D1", 40))).toBe("bad_level");
    expect(code(amendDraft(s, "CN", "D1", 41))).toBe("bad_level");
  });
});

describe("voting", () => {
  test("a vote is recorded on the draft and announced", () => {
    const s = value(voteDraft(withDrafts([draft()]), "CN", "D1", "no"));
    expect(s.drafts[0]!.votes).toEqual({ US: "yes", CN: "no" });
    expect(s.events.at(-1)).toMatchObject({
      kind: "un_vote",
      data: { id: "D1", vote: "no" },
      extra: { by: "CN" },
    });
  });

  test("refusals: not a permanent member, outside diplomacy, no such draft, a decided draft", () => {
    const s = withDrafts([draft()]);
    expect(code(voteDraft(s, "KP", "D1", "yes"))).toBe("not_p5");
    expect(code(voteDraft({ ...s, phase: "orders" }, "RU", "D1", "yes"))).toBe("wrong_phase");
    expect(code(voteDraft(s, "RU", "D2", "yes"))).toBe("not_found");
    expect(code(voteDraft(withDrafts([draft({ status: "adopted" })]), "RU", "D1", "yes"))).toBe(
      "already_decided",
    );
  });
});

describe("the decision", () => {
  const decide = (drafts: UnDraft[]) => {
    const s = copyState(withDrafts(drafts));
    s.events = [];
    s.pressure = { US: 50, CN: 50, RU: 50, KP: 50, KR: 50 };
    s.tracks = { ...s.tracks, adoptedOverRussia: 0 };
    decideDrafts(s);
    return s;
  };

  test("one permanent member's no is a veto: no resolution, no pressure, the vetoing powers named", () => {
    const s = decide([draft({ votes: { US: "yes", CN: "no", RU: "no" } })]);
    expect(s.drafts[0]!.status).toBe("vetoed");
    expect(s.sanctions.resolutions).toEqual(base.sanctions.resolutions);
    expect(s.pressure.CN).toBe(50);
    expect(s.events).toEqual([
      {
        round: base.round,
        kind: "draft_vetoed",
        data: { id: "D1", by: "CN,RU" },
        extra: { by: "CN and RU" },
        visibleTo: "all",
      },
    ]);
  });

  test("a missing vote is an abstention: the draft is adopted as a resolution", () => {
    const s = decide([draft({ strength: 40, tabledStrength: 60, groups: ["fuel", "minerals"] })]);
    expect(s.drafts[0]!.status).toBe("adopted");
    expect(s.sanctions.resolutions.at(-1)).toEqual({
      id: "res-D1",
      name: `Resolution D1 (round ${base.round})`,
      round: base.round,
      by: "US",
      groups: ["fuel", "minerals"],
      strength: 40,
    });
    expect(s.events.at(-1)).toEqual({
      round: base.round,
      kind: "resolution_adopted",
      data: { id: "D1", strength: 40 },
      extra: { name: `Resolution D1 (round ${base.round})`, groups: "fuel, minerals", tabled: 60 },
      visibleTo: "all",
    });
  });

  test("adoption adds trunc(strength / 4), at most 25, to the pressure on China, Russia, South Korea and the US, not North Korea", () => {
    for (const strength of [3, 4, 7, 40, 100, 104]) {
      const s = decide([draft({ strength })]);
      const add = Math.min(25, Math.trunc(strength / 4));
      for (const p of ["CN", "RU", "KR", "US"] as PowerId[])
        expect(s.pressure[p], `${p} at ${strength}`).toBe(50 + add);
      expect(s.pressure.KP).toBe(50);
    }
  });

  test("an adopted draft counts as adopted over Russia unless Russia voted yes", () => {
    expect(decide([draft({ votes: { US: "yes" } })]).tracks.adoptedOverRussia).toBe(1);
    expect(decide([draft({ votes: { US: "yes", RU: "abstain" } })]).tracks.adoptedOverRussia).toBe(1);
    expect(decide([draft({ votes: { US: "yes", RU: "yes" } })]).tracks.adoptedOverRussia).toBe(0);
  });

  test("decided drafts are kept as they are; every open one is decided", () => {
    const old = draft({ id: "D0", status: "vetoed", votes: { US: "yes", RU: "no" } });
    const s = decide([
      old,
      draft({ id: "D1" }),
      draft({ id: "D2", by: "CN", votes: { CN: "yes", US: "no" } }),
    ]);
    expect(s.drafts[0]).toBe(old);
    expect(s.drafts.map((d) => d.status)).toEqual(["vetoed", "adopted", "vetoed"]);
    expect(s.events.map((e) => e.kind)).toEqual(["resolution_adopted", "draft_vetoed"]);
  });
});
