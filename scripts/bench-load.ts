/**
 * `npm run bench:load -- [--mode play|idle] [--start spread|sync] [--seed 1] [--steps 300,600,1200]
 *  [--seconds 40] [--settle 5] [--max-seconds 900] [--load-procs 3] [--server-procs 1] [--data-parent /dev/shm]
 *  [--cpu-prof DIR] [--server-flags "…"] [--load-flags "…"] [--server-log FILE] [--latency-log FILE]`:
 * how many connected clients one server process carries on one core.
 *
 * The server (`server/main.ts`, SQLite in a temporary folder) runs pinned to core 0 with `taskset`;
 * this process pins itself to core 1 and forks `--load-procs` load processes (default 3) that share
 * that core and hold every client (@colyseus/sdk, over loopback), a third of the tables each. Tables
 * are five players and one observer, with 10-second phases. In `play` mode each player sends 4–6
 * requests a round at random moments of the phases (the simple bot's inputs from its own view,
 * padded with a chat line); in `idle` mode the tables never start and nobody sends anything. A
 * table whose game ends is replaced by a fresh one. The client count steps up; each step is
 * measured over a window and prints: clients, server CPU % of one core (CPU time from
 * /proc/<pid>/stat, not wall), server RSS, request-acknowledgement p50/p99 (round trip seen by the
 * client), bytes a client receives a round (chat excluded), and join bytes (everything received
 * from connecting to the first complete view). Below each row, the server's own figures over the
 * window (from its /metrics): request handling p99, commit p99, event-loop delay p99, major GCs.
 * The last line is JSON, with the largest client count at p99 ≤ 50 ms.
 *
 * Why several load processes: a load process's own pauses (its garbage collector's, tens of ms at
 * thousands of clients) delay every reply it is due to read meanwhile, and show up as the server's
 * latency. Spread over three event loops, a pause holds a third of the replies for a third as long.
 * The CPU they use together is printed (`load-cpu%`, of core 1), with the largest event-loop delay
 * p99 among them (`load-lag-p99-ms`).
 *
 * Why the load processes run with `--single-threaded-gc` (`--load-flags`, default): with V8's
 * default the marking of one load process's major GC runs on helper threads that take the shared
 * load core from the other two, and all three stalled together for 0.6–1 s (each process's own
 * stall log, 10,000 clients); in two runs those stalls held a fifth and a half of the slow
 * acknowledgements counted against the server. With each process collecting on its own thread, a collection
 * stalls only that process's clients: the load's largest delay p99 at 10,000 clients was
 * 19–31 ms in three single steps against 32–57 ms in nine without it, with the server
 * unchanged (docs/bench/README.md, "fourth pass"). `--load-flags ""` gives V8's default.
 *
 * When tables start (`--start`): real tables do not all start on the same millisecond, so by
 * default (`spread`) each table's host starts its game after a delay drawn uniformly from one phase
 * (0–10 s, from the seeded generator below), so the tables' phase deadlines fall evenly over the
 * phase. `sync` starts every table on the next 10-s boundary of the clock, so every table of the
 * benchmark changes phase at the same moment (a worst case: a teacher starting every table at
 * once, many times over). The JSON line names the mode it measured. Every random choice of the load
 * (start delays, request moments, how many requests) comes from `--seed` (and the load process's
 * number).
 *
 * `--server-procs N` (default 1) runs N server processes on core 0 instead of one, with a
 * redis-server on core 0 too: the scale-out of the README (Colyseus's Redis presence and driver),
 * each process with its own SQLite file. Load process i asks server i mod N for its tables, and
 * Colyseus places each new table on the process with the fewest rooms. The CPU, wait and RSS
 * printed are the sums over the servers and Redis; the server figures are summed over their
 * /metrics (the event-loop delay is the largest of them).
 *
 * `--server-flags "…"` passes node flags to the server (a GC setting, say); the JSON line names them.
 * `--cpu-prof DIR` runs the server with `node --cpu-prof` and stops it with SIGTERM at the end, so
 * the profile of the whole run is written to DIR (open it in Chrome's DevTools or summarise it with
 * `node scripts/cpu-prof-top.mjs DIR/*.cpuprofile`). `--server-log FILE` keeps the server's
 * standard output (e.g. with `--server-flags=--trace-gc`); `--latency-log FILE` writes every
 * measured request (when it was sent, its round trip in ms, its type), to place a tail in time.
 *
 * A benchmark, not a test: the figures depend on the machine and on what else runs on it. The load
 * processes' CPU and event-loop delay p99 are printed too: when the CPU nears 100 %, or the delay
 * nears the ack p99, the latencies include the load's own queueing, not only the server's.
 */
