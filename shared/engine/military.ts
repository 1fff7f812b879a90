/**
 * Step 6 of the resolution: the military ladder (DESIGN §5, dynamic 8). Exercises happen only if
 * both the US and South Korea keep them on; missile defence needs Seoul's consent; a preventive
 * strike may start a war.
 */

import type { ActionType } from "../orders.js";
import { POWERS } from "../powers.js";
import { catalogueOf } from "./catalogue.js";
import { addCrisis, addRelation, type Ctx, emit, has, roll } from "./context.js";
import { applyEffects } from "./effects.js";
import { clamp100, mulDiv } from "./math.js";

const SIMPLE_MILITARY: readonly ActionType[] = [
  "show_of_force",
  "threaten_seoul",
  "strengthen_defences",
  "expand_rajin_link",
];

export function resolveMilitary(ctx: Ctx): void {
  const { s } = ctx;
  const cat = catalogueOf(s.scenario);

  // Scheduled arrivals (the September 2017 launchers).
  for (const a of s.missileDefence.arrivals) {
    if (a.round === ctx.round) {
      s.missileDefence = { ...s.missileDefence, launchers: s.missileDefence.launchers + a.launchers };
      emit(ctx, "md_arrived", {
        launchers: a.launchers,
      });
    }
  }

  // Joint exercises.
  const n = cat.set_exercises.numbers;
  if (s.policies.US.exercises && s.policies.KR.exercises) {
    addCrisis(ctx, "US", n.heldCrisis ?? 3, "US–South Korea joint exercises");
    addRelation(s, "KR", "US", 2);
    addRelation(s, "KP", "US", -3);
    addRelation(s, "KP", "KR", -2);
    addRelation(s, "CN", "US", -1);
  } else {
    addCrisis(ctx, null, n.suspendedCrisis ?? -1, "joint exercises suspended");
    s.tracks.exercisesSuspendedRounds += 1;
    if (s.policies.KP.moratorium) s.tracks.freezeForFreezeRounds += 1;
  }

  for (const p of POWERS) {
    for (const a of ctx.actions[p]) {
      if (!SIMPLE_MILITARY.includes(a.type)) continue;
      const spec = cat[a.type];
      applyEffects(ctx, spec.effects, p, spec.label);
      if (a.type === "strengthen_defences") s.defences = Math.min(3, s.defences + 1);
      if (a.type === "expand_rajin_link")
        s.illicit = { ...s.illicit, russianLink: s.illicit.russianLink + (spec.numbers.capacity ?? 15) };
      emit(ctx, a.type, { power: p });
    }
  }

  if (has(ctx, "US", "deploy_missile_defence")) {
    const spec = cat.deploy_missile_defence;
    if (s.policies.KR.mdConsent) {
      const add = spec.numbers.launchers ?? 2;
      s.missileDefence = { ...s.missileDefence, launchers: s.missileDefence.launchers + add };
      s.tracks.mdDeployed += add;
      applyEffects(ctx, spec.effects, "US", spec.label);
      emit(ctx, "md_deployed", {
        launchers: add,
      });
    } else {
      addRelation(s, "KR", "US", -5);
      emit(ctx, "md_blocked");
    }
  }

  if (has(ctx, "US", "preventive_strike")) {
    const spec = cat.preventive_strike;
    const chance = Math.min(
      95,
      (spec.numbers.warChanceBase ?? 30) + mulDiv(s.crisis, spec.numbers.warChancePerCrisis ?? 33, 100),
    );
    applyEffects(ctx, spec.effects, "US", spec.label);
    if (roll(ctx, chance)) {
      s.crisis = 100;
      ctx.strikeWar = true;
      ctx.crisisBy.US = (ctx.crisisBy.US ?? 0) + 100;
      emit(ctx, "strike_war", {
        chance,
      });
    } else {
      emit(ctx, "strike", {
        chance,
      });
    }
    s.powers.KP.stability = clamp100(s.powers.KP.stability + 3);
  }
}
