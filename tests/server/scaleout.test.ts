/**
 * Scale-out: two server processes share matchmaking through Redis. A game created on one process
 * is joined by its code through the other, and both players land in the same room.
 */
import "../../server/polyfill.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, expect, test } from "vitest";
import { freePort, type RunningServer, startServer } from "../support/harness.js";
import { type RunningRedis, startRedis } from "../support/services.js";
import { connect, until } from "./helpers.js";

const running: RunningServer[] = [];
let redis: RunningRedis | undefined;
afterAll(async () => {
  for (const s of running) await s.stop("SIGKILL");
  redis?.stop();
});

test("a game created on one process is joined through another", async () => {
  redis = await startRedis();
  const redisUrl = redis.url;

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
