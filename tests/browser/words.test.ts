/**
 * Everything the engine says reaches the screen in the reader's language: every event kind the
 * engine declares (`EVENT_KINDS`, which `EventRecord.kind` is typed by) and every reason `why` of
 * the view's schema (tied to the `Reason` type both ways) has a template in client/game/words.ts, in
 * English and Korean. The view carries records only (no English): a record the client cannot say
 * from a template (`templated: false`) fails. (Plain Node: no browser needed.)
 */
import fs from "node:fs";
import path from "node:path";
import i18next from "i18next";
import { beforeAll, describe, expect, test } from "vitest";
import { botPolicy } from "../../shared/bots/index.js";
import { mixedPersonalities } from "../../shared/bots/selfplay.js";
import { type Input, step } from "../../shared/engine/step.js";
import { eventText as engineEventText } from "../../shared/engine/text.js";
import { ACTION_TYPES } from "../../shared/orders.js";
import { POWERS } from "../../shared/powers.js";
import { newGame, SUMMER_2017 } from "../../shared/scenario.js";
import {
  EVENT_KINDS as ENGINE_EVENT_KINDS,
  type EventKind,
  type EventRecord,
  type ExplanationPart,
  type GameEvent,
  type GameState,
  type Reason,
  type Term,
} from "../../shared/state.js";
import { viewFor } from "../../shared/view.js";
import { ReasonSchema } from "../../shared/viewSchema.js";

/** What this test uses of client/game/words.ts. */
interface Said {
  text: string;
  templated: boolean;
}
interface Words {
  EVENT_KINDS: readonly string[];
  REASON_WHYS: readonly string[];
  sayEvent(e: GameEvent): Said;
  sayReason(part: ExplanationPart, x: { from: number; to: number }): Said;
  objectiveText(o: { id: string; text: string }): string;
  termText(term: Term): string;
  particles(s: string): string;
  indexName(index: string): string;
}
// Client modules are typechecked by client/tsconfig.json (bundler resolution); loading them by a
// computed path keeps the root typecheck (NodeNext) out of them.
const { EVENT_KINDS, REASON_WHYS, sayEvent, sayReason, objectiveText, termText, particles, indexName } =
  (await import(path.resolve("client/game/words.ts"))) as Words;
const json = (f: string) => JSON.parse(fs.readFileSync(path.resolve("client/i18n", f), "utf8")) as object;

const SC = SUMMER_2017;
const HANGUL = /[가-힣]/;

beforeAll(async () => {
  await i18next.init({
    lng: "ko",
    fallbackLng: "en",
    resources: { en: { translation: json("en.json") }, ko: { translation: json("ko.json") } },
    interpolation: { escapeValue: false },
  });
});

/** Every `why` a reason can have: the options of the view's schema (which is held to `Reason`). */
const ENGINE_WHYS: string[] = ReasonSchema.options.flatMap((o) => o.shape.why.options as string[]);

