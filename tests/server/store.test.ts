/**
 * The store's contract, the same suite against both backends: SQLite (a temporary file) and a real
 * PostgreSQL server this file starts. What a batch stores, that a failed batch stores nothing,
 * counters after a gap, leases and the fence that keeps a second process from writing a game.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GroupCommit } from "../../server/commit.js";
import type { InputRow, Store, Write } from "../../server/store.js";
import { storeEvents } from "../../server/storeEvents.js";
import { PostgresStore } from "../../server/stores/postgres.js";
import { SqliteStore } from "../../server/stores/sqlite.js";
import { type RunningPostgres, startPostgres } from "../support/services.js";

let pg: RunningPostgres | undefined;
const opened: Store[] = [];
afterAll(async () => {
  for (const s of opened) await s.close().catch(() => {});
  pg?.stop();
});

const sqliteFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pp-store-")), "pp.db");
const backends: [string, () => Promise<Store>][] = [
  ["sqlite", async () => new SqliteStore(sqliteFile)],
  // The server's own configuration: commits on a writer thread with its own connection.
  ["sqlite, writer thread", async () => new SqliteStore(sqliteFile, { writer: "thread" })],
  [
    "postgres",
    async () => {
      pg ??= await startPostgres();
      return PostgresStore.open(pg.url);
    },
  ],
];

let n = 0;
const newGameWrite = (id: string, owner = "p1"): Write => ({
  kind: "create_game",
  owner,
  row: {
    id,
    seed: 42,
    options: { preset: "quick" } as never,
    status: "active",
    deadline: 0,
    pausedRemaining: 0,
    started: false,
    controlToken: null,
    createdAt: 1000,
  },
});
const input = (id: string, seq: number): Write => ({
  kind: "input",
  gameId: id,
  row: { seq, actor: "US", input: { type: "advance_phase" }, round: 1, phase: "diplomacy", at: 2000 + seq },
});

describe.each(backends)("%s store", (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    opened.push(store);
  }, 60_000);
  const gameId = () => `G${process.pid}${++n}`;

  test("a batch of groups is stored and read back; counters follow the largest number, not the count", async () => {
    const id = gameId();
    await store.write([{ writes: [newGameWrite(id)] }]);
    const fence = { gameId: id, owner: "p1", epoch: 1 };
    const results = await store.write([
      { fence, writes: [input(id, 0), input(id, 1)] },
      {
        fence,
        writes: [
          input(id, 5),
          {
            kind: "message",
            gameId: id,
            message: { id: 3, channel: "public", from: "US", name: "A", text: "hi", round: 1, at: 5 },
          },
          { kind: "control", gameId: id, row: { seq: 7, command: { command: "start" }, at: 6 } },
          {
            kind: "seat",
            gameId: id,
            seat: { power: "CN", name: "Bot", token: "bot:CN", bot: true, host: false },
          },
          {
            kind: "seat",
            gameId: id,
            seat: { power: "US", name: "Ann", token: "t1", bot: false, host: true },
          },
          { kind: "clock", gameId: id, deadline: 9000, pausedRemaining: 0, at: 7 },
          { kind: "started", gameId: id, at: 7 },
        ],
      },
      { fence, writes: [{ kind: "drop_bot_seat", gameId: id, power: "CN" }] },
    ]);
    expect(results).toEqual(["ok", "ok", "ok"]);
    const loaded = await store.loadGame(id);
    expect(loaded?.row).toMatchObject({ id, seed: 42, started: true, deadline: 9000, updatedAt: 7 });
    expect(loaded?.inputs.map((r: InputRow) => r.seq)).toEqual([0, 1, 5]);
    expect(loaded?.messages.map((m) => m.text)).toEqual(["hi"]);
    expect(loaded?.control).toEqual([{ seq: 7, command: { command: "start" }, at: 6 }]);
    expect(loaded?.seats).toEqual([{ power: "US", name: "Ann", token: "t1", bot: false, host: true }]);
    expect(await store.counters(id)).toEqual({ seq: 6, messageSeq: 4, controlSeq: 8 });
    expect(await store.counters("nothing")).toEqual({ seq: 0, messageSeq: 0, controlSeq: 0 });
  });

  test("a batch of many games, one change each (as rooms store them), keeps every kind of write", async () => {
    const ids = [gameId(), gameId(), gameId()];
    await store.write(
      ids.map((id) => ({
        writes: [
          newGameWrite(id),
          {
            kind: "seat",
            gameId: id,
            seat: { power: "CN", name: "Bot", token: "bot:CN", bot: true, host: false },
          },
        ],
      })),
    );
    const results = await store.write(
      ids.map((id, i) => ({
        fence: { gameId: id, owner: "p1", epoch: 1 },
        writes: [
          input(id, 0),
          {
            kind: "message",
            gameId: id,
            message: { id: 0, channel: "public", from: "US", name: "A", text: `m${i}`, round: 1, at: 5 },
          },
          { kind: "control", gameId: id, row: { seq: 0, command: { command: "pause" }, at: 6 } },
          { kind: "drop_bot_seat", gameId: id, power: "CN" },
          {
            kind: "seat",
            gameId: id,
            seat: { power: "CN", name: `P${i}`, token: `t${i}`, bot: false, host: false },
          },
          { kind: "resolution", gameId: id, round: 1, hash: `h${i}`, at: 7 },
          { kind: "clock", gameId: id, deadline: 0, pausedRemaining: 1000 + i, at: 8 },
          { kind: "status", gameId: id, status: i === 2 ? "ended" : "active", at: 8 },
        ],
      })),
    );
    expect(results).toEqual(["ok", "ok", "ok"]);
    for (const [i, id] of ids.entries()) {
      const g = await store.loadGame(id);
      expect(g?.row).toMatchObject({ pausedRemaining: 1000 + i, status: i === 2 ? "ended" : "active" });
      expect(g?.inputs.length).toBe(1);
      expect(g?.messages.map((m) => m.text)).toEqual([`m${i}`]);
      expect(g?.control.length).toBe(1);
      expect(g?.seats).toEqual([{ power: "CN", name: `P${i}`, token: `t${i}`, bot: false, host: false }]);
    }
  });

  test("a batch the storage refuses stores nothing at all, and the store works on afterwards", async () => {
    const id = gameId();
    await store.write([{ writes: [newGameWrite(id), input(id, 0)] }]);
    // The second group collides with a stored number: the whole transaction rolls back.
    await expect(store.write([{ writes: [input(id, 1)] }, { writes: [input(id, 0)] }])).rejects.toThrow();
    expect((await store.inputs(id)).map((r) => r.seq)).toEqual([0]);
    expect(await store.write([{ writes: [input(id, 1)] }])).toEqual(["ok"]);
    expect((await store.counters(id)).seq).toBe(2);
  });

  test("a lease is taken over only once it has run out; the old holder's writes are then fenced", async () => {
    const id = gameId();
    const a = `a${n}`;
    const b = `b${n}`;
    await store.write([{ writes: [newGameWrite(id, a)] }]);
    await store.heartbeat(a, 60_000);
    expect(await store.claim(b, { ids: [id] })).toEqual([]);
    expect((await store.claim(b, { limit: 100 })).map((c) => c.id)).not.toContain(id);

    // a's lease runs out (a heartbeat whose lease ended a moment ago stands for a process gone silent).
    await store.heartbeat(a, -1);
    const [claim] = await store.claim(b, { ids: [id] });
    expect(claim).toMatchObject({ id, epoch: 2 });
    expect(claim?.lastAlive).toBeGreaterThan(0);

    const mine = { gameId: id, owner: b, epoch: 2 };
    const theirs = { gameId: id, owner: a, epoch: 1 };
    expect(
      await store.write([
        { fence: theirs, writes: [input(id, 0)] },
        { fence: mine, writes: [input(id, 1)] },
      ]),
    ).toEqual(["fenced", "ok"]);
    expect((await store.inputs(id)).map((r) => r.seq)).toEqual([1]);
  });

  test("a released lease is claimable at once; a restart claims its own games; ended games are never claimed", async () => {
    const id = gameId();
    const done = gameId();
    const a = `ra${n}`;
    await store.write([
      {
        writes: [
          newGameWrite(id, a),
          newGameWrite(done, a),
          { kind: "status", gameId: done, status: "ended", at: 1 },
        ],
      },
    ]);
    await store.heartbeat(a, 60_000);
    // The same process after a restart takes its own games back without waiting for the lease.
    const own = (await store.claim(a, { own: true })).map((c) => c.id);
    expect(own).toContain(id);
    expect(own).not.toContain(done);
    await store.release(a);
    const taken = await store.claim(`rb${n}`, { ids: [id, done] });
    expect(taken.map((c) => c.id)).toEqual([id]);
  });

  test("group commit: requests made in one turn share one transaction, and each is answered", async () => {
    const ids = [gameId(), gameId(), gameId()];
    await store.write([{ writes: ids.map((id) => newGameWrite(id)) }]);
    const commits: number[] = [];
    const onCommit = (_ms: number, groups: number) => commits.push(groups);
    storeEvents.on("commit", onCommit);
    const gc = new GroupCommit(store);
    const answers = await Promise.all(
      ids.flatMap((id) =>
        [0, 1].map((seq) =>
          gc.submit({ fence: { gameId: id, owner: "p1", epoch: 1 }, writes: [input(id, seq)] }),
        ),
      ),
    );
    storeEvents.off("commit", onCommit);
    expect(answers).toEqual(Array(6).fill("ok"));
    expect(commits).toEqual([6]);
    for (const id of ids) expect((await store.counters(id)).seq).toBe(2);
  });

  test("migrations are versioned and applied once: opening the store again keeps what it holds", async () => {
    const id = gameId();
    await store.write([{ writes: [newGameWrite(id)] }]);
    const again = await open();
    opened.push(again);
    expect(await again.gameExists(id)).toBe(true);
    expect(await again.gameExists("no-such-game")).toBe(false);
  });
});
