/** The server definition: the game room, /health, and the built client as static files. */
import "./polyfill.js";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineRoom, defineServer } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { GAME_ROOM } from "../shared/index.js";
import { GameRoom } from "./rooms/GameRoom.js";

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/client");

export function makeServer() {
  return defineServer({
    transport: new WebSocketTransport({ maxPayload: 16 * 1024 }),
    greet: false,
    gracefullyShutdown: false,
    rooms: { [GAME_ROOM]: defineRoom(GameRoom) },
    express: (app) => {
      app.get("/health", (_req, res) => {
        res.status(200).json({ ok: true });
      });
      if (fs.existsSync(CLIENT_DIST)) app.use(express.static(CLIENT_DIST));
    },
  });
}