/** One record of every kind the engine declares, with the data and extra it records. */
type Sample = Pick<EventRecord, "data" | "extra"> & { free?: boolean };
const EVENT_SAMPLES: Record<string, Sample[]> = {
  enforcement_announced: [{ data: { power: "CN", from: 35, to: 60 } }],
  trade_policy: [{ data: { power: "RU", group: "fuel", level: 40 } }],
  pipeline: [{ data: { level: 80 } }],
  inspections: [{ data: { level: 50 } }],
  fuel_sales: [{ data: { level: 30 } }],
  exercises_policy: [{ data: { power: "KR", on: 0 } }, { data: { power: "US", on: 1 } }],
  md_consent: [{ data: { on: 1 } }, { data: { on: 0 } }],
  tariffs: [{ data: { on: 1 } }, { data: { on: 0 } }],
  moratorium: [{ data: { on: 1 } }, { data: { on: 0 } }],
  labourers: [{ data: { level: 20 } }],
  engagement: [{ data: { level: 70 } }],
  statement: [
    { data: { power: "KP" }, extra: { text: "We will never give up: “fire and fury”, they say." } },
  ],
  matrix_queued: [{ data: { power: "US" } }],
  matrix_deferred: [
    { data: { power: "KP" } },
    { data: { power: "KP" }, extra: { reason: "Needs a second look next round." }, free: true },
  ],
  retaliation: [{ data: { target: "KR" } }],
  summit_held: [{ data: { a: "US", b: "KP" } }],
  talks_offered: [{ data: { from: "KR", to: "KP" } }],
  designated: [{ data: { entity: "bank_of_dandong" } }],
  intel_report: [
    { data: { region: "dandong", found: 0 } },
    {
      data: { region: "yellow_sea", found: 2 },
      extra: { names: "Yellow Sea ship-to-ship zone, New fronts (dandong)" },
    },
  ],
  node_closed: [
    {
      data: { node: "dandong-fronts", region: "dandong", capacity: 40 },
      extra: { by: "US", name: "Dandong front companies" },
    },
    {
      data: { node: "node-7", region: "finance", capacity: 12 },
      extra: { by: "KR", name: "New accounts (finance)" },
    },
  ],
  smuggling_capped: [{ data: {} }],
  smuggling_op: [{ data: { region: "east_china_sea", add: 15 } }],
  node_opened: [{ data: { node: "node-3", region: "yellow_sea" }, extra: { capacity: 14 } }],
  md_arrived: [{ data: { launchers: 4 } }],
  md_deployed: [{ data: { launchers: 2 } }],
  md_blocked: [{ data: {} }],
  strike_war: [{ data: { chance: 60 } }],
  strike: [{ data: { chance: 60 } }],
  missile_tested: [
    { data: { success: 0, stage: 1 } },
    { data: { success: 1, stage: 2 } },
    { data: { success: 1, stage: 3 }, extra: { stageUp: 1 } },
  ],
  programme_progress: [{ data: { progress: 45, resources: 80 } }],
  nuclear_tested: [{ data: { readiness: 40 } }],
  russia_backfilled: [{ data: { backfill: 12, wanted: 30, capacity: 25 } }],
  cyber_attributed: [{ data: {} }],
  refugees: [{ data: { flow: 3 } }],
  crisis_costs: [{ data: { crisis: 72 } }],
  proposal: [
    { data: { id: "p1", from: "CN" }, extra: { to: "US, KP" } },
    { data: { id: "p2", from: "US" }, extra: { to: "KP" } },
  ],
  proposal_rejected: [{ data: { id: "p1", by: "US" } }],
  agreement_signed: [
    { data: { id: "a1", parties: "US,CN" }, extra: { grand: 1 } },
    {
      data: { id: "a2", parties: "CN,KP,RU" },
      extra: { parties: "CN, KP, RU", terms: "no_tests, suspend_exercises, no_tests", duration: 2 },
    },
  ],
  breach_unseen: [{ data: { id: "a2" }, extra: { party: "KP", term: "no_tests" } }],
  agreement_broken: [{ data: { id: "a2", by: "KP", term: "no_tests" } }],
  agreement_expired: [{ data: { id: "a2" } }],
  collapse: [{ data: {} }],
  war: [{ data: { pusher: "none" } }, { data: { pusher: "US" } }],
  draft_tabled: [{ data: { id: "d1" }, extra: { by: "US", groups: "minerals, fuel", strength: 70 } }],
  draft_amended: [{ data: { id: "d1" }, extra: { by: "CN", from: 70, to: 50 } }],
  un_vote: [{ data: { id: "d1", vote: "abstain" }, extra: { by: "RU" } }],
  draft_vetoed: [{ data: { id: "d1", by: "CN,RU" }, extra: { by: "CN and RU" } }],
  resolution_adopted: [
    {
      data: { id: "d1", strength: 50 },
      extra: { name: "Resolution d1 (round 3)", groups: "minerals, fuel", tabled: 70 },
    },
    {
      data: { id: "d2", strength: 60 },
      extra: { name: "Resolution d2 (round 4)", groups: "labour", tabled: 60 },
    },
  ],
  inject: [
    {
      data: { title: "Guam threatened" },
      extra: { text: SC.injects.find((i) => i.id === "guam-threat")!.text },
    },
    // Control's own words stay as Control wrote them (the template still frames them).
    { data: { title: "A ferry sinks" }, extra: { text: "A ferry sinks off Nampo: 40 missing." }, free: true },
  ],
  adjudicated: [
    { data: { title: "Back-channel to Pyongyang", chance: 50, success: 1 } },
    { data: { title: "Back-channel to Pyongyang", chance: 30, success: 0 } },
    // A queued free-form action's verdict, applied at the resolution (engine/matrix.ts).
    { data: { title: "Back-channel to Pyongyang", chance: 50, success: 1, roll: 23, power: "KR" } },
    { data: { title: "Back-channel to Pyongyang", chance: 50, success: 0, roll: 77 } },
  ],
  override: [
    {
      data: { index: "enforcement_actual", from: 35, to: 50 },
      extra: { what: "enforcement_actual (CN)", reason: "a class discussion: 3 → 4" },
    },
    { data: { index: "crisis", from: 40, to: 55 }, extra: { what: "crisis", reason: "scenario beat" } },
  ],
};

