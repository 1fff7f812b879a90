/**
 * Real PostgreSQL and Redis servers for the tests that need them, each on a free local port in a
 * temporary folder, stopped afterwards. Missing binaries fail the test with what to install: a
 * test that needs them never passes by skipping.
 */
import { type ChildProcess, execFileSync, execSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./harness.js";

function pgBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, "bin/initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], "bin");
  try {
    return path.dirname(execSync("command -v initdb", { encoding: "utf8", shell: "/bin/bash" }).trim());
  } catch {
    throw new Error(
      "PostgreSQL is not installed: run `apt-get install -y postgresql` (as root), then `npm test` again.",
    );
  }
}

export interface RunningPostgres {
  url: string;
  stop(): void;
}

/**
 * initdb + pg_ctl on a fresh folder. PostgreSQL refuses to run as root, so as root (CI) it runs
 * as the `postgres` system user, which owns the folder.
 */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = pgBin();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pp-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    fs.chownSync(
      dir,
      Number(execSync("id -u postgres").toString()),
      Number(execSync("id -g postgres").toString()),
    );
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], { stdio: "pipe" })
      : execFileSync(path.join(bin, cmd), args, { stdio: "pipe" });
  run("initdb", ["-D", `${dir}/db`, "-A", "trust", "-U", "pp", "--no-sync"]);
  // fsync stays on: the tests check that nothing acknowledged is lost.
  run("pg_ctl", [
    "-D",
    `${dir}/db`,
    "-l",
    `${dir}/log`,
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`,
    "start",
  ]);
  let stopped = false;
  return {
    url: `postgres://pp@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", `${dir}/db`, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export interface RunningRedis {
  url: string;
  proc: ChildProcess;
  stop(): void;
}

/** Starts redis-server on a free port; `core` pins it to that core with `taskset` (benchmarks). */
export async function startRedis({ core }: { core?: number } = {}): Promise<RunningRedis> {
  let bin: string;
  try {
    bin = execSync("command -v redis-server", { encoding: "utf8", shell: "/bin/bash" }).trim();
  } catch {
    throw new Error(
      "redis-server is not installed: run `apt-get install -y redis-server`, then `npm test` again.",
    );
  }
  const port = await freePort();
  const args = [bin, "--port", String(port), "--save", "", "--appendonly", "no", "--daemonize", "no"];
  const proc = spawn(
    core === undefined ? bin : "taskset",
    core === undefined ? args.slice(1) : ["-c", String(core), ...args],
    {
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  // Ready when it says so on stdout (no polling, no sleep).
  await new Promise<void>((resolve, reject) => {
    let out = "";
    proc.stdout?.on("data", (d) => {
      out += d;
      if (out.includes("Ready to accept connections")) resolve();
    });
    proc.once("exit", (c) => reject(new Error(`redis-server exited (${c}): ${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    proc,
    stop() {
      proc.kill("SIGKILL");
    },
  };
}
