// `npm run dev`: Vite's dev server (client, port 5173) with the game server (port 2567) behind it.
import { spawn } from "node:child_process";

const procs = [
  spawn("npx", ["tsx", "watch", "server/main.ts"], {
    stdio: "inherit",
    env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? "data/dev" },
  }),
  spawn("npx", ["vite"], { stdio: "inherit" }),
];
const stop = () => {
  for (const p of procs) p.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const p of procs) p.on("exit", stop);
