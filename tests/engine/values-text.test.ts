/**
 * Player-facing English of events and explanations (shared/engine/text.ts, explain.ts): for a known
 * record, the sentence names the right powers and things, carries the record's numbers, and takes
 * the right branch (imposes / lifts, succeeds / fails, …). Each case lists what the sentence must
 * say and, for two-way texts, what the other branch says and this one must not. Not snapshots: the
 * wording around the facts is free to change.
 */
import { describe, expect, test } from "vitest";
import { explain, indexKey, pctChange, signed } from "../../shared/engine/explain.js";
import { STAGE_NAMES } from "../../shared/engine/programme.js";
import { eventText, reasonText } from "../../shared/engine/text.js";
import { catalogueOf, type EventRecord, newGame, type Reason, SUMMER_2017 } from "../../shared/index.js";

const sc = SUMMER_2017;
type Case = [
  kind: string,
  data: Record<string, number | string>,
  extra: Record<string, number | string> | null,
  says: (string | number)[],
  not?: string[],
];
const ev = (
  kind: string,
  data: Record<string, number | string>,
  extra: Record<string, number | string> | null,
) => ({ round: 2, kind, data, visibleTo: "all", ...(extra ? { extra } : {}) }) as EventRecord;

const flow = sc.flows[0]!;
const entity = sc.entities.find((e) => e.id === "cn_regional_bank")!;