import { type ChildProcess, execFileSync, fork, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { WebSocket } from "ws";
import { freePort } from "../tests/support/harness.js";
import { startRedis } from "../tests/support/services.js";

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "play" },
    start: { type: "string", default: "spread" },
    seed: { type: "string", default: "1" },
    "cpu-prof": { type: "string" },
    /** Extra node flags for the server (e.g. "--max-semi-space-size=32"), named in the JSON line. */
    "server-flags": { type: "string", default: "" },
    "server-log": { type: "string" },
    "latency-log": { type: "string" },
    steps: { type: "string", default: "300,600,1200,2400,4800,9600" },
    seconds: { type: "string", default: "40" },
    settle: { type: "string", default: "5" },
    "max-seconds": { type: "string", default: "900" },
    "join-concurrency": { type: "string", default: "30" },
    "load-procs": { type: "string", default: "3" },
    /** Server processes sharing core 0 through the Redis scale-out (with redis-server on core 0 too). */
    "server-procs": { type: "string", default: "1" },
    /** Node flags for the load processes (named in the JSON line); see "Why the load processes run…" above. */
    "load-flags": { type: "string", default: "--single-threaded-gc" },
    /** Where the server's SQLite folder goes: e.g. /dev/shm to take the disk's fsync out of the way. */
    "data-parent": { type: "string", default: os.tmpdir() },
    /** Internal: this is load process number N, driving the server at --url. */
    worker: { type: "string" },
    url: { type: "string" },
  },
});
const mode = values.mode;
const startMode = values.start;
const seed = Number(values.seed);
const PHASE_SECONDS = 10;
const ROUND_SECONDS = 2 * PHASE_SECONDS;

