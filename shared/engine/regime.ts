/**
 * North Korea's economy and stability (dynamics 1 and 4): hard currency from what it sells, fuel
 * and food from what it buys; stability follows them but falls at most a few points a round.
 * Below one threshold refugees cross into China; below another, for consecutive rounds, the
 * regime collapses.
 */
import type { GameState, Reason } from "../state.js";
import { actionsOf, addCrisis, type Ctx, emit, only, roll, rollInt } from "./context.js";
import { explain } from "./explain.js";
import { financeCapacity } from "./illicit.js";
import { clamp, clamp100, mulDiv, pct } from "./math.js";

/** Total North Korean trade (official + illicit), $M per quarter. */
export function totalTrade(s: GameState): number {
  let t = 0;
  for (const f of s.flows) t += f.official + f.illicit;
  return t;
}

/** Step 9 of the resolution: cyber theft, then currency, fuel and food. */
export function resolveNorthKoreaEconomy(ctx: Ctx): void {
  const { s, rules } = ctx;
  const nk = s.nk;
  const sc = s.scenario;

  for (const _ of actionsOf(ctx, "KP", "cyber_theft")) {
    const n = sc.actions.find((a) => a.type === "cyber_theft")!.numbers;
    const gain = (n.gainMin ?? 20) + rollInt(ctx, (n.gainRange ?? 60) + 1);
    ctx.nkGain.currency += gain;
    ctx.nkGain.parts.push({ why: "cyber_theft", value: gain, delta: gain, visibleTo: only("KP") });
    if (roll(ctx, n.attributedChance ?? 30)) {
      s.powers.KP.standing = clamp100(s.powers.KP.standing - 2);
      emit(ctx, "cyber_attributed");
    }
  }

  const parts: Reason[] = [];
  const kp = only("KP");
  let exportsEarned = 0;
  let illicitExports = 0;
  let importsPaid = 0;
  let fuelIn = 0;
  let foodIn = 0;
  for (const f of s.flows) {
    const share = sc.regimeShare[f.commodity];
    if (f.fromKP) {
      exportsEarned += pct(f.official, share);
      illicitExports += f.illicit;
    } else {
      importsPaid += pct(f.official + f.illicit, share);
      if (f.commodity === "crude_oil" || f.commodity === "refined_fuel")
        fuelIn += mulDiv(f.official + f.illicit, sc.fuelPer100M[f.commodity], 100);
      if (f.commodity === "food") foodIn += f.official + f.illicit;
    }
  }
  // Illicit sales earn only what the finance channel can move (dynamic 7: the financial lever).
  const illicitEarned = pct(Math.min(illicitExports, financeCapacity(s)), 80);
  parts.push({ why: "exports", value: exportsEarned, delta: exportsEarned, visibleTo: kp });
  parts.push({ why: "illicit_sales", value: illicitEarned, delta: illicitEarned, visibleTo: kp });
  parts.push({ why: "imports", value: importsPaid, delta: -importsPaid, visibleTo: kp });
  parts.push({ why: "upkeep", value: rules.regimeUpkeep, delta: -rules.regimeUpkeep, visibleTo: kp });
  if (ctx.nkSpend.currency)
    parts.push({
      why: "tests",
      value: ctx.nkSpend.currency,
      delta: -ctx.nkSpend.currency,
      visibleTo: kp,
    });
  parts.push(...ctx.nkGain.parts);

  const beforeCur = nk.currency;
  let cur =
    nk.currency +
    exportsEarned +
    illicitEarned -
    importsPaid -
    rules.regimeUpkeep -
    ctx.nkSpend.currency +
    ctx.nkGain.currency;
  let unpaid = 0;
  if (cur < 0) {
    unpaid = -cur;
    cur = 0;
    parts.push({ why: "unpaid", value: unpaid, visibleTo: kp });
  }
  nk.currency = cur;
  explain(ctx, "nk:currency", beforeCur, nk.currency, kp, parts);

  const beforeFuel = nk.fuel;
  fuelIn = Math.max(0, fuelIn - unpaid);
  nk.fuel = clamp(
    nk.fuel + fuelIn + ctx.nkGain.fuel - rules.fuelConsumption - ctx.nkSpend.fuel,
    0,
    rules.fuelStorage,
  );
  explain(ctx, "nk:fuel", beforeFuel, nk.fuel, kp, [
    {
      why: "fuel",
      fuelIn: fuelIn + ctx.nkGain.fuel,
      used: rules.fuelConsumption + ctx.nkSpend.fuel,
      visibleTo: kp,
    },
  ]);

  const beforeFood = nk.food;
  const supply = clamp100(
    rules.harvest +
      mulDiv(Math.max(0, foodIn - Math.trunc(unpaid / 4)), 100 - rules.harvest, rules.foodImportsNormal * 2) +
      ctx.nkGain.food * 2,
  );
  nk.food = clamp100(nk.food + Math.trunc((supply - nk.food) / 2));
  explain(ctx, "nk:food", beforeFood, nk.food, kp, [{ why: "food", imports: foodIn, supply, visibleTo: kp }]);

  // The economy index follows total trade against the start.
  const start = startTrade(s);
  const kpEconomy = clamp(mulDiv(totalTrade(s), 100, Math.max(1, start)), 0, 200);
  if (kpEconomy !== s.powers.KP.economy) {
    explain(ctx, "economy:KP", s.powers.KP.economy, kpEconomy, kp, [
      { why: "kp_trade", value: kpEconomy, visibleTo: kp },
    ]);
    s.powers.KP.economy = kpEconomy;
  }
}

function startTrade(s: GameState): number {
  return s.history[0] ? s.history[0].officialTrade + s.history[0].illicitTrade : totalTrade(s);
}

