/**
 * Steps 2 and 3 of the resolution: diplomatic and economic moves, then sanctions (designations).
 * Each move's immediate effects are data in the catalogue; what needs a rule lives here.
 */

import type { ActionType } from "../orders.js";
import { POWERS, type PowerId, pairKey } from "../powers.js";
import { catalogueOf } from "./catalogue.js";
import { actionsOf, addCrisis, addRelation, type Ctx, emit, has } from "./context.js";
import { applyEffects } from "./effects.js";
import { addPressure } from "./enforcement.js";
import { designateFinance } from "./illicit.js";
import { clamp, clamp100 } from "./math.js";
import { applyVerdicts } from "./matrix.js";

/** Moves whose effects are entirely the catalogue's `effects` (applied in this step). */
const SIMPLE_DIPLOMATIC: readonly ActionType[] = [
  "humanitarian_aid",
  "buffer_aid",
  "host_talks",
  "propose_mediation",
  "recognise_nuclear_state",
  "ease_russia_sanctions",
  "engage_china",
];

export function resolveDiplomaticMoves(ctx: Ctx): void {
  const { s } = ctx;
  const cat = catalogueOf(s.scenario);
  // Free-form actions Control judged (queued when their orders came in: engine/matrix.ts).
  applyVerdicts(ctx);
  for (const p of POWERS) {
    for (const a of ctx.actions[p]) {
      if (a.type === "statement") {
        emit(ctx, "statement", { power: p }, "all", { text: a.text });
      } else if (SIMPLE_DIPLOMATIC.includes(a.type)) {
        applyEffects(ctx, cat[a.type].effects, p, cat[a.type].label);
        emit(ctx, a.type, { power: p });
        if (a.type === "host_talks") s.tracks.ruHosted = true;
        if (a.type === "recognise_nuclear_state") {
          s.tracks.recognition = true;
        }
      } else if (a.type === "retaliate") {
        const spec = cat.retaliate;
        applyEffects(ctx, spec.effects, p, spec.label, a.target);
        if (a.target === "KR") {
          s.powers.KR.economy = clamp(s.powers.KR.economy + (spec.numbers.krEconomy ?? -3), 0, 200);
          s.tracks.retaliatedAgainstKR = true;
        } else {
          s.powers.US.economy = clamp(s.powers.US.economy + (spec.numbers.usEconomy ?? -1), 0, 200);
          s.tension = clamp100(s.tension + (spec.numbers.usTension ?? 5));
        }
        emit(ctx, "retaliation", { target: a.target });
      }
    }
  }
  // Summits: held when both sides ask for one in the same round; otherwise an offer of talks.
  for (const p of POWERS) {
    for (const a of actionsOf(ctx, p, "summit")) {
      const mutual = ctx.actions[a.target].some((b) => b.type === "summit" && b.target === p);
      if (mutual && p < a.target) {
        const n = cat.summit.numbers;
        addRelation(s, p, a.target, n.heldRelations ?? 15);
        addCrisis(ctx, null, n.heldCrisis ?? -5, { a: p, b: a.target });
        const k = pairKey(p, a.target);
        if (!s.tracks.summits.includes(k)) s.tracks.summits.push(k);
        emit(ctx, "summit_held", { a: p, b: a.target });
        if (k === "CN-US") s.tension = clamp100(s.tension - 10);
      } else if (!mutual) {
        applyEffects(ctx, cat.summit.effects, p, "offer of talks", a.target);
        emit(ctx, "talks_offered", { from: p, to: a.target });
      }
    }
  }
}

/**
 * Moves whose point is US–China tension elsewhere (South China Sea, Taiwan). They resolve with the
 * sanctions, before enforcement, so that Beijing's cooperation pays for them in the same round
 * (dynamic 5): resolved with the military, their tension reached China's baseline a round late.
 */
const TENSION_MOVES: readonly ActionType[] = ["fonop", "arms_sale_taiwan", "scs_patrol"];

export function resolveTensionMoves(ctx: Ctx): void {
  const cat = catalogueOf(ctx.s.scenario);
  for (const p of POWERS)
    for (const a of ctx.actions[p]) {
      if (!TENSION_MOVES.includes(a.type)) continue;
      applyEffects(ctx, cat[a.type].effects, p, cat[a.type].label);
      emit(ctx, a.type, { power: p });
    }
}

/** Step 3: US designations. The lasting lever on the illicit network, at a price in Beijing. */
export function resolveSanctions(ctx: Ctx): void {
  const { s } = ctx;
  const cat = catalogueOf(s.scenario);
  const n = cat.designate.numbers;
  for (const a of actionsOf(ctx, "US", "designate")) {
    const entity = s.scenario.entities.find((e) => e.id === a.entity);
    if (!entity || s.sanctions.designations.some((d) => d.entity === a.entity)) continue;
    s.sanctions = {
      resolutions: s.sanctions.resolutions,
      designations: [...s.sanctions.designations, { entity: entity.id, round: ctx.round }],
    };
    designateFinance(ctx, entity.financeWeight);
    ctx.nkSpend.currency += -(n.kpCurrency ?? -15);
    if (entity.country === "CN") {
      s.tension = clamp100(s.tension + (n.tensionChinese ?? 12));
      addRelation(s, "CN", "US", -5);
      if (entity.kind === "bank") {
        s.tracks.chineseBanksDesignated += 1;
        // Chinese banks comply to keep access to dollars: pressure on China's baseline.
        addPressure(s, "CN", n.pressureChineseBank ?? 12);
      }
    } else if (entity.country === "RU") {
      addRelation(s, "RU", "US", n.ruRelations ?? -8);
      addPressure(s, "RU", 6);
    }
    emit(ctx, "designated", {
      entity: entity.id,
      country: entity.country,
    });
  }
}

/** Ongoing effects of standing policies, each round they hold. */
export function resolveStandingEffects(ctx: Ctx): void {
  const { s } = ctx;
  const cat = catalogueOf(s.scenario);
  if (s.policies.US.tariffs) {
    const n = cat.set_tariffs.numbers;
    s.tension = clamp100(s.tension + (n.tension ?? 8));
    s.powers.CN.economy = clamp(s.powers.CN.economy + (n.cnEconomy ?? -2), 0, 200);
    s.powers.US.economy = clamp(s.powers.US.economy + (n.usEconomy ?? -1), 0, 200);
  }
  if (s.policies.KP.moratorium) {
    const n = cat.set_moratorium.numbers;
    addCrisis(ctx, null, n.crisis ?? -2, "North Korea's test moratorium holds");
    for (const p of ["US", "KR", "CN"] as PowerId[]) addRelation(s, "KP", p, n.relations ?? 2);
    s.tracks.moratoriumStreak += 1;
    s.tracks.maxMoratoriumStreak = Math.max(s.tracks.maxMoratoriumStreak, s.tracks.moratoriumStreak);
  } else s.tracks.moratoriumStreak = 0;
  const engagement = s.policies.KR.trade.goods;
  if (engagement > 0)
    addRelation(
      s,
      "KP",
      "KR",
      Math.trunc(engagement / 25) * (cat.set_engagement.numbers.relationsPer25 ?? 2),
    );
  if (has(ctx, "US", "designate") && s.policies.KR.trade.goods > 50) addRelation(s, "KR", "US", -1);
}
