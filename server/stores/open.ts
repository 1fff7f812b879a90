/** Picks the backend: PostgreSQL when `DATABASE_URL` is set, otherwise SQLite under `DATA_DIR`. */
import path from "node:path";
import type { Store } from "../store.js";
import { PostgresStore } from "./postgres.js";
import { SqliteStore } from "./sqlite.js";

export async function openStore(env: { DATABASE_URL?: string; dataDir: string }): Promise<Store> {
  if (env.DATABASE_URL) return PostgresStore.open(env.DATABASE_URL);
  // The server commits on a thread of its own, so the event loop never waits for the disk.
  return new SqliteStore(path.join(env.dataDir, "pressure-point.db"), { writer: "thread" });
}

/** Where the record lives, for the start-up line (never the password). */
export function describeStore(env: { DATABASE_URL?: string; dataDir: string }): string {
  if (!env.DATABASE_URL) return `SQLite in ${env.dataDir}`;
  const u = new URL(env.DATABASE_URL);
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
