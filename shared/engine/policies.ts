/**
 * Step 1 of the resolution: standing policies. An order that changes a policy takes effect now and
 * persists until changed again; a power that gives no orders keeps its policies (DESIGN §4).
 */
import { POWERS, type PowerId } from "../powers.js";
import type { Policies } from "../state.js";
import { type Ctx, emit, only } from "./context.js";

/** Policies whose setting others may see (the rest are private: off-book sales, real inspections). */
export const PUBLIC_POLICIES = [
  "trade",
  "pipeline",
  "exercises",
  "mdConsent",
  "tariffs",
  "moratorium",
] as const;

/** Applies policy orders; returns the powers that ordered a target above their achieved enforcement. */
export function applyPolicies(ctx: Ctx): Set<PowerId> {
  const s = ctx.s;
  const raised = new Set<PowerId>();
  for (const p of POWERS) {
    const pol: Policies = s.policies[p];
    for (const a of ctx.actions[p]) {
      switch (a.type) {
        case "set_enforcement": {
          const e = s.enforcement[p];
          if (a.announced !== e.announced)
            emit(ctx, "enforcement_announced", {
              power: p,
              from: e.announced,
              to: a.announced,
            });
          // An order this round that aims above what is achieved is a crackdown, even if an older,
          // stale target was higher still (else a faded target would block every later crackdown).
          if (a.target > e.actual) raised.add(p);
          e.announced = a.announced;
          e.target = a.target;
          e.sustain = a.sustain ?? false;
          break;
        }
        case "set_trade":
          if (pol.trade[a.commodityGroup] !== a.level)
            emit(ctx, "trade_policy", {
              power: p,
              group: a.commodityGroup,
              level: a.level,
            });
          pol.trade[a.commodityGroup] = a.level;
          break;
        case "set_pipeline":
          if (pol.pipeline !== a.level) emit(ctx, "pipeline", { level: a.level });
          pol.pipeline = a.level;
          break;
        case "set_inspections":
          pol.inspections = a.level;
          emit(ctx, "inspections", { level: a.level }, only("CN"));
          break;
        case "set_fuel_sales":
          pol.fuelSales = a.level;
          emit(ctx, "fuel_sales", { level: a.level }, only("RU"));
          break;
        case "set_exercises":
          if (pol.exercises !== a.on)
            emit(ctx, "exercises_policy", {
              power: p,
              on: a.on ? 1 : 0,
            });
          pol.exercises = a.on;
          break;
        case "set_md_consent":
          if (pol.mdConsent !== a.on) emit(ctx, "md_consent", { on: a.on ? 1 : 0 });
          pol.mdConsent = a.on;
          break;
        case "set_tariffs":
          if (pol.tariffs !== a.on)
            emit(ctx, "tariffs", {
              on: a.on ? 1 : 0,
            });
          pol.tariffs = a.on;
          break;
        case "set_moratorium":
          if (pol.moratorium !== a.on)
            emit(ctx, "moratorium", {
              on: a.on ? 1 : 0,
            });
          pol.moratorium = a.on;
          break;
        case "send_labourers":
          if (pol.trade.labour !== a.level) emit(ctx, "labourers", { level: a.level });
          pol.trade.labour = a.level;
          break;
        case "set_engagement":
          if (pol.trade.goods !== a.level)
            emit(ctx, "engagement", {
              level: a.level,
            });
          for (const g of Object.keys(pol.trade) as (keyof Policies["trade"])[]) pol.trade[g] = a.level;
          break;
        default:
          break;
      }
    }
  }
  return raised;
}