const EVENTS: Case[] = [
  ["enforcement_announced", { power: "CN", from: 30, to: 65 }, null, ["CN", "enforcement", "65", "was 30"]],
  ["trade_policy", { power: "RU", group: "fuel", level: 40 }, null, ["RU", "fuel", "40%"]],
  ["pipeline", { level: 55 }, null, ["China", "pipeline", "55%"]],
  ["inspections", { level: 70 }, null, ["inspections", "Dandong", "70%"]],
  ["fuel_sales", { level: 35 }, null, ["fuel sales", "35%"]],
  ["exercises_policy", { power: "KR", on: 1 }, null, ["KR", "wants the joint exercises held"], ["postpones"]],
  ["exercises_policy", { power: "US", on: 0 }, null, ["US", "postpones the joint exercises"], ["wants"]],
  ["md_consent", { on: 1 }, null, ["South Korea consents to"], ["refuses"]],
  ["md_consent", { on: 0 }, null, ["South Korea refuses"], ["consents"]],
  ["tariffs", { on: 1 }, null, ["imposes", "tariffs"], ["lifts"]],
  ["tariffs", { on: 0 }, null, ["lifts", "tariffs"], ["imposes"]],
  ["moratorium", { on: 1 }, null, ["declares", "moratorium"], ["ends"]],
  ["moratorium", { on: 0 }, null, ["ends", "moratorium"], ["declares"]],
  ["labourers", { level: 25 }, null, ["workers abroad", "25%"]],
  ["engagement", { level: 75 }, null, ["inter-Korean engagement", "75%"]],
  ["statement", { power: "KR" }, { text: "We want calm." }, ["KR", "We want calm."]],
  ["matrix_queued", { power: "RU" }, null, ["RU", "awaits Control"]],
  ["retaliation", { target: "KR" }, null, ["China retaliates", "KR"]],
  ["summit_held", { a: "KP", b: "US" }, null, ["KP and US", "summit"]],
  ["talks_offered", { from: "CN", to: "KR" }, null, ["CN offers talks to KR"]],
  ["designated", { entity: entity.id }, null, ["The US designates", entity.name]],
  ["designated", { entity: "unknown_co" }, null, ["The US designates", "unknown_co"]],
  [
    "intel_report",
    { found: 1, region: "yellow_sea" },
    { names: "Ship-to-ship zone" },
    ["found", "Ship-to-ship zone", "yellow_sea"],
    ["nothing new"],
  ],
  ["intel_report", { found: 0, region: "dandong" }, null, ["nothing new", "dandong"]],
  [
    "node_closed",
    { capacity: 45 },
    { by: "US", name: "Dandong fronts" },
    ["US exposed Dandong fronts", "$45M"],
  ],
  ["smuggling_capped", {}, null, ["ceiling"]],
  ["smuggling_op", { region: "vladivostok", add: 15 }, null, ["vladivostok", "+$15M"]],
  ["node_opened", { region: "finance" }, { capacity: 20 }, ["new illicit node", "finance", "$20M"]],
  ["md_arrived", { launchers: 4 }, null, ["4 missile-defence launchers installed"]],
  ["md_deployed", { launchers: 2 }, null, ["deploys 2 more"]],
  ["md_blocked", {}, null, ["refuses further missile-defence"]],
  ["strike_war", {}, null, ["strikes", "war"]],
  ["strike", {}, null, ["strikes", "does not answer"], ["war"]],
  [
    "missile_tested",
    { success: 1, stage: 3 },
    { stageUp: 1 },
    ["successfully", "range stage 3", STAGE_NAMES[3]],
    ["fails"],
  ],
  [
    "missile_tested",
    { success: 1, stage: 2 },
    null,
    ["successfully", "range stage 2"],
    [STAGE_NAMES[2], "fails"],
  ],
  ["missile_tested", { success: 0, stage: 2 }, null, ["the test fails"], ["successfully"]],
  ["programme_progress", { progress: 64, resources: 80 }, null, ["64/100", "resources 80%"]],
  ["nuclear_tested", {}, null, ["nuclear test"]],
  [
    "russia_backfilled",
    { backfill: 12, wanted: 30, capacity: 18 },
    null,
    ["$12M more", "$30M wanted", "channel $18M"],
  ],
  ["cyber_attributed", {}, null, ["cyber theft", "attributed"]],
  ["refugees", {}, null, ["Refugees", "China"]],
  ["crisis_costs", { crisis: 72 }, null, ["Crisis at 72"]],
  ["proposal", { from: "US" }, { to: "CN, KR" }, ["US proposes", "CN, KR"]],
  ["proposal_rejected", { by: "KP", id: "P4" }, null, ["KP rejects proposal P4"]],
  ["agreement_signed", {}, { grand: 1 }, ["grand bargain"]],
  [
    "agreement_signed",
    {},
    { parties: "US, KP", terms: "no tests", duration: 3 },
    ["US, KP sign", "no tests", "3 round"],
    ["grand"],
  ],
  ["breach_unseen", { id: "A2" }, { party: "KP", term: "no tests" }, ["KP", '"no tests"', "A2"]],
  ["agreement_broken", { by: "RU", id: "A1", term: "enforce" }, null, ["RU broke agreement A1", "enforce"]],
  ["agreement_expired", { id: "A3" }, null, ["A3", "honoured"]],
  ["collapse", {}, null, ["regime collapses"]],
  ["war", { pusher: "KP" }, null, ["war", "pushed over by KP"]],
  ["war", { pusher: "none" }, null, ["war on the Korean peninsula."], ["pushed"]],
  [
    "draft_tabled",
    { id: "D1" },
    { by: "US", groups: "fuel, minerals", strength: 60 },
    ["US tables", "fuel, minerals", "strength 60"],
  ],
  ["draft_amended", { id: "D1" }, { by: "CN", from: 60, to: 40 }, ["CN softens draft D1", "60 → 40"]],
  ["un_vote", { id: "D2", vote: "no" }, { by: "RU" }, ["RU votes no on draft D2"]],
  ["draft_vetoed", { id: "D3" }, { by: "CN and RU" }, ["D3", "vetoed by CN and RU"]],
  [
    "resolution_adopted",
    { id: "D1", strength: 40 },
    { name: "Resolution D1", groups: "fuel", tabled: 60 },
    ["adopts Resolution D1", "fuel", "strength 40", "(tabled at 60)"],
  ],
  [
    "resolution_adopted",
    { id: "D1", strength: 60 },
    { name: "Resolution D1", groups: "fuel", tabled: 60 },
    ["strength 60"],
    ["tabled at"],
  ],
  ["inject", { title: "Typhoon" }, { text: "Storms hit." }, ["Typhoon: Storms hit."]],
  [
    "adjudicated",
    { title: "Back channel", chance: 70, success: 1 },
    null,
    ["Back channel", "succeeds", "chance 70%"],
    ["roll", "fails"],
  ],
  [
    "adjudicated",
    { title: "Back channel", chance: 70, success: 0, roll: 81 },
    null,
    ["Back channel", "fails", "roll 81", "70 or less"],
    ["succeeds", "free-form"],
  ],
  [
    "adjudicated",
    { title: "Offer", chance: 30, success: 1, roll: 12, power: "KP" },
    null,
    ["KP's free-form action Offer", "succeeds", "roll 12", "30 or less"],
  ],
  [
    "matrix_deferred",
    { power: "CN" },
    { reason: "needs detail" },
    ["CN's free-form action", "later round: needs detail"],
  ],
  ["matrix_deferred", { power: "CN" }, null, ["CN's free-form action", "later round."]],
  [
    "override",
    { from: 40, to: 55 },
    { what: "crisis", reason: "fix" },
    ["Control set crisis: 40 → 55", "Reason: fix"],
  ],
];

