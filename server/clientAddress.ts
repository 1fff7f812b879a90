/**
 * The address a request comes from, for the per-address limits (failed joins, new games, class
 * sessions). Colyseus's matchmaker takes it from the X-Real-IP or X-Forwarded-For header only: a
 * client can send any value there (and so escape every limit), and a client that sends none shares
 * one "unknown" address with everyone else (so ten wrong codes anywhere lock everyone out). Every
 * HTTP request therefore gets X-Real-IP set here from what this process can trust, before
 * Colyseus's router reads it.
 */
import http from "node:http";

/**
 * `PP_TRUST_PROXY`: how many reverse proxies stand in front of this process (default 0: clients
 * connect directly, and forwarded headers are ignored). Each proxy must append the address it saw
 * to X-Forwarded-For (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`).
 */
export function trustedProxies(): number {
  const v = Number(process.env.PP_TRUST_PROXY);
  return Number.isInteger(v) && v > 0 ? v : 0;
}

/** The client's address: the socket's, or with `hops` proxies, the entry they appended for it. */
export function clientAddress(req: http.IncomingMessage, hops: number): string {
  const socket = req.socket.remoteAddress ?? "unknown";
  if (hops <= 0) return socket;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Each trusted proxy appends what it saw: the client is `hops` entries from the right. Entries
  // further left came from the client itself and prove nothing.
  return forwarded[forwarded.length - hops] ?? socket;
}

/**
 * An HTTP server whose requests carry a trustworthy X-Real-IP for Colyseus's matchmaker. It is set
 * as the request is emitted, before every listener: Colyseus prepends its router's listener when
 * it starts listening, so a listener of ours could not be sure to run first.
 */
export function addressedHttpServer(): http.Server {
  const server = http.createServer();
  const hops = trustedProxies();
  const emit = server.emit.bind(server) as (event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers["x-real-ip"] = clientAddress(req, hops);
    }
    return emit(event, ...args);
  }) as typeof server.emit;
  return server;
}