/** One reason of every `why` the engine can give. */
const REASON_SAMPLES: Record<string, Reason[]> = {
  label: [
    { why: "label", label: "agreements in force", visibleTo: "all" },
    { why: "label", label: SC.actions.find((a) => a.type === "fonop")!.label, visibleTo: "all" },
    { why: "label", label: "Guam threatened", visibleTo: "all" },
    { why: "label", label: "missile test failed: a little learned", visibleTo: "all" },
  ],
  summit: [{ why: "summit", a: "US", b: "KP", visibleTo: "all" }],
  decay: [{ why: "decay", value: 2, visibleTo: "all" }],
  scenario_baseline: [{ why: "scenario_baseline", value: 30, visibleTo: "all" }],
  pressure: [{ why: "pressure", value: 12, visibleTo: "all" }],
  tension: [{ why: "tension", value: 40, visibleTo: "all" }],
  sustained: [{ why: "sustained", before: 30, after: 45, target: 60, visibleTo: "all" }],
  crackdown: [{ why: "crackdown", before: 30, after: 45, target: 80, cap: 55, visibleTo: "all" }],
  drift: [{ why: "drift", before: 50, after: 44, baseline: 30, visibleTo: "all" }],
  flow_owner: [
    {
      why: "flow_owner",
      flow: "kp-cn-coal",
      before: 30,
      after: 45,
      level: 100,
      banned: 60,
      visibleTo: "all",
    },
  ],
  flow_public: [
    { why: "flow_public", flow: "kp-cn-coal", banned: 60, enforced: true, visibleTo: "all" },
    { why: "flow_public", flow: "kp-cn-coal", banned: 0, enforced: false, visibleTo: "all" },
  ],
  illicit_flow: [{ why: "illicit_flow", flow: "kp-cn-coal", visibleTo: "all" }],
  exposed: [{ why: "exposed", by: "US", name: "Accounts abroad", visibleTo: "all" }],
  test_succeeded: [{ why: "test_succeeded", value: 6, visibleTo: "all" }],
  nuclear_test: [{ why: "nuclear_test", value: 12, visibleTo: "all" }],
  passive: [{ why: "passive", value: 1, visibleTo: "all" }],
  resources: [{ why: "resources", value: 80, visibleTo: "all" }],
  stage: [{ why: "stage", stage: 3, visibleTo: "all" }],
  cyber_theft: [{ why: "cyber_theft", value: 40, visibleTo: "all" }],
  exports: [{ why: "exports", value: 120, visibleTo: "all" }],
  illicit_sales: [{ why: "illicit_sales", value: 60, visibleTo: "all" }],
  imports: [{ why: "imports", value: 90, visibleTo: "all" }],
  upkeep: [{ why: "upkeep", value: 50, visibleTo: "all" }],
  tests: [{ why: "tests", value: 10, visibleTo: "all" }],
  unpaid: [{ why: "unpaid", value: 20, visibleTo: "all" }],
  fuel: [{ why: "fuel", fuelIn: 120, used: 130, visibleTo: "all" }],
  food: [{ why: "food", imports: 30, supply: 70, visibleTo: "all" }],
  kp_trade: [{ why: "kp_trade", value: 60, visibleTo: "all" }],
  nk_stress: [{ why: "nk_stress", currency: 20, fuel: 10, food: 30, target: 55, visibleTo: "all" }],
  nk_max_move: [{ why: "nk_max_move", fall: 8, rise: 4, visibleTo: "all" }],
  border_trade: [{ why: "border_trade", now: 1200, start: 1500, visibleTo: "all" }],
  inspections: [{ why: "inspections", value: 50, visibleTo: "all" }],
  discontent: [{ why: "discontent", value: 40, visibleTo: "all" }],
  ru_trade: [{ why: "ru_trade", now: 40, start: 30, gain: -2, visibleTo: "all" }],
  implied: [{ why: "implied", owner: "CN", lo: 30, hi: 60, visibleTo: "all" }],
};

