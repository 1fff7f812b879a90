/**
 * Class sessions (DESIGN §1): a teacher creates several tables at once and is Control at each.
 * Students type the one class code; each is sent to the table with the most free seats, so a
 * class fills its tables evenly. The teacher's token opens the dashboard of every table.
 */
import { matchMaker } from "@colyseus/core";
import { z } from "zod";
import {
  CreateOptionsSchema,
  DisplayNameSchema,
  GAME_ROOM,
  type LobbyEntry,
  PRESETS,
  type Preset,
} from "../shared/index.js";
import { newGameCode, newToken } from "./codes.js";
import { getCommits, getStore, RESTORE_KEY } from "./context.js";

export const CreateClassSchema = z
  .object({
    name: DisplayNameSchema.default("Class"),
    tables: z.number().int().min(1).max(8),
    preset: z.enum(Object.keys(PRESETS) as [Preset, ...Preset[]]).default("one_period"),
    rounds: z.number().int().min(4).max(12).optional(),
    diplomacySeconds: z.number().int().min(10).max(3600).optional(),
    ordersSeconds: z.number().int().min(10).max(3600).optional(),
    botPersonality: z.enum(["hawk", "dove", "pragmatist"]).default("pragmatist"),
    teamSize: z.number().int().min(1).max(8).default(1),
    advisor: z.boolean().default(true),
  })
  .strict();
export type CreateClass = z.infer<typeof CreateClassSchema>;

export interface ClassCreated {
  code: string;
  teacherToken: string;
  tables: { code: string; controlToken: string }[];
}

export async function createClass(input: CreateClass): Promise<ClassCreated> {
  const store = getStore();
  let code = newGameCode();
  while (await store.codeInUse(code)) code = newGameCode();
  const teacherToken = newToken();
  const tables: ClassCreated["tables"] = [];
  for (let i = 0; i < input.tables; i++) {
    const controlToken = newToken();
    const { name: _n, tables: _t, ...game } = input;
    const options = CreateOptionsSchema.parse({ ...game, asControl: true, fillWithBots: true });
    const room = await matchMaker.createRoom(GAME_ROOM, {
      ...options,
      presetControlToken: controlToken,
      restoreKey: RESTORE_KEY,
    });
    tables.push({ code: room.roomId, controlToken });
  }
  await getCommits().submit({
    writes: [{ kind: "class", row: { code, teacherToken, name: input.name, tables, createdAt: Date.now() } }],
  });
  return { code, teacherToken, tables };
}

/** The table a student joining with the class code should sit at: the one with most free seats. */
export async function tableForStudent(classCode: string): Promise<string | undefined> {
  const cls = await getStore().getClass(classCode);
  if (!cls) return undefined;
  const rooms = await matchMaker.findRoomsByIds(cls.tables.map((t) => t.code));
  let best: { code: string; free: number } | undefined;
  for (const t of cls.tables) {
    const meta = rooms.get(t.code)?.metadata as LobbyEntry | undefined;
    const free = meta ? meta.freePowers.length : 0;
    if (!best || free > best.free) best = { code: t.code, free };
  }
  return best?.code;
}
