// Node 20 has no global WebSocket and @colyseus/core 0.18 reads WebSocket.OPEN on reconnection.
// Import this module before anything from Colyseus (harmless on Node 22+).
import { WebSocket } from "ws";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
