/** The server definition: the game rooms, /health and /metrics, the lobby list, and the built client. */
import "./polyfill.js";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineRoom, defineServer, matchMaker, type Presence } from "@colyseus/core";
import express from "express";
import { z } from "zod";
import { GAME_ROOM, type LobbyEntry, QUICK_ROOM } from "../shared/index.js";
import { CreateClassSchema, createClass, tableForStudent } from "./classes.js";
import { mountClassroomRoutes } from "./classroomRoutes.js";
import { addressedHttpServer, trustedProxies } from "./clientAddress.js";
import { getStore } from "./context.js";
import { corkSends } from "./corkSends.js";
import { allowCreate, allowLookup, guardJoinById, noteFailure } from "./joinGuard.js";
import { colyseusLog } from "./log.js";
import { mountOps } from "./ops.js";
import { PacedWebSocketTransport } from "./pacedPings.js";
import { quietPm2Metrics } from "./pm2io.js";
import { GameRoom, QuickRoom } from "./rooms/GameRoom.js";

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/client");

export interface ServerConfig {
  presence?: Presence;
  driver?: matchMaker.MatchMakerDriver;
  publicAddress?: string;
}

export function makeServer(config: ServerConfig = {}) {
  guardJoinById();
  corkSends();
  quietPm2Metrics();
  return defineServer({
    // Inbound messages are small (orders, chat ≤ 500 characters): 16 KB is ample headroom.
    // The HTTP server sets each request's client address for the per-address limits (clientAddress.ts).
    // Keep-alive pings every 20 s instead of 3 s: a turn-based table does not need to notice a dead
    // connection within seconds (its seat is kept for minutes), and 12,000 idle clients cost a
    // quarter of a core in pings at 3 s. A silent peer is dropped after two unanswered pings. The
    // pings are spread over the interval (pacedPings.ts), not sent to every connection at once.
    transport: new PacedWebSocketTransport({
      maxPayload: 16 * 1024,
      server: addressedHttpServer(),
      pingInterval: 20_000,
      pingMaxRetries: 2,
    }),
    logger: colyseusLog,
    greet: false,
    gracefullyShutdown: false,
    ...config,
    rooms: { [GAME_ROOM]: defineRoom(GameRoom), [QUICK_ROOM]: defineRoom(QuickRoom) },
    express: (app) => {
      app.set("trust proxy", trustedProxies());
      mountOps(app);
      app.get("/api/lobby", async (_req, res) => {
        const rooms = await matchMaker.query({ private: false, locked: false });
        const games: LobbyEntry[] = rooms
          .filter((r) => r.name === GAME_ROOM || r.name === QUICK_ROOM)
          .map((r) => r.metadata as LobbyEntry)
          .filter((m) => m && !m.started && m.freePowers.length > 0);
        res.json({ games });
      });
      mountClassroomRoutes(app);
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
