// `npm start` serves the built client: build it once if dist/client is missing or older than the sources.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dist = path.resolve("dist/client/index.html");
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const stale =
  !fs.existsSync(dist) || Math.max(newest("client"), newest("shared")) > fs.statSync(dist).mtimeMs;
if (stale) {
  console.log("Building the client (first start or sources changed)…");
  // NODE_ENV must be production: under a test runner it is "test", and Vite would then build in dev mode.
  execSync("npx vite build --logLevel warn", {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