// As viewFor sends it: the engine's record.
const asEvent = ({ data, extra }: Sample, kind: string): GameEvent => ({
  round: 2,
  kind: kind as EventKind,
  data,
  ...(extra ? { extra } : {}),
  visibleTo: "all",
});

/** Korean text a student can read: from a template, filled, with Korean in it. */
function expectKorean(said: Said, what: string, free = false): void {
  expect(said.templated, `${what}: shown in English: ${said.text}`).toBe(true);
  expect(said.text, what).not.toMatch(/\{\{|undefined|NaN|\b(event|reason|node|termShort)\./);
  if (!free) expect(said.text, what).toMatch(HANGUL);
}

async function inLang<T>(lang: "en" | "ko", f: () => T): Promise<T> {
  await i18next.changeLanguage(lang);
  return f();
}

describe("every event kind and reason the engine can produce has words in both languages", () => {
  test("the client knows exactly the engine's event kinds and reasons", () => {
    const kinds = [...ENGINE_EVENT_KINDS];
    const whys = ENGINE_WHYS;
    expect(kinds.length).toBeGreaterThan(40);
    expect(whys.length).toBeGreaterThan(30);
    expect([...EVENT_KINDS].sort()).toEqual([...kinds].sort());
    expect([...REASON_WHYS].sort()).toEqual([...whys].sort());
    // Every kind has a sample below, so the next test covers it.
    expect(kinds.filter((k) => !EVENT_SAMPLES[k])).toEqual([]);
    expect(whys.filter((w) => !REASON_SAMPLES[w])).toEqual([]);
  });

  test.each(Object.keys(EVENT_SAMPLES))("event %s in Korean and English", async (kind) => {
    for (const sample of EVENT_SAMPLES[kind]!) {
      const e = asEvent(sample, kind);
      expectKorean(await inLang("ko", () => sayEvent(e)), `${kind} ${JSON.stringify(sample)}`, sample.free);
      const english = await inLang("en", () => sayEvent(e));
      expect(english.templated, kind).toBe(true);
      expect(english.text).not.toMatch(/\{\{|undefined|NaN/);
    }
  });

  test("catalogue moves say their translated label", async () => {
    // A move's event kind is its action type (`EventKind`): every one reads as the move's label.
    expect(ACTION_TYPES.filter((a) => !SC.actions.some((x) => x.type === a))).toEqual([]);
    for (const a of SC.actions) {
      if (EVENT_KINDS.includes(a.type)) continue; // has its own words ("statement")
      const e = asEvent({ data: { power: "US" } }, a.type);
      expectKorean(await inLang("ko", () => sayEvent(e)), a.type);
      expect((await inLang("en", () => sayEvent(e))).templated, a.type).toBe(true);
    }
  });

  test.each(Object.keys(REASON_SAMPLES))("reason %s in Korean and English", async (why) => {
    for (const part of REASON_SAMPLES[why]!) {
      expectKorean(
        await inLang("ko", () => sayReason(part, { from: 100, to: 80 })),
        `${why} ${JSON.stringify(part)}`,
      );
      const english = await inLang("en", () => sayReason(part, { from: 100, to: 80 }));
      expect(english.text).not.toMatch(/\{\{|undefined|NaN/);
    }
  });
});

/** Plays a seeded game with bots in every seat and Control's library injects, collecting all it said. */
function playCollecting(seed: number): {
  events: GameEvent[];
  parts: [ExplanationPart, { from: number; to: number }][];
  indices: Set<string>;
} {
  const events: GameEvent[] = [];
  const parts: [ExplanationPart, { from: number; to: number }][] = [];
  const indices = new Set<string>();
  const collect = (s: GameState) => {
    const v = viewFor(s, "CONTROL");
    events.push(...v.events);
    for (const x of v.explanations) {
      indices.add(x.index);
      for (const p of x.parts) parts.push([p, x]);
    }
  };
  const pers = mixedPersonalities(seed);
  const policy = botPolicy("simple");
  let s = newGame({ gameId: `words-${seed}`, seed, maxRounds: 8 });
  const injects = [...SC.injects];
  while (s.phase !== "ended") {
    const inj = injects.shift();
    if (inj) {
      const r = step(s, "CONTROL", { type: "control_inject", inject: inj.id } as Input);
      if (r.ok) s = r.value;
    }
    for (const p of POWERS) {
      for (const input of policy(viewFor(s, p), p, pers[p]) as Input[]) {
        const r = step(s, p, input);
        if (r.ok) s = r.value;
        if (s.phase === "ended") break;
      }
      if (s.phase === "ended") break;
    }
    collect(s);
    if (s.phase === "ended") break;
    const r = step(s, "SYSTEM", { type: "advance_phase" });
    if (!r.ok) throw new Error(r.error.message);
    s = r.value;
    collect(s);
  }
  return { events, parts, indices };
}

test("seeded bot games read entirely in Korean", async () => {
  await i18next.changeLanguage("ko");
  const kinds = new Set<string>();
  const whys = new Set<string>();
  for (const seed of [3, 11, 42]) {
    const { events, parts, indices } = playCollecting(seed);
    for (const index of indices) {
      const name = indexName(index);
      expect(name, index).toMatch(HANGUL);
      // No raw key, no flow or node id: "무역 흐름: 석탄 신의주→단둥".
      expect(name, index).not.toMatch(/\b(index|news)\.|[a-z]+-[a-z]+/);
    }
    for (const e of events) {
      kinds.add(e.kind);
      expectKorean(sayEvent(e), `${e.kind}: ${engineEventText(SC, e)}`);
    }
    for (const [p, x] of parts) {
      whys.add(p.why);
      expectKorean(sayReason(p, x), `${p.why}: ${JSON.stringify(p)}`);
    }
  }
  // The games say a good share of what the engine can say (the samples above cover the rest).
  expect(kinds.size).toBeGreaterThan(15);
  expect(whys.size).toBeGreaterThan(15);
});

test("objectives, agendas and terms read in Korean", async () => {
  await i18next.changeLanguage("ko");
  for (const o of [...SC.objectives, ...SC.agendas]) expect(objectiveText(o), o.id).toMatch(HANGUL);
  for (const terms of Object.values(SC.templates))
    for (const term of terms) expect(termText(term), term.kind).toMatch(HANGUL);
});

test.each([
  ["미국이(가) 떠남", "미국이 떠남"],
  ["러시아이(가) 떠남", "러시아가 떠남"],
  ["결의안을(를) 채택", "결의안을 채택"],
  ["중국와(과) 러시아", "중국과 러시아"],
  ["러시아와(과) 중국", "러시아와 중국"],
  ["서울(으)로", "서울로"],
  ["부산(으)로", "부산으로"],
  ["한국(으)로", "한국으로"],
  ["새 계좌 (금융)을(를) 폭로", "새 계좌 (금융)를 폭로"],
  ["Dandong이(가)", "Dandong이"],
  ["UN은(는)", "UN은"],
  ["Tokyo은(는)", "Tokyo는"],
  ["50(으)로 제한", "50으로 제한"],
  ["2(으)로", "2로"],
  ["1,000(으)로", "1,000으로"],
  ["17(으)로", "17로"],
  ["75%(으)로", "75%로"],
  ["이(가) 위기를 밀었습니다", "위기를 밀었습니다"],
])("Korean particles follow the word before them: %s", (input, output) => {
  expect(particles(input)).toBe(output);
});

test("the scenario's injects, entities, illicit nodes, resolutions and real timeline read in Korean", () => {
  const ko = json("ko.json") as Record<string, Record<string, unknown>>;
  const has = (family: string, key: string) => key in (ko[family] ?? {});
  expect(SC.injects.filter((i) => !has("inject", i.id)).map((i) => i.id)).toEqual([]);
  expect(SC.entities.filter((e) => !has("entity", e.id)).map((e) => e.id)).toEqual([]);
  expect(SC.illicit.nodes.filter((n) => !has("nodeName", n.id)).map((n) => n.id)).toEqual([]);
  expect(SC.sanctions.resolutions.filter((r) => !has("resolutionName", r.id)).map((r) => r.id)).toEqual([]);
  const missing = SC.timeline.flatMap((q) =>
    q.events.flatMap((_, i) => (has("timeline", `r${q.round}e${i}`) ? [] : [`r${q.round}e${i}`])),
  );
  expect(missing).toEqual([]);
});

/**
 * The English each Korean objective was translated from. Numbers are filled in at run time (and a
 * template whose count of numbers no longer matches falls back to English), so only the words are
 * compared here: "a sixth" becoming "a quarter" needs a new translation. When this fails, update
 * ko.json `objective.<id>`, then the line here.
 */
const TRANSLATED_FROM: Record<string, string> = {
  "us-readiness": "North Korea's readiness below 55 at the end, or a test moratorium held two rounds or more",
  "us-alliance": "Keep US–South Korea trust: relations at 70 or more at the end (60 at the start)",
  "us-no-war": "No war, and never near the brink: the crisis at 80 or less all game (partial: no war)",
  "cn-nk-stable": "North Korea stable all game: its stability never below 50",
  "cn-banks": "At most one Chinese bank designated by the US",
  "cn-no-md":
    "No further missile defence in South Korea, and the joint exercises suspended in at least half of the game's rounds",
  "ru-trade": "Double trade with North Korea in goods and fuel, official and off-book (vs the start)",
  "ru-agreements": "Be party to two agreements, and host multilateral talks",
  "ru-no-override": "No UN resolution adopted as tabled: Russia softens every one that passes",
  "kp-survive": "The regime survives and holds: stability 48 or more at the end (partial: it survives)",
  "kp-stage5-relief": "Show stage 5, and win sanctions relief or recognition",
  "kp-currency": "Keep hard currency: at least 90% of the start",
  "kr-crisis": "Crisis at 30 or lower at the end (45 at the start), and no war",
  "kr-economy": "Economy grown by 3% or more at the end (103), whatever China does",
  "kr-inter-korean": "Six inter-Korean agreements (talks, joint projects, summits)",
  "us-agenda-china": "China's achieved enforcement at 60 or more for half of the game's rounds, running",
  "us-agenda-currency": "North Korea's hard currency down by 16%: 420 or less at the end (500 at the start)",
  "cn-agenda-stability": "China's own stability kept: 75 or more at the end (as at the start)",
  "cn-agenda-tension": "US–China tension at 5 or less at the end (30 at the start)",
  "ru-agenda-f4f":
    "Freeze-for-freeze in at least half of the game's rounds: a moratorium and no exercises in the same round",
  "ru-agenda-economy": "Russia's economy at 110 or more at the end",
  "kp-agenda-summit": "A summit with the United States, and the joint exercises suspended at the end",
  "kp-agenda-readiness": "Readiness at 65 or more at the end",
  "kr-agenda-deal": "Be party to any US–North Korea deal",
  "kr-agenda-summit": "An inter-Korean summit, and North Korea's test moratorium in force at the end",
};

test("the Korean objectives were translated from the scenario's current English", () => {
  const changed = [...SC.objectives, ...SC.agendas]
    .filter((o) => TRANSLATED_FROM[o.id]?.replace(/\d+/g, "#") !== o.text.replace(/\d+/g, "#"))
    .map((o) => `${o.id}: "${o.text}"`);
  expect(changed).toEqual([]);
});
