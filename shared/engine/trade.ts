/**
 * Trade flows (DESIGN §3, dynamics 1, 3 and 6). Each flow's official volume is its base, cut by
 * the trade policy of the power on the other side and by the banned share that power's achieved
 * enforcement actually stops. Part of what is stopped tries to go illicit (see illicit.ts). When
 * China squeezes, Russia can backfill part of the gap through its own, capacity-limited channel.
 */
import type { PowerId, Seat } from "../powers.js";
import { type Commodity, type Flow, type GameState, GROUP_OF, type Visibility } from "../state.js";
import { type Ctx, only, relation } from "./context.js";
import { explain, indexKey } from "./explain.js";
import { allocateIllicit } from "./illicit.js";
import { clamp, pct } from "./math.js";

/**
 * Share (0–100) of a commodity banned by the UN resolutions in force (the strongest applies).
 * Crude oil is never banned: 2375 froze it at its level and 2397 capped it at about that level
 * (FACTS §2a [R47][R48]), while refined products were cut by 55% and then 90%. A resolution on fuel
 * cuts refined products only; crude is China's pipeline policy.
 */
export function bannedShare(s: GameState, c: Commodity): number {
  if (c === "crude_oil") return 0;
  const g = GROUP_OF[c];
  let share = 0;
  for (const r of s.sanctions.resolutions) if (r.strength > share && r.groups.includes(g)) share = r.strength;
  return share;
}

/** The trade policy (0–100) that applies to a flow. */
export function tradeLevel(s: GameState, f: Flow): number {
  const pol = s.policies[f.enforcedBy];
  let level = pol.trade[GROUP_OF[f.commodity]];
  if (f.commodity === "crude_oil" && f.enforcedBy === "CN") level = s.policies.CN.pipeline;
  // Workers go abroad only as far as North Korea sends them.
  if (f.commodity === "labour") level = Math.min(level, s.policies.KP.trade.labour);
  return level;
}

export interface OfficialVolume {
  official: number;
  /** Banned trade that enforcement stopped. */
  enforced: number;
  /** Trade cut by policy (not by sanctions). */
  cut: number;
}

export function officialVolume(s: GameState, f: Flow): OfficialVolume {
  const legal = pct(f.base, tradeLevel(s, f));
  const banned = pct(legal, bannedShare(s, f.commodity));
  const enforced = pct(banned, s.enforcement[f.enforcedBy].actual);
  return { official: legal - enforced, enforced, cut: f.base - legal };
}

/** Base illicit demand a flow had at the start (the scenario's figure). */
function illicitBase(s: GameState, index: number): number {
  return s.scenario.flows[index]?.illicit ?? 0;
}

/** Step 8 of the resolution: official volumes, illicit volumes within capacity, Russia's backfill. */
export function resolveTrade(ctx: Ctx): void {
  const { s, rules } = ctx;
  // Indexed loops and number arrays: this runs every round over every flow.
  const flows = s.flows;
  const beforeOfficial: number[] = [];
  const beforeIllicit: number[] = [];
  const demand: number[] = [];
  const enforced: number[] = [];
  let fuelShort = 0;
  let goodsShort = 0;
  for (let i = 0; i < flows.length; i++) {
    const f = flows[i]!;
    beforeOfficial.push(f.official);
    beforeIllicit.push(f.illicit);
    const v = officialVolume(s, f);
    enforced.push(v.enforced);
    f.official = v.official;
    let d = illicitBase(s, i);
    if (f.enforcedBy === "RU" && GROUP_OF[f.commodity] === "fuel") d = pct(d * 2, s.policies.RU.fuelSales);
    // Smugglers try to move part of what was stopped (never people: labour stays put).
    if (f.commodity !== "labour" && f.enforcedBy !== "RU") d += pct(v.enforced + v.cut, rules.divertShare);
    demand.push(d);
  }
  allocateIllicit(ctx, demand);

  // Russia's backfill (dynamic 6): a share of what China's supply lost, within Russia's channel.
  for (const f of s.flows) {
    if (f.enforcedBy !== "CN" || f.fromKP) continue;
    const short = Math.max(0, f.base - f.official - f.illicit);
    if (GROUP_OF[f.commodity] === "fuel") fuelShort += short;
    else goodsShort += short;
  }
  const hostility = Math.max(0, -relation(s, "RU", "US"));
  const share = clamp(
    pct(rules.backfillBase + pct(hostility, rules.backfillRelations), s.policies.RU.fuelSales * 2),
    0,
    100,
  );
  const want = pct(fuelShort + goodsShort, share);
  const backfill = Math.min(s.illicit.russianLink, want);
  if (backfill > 0) {
    const fuelPart =
      fuelShort + goodsShort > 0 ? Math.trunc((backfill * fuelShort) / (fuelShort + goodsShort)) : 0;
    const ruFuel = s.flows.find(
      (f) => f.enforcedBy === "RU" && GROUP_OF[f.commodity] === "fuel" && !f.fromKP,
    );
    const ruGoods = s.flows.find(
      (f) => f.enforcedBy === "RU" && GROUP_OF[f.commodity] === "goods" && !f.fromKP,
    );
    // Off the books, both: Russia's fuel and goods that replace China's do not show in its customs
    // data (the record: Russian tankers at sea, FACTS [R43]; the article: "done off the books").
    if (ruFuel) ruFuel.illicit += fuelPart;
    if (ruGoods) ruGoods.illicit += backfill - fuelPart;
    ctx.events.push({
      round: ctx.round,
      kind: "russia_backfilled",
      data: { backfill, wanted: want, capacity: s.illicit.russianLink },
      visibleTo: ["RU", "KP"],
    });
  }

  for (let i = 0; i < flows.length; i++) {
    const f = flows[i]!;
    if (beforeOfficial[i] !== f.official) explainFlow(ctx, f, beforeOfficial[i]!, enforced[i]!);
    if (beforeIllicit[i] !== f.illicit) {
      explain(ctx, indexKey("illicit", f.id), beforeIllicit[i]!, f.illicit, only("KP"), [
        { why: "illicit_flow", flow: f.id, visibleTo: only("KP") },
      ]);
    }
  }
}

function explainFlow(ctx: Ctx, f: Flow, from: number, enforced: number): void {
  const s = ctx.s;
  const owner: PowerId = f.enforcedBy;
  const e = s.enforcement[owner];
  const prevActual = ctx.prev.enforcement[owner].actual;
  const banned = bannedShare(s, f.commodity);
  explain(ctx, indexKey("flow", f.id), from, f.official, "all", [
    {
      why: "flow_owner",
      flow: f.id,
      before: prevActual,
      after: e.actual,
      level: tradeLevel(s, f),
      banned,
      visibleTo: only(owner, "KP"),
    },
    { why: "flow_public", flow: f.id, banned, enforced: enforced > 0, visibleTo: othersThan(owner) },
  ]);
}

/** Who reads a flow's public explanation: every seat but its owner and North Korea (one list each). */
const OTHERS = new Map<PowerId, Visibility>();
function othersThan(owner: PowerId): Visibility {
  let v = OTHERS.get(owner);
  if (!v) {
    v = (["US", "CN", "RU", "KR", "OBSERVER"] as Seat[]).filter((x) => x !== owner);
    OTHERS.set(owner, v);
  }
  return v;
}
