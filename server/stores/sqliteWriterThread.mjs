/**
 * The entry of the SQLite writer thread (sqliteWriter.ts). Plain JavaScript so that any Node
 * process can start it — the server under tsx, a test under vitest — and it registers tsx itself
 * to load the store's TypeScript.
 */
import { register } from "tsx/esm/api";

register();
await import("./sqliteWriterLoop.ts");