/** Step 10: stability of North Korea, refugees and collapse; China's border; crisis on Seoul. */
export function resolveStability(ctx: Ctx): void {
  const { s, rules } = ctx;
  const nk = s.nk;
  const kp = s.powers.KP;
  const curStress = Math.min(
    20,
    mulDiv(Math.max(0, rules.currencyComfort - nk.currency), 20, rules.currencyComfort),
  );
  const fuelStress = Math.min(
    20,
    mulDiv(Math.max(0, rules.fuelConsumption - nk.fuel), 20, rules.fuelConsumption),
  );
  const foodStress = Math.trunc(Math.max(0, rules.foodComfort - nk.food) / 2);
  // Goods it can no longer buy (consumer goods, machinery) hurt even when cash piles up.
  let goodsBase = 0;
  let goodsShort = 0;
  for (const f of s.flows) {
    if (f.fromKP || f.commodity === "food" || f.commodity === "crude_oil" || f.commodity === "refined_fuel")
      continue;
    goodsBase += f.base;
    goodsShort += Math.max(0, f.base - f.official - f.illicit);
  }
  const shortStress = Math.min(20, mulDiv(goodsShort, rules.shortageWeight, Math.max(1, goodsBase)));
  const target = clamp100(rules.nkStabilityBase - curStress - fuelStress - foodStress - shortStress);
  const before = kp.stability;
  const step = clamp(target - kp.stability, -rules.nkMaxFall, rules.nkMaxRise);
  kp.stability = clamp100(kp.stability + step);
  const onlyKP = only("KP");
  explain(ctx, "stability:KP", before, kp.stability, onlyKP, [
    {
      why: "nk_stress",
      currency: curStress,
      fuel: fuelStress,
      food: foodStress,
      target,
      visibleTo: onlyKP,
    },
    { why: "nk_max_move", fall: rules.nkMaxFall, rise: rules.nkMaxRise, visibleTo: onlyKP },
  ]);
  s.tracks.minNkStability = Math.min(s.tracks.minNkStability, kp.stability);

  if (kp.stability < rules.refugeeThreshold) {
    s.powers.CN.stability = clamp100(s.powers.CN.stability - 3);
    s.discontent = clamp100(s.discontent + 5);
    addCrisis(ctx, null, 3, "refugees crossing into China");
    emit(ctx, "refugees", {
      stability: kp.stability,
    });
  }
  nk.lowRounds = kp.stability < rules.collapseThreshold ? nk.lowRounds + 1 : 0;

  // China's border economy (dynamic 3): D' = D·k + α·(border trade lost).
  const borderNow = borderTrade(s);
  const borderStart = s.history[0]?.borderTrade ?? borderNow;
  const lost = Math.max(0, borderStart - borderNow);
  const beforeD = s.discontent;
  const inspections = Math.trunc(s.policies.CN.inspections / 10);
  s.discontent = clamp100(
    pct(s.discontent, rules.discontentKeep) +
      mulDiv(lost, rules.discontentPer100M, 100) +
      Math.max(0, inspections - 2),
  );
  const onlyCN = only("CN");
  explain(ctx, "discontent", beforeD, s.discontent, onlyCN, [
    { why: "border_trade", now: borderNow, start: borderStart, visibleTo: onlyCN },
    { why: "inspections", value: s.policies.CN.inspections, visibleTo: onlyCN },
  ]);
  const cn = s.powers.CN;
  const beforeCn = cn.stability;
  if (s.discontent > rules.discontentThreshold) {
    cn.stability = clamp100(
      cn.stability - Math.min(3, Math.trunc((s.discontent - rules.discontentThreshold) / 10) + 1),
    );
  } else if (cn.stability < s.scenario.powers.CN.stability && s.discontent < rules.discontentThreshold / 2) {
    cn.stability += 1;
  }
  if (cn.stability !== beforeCn)
    explain(ctx, "stability:CN", beforeCn, cn.stability, onlyCN, [
      { why: "discontent", value: s.discontent, visibleTo: onlyCN },
    ]);
  const cnEconomyLoss = Math.trunc(lost / 300);
  if (cnEconomyLoss > 0) cn.economy = clamp(cn.economy - Math.min(1, cnEconomyLoss), 0, 200);

  // Seoul is hostage (dynamic 8): a high crisis hurts South Korea first.
  if (s.crisis > rules.crisisHurtsKorea) {
    const kr = s.powers.KR;
    kr.economy = clamp(kr.economy - 1, 0, 200);
    kr.stability = clamp100(kr.stability - 1);
    s.powers.US.stability = clamp100(s.powers.US.stability - (s.crisis > 80 ? 1 : 0));
    emit(ctx, "crisis_costs", { crisis: s.crisis });
  }

  // Russia earns from trade with North Korea (dynamic 6).
  const ru = ruTrade(s);
  const ruStart = s.history[0]?.ruTrade ?? ru;
  const gain = clamp(Math.trunc((ru - ruStart) / 10), -2, 3);
  if (gain !== 0) {
    const b = s.powers.RU.economy;
    s.powers.RU.economy = clamp(b + gain, 0, 200);
    explain(ctx, "economy:RU", b, s.powers.RU.economy, only("RU"), [
      { why: "ru_trade", now: ru, start: ruStart, gain, visibleTo: only("RU") },
    ]);
  }
}

/** Official plus illicit trade through the Chinese border (flows China polices). */
export function borderTrade(s: GameState): number {
  let t = 0;
  for (const f of s.flows) if (f.enforcedBy === "CN") t += f.official + f.illicit;
  return t;
}

/** All channels of Russian trade with North Korea. */
export function ruTrade(s: GameState): number {
  let t = 0;
  for (const f of s.flows) if (f.enforcedBy === "RU") t += f.official + f.illicit;
  return t;
}
