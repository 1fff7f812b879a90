/** The server definition: the game rooms, /health, the lobby list, and the built client. */
import "./polyfill.js";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineRoom, defineServer, matchMaker, type Presence } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { z } from "zod";
import { GAME_ROOM, type LobbyEntry, type PowerId, QUICK_ROOM } from "../shared/index.js";
import { branchGame } from "./branch.js";
import { CreateClassSchema, createClass, tableForStudent } from "./classes.js";
import { getStore } from "./context.js";
import { allowCreate, allowLookup, guardJoinById, noteFailure } from "./joinGuard.js";
import { buildRecord, CSV_TABLES, toCsv, toMarkdown } from "./record.js";
import { GameRoom, QuickRoom } from "./rooms/GameRoom.js";

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/client");

const BranchBody = z
  .object({ key: z.string().min(1).max(64), round: z.number().int().min(1).max(12) })
  .strict();

const RecordQuery = z.object({
  key: z.string().min(1).max(64),
  format: z.enum(["json", "md", "csv"]).default("json"),
  table: z.enum(CSV_TABLES).default("inputs"),
});

type Access = { kind: "full" } | { kind: "seat"; seat: PowerId } | { kind: "none" };

/**
 * Who may read a record: Control (its token) reads everything at any time; the host of a game
 * without Control reads everything once the game has ended (before, their own part); a player reads
 * their own seat's part (their orders, rationales and messages, for grading).
 */
async function recordAccess(code: string, key: string): Promise<Access> {
  const store = getStore();
  const game = await store.getGame(code);
  if (!game) return { kind: "none" };
  if (game.controlToken && key === game.controlToken) return { kind: "full" };
  const seat = (await store.seats(code)).find((s) => s.token !== "" && s.token === key);
  if (!seat) return { kind: "none" };
  if (seat.host && !game.controlToken)
    return game.status === "ended" ? { kind: "full" } : { kind: "seat", seat: seat.power };
  return { kind: "seat", seat: seat.power };
}

export interface ServerConfig {
  presence?: Presence;
  driver?: matchMaker.MatchMakerDriver;
  publicAddress?: string;
}

export function makeServer(config: ServerConfig = {}) {
  guardJoinById();
  return defineServer({
    // Inbound messages are small (orders, chat ≤ 500 characters): 16 KB is ample headroom.
    transport: new WebSocketTransport({ maxPayload: 16 * 1024 }),
    greet: false,
    gracefullyShutdown: false,
    ...config,
    rooms: { [GAME_ROOM]: defineRoom(GameRoom), [QUICK_ROOM]: defineRoom(QuickRoom) },
    express: (app) => {
      app.get("/health", (_req, res) => {
        res.status(200).json({ ok: true });
      });
      app.get("/api/lobby", async (_req, res) => {
        const rooms = await matchMaker.query({ private: false, locked: false });
        const games: LobbyEntry[] = rooms
          .filter((r) => r.name === GAME_ROOM || r.name === QUICK_ROOM)
          .map((r) => r.metadata as LobbyEntry)
          .filter((m) => m && !m.started && m.freePowers.length > 0);
        res.json({ games });
      });
      app.get("/api/games/:code/record", async (req, res) => {
        const q = RecordQuery.safeParse(req.query);
        if (!q.success)
          return void res.status(400).json({ error: "bad_shape", message: "Use ?key=…&format=json|md|csv" });
        const code = String(req.params.code).toUpperCase();
        const access = await recordAccess(code, q.data.key);
        if (access.kind === "none")
          return void res.status(404).json({ error: "not_found", message: "No such game for that key." });
        const record = await buildRecord(getStore(), code, access.kind === "seat" ? access.seat : undefined);
        if (!record)
          return void res.status(404).json({ error: "not_found", message: "No such game for that key." });
        const name = `pressure-point-${code}${access.kind === "seat" ? `-${access.seat}` : ""}`;
        if (q.data.format === "md") {
          res.type("text/markdown").attachment(`${name}.md`).send(toMarkdown(record));
        } else if (q.data.format === "csv") {
          res.type("text/csv").attachment(`${name}-${q.data.table}.csv`).send(toCsv(record, q.data.table));
        } else {
          res
            .type("application/json")
            .attachment(`${name}.json`)
            .send(JSON.stringify(record, null, 2));
        }
      });
      app.post("/api/classes", express.json({ limit: "4kb" }), async (req, res) => {
        const parsed = CreateClassSchema.safeParse(req.body ?? {});
        if (!parsed.success)
          return void res
            .status(400)
            .json({ error: "bad_shape", message: parsed.error.issues[0]?.message ?? "Invalid" });
        if (!allowCreate("class", req.ip ?? "unknown"))
          return void res.status(429).json({
            error: "rate_limited",
            message: "Too many class sessions from your address; wait a while.",
          });
        res.json(await createClass(parsed.data));
      });
      app.get("/api/classes/:code", async (req, res) => {
        const cls = await getStore().getClass(String(req.params.code).toUpperCase());
        const key = typeof req.query.key === "string" ? req.query.key : "";
        if (!cls || cls.teacherToken !== key)
          return void res.status(404).json({ error: "not_found", message: "No such class for that key." });
        res.json({ code: cls.code, name: cls.name, tables: cls.tables });
      });
      app.post("/api/games/:code/branch", express.json({ limit: "1kb" }), async (req, res) => {
        const q = BranchBody.safeParse(req.body ?? {});
        if (!q.success)
          return void res.status(400).json({ error: "bad_shape", message: "Send { key, round }." });
        const r = await branchGame(String(req.params.code).toUpperCase(), q.data.key, q.data.round);
        if (!r.ok) return void res.status(r.status).json({ error: r.error, message: r.message });
        res.json(r);
      });
      // A student's class code → the table to join (rate-limited like joining by code).
      app.get("/api/seat-for/:code", async (req, res) => {
        const ip = req.ip ?? "unknown";
        if (!allowLookup(ip))
          return void res
            .status(429)
            .json({ error: "rate_limited", message: "Too many attempts; wait a minute." });
        const code = String(req.params.code).toUpperCase();
        const table = await tableForStudent(code);
        if (table) return void res.json({ table });
        if (await getStore().gameExists(code)) return void res.json({ table: code });
        noteFailure(ip);
        res.status(404).json({ error: "not_found", message: "No game or class with that code." });
      });
      if (fs.existsSync(CLIENT_DIST)) app.use(express.static(CLIENT_DIST));
    },
  });
}
