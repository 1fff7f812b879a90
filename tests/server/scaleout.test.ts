/**
 * Scale-out: two server processes share matchmaking through Redis. A game created on one process
 * is joined by its code through the other, and both players land in the same room.
 */
import "../../server/polyfill.js";
import { type ChildProcess, execSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, expect, test } from "vitest";
import { freePort, type RunningServer, startServer } from "../support/harness.js";
import { connect, until } from "./helpers.js";

const running: RunningServer[] = [];
let redis: ChildProcess | undefined;
afterAll(async () => {
  for (const s of running) await s.stop("SIGKILL");
  redis?.kill("SIGKILL");
});

function redisServerPath(): string {
  try {
    return execSync("command -v redis-server", { encoding: "utf8", shell: "/bin/bash" }).trim();
  } catch {
    throw new Error(
      "redis-server is not installed: run `apt-get install -y redis-server`, then `npm test` again.",
    );
  }
}

/** Resolves once Redis on `port` answers PING with PONG (a raw RESP exchange: no redis-cli needed). */
async function redisAnswers(port: number): Promise<void> {
  const ping = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("error", () => resolve(false));
      socket.once("data", (d) => {
        socket.destroy();
        resolve(d.toString().startsWith("+PONG"));
      });
      socket.once("connect", () => socket.write("PING\r\n"));
    });
  const end = Date.now() + 10_000;
  while (!(await ping())) {
    if (redis?.exitCode !== null && redis?.exitCode !== undefined) throw new Error("redis-server exited");
    if (Date.now() > end) throw new Error(`Redis on port ${port} did not answer PING`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("a game created on one process is joined through another", async () => {
  const redisPort = await freePort();
  redis = spawn(redisServerPath(), ["--port", String(redisPort), "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  await redisAnswers(redisPort);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pp-scale-"));
  const ports = [await freePort(), await freePort()];
  for (const [i, port] of ports.entries()) {
    running.push(
      await startServer({
        client: false,
        port,
        dataDir,
        env: { REDIS_URL: redisUrl, PROCESS_ID: `p${i}`, PUBLIC_ADDRESS: `127.0.0.1:${port}` },
      }),
    );
  }
  const a = await connect(
    await new Client(`ws://127.0.0.1:${ports[0]}`).create("game", { name: "A", power: "US" }),
  );
  const b = await connect(
    await new Client(`ws://127.0.0.1:${ports[1]}`).joinById(a.seat.code, { name: "B", power: "CN" }),
  );
  expect(b.seat.code).toBe(a.seat.code);
  await until(() => a.room.state.seats.get("CN")?.connected === true);
  expect(a.room.state.seats.get("CN")?.name).toBe("B");
}, 60_000);
