/** The zod schemas of orders: the shape check that runs before any rule. */
import { z } from "zod";

export const RATIONALE_MAX = 500;
const Level = z.number().int().min(0).max(100);
const Rationale = z.string().max(RATIONALE_MAX).optional();

export const ActionSchema = z.discriminatedUnion("type", [
  z
    .object({ type: z.literal("set_enforcement"), announced: Level, target: Level, rationale: Rationale })
    .strict(),
  z.object({ type: z.literal("missile_test"), rationale: Rationale }).strict(),
]);

export const OrdersSchema = z.object({ actions: z.array(ActionSchema).max(12) }).strict();
export type OrdersInput = z.infer<typeof OrdersSchema>;
