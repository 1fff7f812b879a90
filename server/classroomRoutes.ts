/**
 * The HTTP routes of the record and the classroom (DESIGN §10, §1): a game's record (JSON, CSV),
 * a branch from an earlier round, and a class's gradebook. Mounted by app.ts; every read of stored
 * history goes through recordSource.ts.
 */
import express, { type Application } from "express";
import { z } from "zod";
import type { PowerId } from "../shared/index.js";
import { branchGame } from "./branch.js";
import { gradebookCsv, type StudentRow, tableRows } from "./gradebook.js";
import { buildRecord, CSV_TABLES, toCsv } from "./record.js";
import { loadClass, loadGame, type StoredGame } from "./recordSource.js";

const BranchBody = z
  .object({
    key: z.string().min(1).max(64),
    round: z.number().int().min(1).max(12),
    /** Keep the same people in the same seats (their links carry over) and bots where bots were. */
    seats: z.boolean().default(true),
  })
  .strict();

const RecordQuery = z.object({
  key: z.string().min(1).max(64),
  format: z.enum(["json", "csv"]).default("json"),
  table: z.enum(CSV_TABLES).default("inputs"),
});

type Access = { kind: "full" } | { kind: "seat"; seat: PowerId } | { kind: "none" };

/**
 * Who may read a record: Control (its token) reads everything at any time; the host of a game
 * without Control reads everything once the game has ended (before, their own part); a player reads
 * their own seat's part (their orders, rationales, memos and messages, for grading).
 */
function recordAccess(stored: StoredGame, key: string): Access {
  const { game } = stored;
  if (game.controlToken && key === game.controlToken) return { kind: "full" };
  const seat = stored.seats.find((s) => s.token !== "" && !s.bot && s.token === key);
  if (!seat) return { kind: "none" };
  if (seat.host && !game.controlToken)
    return game.status === "ended" ? { kind: "full" } : { kind: "seat", seat: seat.power };
  return { kind: "seat", seat: seat.power };
}

const notFound = (res: express.Response, what = "game") =>
  void res.status(404).json({ error: "not_found", message: `No such ${what} for that key.` });

export function mountClassroomRoutes(app: Application): void {
  app.get("/api/games/:code/record", async (req, res) => {
    const q = RecordQuery.safeParse(req.query);
    if (!q.success)
      return void res.status(400).json({
        error: "bad_shape",
        message:
          "Use ?key=…&format=json|csv (the readable report is the debrief's: debrief.html?code=…#report).",
      });
    const code = String(req.params.code).toUpperCase();
    const stored = await loadGame(code);
    const access = stored ? recordAccess(stored, q.data.key) : ({ kind: "none" } as const);
    if (!stored || access.kind === "none") return notFound(res);
    const record = buildRecord(stored, access.kind === "seat" ? access.seat : undefined);
    const name = `pressure-point-${code}${access.kind === "seat" ? `-${access.seat}` : ""}`;
    if (q.data.format === "csv")
      return void res
        .type("text/csv; charset=utf-8")
        .attachment(`${name}-${q.data.table}.csv`)
        .send(toCsv(record, q.data.table));
    res.type("application/json").attachment(`${name}.json`).send(JSON.stringify(record));
  });

  app.post("/api/games/:code/branch", express.json({ limit: "1kb" }), async (req, res) => {
    const q = BranchBody.safeParse(req.body ?? {});
    if (!q.success)
      return void res.status(400).json({ error: "bad_shape", message: "Send { key, round, seats? }." });
    const r = await branchGame(String(req.params.code).toUpperCase(), q.data.key, q.data.round, q.data.seats);
    if (!r.ok) return void res.status(r.status).json({ error: r.error, message: r.message });
    res.json(r);
  });

  /** The whole class's gradebook: one CSV, one row per student (the teacher's key). */
  app.get("/api/classes/:code/gradebook", async (req, res) => {
    const code = String(req.params.code).toUpperCase();
    const cls = await loadClass(code);
    const key = typeof req.query.key === "string" ? req.query.key : "";
    if (!cls || cls.teacherToken !== key) return notFound(res, "class");
    const rows: StudentRow[] = [];
    for (const [i, t] of cls.tables.entries()) {
      const stored = await loadGame(t.code);
      if (stored) rows.push(...tableRows(stored, i));
    }
    res.type("text/csv; charset=utf-8").attachment(`gradebook-${code}.csv`).send(gradebookCsv(rows));
  });
}
