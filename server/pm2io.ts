/**
 * Colyseus loads `@pm2/io` when it is installed (it comes with @colyseus/tools), and on import
 * that library starts PM2's default metrics, among them a timer that calls
 * `process._getActiveHandles()` every second: an array of every socket and timer of the process.
 * At 10,000 connections each call held the event loop for 30–50 ms (the server's CPU profile under
 * `npm run bench:load`, docs/bench/README.md). This server reports its own figures at `/metrics`
 * and is not run by PM2, so PM2's metrics are turned off; the library stays for the two gauges
 * Colyseus registers with it, and its other settings are its defaults.
 */
import io from "@pm2/io";

let done = false;
/** Re-initialises @pm2/io without its periodic metrics (idempotent). */
export function quietPm2Metrics(): void {
  if (done) return;
  done = true;
  io.init({
    catchExceptions: true,
    profiling: true,
    metrics: { v8: false, network: false, eventLoop: false, runtime: false, http: false },
  });
}