describe("event texts", () => {
  test.each(EVENTS)("%s %j says its facts", (kind, data, extra, says, not = []) => {
    const text = eventText(sc, ev(kind, data, extra));
    for (const s of says) expect(text).toContain(String(s));
    for (const s of not) expect(text).not.toContain(s);
  });

  test("a move without a text of its own is its power and catalogue label", () => {
    const label = catalogueOf(sc).show_of_force.label;
    expect(eventText(sc, ev("show_of_force", { power: "US" }, null))).toBe(`US: ${label}.`);
  });

  test("an unknown kind renders as the kind itself", () => {
    expect(eventText(sc, ev("no_such_kind", {}, null))).toBe("no_such_kind");
  });

  test("every event kind in the table gives a different sentence for different facts", () => {
    const texts = EVENTS.map(([k, d, x]) => eventText(sc, ev(k, d, x)));
    expect(new Set(texts).size).toBe(texts.length);
  });
});

type RCase = [reason: Reason, from: number, to: number, says: (string | number)[], not?: string[]];
const r = (x: Record<string, unknown>) => ({ visibleTo: "all", ...x }) as Reason;
const flowName = `${flow.commodity} ${flow.from}→${flow.to}`;
const REASONS: RCase[] = [
  [r({ why: "label", label: "a missile test" }), 0, 0, ["a missile test"]],
  [r({ why: "summit", a: "KP", b: "KR" }), 0, 0, ["summit of KP and KR"]],
  [r({ why: "decay", value: 3 }), 0, 0, ["cools", "−3"]],
  [r({ why: "scenario_baseline", value: 20 }), 0, 0, ["scenario baseline 20"]],
  [r({ why: "pressure", value: 12 }), 0, 0, ["pressure on you: 12"]],
  [r({ why: "tension", value: 44 }), 0, 0, ["US–China tension 44"]],
  [
    r({ why: "sustained", before: 30, after: 45, target: 60 }),
    0,
    0,
    ["30 → 45", "paid to sustain", "target 60"],
    ["crackdown", "drifts"],
  ],
  [
    r({ why: "crackdown", before: 30, after: 40, target: 90, cap: 55 }),
    0,
    0,
    ["30 → 40", "target 90", "crackdown", "at most 55"],
    ["paid", "drifts"],
  ],
  [r({ why: "drift", before: 50, after: 42, baseline: 30 }), 0, 0, ["50 → 42", "drifts", "baseline 30"]],
  [
    r({ why: "flow_owner", flow: flow.id, before: 30, after: 60, level: 80, banned: 25 }),
    100,
    60,
    [flowName, "−40%", "30 → 60", "trade policy 80%", "banned share 25%"],
  ],
  [
    r({ why: "flow_public", flow: flow.id, banned: 10, enforced: true }),
    50,
    75,
    [flowName, "+50%", "banned share 10%", "enforcement stopping part of it"],
    ["no enforcement effect"],
  ],
  [
    r({ why: "flow_public", flow: "no-such-flow", banned: 0, enforced: false }),
    10,
    10,
    ["no-such-flow", "±0%", "no enforcement effect"],
    ["stopping"],
  ],
  [r({ why: "illicit_flow", flow: flow.id }), 0, 5, ["illicit", flowName, "new"]],
  [r({ why: "exposed", by: "US", name: "Dandong fronts" }), 0, 0, ["US exposed Dandong fronts"]],
  [r({ why: "test_succeeded", value: 6 }), 0, 0, ["missile test succeeded", "+6"]],
  [r({ why: "nuclear_test", value: 9 }), 0, 0, ["nuclear test", "+9"]],
  [r({ why: "passive", value: 2 }), 0, 0, ["steady work", "+2"]],
  [r({ why: "resources", value: 65 }), 0, 0, ["65%"]],
  [r({ why: "stage", stage: 4 }), 0, 0, [STAGE_NAMES[4]]],
  [r({ why: "cyber_theft", value: 40 }), 0, 0, ["cyber theft +$40M"]],
  [r({ why: "exports", value: 120 }), 0, 0, ["exports", "+$120M"]],
  [r({ why: "illicit_sales", value: 35 }), 0, 0, ["illicit sales", "+$35M"]],
  [r({ why: "imports", value: 80 }), 0, 0, ["imports", "−$80M"]],
  [r({ why: "upkeep", value: 50 }), 0, 0, ["fixed needs", "−$50M"]],
  [r({ why: "tests", value: 25 }), 0, 0, ["tests: −$25M"]],
  [r({ why: "unpaid", value: 14 }), 0, 0, ["$14M", "unpaid"]],
  [r({ why: "fuel", fuelIn: 120, used: 95 }), 0, 0, ["fuel in: 120 kt", "used: 95 kt"]],
  [r({ why: "food", imports: 30, supply: 88 }), 0, 0, ["$30M", "supply 88"]],
  [r({ why: "kp_trade", value: 64 }), 0, 0, ["64% of mid-2017"]],
  [
    r({ why: "nk_stress", currency: 11, fuel: 22, food: 33, target: 44 }),
    0,
    0,
    ["currency stress 11", "fuel stress 22", "food stress 33", "heads for 44"],
  ],
  [r({ why: "nk_max_move", fall: 5, rise: 3 }), 0, 0, ["−5/+3"]],
  [r({ why: "border_trade", now: 300, start: 550 }), 0, 0, ["$300M", "mid-2017: $550M"]],
  [r({ why: "inspections", value: 70 }), 0, 0, ["inspections at 70%"]],
  [r({ why: "discontent", value: 18 }), 0, 0, ["discontent", "18"]],
  [r({ why: "ru_trade", now: 60, start: 50, gain: -4 }), 0, 0, ["$60M", "mid-2017: $50M", "−4"]],
  [r({ why: "implied", owner: "CN", lo: 40, hi: 58 }), 0, 0, ["implied CN enforcement 40–58"]],
];