/** mulberry32: a small seeded generator, so two runs of the load make the same choices. */
function seeded(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a load process reports for one window. */
interface WindowReport {
  latencies: number[];
  latencyLog: string[];
  errors: number;
  clients: number;
  /** Bytes received by its clients during the window (chat excluded). */
  received: number;
  joinBytes: number[];
  cpuMs: number;
  lagP99: number;
  byKind: [string, number][];
  framesByKind: [string, number][];
}

type ToWorker = { cmd: "grow"; clients: number } | { cmd: "measure" } | { cmd: "report" } | { cmd: "stop" };
type FromWorker =
  | { msg: "grown"; live: number }
  | { msg: "measuring" }
  | { msg: "report"; report: WindowReport };

/** A process's CPU time in ms (utime + stime; USER_HZ is 100 on Linux). */
function cpuMs(pid: number | "self"): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

if (values.worker !== undefined) await loadProcess(Number(values.worker), values.url!);
else await coordinator();

// ── a load process: the clients ─────────────────────────────────────────────

async function loadProcess(index: number, serverUrl: string): Promise<void> {
  /** Every client socket counts what it receives (chat frames apart: the budget excludes chat). */
  const ROOM_DATA = 13;
  const CHAT_TYPE = Buffer.from([0xa4, ...Buffer.from("chat")]); // msgpack fixstr "chat"
  /** Bytes received by every client, by kind of frame (for the breakdown printed at the end). */
  const byKind = new Map<string, number>();
  /** Frames received by every client, by kind (each is at least one write on the server). */
  const framesByKind = new Map<string, number>();
  function kindOf(buf: Buffer): string {
    const code = buf[0];
    if (code === 13 || code === 17) {
      // ROOM_DATA / ROOM_DATA_BYTES: a type as a msgpack fixstr
      const n = (buf[1] ?? 0) & 0x1f;
      return `${buf.subarray(2, 2 + n).toString()}${code === 17 ? " (deflated)" : ""}`;
    }
    return code === 15
      ? "state patch"
      : code === 22
        ? "request reply"
        : code === 10
          ? "join"
          : `code ${code}`;
  }
  let counting = false;
  class CountingSocket extends WebSocket {
    bytes = 0;
    chatBytes = 0;
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
        const buf = Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.isBuffer(data)
            ? data
            : Buffer.from(data);
        this.bytes += buf.length;
        if (counting) {
          const k = kindOf(buf);
          byKind.set(k, (byKind.get(k) ?? 0) + buf.length);
          framesByKind.set(k, (framesByKind.get(k) ?? 0) + 1);
        }
        if (buf[0] === ROOM_DATA && buf.subarray(1, 1 + CHAT_TYPE.length).equals(CHAT_TYPE))
          this.chatBytes += buf.length;
      });
    }
  }
  (globalThis as { WebSocket?: unknown }).WebSocket = CountingSocket;

  const { Client } = await import("@colyseus/sdk");
  type Room = import("@colyseus/sdk").Room;
  const { simpleBot } = await import("../shared/bots/simple.js");
  const { isPower, POWERS, ViewReplica } = await import("../shared/index.js");
  type PlayerView = import("../shared/index.js").PlayerView;
  type PowerId = import("../shared/index.js").PowerId;
  type ViewSource = import("../shared/index.js").ViewSource;
  const { VIEW_DICTIONARY } = await import("../shared/viewDictionary.js");
  const INFLATE = { dictionary: VIEW_DICTIONARY };
  const random = seeded(seed * 1000 + index);
  const joinConcurrency = Number(values["join-concurrency"]);
  const send = (m: FromWorker) => process.send!(m);

  const client = new Client(serverUrl.replace(/^http/, "ws"));
  let stopping = false;
  let measuring = false;
  let latencies: number[] = [];
  let latencyLog: string[] = [];
  let errors = 0;
  const joinBytes: number[] = [];
  const live = new Set<Conn>();

  /** One connection: its socket's counters and the latest view. */
  interface Conn {
    room: Room;
    socket: CountingSocket;
    view?: PlayerView;
  }

  function socketOf(room: Room): CountingSocket {
    return (room.connection.transport as unknown as { ws: CountingSocket }).ws;
  }

  /**
   * The room's messages with the large (deflated) view messages inflated by Node's own zlib before
   * the replica reads them: the replica's portable inflate (fflate, JavaScript, for the browser)
   * was a tenth of the load's time at 4,800 clients, and the load must not be what limits a step.
   * The replica gets the same JSON it would have inflated itself.
   */
  function nativeInflate(room: Room): ViewSource {
    return {
      onMessage: (type, callback) =>
        room.onMessage(type, (m: unknown) =>
          callback(m instanceof Uint8Array ? JSON.parse(zlib.inflateRawSync(m, INFLATE).toString()) : m),
        ),
      request: (type, payload) => room.request(type, payload),
    };
  }

  /** Joins (or creates), then waits for the first view; records the join's bytes. */
  async function connect(join: () => Promise<Room>, onView: (c: Conn) => void): Promise<Conn> {
    const room = await join();
    const conn: Conn = { room, socket: socketOf(room) };
    await new Promise<void>((resolve) => {
      room.onMessage("seat", () => {});
      room.onMessage("chat_history", () => {});
      room.onMessage("chat", () => {});
      // Patched in place: these clients only read their views.
      const replica = new ViewReplica(false);
      replica.follow(nativeInflate(room), (view) => {
        const first = !conn.view;
        conn.view = view;
        if (first) {
          joinBytes.push(conn.socket.bytes - conn.socket.chatBytes);
          resolve();
        }
        onView(conn);
      });
      // The start is a room-state change without a new view.
      room.onStateChange(() => {
        if (conn.view) onView(conn);
      });
    });
    live.add(conn);
    return conn;
  }

  async function timed(room: Room, type: string, payload: unknown): Promise<void> {
    const t = performance.now();
    try {
      const reply = (await room.request(type, payload)) as { ok?: boolean };
      if (measuring) {
        const ms = performance.now() - t;
        latencies.push(ms);
        if (values["latency-log"])
          latencyLog.push(`${new Date(Date.now() - ms).toISOString()} ${ms.toFixed(1)} ${type}`);
        if (!reply?.ok) errors++;
      }
    } catch {
      if (measuring) errors++;
    }
  }

  const pick = (n: number) => Math.floor(random() * n);

  /** A player: at each new phase, 2–3 requests at random moments (the bot's inputs, then chat). */
  function playPhase(conn: Conn, power: PowerId): void {
    const view = conn.view;
    if (!view || view.phase === "ended" || !isPower(view.seat)) return;
    const count = 2 + pick(2);
    const times = Array.from({ length: count }, () => 300 + random() * (PHASE_SECONDS * 1000 - 1500)).sort(
      (a, b) => a - b,
    );
    // Decided at the first request, not when the phase's view arrives: with every table changing
    // phase together (--start sync), thousands of bot decisions at that moment would stall the
    // load and show up as the server's latency.
    let inputs: ReturnType<typeof simpleBot> | undefined;
    times.forEach((ms, i) => {
      setTimeout(() => {
        if (stopping || !live.has(conn)) return;
        const now = conn.view;
        if (!now || now.phase !== view.phase || now.round !== view.round) return;
        inputs ??= simpleBot(now, power).slice(0, count);
        const input = inputs[i];
        if (!input) void timed(conn.room, "chat", { channel: "public", text: `round ${view.round}: noted.` });
        else if (input.type === "submit_orders") void timed(conn.room, "orders", input.orders);
        else void timed(conn.room, "act", input);
      }, ms);
    });
  }

  /**
   * How long a table whose seats are all taken waits before its host starts it: `spread`, a seeded
   * moment within one phase; `sync`, until the next phase-length boundary of the clock.
   */
  function startDelayMs(): number {
    const phaseMs = PHASE_SECONDS * 1000;
    return startMode === "sync" ? phaseMs - (Date.now() % phaseMs) : random() * phaseMs;
  }

  let tableNo = 0;
  /** Table slots whose first game has started (a step is measured once all of its tables play). */
  let slotsStarted = 0;
  /** One table slot: a game of five players and an observer; replaced by a new one when it ends. */
  async function table(): Promise<void> {
    for (let first = true; !stopping; first = false) {
      const n = `${index}.${tableNo++}`;
      let ended!: () => void;
      const over = new Promise<void>((r) => (ended = r));
      const phaseSeen = new Map<Conn, string>();
      const onView = (power: PowerId | null) => (c: Conn) => {
        const v = c.view!;
        if (v.phase === "ended") return ended();
        if (mode !== "play" || !power) return;
        const key = `${v.round}:${v.phase}`;
        if (phaseSeen.get(c) === key || !c.room.state?.started) return;
        phaseSeen.set(c, key);
        playPhase(c, power);
      };
      const conns: Conn[] = [];
      const host = await connect(
        () =>
          client.create("game", {
            name: `T${n} US`,
            power: "US",
            rounds: 12,
            fillWithBots: false,
            diplomacySeconds: PHASE_SECONDS,
            ordersSeconds: PHASE_SECONDS,
            reconnectSeconds: 3600,
          }),
        onView("US"),
      );
      conns.push(host);
      const code = host.room.roomId;
      for (const p of POWERS.filter((x) => x !== "US"))
        conns.push(await connect(() => client.joinById(code, { name: `T${n} ${p}`, power: p }), onView(p)));
      conns.push(
        await connect(() => client.joinById(code, { name: `T${n} obs`, observer: true }), onView(null)),
      );
      if (mode === "idle") return;
      await new Promise((r) => setTimeout(r, startDelayMs()));
      if (stopping) return;
      await host.room.request("control", { command: "start" });
      if (first) slotsStarted++;
      await over;
      for (const c of conns) {
        live.delete(c);
        void c.room.leave(true);
      }
    }
  }

  let slots = 0;
  /** Adds table slots until `clients` connections are live, a few tables joining at a time. */
  async function growTo(clients: number): Promise<void> {
    const want = Math.ceil(clients / 6);
    const batch = Math.max(1, Math.floor(joinConcurrency / 6));
    while (slots < want && !stopping) {
      const n = Math.min(batch, want - slots);
      const target = live.size + n * 6;
      for (let i = 0; i < n; i++, slots++)
        void table().catch((e) => {
          if (!stopping) console.error(`table failed: ${e instanceof Error ? e.message : e}`);
        });
      for (const end = Date.now() + 30_000; live.size < target && Date.now() < end && !stopping; )
        await new Promise((r) => setTimeout(r, 20));
      // Joins that fail or time out mean the server is past what it carries: measure what is live
      // (the row shows the real count) instead of trying for ever.
      if (live.size < target) {
        console.error(`joins fell behind at ${live.size} clients: measuring this step with them`);
        break;
      }
    }
    // Every new table waits up to a phase before it starts (startDelayMs).
    if (mode === "play")
      for (const end = Date.now() + 2 * PHASE_SECONDS * 1000; slotsStarted < slots && Date.now() < end; )
        await new Promise((r) => setTimeout(r, 50));
  }

  let window:
    | {
        conns: Conn[];
        bytes0: number[];
        joinsBefore: number;
        cpu0: number;
        lag: ReturnType<typeof monitorEventLoopDelay>;
      }
    | undefined;
  process.on("message", (m: ToWorker) => {
    if (m.cmd === "grow") {
      void growTo(m.clients).then(() => send({ msg: "grown", live: live.size }));
    } else if (m.cmd === "measure") {
      latencies = [];
      latencyLog = [];
      errors = 0;
      byKind.clear();
      framesByKind.clear();
      const conns = [...live];
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      window = {
        conns,
        bytes0: conns.map((c) => c.socket.bytes - c.socket.chatBytes),
        joinsBefore: joinBytes.length,
        cpu0: cpuMs("self"),
        lag,
      };
      measuring = true;
      counting = true;
      send({ msg: "measuring" });
    } else if (m.cmd === "report" && window) {
      measuring = false;
      counting = false;
      const w = window;
      w.lag.disable();
      let received = 0;
      w.conns.forEach((c, i) => {
        received += c.socket.bytes - c.socket.chatBytes - w.bytes0[i]!;
      });
      send({
        msg: "report",
        report: {
          latencies,
          latencyLog,
          errors,
          clients: w.conns.length,
          received,
          joinBytes: joinBytes.slice(Math.max(0, w.joinsBefore - 200)),
          cpuMs: cpuMs("self") - w.cpu0,
          lagP99: w.lag.percentile(99) / 1e6,
          byKind: [...byKind],
          framesByKind: [...framesByKind],
        },
      });
    } else if (m.cmd === "stop") {
      stopping = true;
      for (const c of live) void c.room.leave(true);
      setTimeout(() => process.exit(0), 200);
    }
  });
  process.on("disconnect", () => process.exit(0));
}

