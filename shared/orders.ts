/**
 * The zod schemas of orders: the shape check that runs before any rule. Each action type is a
 * member of one discriminated union; costs, who may use it and its effects live in the scenario's
 * catalogue (data), so they can be tuned without touching this file.
 */
import { z } from "zod";
import { POWERS } from "./powers.js";
import { COMMODITY_GROUPS, REGIONS } from "./state.js";

export const RATIONALE_MAX = 500;
export const STATEMENT_MAX = 280;
const Level = z.number().int().min(0).max(100);
const Rationale = z.string().max(RATIONALE_MAX).optional();
const Power = z.enum(POWERS);
const Group = z.enum(COMMODITY_GROUPS);
const Region = z.enum(REGIONS);
const Id = z.string().min(1).max(40);

const move = <T extends string>(type: T) =>
  z.object({ type: z.literal(type), rationale: Rationale }).strict();
const withParams = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), rationale: Rationale, ...shape }).strict();

export const ActionSchema = z.discriminatedUnion("type", [
  // Common
  withParams("set_enforcement", { announced: Level, target: Level, sustain: z.boolean().optional() }),
  withParams("set_trade", { commodityGroup: Group, level: Level }),
  withParams("summit", { target: Power }),
  withParams("statement", { text: z.string().min(1).max(STATEMENT_MAX) }),
  withParams("intel_op", { region: Region }),
  withParams("expose", { node: Id }),
  move("humanitarian_aid"),
  withParams("matrix_action", { text: z.string().min(1).max(RATIONALE_MAX) }),
  // United States
  withParams("designate", { entity: Id }),
  move("show_of_force"),
  withParams("set_exercises", { on: z.boolean() }),
  move("deploy_missile_defence"),
  move("fonop"),
  move("arms_sale_taiwan"),
  withParams("set_tariffs", { on: z.boolean() }),
  move("recognise_nuclear_state"),
  move("preventive_strike"),
  move("ease_russia_sanctions"),
  // China
  withParams("set_inspections", { level: Level }),
  withParams("set_pipeline", { level: Level }),
  move("buffer_aid"),
  withParams("retaliate", { target: z.enum(["US", "KR"]) }),
  move("scs_patrol"),
  // Russia
  move("expand_rajin_link"),
  withParams("set_fuel_sales", { level: Level }),
  move("host_talks"),
  move("propose_mediation"),
  // North Korea
  move("missile_test"),
  move("nuclear_test"),
  withParams("smuggling_op", { region: Region }),
  move("cyber_theft"),
  withParams("send_labourers", { level: Level }),
  move("threaten_seoul"),
  withParams("set_moratorium", { on: z.boolean() }),
  // South Korea
  withParams("set_engagement", { level: Level }),
  withParams("set_md_consent", { on: z.boolean() }),
  move("strengthen_defences"),
  move("engage_china"),
]);
export type Action = z.infer<typeof ActionSchema>;
export type ActionType = Action["type"];
export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;

/** Every action type, in catalogue order. */
export const ACTION_TYPES = ActionSchema.options.map((o) => o.shape.type.value) as readonly ActionType[];

export const OrdersSchema = z.object({ actions: z.array(ActionSchema).max(12) }).strict();
export type OrdersInput = z.infer<typeof OrdersSchema>;
