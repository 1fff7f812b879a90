/** The example bot client plays a seat through the documented protocol only: five of them finish a game. */
import "../../server/polyfill.js";
import { spawn } from "node:child_process";
import { Client } from "@colyseus/sdk";
import { afterAll, expect, test } from "vitest";
import { POWERS } from "../../shared/index.js";
import { type RunningServer, startServer } from "../support/harness.js";
import { connect, until } from "./helpers.js";

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop("SIGKILL");
});

test("five example bots play a whole game over the wire", async () => {
  server = await startServer({ client: false });
  const host = await connect(
    await new Client(`ws://127.0.0.1:${server.port}`).create("game", {
      observer: true,
      rounds: 4,
      fillWithBots: false,
    }),
  );
  expect(host.seat.host).toBe(true);
  const code = host.seat.code;
  const exits = POWERS.map(
    (power) =>
      new Promise<{ power: string; code: number | null; out: string }>((resolve) => {
        let out = "";
        const p = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            "examples/bot-client.ts",
            "--url",
            `ws://127.0.0.1:${server!.port}`,
            "--code",
            code,
            "--power",
            power,
          ],
          { stdio: ["ignore", "pipe", "pipe"] },
        );
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (out += d));
        p.on("exit", (c) => resolve({ power, code: c, out }));
      }),
  );
  await until(() => POWERS.every((p) => host.room.state.seats.get(p)?.connected), 30_000);
  expect(await host.room.request("control", { command: "start" })).toEqual({ ok: true });
  const results = await Promise.all(exits);
  for (const r of results) {
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/submit_orders → ok/);
    expect(r.out).toMatch(/game over/);
  }
  await until(() => host.latest().phase === "ended");
}, 120_000);
