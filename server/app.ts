/** The server definition: the game rooms, /health, the lobby list, and the built client. */
import "./polyfill.js";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineRoom, defineServer, matchMaker, type Presence } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { GAME_ROOM, type LobbyEntry, QUICK_ROOM } from "../shared/index.js";
import { guardJoinById } from "./joinGuard.js";
import { GameRoom, QuickRoom } from "./rooms/GameRoom.js";

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/client");

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
      if (fs.existsSync(CLIENT_DIST)) app.use(express.static(CLIENT_DIST));
    },
  });
}
