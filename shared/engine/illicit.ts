/**
 * North Korea's illicit network (DESIGN §3, dynamic 7: whack-a-mole). Nodes carry capacity; a
 * closed node's capacity regrows at a new node elsewhere (a little smaller) after a delay; open
 * nodes grow toward the network's ceiling when demand presses. Only financial designations lower
 * the ceiling, and with it the network's size for good.
 */
import { POWERS, type PowerId } from "../powers.js";
import type { GameState, IllicitNode, Region } from "../state.js";
import { actionsOf, addRelation, type Ctx, emit, only, roll } from "./context.js";
import { explain } from "./explain.js";
import { clamp100, pct } from "./math.js";

const TRADE_REGIONS: readonly Region[] = ["dandong", "yellow_sea", "east_china_sea"];

/** Effective capacity of a node this round (China's inspections choke Dandong and the Yellow Sea). */
export function effectiveCapacity(s: GameState, n: IllicitNode): number {
  if (n.region === "dandong" || n.region === "yellow_sea")
    return pct(n.capacity, 100 - s.policies.CN.inspections);
  return n.capacity;
}

/**
 * Room left in the finance channel: its starting capacity less the weight of every designation made
 * since. Smugglers cannot rebuild what designations took (dynamic 7: the one lasting lever).
 */
export function financeRoom(s: GameState): number {
  let start = 0;
  for (const n of s.scenario.illicit.nodes) if (n.region === "finance") start += n.capacity;
  let designated = 0;
  for (const d of s.sanctions.designations) {
    if (d.round <= 0) continue;
    designated += s.scenario.entities.find((e) => e.id === d.entity)?.financeWeight ?? 0;
  }
  let now = 0;
  for (const n of s.illicit.nodes) if (n.region === "finance") now += n.capacity;
  return Math.max(0, start - designated - now);
}

export function totalCapacity(s: GameState): number {
  let c = 0;
  for (const n of s.illicit.nodes) c += n.capacity;
  return c;
}

/**
 * The finance channel: what moves the money. The money moves through China (its banks, North Korean
 * firms in China, Chinese front companies), so China's achieved enforcement squeezes it as the US's
 * does through secondary sanctions: dynamic 1, sanctions bite with China's enforcement.
 */
export function financeCapacity(s: GameState): number {
  const r = s.scenario.rules;
  let c = 0;
  for (const n of s.illicit.nodes) if (n.region === "finance") c += n.capacity;
  const squeeze =
    pct(s.enforcement.US.actual, r.financeSqueezeUS) + pct(s.enforcement.CN.actual, r.financeSqueezeCN);
  return pct(c, 100 - Math.min(100, squeeze));
}

/**
 * Shares the network's capacity among the flows' illicit demand. Flows China polices use the
 * Dandong and sea nodes; flows Russia polices use the Vladivostok node and Russia's own link.
 */
export function allocateIllicit(ctx: Ctx, demand: readonly number[]): void {
  const s = ctx.s;
  let capNet = 0;
  let capRu = s.illicit.russianLink;
  for (const n of s.illicit.nodes) {
    if (TRADE_REGIONS.includes(n.region)) capNet += effectiveCapacity(s, n);
    else if (n.region === "vladivostok") capRu += n.capacity;
  }
  let dNet = 0;
  let dRu = 0;
  const flows = s.flows;
  for (let i = 0; i < flows.length; i++) {
    const f = flows[i]!;
    if (f.enforcedBy === "RU") dRu += demand[i]!;
    else if (f.enforcedBy === "CN") dNet += demand[i]!;
  }
  for (let i = 0; i < flows.length; i++) {
    const f = flows[i]!;
    const d = demand[i]!;
    if (f.enforcedBy === "RU") f.illicit = dRu <= capRu ? d : Math.trunc((d * capRu) / dRu);
    else if (f.enforcedBy === "CN") f.illicit = dNet <= capNet ? d : Math.trunc((d * capNet) / dNet);
    else f.illicit = 0;
  }
  // Unmet demand makes the network grow (toward the ceiling).
  ctx.unmetIllicit = Math.max(0, dNet - capNet);
}