// ── the coordinator: the server, the load processes, the steps ──────────────

async function coordinator(): Promise<void> {
  const profileDir = values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : undefined;
  const serverFlags = values["server-flags"].split(" ").filter(Boolean);
  const loadFlags = values["load-flags"].split(" ").filter(Boolean);
  const steps = values.steps.split(",").map(Number);
  const windowSeconds = Number(values.seconds);
  const settleSeconds = Number(values.settle);
  const maxSeconds = Number(values["max-seconds"]);
  const loadProcs = Number(values["load-procs"]);
  const serverProcs = Number(values["server-procs"]);
  if (
    (mode !== "play" && mode !== "idle") ||
    (startMode !== "spread" && startMode !== "sync") ||
    !Number.isInteger(seed) ||
    steps.some((n) => !Number.isInteger(n) || n < 6) ||
    !(windowSeconds > 0) ||
    !(maxSeconds > 0) ||
    !Number.isInteger(loadProcs) ||
    loadProcs < 1 ||
    !Number.isInteger(serverProcs) ||
    serverProcs < 1
  ) {
    console.error(
      "usage: npm run bench:load -- [--mode play|idle] [--start spread|sync] [--seed 1] [--steps 300,600,…] [--seconds 40] [--settle 5] [--max-seconds 900] [--load-procs 3] [--server-procs 1] [--load-flags=…] [--cpu-prof DIR]",
    );
    process.exit(2);
  }
  const started = Date.now();

  // ── processes and cores ───────────────────────────────────────────────────

  function hasTaskset(): boolean {
    try {
      execFileSync("taskset", ["-V"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  }
  const pinned = hasTaskset() && os.cpus().length >= 2;
  // The load processes are forked from here and inherit core 1.
  if (pinned) execFileSync("taskset", ["-a", "-c", "-p", "1", String(process.pid)], { stdio: "ignore" });
  else console.log("taskset or a second core is missing: server and load share the cores");

  const dataDir = fs.mkdtempSync(path.join(values["data-parent"], "pp-load-"));
  const children: ChildProcess[] = [];
  // Whatever ends this process (an error included) ends the servers (and Redis) with it.
  process.on("exit", () => {
    for (const c of children) c.kill("SIGKILL");
  });

  // With --server-procs N > 1: N server processes and their Redis, all on core 0, sharing the
  // tables through the scale-out of the README (Colyseus's Redis presence and driver). Each keeps
  // its own SQLite file. Their CPU, RSS and server figures are summed below (Redis's CPU too).
  let redis: { url: string; pid: number } | undefined;
  if (serverProcs > 1) {
    const r = await startRedis(pinned ? { core: 0 } : {});
    children.push(r.proc);
    redis = { url: r.url, pid: r.proc.pid! };
  }
  const servers: { url: string; pid: number }[] = [];
  for (let i = 0; i < serverProcs; i++) {
    const port = await freePort();
    const serverArgs = [
      process.execPath,
      ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
      ...serverFlags,
      "--import",
      "tsx",
      "server/main.ts",
    ];
    const own = serverProcs > 1 ? path.join(dataDir, `p${i}`) : dataDir;
    const server = spawn(
      pinned ? "taskset" : serverArgs[0]!,
      pinned ? ["-c", "0", ...serverArgs] : serverArgs.slice(1),
      {
        env: {
          ...process.env,
          PORT: String(port),
          DATA_DIR: own,
          NODE_ENV: "production",
          PP_GAMES_PER_HOUR: "1000000",
          ...(redis
            ? { REDIS_URL: redis.url, PROCESS_ID: `p${i}`, PUBLIC_ADDRESS: `127.0.0.1:${port}` }
            : {}),
        },
        stdio: [
          "ignore",
          values["server-log"]
            ? fs.openSync(`${values["server-log"]}${serverProcs > 1 ? `.p${i}` : ""}`, "w")
            : "ignore",
          "pipe",
        ],
      },
    );
    children.push(server);
    let serverLog = "";
    server.stderr?.on("data", (d) => (serverLog = (serverLog + d).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    for (let end = Date.now() + 60_000; ; ) {
      if (server.exitCode !== null) throw new Error(`server exited early:\n${serverLog}`);
      try {
        if ((await fetch(`${url}/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > end) throw new Error(`server did not answer /health:\n${serverLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    servers.push({ url, pid: server.pid! });
  }
  /** Every process that does the server's work on core 0: the servers, and Redis with them. */
  const serverPids = [...servers.map((s) => s.pid), ...(redis ? [redis.pid] : [])];
  const sumOf = (f: (pid: number) => number) => serverPids.reduce((n, pid) => n + f(pid), 0);

  /**
   * Time the process's threads spent runnable but waiting for a core, in ms (/proc/<pid>/schedstat,
   * summed over threads). On a shared machine this is where latency comes from when the CPU % is low.
   */
  function waitMs(pid: number): number {
    let ns = 0;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[1]);
      } catch {
        // the thread ended
      }
    }
    return ns / 1e6;
  }
  function rssMb(pid: number): number {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  }

  /**
   * The server's own Prometheus figures (/metrics), read before and after a window: what the
   * client-side latency is made of on the server (the handling of a request up to its reply, the
   * store's commits, the event loop's delay, the major GCs), so a tail can be placed.
   */
  type Scrape = Map<string, number>;
  async function scrape(): Promise<Scrape> {
    const out: Scrape = new Map();
    let missing = false;
    // Several servers: counters and histogram buckets add up; the event-loop delay is the largest.
    await Promise.all(
      servers.map(async ({ url }) => {
        try {
          const text = await (await fetch(`${url}/metrics`)).text();
          for (const line of text.split("\n")) {
            if (!line || line.startsWith("#")) continue;
            const i = line.lastIndexOf(" ");
            const key = line.slice(0, i);
            const v = Number(line.slice(i + 1));
            const was = out.get(key);
            out.set(
              key,
              was === undefined ? v : key.startsWith("nodejs_eventloop_lag") ? Math.max(was, v) : was + v,
            );
          }
        } catch {
          missing = true;
        }
      }),
    );
    // A server too busy to answer: the window's server figures are NaN, not a part of the sum.
    return missing ? new Map() : out;
  }
  /** A histogram's quantile between two scrapes (the upper bound of its bucket), all labels summed. */
  function histQuantile(a: Scrape, b: Scrape, name: string, p: number): number {
    const byLe = new Map<number, number>();
    for (const [k, v] of b) {
      if (!k.startsWith(`${name}_bucket{`)) continue;
      const le = /le="([^"]+)"/.exec(k)?.[1];
      if (!le) continue;
      const bound = le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le);
      byLe.set(bound, (byLe.get(bound) ?? 0) + v - (a.get(k) ?? 0));
    }
    const bounds = [...byLe.keys()].sort((x, y) => x - y);
    const total = byLe.get(Number.POSITIVE_INFINITY) ?? 0;
    if (!total) return Number.NaN;
    for (const le of bounds) if (byLe.get(le)! >= p * total) return le;
    return Number.POSITIVE_INFINITY;
  }
  const counterDelta = (a: Scrape, b: Scrape, key: string) => (b.get(key) ?? 0) - (a.get(key) ?? 0);

  // ── the load processes ────────────────────────────────────────────────────

  const self = fileURLToPath(import.meta.url);
  const workers = Array.from({ length: loadProcs }, (_, i) =>
    fork(self, ["--worker", String(i), "--url", servers[i % servers.length]!.url, ...process.argv.slice(2)], {
      execArgv: ["--max-semi-space-size=64", ...loadFlags, "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  process.on("exit", () => {
    for (const w of workers) w.kill("SIGKILL");
  });
  /** Sends a command to every load process (or its own, by number) and waits for each one's answer. */
  function all<T extends FromWorker["msg"]>(
    cmd: ToWorker | ((i: number) => ToWorker),
    answer: T,
  ): Promise<Extract<FromWorker, { msg: T }>[]> {
    return Promise.all(
      workers.map(
        (w, i) =>
          new Promise<Extract<FromWorker, { msg: T }>>((resolve) => {
            const on = (m: FromWorker) => {
              if (m.msg !== answer) return;
              w.off("message", on);
              resolve(m as Extract<FromWorker, { msg: T }>);
            };
            w.on("message", on);
            w.send(typeof cmd === "function" ? cmd(i) : cmd);
          }),
      ),
    );
  }

  let stopped = false;
  async function finish(code: number): Promise<never> {
    stopped = true;
    for (const w of workers) if (w.connected) w.send({ cmd: "stop" } satisfies ToWorker);
    if (profileDir) {
      // A graceful stop, so node writes the profile; the clients go first so it does not wait on them.
      await new Promise((r) => setTimeout(r, 500));
      const exited = Promise.all(children.map((c) => new Promise((r) => c.once("exit", r))));
      for (const c of children) c.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 60_000))]);
    }
    for (const c of children) c.kill("SIGKILL");
    for (const w of workers) w.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  }
  const deadline = setTimeout(() => {
    console.error(`stopped after --max-seconds ${maxSeconds}`);
    printSummary();
    void finish(1);
  }, maxSeconds * 1000);
  deadline.unref();

  // ── steps ─────────────────────────────────────────────────────────────────

  interface StepResult {
    clients: number;
    serverCpuPct: number;
    /** Server CPU ms per client per round: the cost that decides the capacity of a whole core. */
    cpuMsPerClientRound: number;
    /** % of the window the server's threads were runnable but waiting for a core (other load). */
    serverWaitPct: number;
    rssMb: number;
    p50: number;
    p99: number;
    requests: number;
    errors: number;
    bytesPerClientRound: number;
    joinBytes: number;
    /** The load processes' CPU together, % of core 1. */
    loadCpuPct: number;
    /**
     * The largest of the load processes' event-loop delay p99 (ms) over the window: a latency
     * measured there includes up to this much of the load's own queueing (not the server's).
     */
    loadLagP99: number;
    /**
     * The server's own figures over the window (from its /metrics): request handling p99 up to
     * the reply and commit p99 (upper bounds of histogram buckets), commits a second and writes a
     * commit, its event-loop delay p99, and its major GCs (count and total pause ms).
     */
    server: {
      requestP99Ms: number;
      commitP99Ms: number;
      commitMaxBucketMs: number;
      commitsPerSecond: number;
      writesPerCommit: number;
      loopLagP99Ms: number;
      majorGcMs: number;
      majorGcs: number;
      /** Rooms in memory at the end of the window (ended games stay a while after their players leave). */
      rooms: number;
    };
  }
  const results: StepResult[] = [];
  /** The last step's bytes a client a round, by kind of message. */
  let lastBreakdown: Record<string, number> = {};
  let lastFrames: Record<string, number> = {};
  const q = (xs: number[], p: number) =>
    xs.length === 0 ? Number.NaN : xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

  function printSummary(): void {
    const ok = results.filter((r) => r.p99 <= 50 || (mode === "idle" && Number.isNaN(r.p99)));
    const best = ok.length ? Math.max(...ok.map((r) => r.clients)) : 0;
    console.log(`bytes a client a round by message, last step: ${JSON.stringify(lastBreakdown)}`);
    console.log(`frames a client a round by message, last step: ${JSON.stringify(lastFrames)}`);
    console.log(
      JSON.stringify({
        mode,
        start: startMode,
        seed,
        serverFlags,
        loadFlags,
        loadProcs,
        serverProcs,
        maxClientsAtP99le50ms: best,
        pinned,
        steps: results,
      }),
    );
  }

  console.log(
    `mode ${mode}; start ${startMode}; seed ${seed}; tables of 5 players + 1 observer, ${PHASE_SECONDS}-s phases; window ${windowSeconds} s a step; data under ${values["data-parent"]}; ${serverProcs > 1 ? `${serverProcs} server processes and Redis` : "server"} on core 0, ${loadProcs} load processes on core 1${pinned ? "" : " (not pinned)"}`,
  );
  console.log(
    "clients  server-cpu%  cpu-ms/client/round  server-wait%  rss-MB  ack-p50-ms  ack-p99-ms  requests  errors  B/client/round  join-B  load-cpu%  load-lag-p99-ms",
  );
  const latencyLog: string[] = [];
  for (const clients of steps) {
    if (Date.now() - started > maxSeconds * 1000 || stopped) break;
    // Tables are whole: each load process takes its share of them.
    const tables = Math.ceil(clients / 6);
    await all(
      (i) => ({
        cmd: "grow",
        clients: (Math.floor(tables / loadProcs) + (i < tables % loadProcs ? 1 : 0)) * 6,
      }),
      "grown",
    );
    await new Promise((r) => setTimeout(r, settleSeconds * 1000));
    // Read the server's figures a second before the window, so the read's own cost stays out of it.
    const scrape0 = await scrape();
    await new Promise((r) => setTimeout(r, 1000));
    const cpu0 = sumOf(cpuMs);
    const wait0 = sumOf(waitMs);
    const self0 = cpuMs("self");
    await all({ cmd: "measure" }, "measuring");
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, windowSeconds * 1000));
    const reports = (await all({ cmd: "report" }, "report")).map((m) => m.report);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = sumOf(cpuMs) - cpu0;
    const wait = sumOf(waitMs) - wait0;
    const scrape1 = await scrape();
    const conns = reports.reduce((n, r) => n + r.clients, 0);
    const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    // One at a time: a spread of 100,000+ entries overflows the call stack.
    for (const r of reports) for (const entry of r.latencyLog) latencyLog.push(entry);
    const joins = reports.flatMap((r) => r.joinBytes).sort((a, b) => a - b);
    const load = reports.reduce((n, r) => n + r.cpuMs, 0) + cpuMs("self") - self0;
    const r: StepResult = {
      clients: conns,
      serverCpuPct: Math.round((cpu / 1000 / seconds) * 1000) / 10,
      cpuMsPerClientRound: Math.round((cpu / conns / (seconds / ROUND_SECONDS)) * 100) / 100,
      serverWaitPct: Math.round((wait / 1000 / seconds) * 1000) / 10,
      rssMb: Math.round(sumOf(rssMb)),
      p50: Math.round(q(latencies, 0.5) * 10) / 10,
      p99: Math.round(q(latencies, 0.99) * 10) / 10,
      requests: latencies.length,
      errors: reports.reduce((n, x) => n + x.errors, 0),
      bytesPerClientRound: Math.round(
        reports.reduce((n, x) => n + x.received, 0) / conns / (seconds / ROUND_SECONDS),
      ),
      joinBytes: Math.round(q(joins, 0.5)),
      loadCpuPct: Math.round((load / 1000 / seconds) * 1000) / 10,
      loadLagP99: Math.round(Math.max(...reports.map((x) => x.lagP99)) * 10) / 10,
      server: {
        requestP99Ms: histQuantile(scrape0, scrape1, "pp_request_duration_seconds", 0.99) * 1000,
        commitP99Ms: histQuantile(scrape0, scrape1, "pp_store_commit_seconds", 0.99) * 1000,
        commitMaxBucketMs: histQuantile(scrape0, scrape1, "pp_store_commit_seconds", 1) * 1000,
        commitsPerSecond:
          Math.round((counterDelta(scrape0, scrape1, "pp_store_commit_seconds_count") / seconds) * 10) / 10,
        writesPerCommit:
          Math.round(
            (counterDelta(scrape0, scrape1, "pp_store_commit_writes_sum") /
              counterDelta(scrape0, scrape1, "pp_store_commit_writes_count")) *
              10,
          ) / 10,
        loopLagP99Ms: Math.round((scrape1.get("nodejs_eventloop_lag_p99_seconds") ?? Number.NaN) * 1e4) / 10,
        majorGcMs:
          Math.round(counterDelta(scrape0, scrape1, 'nodejs_gc_duration_seconds_sum{kind="major"}') * 1e4) /
          10,
        majorGcs: counterDelta(scrape0, scrape1, 'nodejs_gc_duration_seconds_count{kind="major"}'),
        rooms: [...scrape1].reduce((n, [k, v]) => (k.startsWith("pp_rooms") ? n + v : n), 0),
      },
    };
    results.push(r);
    const sum = (key: "byKind" | "framesByKind") => {
      const m = new Map<string, number>();
      for (const rep of reports) for (const [k, n] of rep[key]) m.set(k, (m.get(k) ?? 0) + n);
      return [...m].sort((a, b) => b[1] - a[1]);
    };
    const perClientRound = (n: number) => n / conns / (seconds / ROUND_SECONDS);
    lastFrames = Object.fromEntries(
      sum("framesByKind").map(([k, n]) => [k, Math.round(perClientRound(n) * 10) / 10]),
    );
    lastBreakdown = Object.fromEntries(sum("byKind").map(([k, n]) => [k, Math.round(perClientRound(n))]));
    console.log(
      [
        r.clients,
        r.serverCpuPct,
        r.cpuMsPerClientRound,
        r.serverWaitPct,
        r.rssMb,
        r.p50,
        r.p99,
        r.requests,
        r.errors,
        r.bytesPerClientRound,
        r.joinBytes,
        r.loadCpuPct,
        r.loadLagP99,
      ]
        .map((x) => String(x).padStart(8))
        .join("  "),
    );
    console.log(`   server: ${JSON.stringify(r.server)}`);
  }
  printSummary();
  if (values["latency-log"]) fs.writeFileSync(values["latency-log"], `${latencyLog.join("\n")}\n`);
  await finish(0);
}
