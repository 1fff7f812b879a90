/**
 * Versioned schema migrations, applied in order at start-up and recorded in `schema_migrations`.
 * Append a new version; never edit one that has shipped. Version 1 is the schema before migrations
 * existed (IF NOT EXISTS, so a database from then is adopted as it is).
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "games, logs, seats and classes",
    sqlite: `
      CREATE TABLE IF NOT EXISTS games (
        id TEXT PRIMARY KEY, seed INTEGER NOT NULL, options TEXT NOT NULL, status TEXT NOT NULL,
        deadline INTEGER NOT NULL DEFAULT 0, paused_remaining INTEGER NOT NULL DEFAULT 0,
        started INTEGER NOT NULL DEFAULT 0, control_token TEXT, owner TEXT NOT NULL DEFAULT 'main',
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS inputs (
        game_id TEXT NOT NULL, seq INTEGER NOT NULL, actor TEXT NOT NULL, input TEXT NOT NULL,
        round INTEGER NOT NULL, phase TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (game_id, seq));
      CREATE TABLE IF NOT EXISTS seats (
        game_id TEXT NOT NULL, power TEXT NOT NULL, name TEXT NOT NULL, token TEXT NOT NULL,
        bot INTEGER NOT NULL DEFAULT 0, host INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (game_id, power, token));
      CREATE TABLE IF NOT EXISTS messages (
        game_id TEXT NOT NULL, id INTEGER NOT NULL, channel TEXT NOT NULL, sender TEXT NOT NULL,
        name TEXT NOT NULL, text TEXT NOT NULL, round INTEGER NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (game_id, id));
      CREATE TABLE IF NOT EXISTS control_log (
        game_id TEXT NOT NULL, seq INTEGER NOT NULL, command TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (game_id, seq));
      CREATE TABLE IF NOT EXISTS classes (
        code TEXT PRIMARY KEY, teacher_token TEXT NOT NULL, name TEXT NOT NULL, tables TEXT NOT NULL,
        created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS resolutions (
        game_id TEXT NOT NULL, round INTEGER NOT NULL, hash TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (game_id, round));`,
    postgres: `
      CREATE TABLE IF NOT EXISTS games (
        id TEXT PRIMARY KEY, seed BIGINT NOT NULL, options TEXT NOT NULL, status TEXT NOT NULL,
        deadline BIGINT NOT NULL DEFAULT 0, paused_remaining BIGINT NOT NULL DEFAULT 0,
        started BOOLEAN NOT NULL DEFAULT FALSE, control_token TEXT, owner TEXT NOT NULL DEFAULT 'main',
        created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
      CREATE TABLE IF NOT EXISTS inputs (
        game_id TEXT NOT NULL, seq INTEGER NOT NULL, actor TEXT NOT NULL, input TEXT NOT NULL,
        round INTEGER NOT NULL, phase TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (game_id, seq));
      CREATE TABLE IF NOT EXISTS seats (
        game_id TEXT NOT NULL, power TEXT NOT NULL, name TEXT NOT NULL, token TEXT NOT NULL,
        bot BOOLEAN NOT NULL DEFAULT FALSE, host BOOLEAN NOT NULL DEFAULT FALSE,
        PRIMARY KEY (game_id, power, token));
      CREATE TABLE IF NOT EXISTS messages (
        game_id TEXT NOT NULL, id INTEGER NOT NULL, channel TEXT NOT NULL, sender TEXT NOT NULL,
        name TEXT NOT NULL, text TEXT NOT NULL, round INTEGER NOT NULL, at BIGINT NOT NULL,
        PRIMARY KEY (game_id, id));
      CREATE TABLE IF NOT EXISTS control_log (
        game_id TEXT NOT NULL, seq INTEGER NOT NULL, command TEXT NOT NULL, at BIGINT NOT NULL,
        PRIMARY KEY (game_id, seq));
      CREATE TABLE IF NOT EXISTS classes (
        code TEXT PRIMARY KEY, teacher_token TEXT NOT NULL, name TEXT NOT NULL, tables TEXT NOT NULL,
        created_at BIGINT NOT NULL);
      CREATE TABLE IF NOT EXISTS resolutions (
        game_id TEXT NOT NULL, round INTEGER NOT NULL, hash TEXT NOT NULL, at BIGINT NOT NULL,
        PRIMARY KEY (game_id, round));`,
  },
  {
    version: 2,
    name: "leases: one heartbeat row per process, an epoch per game",
    sqlite: `
      ALTER TABLE games ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE processes (
        id TEXT PRIMARY KEY, alive_at INTEGER NOT NULL, alive_until INTEGER NOT NULL);
      CREATE INDEX games_active_owner ON games (status, owner);`,
    postgres: `
      ALTER TABLE games ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE processes (
        id TEXT PRIMARY KEY, alive_at BIGINT NOT NULL, alive_until BIGINT NOT NULL);
      CREATE INDEX games_active_owner ON games (status, owner);`,
  },
];