describe("explanation texts", () => {
  test.each(REASONS)("%j says its facts", (reason, from, to, says, not = []) => {
    const text = reasonText(sc, { from, to }, reason);
    for (const s of says) expect(text).toContain(String(s));
    for (const s of not) expect(text).not.toContain(s);
  });

  test("an unknown reason renders as nothing", () => {
    expect(reasonText(sc, { from: 0, to: 0 }, r({ why: "no_such_reason" }))).toBe("");
  });

  test("the reasons in the table give different sentences", () => {
    const texts = REASONS.map(([x, f, t]) => reasonText(sc, { from: f, to: t }, x));
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe("explain.ts helpers", () => {
  test("pctChange: the truncated signed percentage, ±0% for none, 'new' from zero", () => {
    expect(pctChange(100, 60)).toBe("−40%");
    expect(pctChange(3, 4)).toBe(`+${Math.trunc(100 / 3)}%`);
    expect(pctChange(3, 2)).toBe(`−${Math.trunc(100 / 3)}%`);
    expect(pctChange(200, 201)).toBe("±0%");
    expect(pctChange(200, 199)).toBe("±0%");
    expect(pctChange(50, 50)).toBe("±0%");
    expect(pctChange(0, 0)).toBe("±0%");
    expect(pctChange(0, 7)).toBe("new");
  });

  test("signed: + for positive, − for negative, ±0 for zero", () => {
    expect(signed(5)).toBe("+5");
    expect(signed(-5)).toBe("−5");
    expect(signed(0)).toBe("±0");
    expect(signed(1)).toBe("+1");
    expect(signed(-1)).toBe("−1");
  });

  test("indexKey joins kind and id with a colon, the same string every time", () => {
    expect(indexKey("flow", "kp-cn-coal")).toBe("flow:kp-cn-coal");
    expect(indexKey("flow", "kp-cn-coal")).toBe("flow:kp-cn-coal");
    expect(indexKey("flow", "other")).toBe("flow:other");
    expect(indexKey("nk", "currency")).toBe("nk:currency");
  });

  test("explain records a change, or a no-change with reasons, and skips a no-change without reasons", () => {
    const s = newGame({ gameId: "explain", seed: 1 });
    const ctx = { s: { ...s, explanations: [] as typeof s.explanations }, round: 4 } as Parameters<
      typeof explain
    >[0];
    const part = r({ why: "tension", value: 40 });
    explain(ctx, "crisis", 10, 10, "all", []);
    expect(ctx.s.explanations).toEqual([]);
    explain(ctx, "crisis", 10, 10, "all", [part]);
    explain(ctx, "tension", 10, 12, ["US"], []);
    expect(ctx.s.explanations).toEqual([
      { round: 4, index: "crisis", from: 10, to: 10, visibleTo: "all", parts: [part] },
      { round: 4, index: "tension", from: 10, to: 12, visibleTo: ["US"], parts: [] },
    ]);
  });
});
