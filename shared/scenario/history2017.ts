/**
 * The history track of "Summer 2017": the real choices of Q3 2017 – Q4 2018 (FACTS.md, "Timeline"),
 * written as a fixed list of inputs, like a replay — never a bot: nothing here looks at the state
 * to decide what to do. `playHistory` runs them through `step` (the path every game takes) and
 * `historyIndicators` reads the indicators the record can be compared with.
 *
 * Where the action set is coarser than the record, the choice is written beside the order:
 * - Two UN drafts stand for the three resolutions of 2017 (a power has one draft on the table at a
 *   time): 2371 with 2375's textile ban in Q3, 2397's bans in Q4.
 * - The oil caps of 2375/2397 are in the Q4 draft (the game's UN bans never touch pipeline crude,
 *   which 2397 froze at its level [R21][R48]); China's own halt of refined-product exports (none
 *   recorded in Oct–Nov 2017 [R24]) is its trade order.
 * - China's "announced 85–90, achieved 60–75" is its enforcement order: announced 85, a target of
 *   70 sustained (it pays the upkeep); what it achieves is the engine's, not the script's.
 * - Summits are held when both sides ask; a visit by a minister (Pompeo, Lavrov) is an offer of
 *   talks that is not returned.
 */
import type { Input } from "../engine/step.js";
import { step } from "../engine/step.js";
import type { Action } from "../orders.js";
import type { PowerId, Seat } from "../powers.js";
import { newGame } from "../scenario.js";
import type { GameState } from "../state.js";

/** One diplomacy-phase input; "last" ids mean the newest draft or proposal at that moment. */
export type HistoryInput =
  | { actor: Seat; input: Input }
  | { actor: PowerId; vote: "yes" | "no" | "abstain" }
  | { actor: PowerId; amend: number }
  | { actor: PowerId; accept: true };

export interface HistoryRound {
  round: number;
  quarter: string;
  /** What the orders stand for, with FACTS.md keys. */
  note: string;
  diplomacy: HistoryInput[];
  orders: Partial<Record<PowerId, Action[]>>;
}

const inject = (id: string): HistoryInput => ({
  actor: "CONTROL",
  input: { type: "control_inject", inject: id },
});

