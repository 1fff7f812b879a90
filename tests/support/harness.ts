/** Browser-test harness: the real server in a child process, and Debian's Chromium via playwright-core. */
import { type ChildProcess, execFileSync, execSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const SHOTS_DIR = path.resolve("test-results/screenshots");

export function chromiumPath(): string {
  try {
    return execSync("command -v chromium || command -v chromium-browser", {
      encoding: "utf8",
      shell: "/bin/bash",
    }).trim();
  } catch {
    throw new Error(
      "Chromium is not installed. The browser tests use Debian's Chromium: run `apt-get install -y chromium fonts-noto-cjk` (as root), then `npm test` again.",
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Builds the client if needed, then starts `server/main.ts` on a free port with a fresh data folder. */
export async function startServer(
  opts: { dataDir?: string; port?: number; env?: Record<string, string>; client?: boolean } = {},
): Promise<RunningServer> {
  if (opts.client !== false) execFileSync("node", ["scripts/ensure-client.mjs"], { stdio: "inherit" });
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "pp-data-"));
  let log = "";
  const proc = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d) => (log += d));
  proc.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`server did not answer /health:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dataDir,
    proc,
    output: () => log,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill(signal);
      }),
  };
}

/** A fresh headless Chromium profile with the flags this closed network needs. */
export async function launchBrowser(): Promise<BrowserContext> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pp-chromium-"));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * For a browser-test file: starts the real server and a browser (and the screenshots folder)
 * before the file's tests, and stops both after them. The properties are there once it has run.
 */
export function useServerAndBrowser(bootMs = 180_000): {
  readonly server: RunningServer;
  readonly browser: BrowserContext;
} {
  let server: RunningServer | undefined;
  let browser: BrowserContext | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS_DIR, { recursive: true });
  }, bootMs);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error("the server is not started yet");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("the browser is not launched yet");
      return browser;
    },
  };
}
