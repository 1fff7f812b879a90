/**
 * A full disk on the real server process: its file-size limit is cut to nothing while a game runs
 * (`prlimit`, so every write SQLite makes fails as on a full disk). The server stays up, answers
 * requests `storage_unavailable`, its heartbeat fails without killing it; when the disk has room
 * again it carries on; after a `kill -9` and a restart, every acknowledged input is there.
 */
import "../../server/polyfill.js";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import type { Reply } from "../../shared/index.js";
import { type RunningServer, startServer } from "../support/harness.js";
import { connect, until } from "./helpers.js";

const started: RunningServer[] = [];
afterAll(async () => {
  for (const s of started) await s.stop("SIGKILL");
});

/** Sets the process's soft file-size limit (the hard one stays, so it can be raised again unprivileged). */
function fileSizeLimit(pid: number, limit: string): void {
  try {
    execFileSync("prlimit", ["--pid", String(pid), `--fsize=${limit}:`], { stdio: "pipe" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error("prlimit is missing: it comes with util-linux (`apt-get install -y util-linux`).");
    throw e;
  }
}

test("a full disk: errors, not a crash; the server recovers with the disk and loses nothing", async () => {
  const server = await startServer({ client: false });
  started.push(server);
  const sdk = new Client(`ws://127.0.0.1:${server.port}`);
  const us = await connect(await sdk.create("game", { name: "US", power: "US", fillWithBots: false }));
  const code = us.seat.code;
  const kp = await connect(await sdk.joinById(code, { name: "KP", power: "KP" }));
  const ok = async (p: Promise<Reply>) => expect(await p).toEqual({ ok: true });
  await ok(us.room.request("control", { command: "start" }));
  await ok(us.room.request("control", { command: "advance" }));
  await ok(us.room.request("orders", { actions: [{ type: "set_enforcement", announced: 80, target: 70 }] }));

  fileSizeLimit(server.proc.pid!, "1");
  const refused = { ok: false, error: { code: "storage_unavailable" } };
  expect(await kp.room.request("orders", { actions: [{ type: "missile_test" }] })).toMatchObject(refused);
  expect(await us.room.request("chat", { channel: "public", text: "lost to the full disk" })).toMatchObject(
    refused,
  );
  // The heartbeat's write fails too, and is only reported.
  await until(() => server.output().includes("storage: heartbeat"), 20_000);
  expect(server.proc.exitCode).toBeNull();
  expect(us.latest()).toMatchObject({ round: 1, phase: "orders" });

  fileSizeLimit(server.proc.pid!, "unlimited");
  await ok(kp.room.request("orders", { actions: [{ type: "missile_test" }] }));
  await ok(us.room.request("chat", { channel: "public", text: "after the disk came back" }));

  await until(() => us.room.state.deadline > 0);
  const deadlineBefore = us.room.state.deadline;
  await server.stop("SIGKILL");
  const file = path.join(server.dataDir, "pressure-point.db");
  const peek = new Database(file, { readonly: true });
  const lastBeat = Number(
    (peek.prepare("SELECT alive_at FROM processes WHERE id = 'main'").get() as { alive_at: number }).alive_at,
  );
  peek.close();
  const again = await startServer({ client: false, dataDir: server.dataDir });
  const upAt = Date.now();
  started.push(again);
  const back = await connect(
    await new Client(`ws://127.0.0.1:${again.port}`).joinById(code, { token: kp.seat.token }),
  );
  await until(() => back.views.length > 0);
  expect(back.latest()).toMatchObject({ round: 1, phase: "orders" });
  // The clock stood still while the server was down (from its last heartbeat to its restart,
  // seconds here): the deadline moved on by about that much, not by nothing.
  await until(() => back.room.state.deadline > 0);
  expect(back.room.state.deadline - deadlineBefore).toBeGreaterThan((upAt - lastBeat) / 2);
  const db = new Database(file, { readonly: true });
  const inputs = db
    .prepare("SELECT seq, actor, input FROM inputs WHERE game_id = ? ORDER BY seq")
    .all(code) as {
    seq: number;
    actor: string;
    input: string;
  }[];
  const messages = db.prepare("SELECT id, text FROM messages WHERE game_id = ? ORDER BY id").all(code);
  db.close();
  expect(inputs.map((r) => r.seq)).toEqual(inputs.map((_, i) => i));
  expect(inputs.filter((r) => r.input.includes("submit_orders")).map((r) => r.actor)).toEqual(["US", "KP"]);
  expect(messages).toEqual([{ id: 0, text: "after the disk came back" }]);
}, 90_000);