export const HISTORY_2017: readonly HistoryRound[] = [
  {
    round: 1,
    quarter: "Q3 2017",
    note: "ICBM tests and the 6th nuclear test [R58][R59][R61]; double freeze [R74]; Guam threat [R63]; UNSCR 2371 and 2375's textile ban [R46][R47]; designations of 22 Aug and 26 Sep [R51][R52b]; B-1Bs off North Korea [R65]; China announces a crackdown [R47c][R8]",
    diplomacy: [
      inject("double-freeze-statement"),
      inject("guam-threat"),
      inject("nk-firms-closed"),
      {
        actor: "US",
        input: { type: "table_un_draft", groups: ["minerals", "textiles_seafood"], strength: 100 },
      },
      { actor: "CN", vote: "yes" },
      { actor: "RU", vote: "yes" },
    ],
    orders: {
      KP: [{ type: "missile_test" }, { type: "nuclear_test" }],
      US: [
        { type: "designate", entity: "cn_coal_importers" },
        { type: "designate", entity: "kp_banks_abroad" },
        { type: "show_of_force" },
      ],
      // The crackdown, and China's own halts: 2371's minerals and seafood from Aug, textiles from
      // 22 Sep (old contracts cleared by Dec) [R47c][R8][R7].
      CN: [
        { type: "set_enforcement", announced: 85, target: 70, sustain: true },
        { type: "set_trade", commodityGroup: "minerals", level: 10 },
        { type: "set_trade", commodityGroup: "textiles_seafood", level: 10 },
      ],
      RU: [{ type: "propose_mediation" }],
      KR: [],
    },
  },
  {
    round: 2,
    quarter: "Q4 2017",
    note: "Hwasong-15: stage 5 [R62]; three-carrier exercise [R66]; Trump in Beijing, envoy to Pyongyang [R88]; China–ROK thaw [R70]; no official Chinese refined exports [R24]; Russian fuel at sea [R43]; UNSCR 2397 [R48]",
    diplomacy: [
      inject("thaad-thaw"),
      inject("president-in-beijing"),
      inject("envoy-to-pyongyang"),
      // 2375's and 2397's oil caps (crude is never banned: it was frozen at its level), and 2397's
      // metals, machinery and vehicles, workers sent home; softened before the vote.
      { actor: "US", input: { type: "table_un_draft", groups: ["fuel", "labour", "goods"], strength: 75 } },
      { actor: "RU", amend: 45 },
      { actor: "US", vote: "yes" },
      { actor: "CN", vote: "yes" },
      { actor: "RU", vote: "yes" },
    ],
    orders: {
      // Crypto-exchange thefts (≈ $571M, Jan 2017 – Sep 2018 [R41]) and ship-to-ship transfers
      // [R40][R42] run through 2018 beside the diplomacy.
      KP: [
        { type: "missile_test" },
        { type: "cyber_theft" },
        { type: "smuggling_op", region: "east_china_sea" },
        { type: "smuggling_op", region: "yellow_sea" },
      ],
      US: [{ type: "show_of_force" }, { type: "summit", target: "CN" }],
      CN: [
        { type: "summit", target: "US" },
        { type: "set_trade", commodityGroup: "fuel", level: 10 },
      ],
      // Official refined deliveries kept within 2397's cap while tankers transferred fuel at sea.
      RU: [
        { type: "set_fuel_sales", level: 100 },
        { type: "set_trade", commodityGroup: "fuel", level: 40 },
      ],
      KR: [{ type: "engage_china" }],
    },
  },
  {
    round: 3,
    quarter: "Q1 2018",
    note: "Olympic offer and talks, drills postponed [R76][R67d]; summit accepted [R77]; 56 shipping designations [R53]; Kim in Beijing [R78]",
    diplomacy: [inject("olympic-offer"), inject("summit-accepted")],
    orders: {
      KP: [{ type: "summit", target: "CN" }, { type: "summit", target: "KR" }, { type: "cyber_theft" }],
      US: [{ type: "designate", entity: "shipping_network" }],
      // China holds its crackdown through the winter (metals, machinery banned in Jan [R1]) …
      CN: [
        { type: "summit", target: "KP" },
        { type: "set_enforcement", announced: 90, target: 75, sustain: true },
      ],
      // Russia's work permits for North Koreans fall (30,023 → 11,490 by late 2018) [R34].
      RU: [{ type: "set_trade", commodityGroup: "labour", level: 40 }],
      KR: [
        { type: "set_engagement", level: 25 },
        { type: "set_exercises", on: false },
      ],
    },
  },
  {
    round: 4,
    quarter: "Q2 2018",
    note: "Test moratorium [R79]; Panmunjom [R80]; Singapore [R82]; exercises suspended [R67][R67e]; Lavrov in Pyongyang [R83]",
    diplomacy: [
      // Singapore: North Korea works toward denuclearization (no tests), the US halts exercises.
      {
        actor: "KP",
        input: {
          type: "propose",
          parties: ["US"],
          terms: [
            { kind: "no_tests", party: "KP" },
            { kind: "suspend_exercises", party: "US" },
          ],
          duration: 4,
        },
      },
      { actor: "US", accept: true },
      // Panmunjom: joint projects, and the two leaders meet again.
      {
        actor: "KR",
        input: {
          type: "propose",
          parties: ["KP"],
          terms: [
            { kind: "engagement", party: "KR", level: 25 },
            { kind: "summit", party: "KP" },
          ],
          duration: 4,
        },
      },
      { actor: "KP", accept: true },
    ],
    orders: {
      KP: [
        { type: "set_moratorium", on: true },
        { type: "summit", target: "US" },
        { type: "summit", target: "KR" },
      ],
      US: [
        { type: "summit", target: "KP" },
        { type: "set_exercises", on: false },
      ],
      // … and after Kim's visits holds it lower, at 60, still announcing 90 (60–75 achieved).
      CN: [{ type: "set_enforcement", announced: 90, target: 60, sustain: true }],
      RU: [{ type: "summit", target: "KP" }],
      KR: [
        { type: "summit", target: "KP" },
        { type: "set_exercises", on: true },
      ],
    },
  },
  {
    round: 5,
    quarter: "Q3 2018",
    note: "Pompeo in Pyongyang [R84b]; remains returned [R84]; Pyongyang summit [R86]",
    diplomacy: [],
    orders: {
      KP: [
        { type: "summit", target: "KR" },
        { type: "cyber_theft" },
        { type: "smuggling_op", region: "yellow_sea" },
        { type: "smuggling_op", region: "east_china_sea" },
      ],
      US: [{ type: "summit", target: "KP" }],
      CN: [],
      RU: [],
      KR: [{ type: "summit", target: "KP" }],
    },
  },
  {
    round: 6,
    quarter: "Q4 2018",
    note: "Pompeo's 4th visit, a second summit agreed in principle [R85]",
    diplomacy: [],
    orders: {
      KP: [
        { type: "cyber_theft" },
        { type: "smuggling_op", region: "yellow_sea" },
        { type: "smuggling_op", region: "east_china_sea" },
      ],
      US: [{ type: "summit", target: "KP" }],
      CN: [],
      RU: [],
      KR: [],
    },
  },
];

