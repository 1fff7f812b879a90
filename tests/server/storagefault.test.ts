/**
 * A storage error is an error, never a crash: while the storage refuses writes, requests are
 * answered `storage_unavailable` and change nothing, the phase deadline keeps retrying instead of
 * throwing, and everything works again when the storage does. A write that was stored but whose
 * answer was lost never makes a number be used twice. A restart after the fault resumes the game
 * with every acknowledged input.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { matchMaker } from "@colyseus/core";
import { afterAll, expect, test } from "vitest";
import { RESTORE_KEY } from "../../server/context.js";
import { SqliteStore } from "../../server/stores/sqlite.js";
import type { Reply } from "../../shared/index.js";
import { faulty } from "../support/faultyStore.js";
import { bootTestServer, connect, type TestServer, until } from "./helpers.js";

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pp-fault-")), "pp.db");
let server: TestServer | undefined;
afterAll(async () => {
  await server?.colyseus.shutdown();
});

const unavailable = { ok: false, error: { code: "storage_unavailable" } };

test("refused writes are answered as errors and change nothing; the deadline retries; all resumes after", async () => {
  const store = faulty(new SqliteStore(file));
  server = await bootTestServer(store);
  const { sdk } = server.colyseus;
  const us = await connect(
    await sdk.create("game", { name: "US", power: "US", fillWithBots: false, diplomacySeconds: 10 }),
  );
  const code = us.seat.code;
  const kp = await connect(await sdk.joinById(code, { name: "KP", power: "KP" }));
  const ok = async (p: Promise<Reply>) => expect(await p).toEqual({ ok: true });
  await ok(us.room.request("control", { command: "start" }));
  await ok(us.room.request("chat", { channel: "public", text: "stored" }));
  await until(() => us.latest().phase === "diplomacy" && us.room.state.deadline > 0);

  store.fault = "refuse";
  expect(await us.room.request("chat", { channel: "public", text: "refused" })).toMatchObject(unavailable);
  expect(await us.room.request("control", { command: "advance" })).toMatchObject(unavailable);
  expect(
    await kp.room.request("act", {
      type: "propose",
      parties: ["US"],
      terms: [
        { kind: "no_tests", party: "KP" },
        { kind: "summit", party: "US" },
      ],
      duration: 2,
    }),
  ).toMatchObject(unavailable);
  expect(us.latest().phase).toBe("diplomacy");
  // A join that needs a new seat is refused too, and leaves no seat behind.
  await expect(sdk.joinById(code, { name: "CN", power: "CN" })).rejects.toThrow(/storage_unavailable/);
  expect(us.room.state.seats.get("CN")?.name).toBe("");

  // The phase deadline comes while the storage refuses: it is retried, never thrown.
  const deadlineTries = () =>
    store.refused.filter((g) => g.writes.some((w) => w.kind === "input" && w.row.actor === "SYSTEM")).length;
  await until(() => deadlineTries() >= 3, 30_000);
  expect(us.latest().phase).toBe("diplomacy");

  // The storage is back: the deadline's next try advances the phase, and requests work again.
  store.fault = "none";
  await until(() => us.latest().phase === "orders", 5000);
  await ok(us.room.request("orders", { actions: [{ type: "set_enforcement", announced: 80, target: 70 }] }));
  await ok(us.room.request("chat", { channel: "public", text: "after" }));
  expect((await store.messages(code)).map((m) => [m.id, m.text])).toEqual([
    [0, "stored"],
    [1, "after"],
  ]);

  // Stored, but the answer lost: the request is refused, and the next one uses the next number.
  store.fault = "lost_ack";
  expect(await kp.room.request("orders", { actions: [{ type: "missile_test" }] })).toMatchObject(unavailable);
  store.fault = "none";
  await ok(us.room.request("chat", { channel: "public", text: "no collision" }));
  await ok(us.room.request("orders", { actions: [{ type: "set_enforcement", announced: 85, target: 75 }] }));
  const inputs = await store.inputs(code);
  expect(inputs.map((r) => r.seq)).toEqual(inputs.map((_, i) => i));
  expect(inputs.filter((r) => r.input.type === "submit_orders").map((r) => r.actor)).toEqual([
    "US",
    "KP",
    "US",
  ]);

  // A phase advance stored with its answer lost: the next request finds it and the room catches up
  // (the next phase, its clock running), without a number used twice.
  store.fault = "lost_ack";
  expect(await us.room.request("control", { command: "advance" })).toMatchObject(unavailable);
  store.fault = "none";
  await ok(us.room.request("chat", { channel: "public", text: "caught up" }));
  await until(() => us.latest().round === 2 && us.latest().phase === "diplomacy");
  expect(us.room.state.deadline).toBeGreaterThan(0);
  const all = await store.inputs(code);
  expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i));

  // A restart after the fault: the game comes back with every acknowledged input.
  await server.colyseus.shutdown();
  server = undefined;
  const again = new SqliteStore(file);
  server = await bootTestServer(again);
  await matchMaker.createRoom("game", { restore: code, restoreKey: RESTORE_KEY });
  const back = await connect(await server.colyseus.sdk.joinById(code, { token: us.seat.token }));
  await until(() => back.views.length > 0);
  expect(back.latest()).toMatchObject({ phase: "diplomacy", round: 2 });
  expect((await again.inputs(code)).length).toBe(all.length);
  await ok(back.room.request("chat", { channel: "public", text: "after the restart" }));
  expect((await again.counters(code)).messageSeq).toBe(5);
}, 60_000);