/** Step 5: intelligence operations, exposures, smuggling operations and regrowth, in that order. */
export function resolveIllicit(ctx: Ctx): void {
  const { s, rules } = ctx;
  // Intelligence operations: look for nodes in a region.
  for (const p of POWERS) {
    const ops = actionsOf(ctx, p, "intel_op");
    if (ops.length === 0) continue;
    s.intel[p] = Math.min(rules.intelMax, s.intel[p] + ops.length);
    for (const op of ops) {
      const found: string[] = [];
      for (const n of s.illicit.nodes) {
        if (n.region !== op.region || n.knownBy.includes(p)) continue;
        if (roll(ctx, rules.detectBase + rules.detectPerIntel * s.intel[p])) {
          n.knownBy.push(p);
          found.push(n.name);
        }
      }
      emit(
        ctx,
        "intel_report",
        { region: op.region, found: found.length },
        only(p),
        found.length > 0 ? { names: found.join(", ") } : undefined,
      );
    }
  }
  // Exposures: a published node shuts; its capacity regrows elsewhere later.
  for (const p of POWERS) {
    for (const a of actionsOf(ctx, p, "expose")) {
      const node = s.illicit.nodes.find((n) => n.id === a.node);
      if (!node) continue; // closed earlier this round by someone else
      closeNode(ctx, node, p);
      const spec = s.scenario.actions.find((x) => x.type === "expose")!;
      s.powers[p].standing = clamp100(s.powers[p].standing + (spec.numbers.standing ?? 0));
      const host: PowerId | null =
        node.region === "dandong" ? "CN" : node.region === "vladivostok" ? "RU" : null;
      if (host) {
        s.powers[host].standing = clamp100(s.powers[host].standing + (spec.numbers.hostStanding ?? 0));
        addRelation(s, p, host, spec.numbers.hostRelations ?? 0);
      }
    }
  }
  // North Korea's smuggling operations: expand a node in the region, or open one.
  for (const a of actionsOf(ctx, "KP", "smuggling_op")) {
    const spec = s.scenario.actions.find((x) => x.type === "smuggling_op")!;
    let add = Math.min(spec.numbers.capacity ?? 15, Math.max(0, s.illicit.ceiling - totalCapacity(s)));
    if (a.region === "finance") add = Math.min(add, financeRoom(s));
    if (add <= 0) {
      emit(ctx, "smuggling_capped", undefined, only("KP"));
      continue;
    }
    const node = s.illicit.nodes.find((n) => n.region === a.region);
    if (node) node.capacity += add;
    else openNode(ctx, a.region, add);
    emit(ctx, "smuggling_op", { region: a.region, add }, only("KP"));
  }
  // Regrowth: closed capacity reappears at a new node, a little smaller.
  const due = s.illicit.regrowing.filter((r) => r.round <= ctx.round);
  if (due.length > 0) {
    s.illicit.regrowing = s.illicit.regrowing.filter((r) => r.round > ctx.round);
    for (const r of due) {
      let room = Math.max(0, s.illicit.ceiling - totalCapacity(s));
      if (r.from === "finance") room = Math.min(room, financeRoom(s));
      const cap = Math.min(room, pct(r.capacity, rules.illicitRegrowShare));
      if (cap > 0) openNode(ctx, nextRegion(s, r.from), cap);
    }
  }
  // Organic growth toward the ceiling while demand goes unmet.
  const unmet = ctx.unmetIllicit;
  if (unmet > 0) {
    let room = Math.max(0, s.illicit.ceiling - totalCapacity(s));
    for (const n of s.illicit.nodes) {
      if (room <= 0 || n.region === "finance") continue;
      const g = Math.min(room, Math.max(1, pct(n.capacity, rules.illicitGrowth)));
      n.capacity += g;
      room -= g;
    }
  }
}

function closeNode(ctx: Ctx, node: IllicitNode, by: PowerId): void {
  const s = ctx.s;
  s.illicit.nodes = s.illicit.nodes.filter((n) => n !== node);
  s.illicit.regrowing.push({
    capacity: node.capacity,
    round: ctx.round + ctx.rules.illicitRegrowDelay,
    from: node.region,
  });
  emit(ctx, "node_closed", { node: node.id, region: node.region, capacity: node.capacity }, "all", {
    by,
    name: node.name,
  });
  explain(ctx, `node:${node.id}`, node.capacity, 0, "all", [
    { why: "exposed", by, name: node.name, visibleTo: "all" },
  ]);
}

function openNode(ctx: Ctx, region: Region, capacity: number): void {
  const s = ctx.s;
  const id = `node-${s.illicit.nextId}`;
  s.illicit.nextId += 1;
  const kind =
    region === "finance"
      ? "accounts"
      : region === "dandong" || region === "vladivostok"
        ? "fronts"
        : "ship-to-ship zone";
  s.illicit.nodes.push({
    id,
    name: `New ${kind} (${region.replace(/_/g, " ")})`,
    region,
    capacity,
    knownBy: ["KP"],
  });
  emit(ctx, "node_opened", { node: id, region }, only("KP"), { capacity });
}

/**
 * Where displaced capacity goes: elsewhere on the same side, so that it serves the same flows
 * (dynamic 7: "when some operations are shut down, others pop up"). China-side capacity moves to
 * the next China-side region (Dandong, the Yellow Sea, the East China Sea); Vladivostok's and the
 * finance channel's reopen where they were, under new names. Moving Dandong's trade to Vladivostok
 * would have made a closure a lasting cut for China's flows.
 */
function nextRegion(s: GameState, from: Region): Region {
  if (!TRADE_REGIONS.includes(from)) return from;
  const i = TRADE_REGIONS.indexOf(from);
  for (let k = 1; k < TRADE_REGIONS.length; k++) {
    const r = TRADE_REGIONS[(i + k) % TRADE_REGIONS.length]!;
    if (!s.illicit.nodes.some((n) => n.region === r && n.capacity > 60)) return r;
  }
  return TRADE_REGIONS[(i + 1) % TRADE_REGIONS.length]!;
}

/** A financial designation: lowers the ceiling for good and cuts the finance nodes. */
export function designateFinance(ctx: Ctx, weight: number): void {
  const s = ctx.s;
  s.illicit.ceiling = Math.max(0, s.illicit.ceiling - weight);
  for (const n of s.illicit.nodes) if (n.region === "finance") n.capacity = Math.max(0, n.capacity - weight);
  // Trim the network down to the new ceiling, largest nodes first.
  let over = totalCapacity(s) - s.illicit.ceiling;
  if (over > 0) {
    const sorted = [...s.illicit.nodes].sort((a, b) => b.capacity - a.capacity || (a.id < b.id ? -1 : 1));
    for (const n of sorted) {
      if (over <= 0) break;
      const cut = Math.min(n.capacity, over);
      n.capacity -= cut;
      over -= cut;
    }
  }
  s.illicit.regrowing = s.illicit.regrowing.map((r) => ({
    ...r,
    capacity: Math.max(0, r.capacity - weight),
  }));
}