function apply(s: GameState, actor: Seat | "SYSTEM", input: Input, what: string): GameState {
  const r = step(s, actor, input);
  if (!r.ok)
    throw new Error(`history: round ${s.round}, ${what} rejected: ${r.error.code} ${r.error.message}`);
  return r.value;
}

function diplomacy(s: GameState, h: HistoryInput): GameState {
  if ("input" in h) return apply(s, h.actor, h.input, `${h.actor} ${h.input.type}`);
  if ("vote" in h || "amend" in h) {
    const d = [...s.drafts].reverse().find((x) => x.status === "open");
    if (!d) throw new Error(`history: round ${s.round}, no open draft for ${h.actor}`);
    if ("vote" in h) return apply(s, h.actor, { type: "vote_un_draft", id: d.id, vote: h.vote }, "vote");
    return apply(s, h.actor, { type: "amend_un_draft", id: d.id, strength: h.amend }, "amendment");
  }
  const p = [...s.proposals].reverse().find((x) => x.status === "open");
  if (!p) throw new Error(`history: round ${s.round}, no open proposal for ${h.actor}`);
  return apply(s, h.actor, { type: "respond_proposal", id: p.id, accept: true }, "acceptance");
}

/**
 * Plays the track on one seed: the state before round 1 and after each round's resolution (the
 * seed drives the engine's dice only — test success, detection, cyber theft). Stops early if the
 * game ends (war, collapse).
 */
export function playHistory(seed: number): GameState[] {
  let s = newGame({ gameId: `history-${seed}`, seed, maxRounds: HISTORY_2017.length });
  const states = [s];
  for (const h of HISTORY_2017) {
    for (const d of h.diplomacy) s = diplomacy(s, d);
    s = apply(s, "SYSTEM", { type: "advance_phase" }, "end of diplomacy");
    for (const [p, actions] of Object.entries(h.orders) as [PowerId, Action[]][])
      if (actions.length > 0) s = apply(s, p, { type: "submit_orders", orders: { actions } }, `${p} orders`);
    s = apply(s, "SYSTEM", { type: "advance_phase" }, "resolution");
    states.push(s);
    if (s.phase === "ended" && s.ending?.reason !== "last_round") break;
  }
  return states;
}
