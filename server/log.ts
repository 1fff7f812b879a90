/**
 * Structured logs: one JSON object a line on stdout (pino), for a host's log collector. A room logs
 * through `roomLogger(code)`, so every line it writes carries its game code (`game`).
 *
 * No pretty printer: pino-pretty would be one more dependency. The lines stay readable in a
 * terminal instead: the level by name and the time in ISO 8601, not numbers
 * (`{"level":"info","time":"2026-12-04T18:00:00.000Z","msg":"listening","port":2567}`).
 * Pipe `npm start` through `jq` (or `npx pino-pretty`, if you have it) for colours.
 */
import { type Logger, pino } from "pino";

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/**
 * `LOG_LEVEL` (default `info`). Under the test runner (NODE_ENV=test) the default is `warn`, so a
 * test run prints problems, not every join.
 */
function level(): string {
  const wanted = process.env.LOG_LEVEL?.toLowerCase();
  if (wanted && LEVELS.has(wanted)) return wanted;
  return process.env.NODE_ENV === "test" ? "warn" : "info";
}

export const log: Logger = pino({
  level: level(),
  // Which process wrote a line, when several run behind Redis (the same PROCESS_ID main.ts uses).
  base: { pid: process.pid, process: process.env.PROCESS_ID ?? "main" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

if (process.env.LOG_LEVEL && !LEVELS.has(process.env.LOG_LEVEL.toLowerCase()))
  log.warn({ LOG_LEVEL: process.env.LOG_LEVEL }, `unknown LOG_LEVEL; using ${log.level}`);

/** The logger of one game's room: every line it writes names the game. */
export function roomLogger(code: string): Logger {
  return log.child({ game: code });
}

/** Colyseus's own messages ("listening on …", warnings) through the same JSON lines. */
export const colyseusLog: Logger = log.child({ component: "colyseus" });
