/**
 * Views on the wire, by what each connection receives: one whole view on joining, then a delta
 * only when the seat's own view changed (numbered one after the other, never empty), the same
 * delta to every connection of a seat, nothing for chat, ready flags or a refused input, and on
 * `resync` the whole view with the seat's current number.
 */
import type { Room as SDKRoom } from "@colyseus/sdk";
import { expect, test } from "vitest";
import { decodeViewMessage, type ViewDeltaMessage, type ViewMessage } from "../../shared/index.js";
import { cmd, TESTS_FOR_A_SUMMIT } from "../support/roomProbe.js";
import { connect, type Player, until, useTestServer } from "./helpers.js";

const server = useTestServer();

interface Wire {
  fulls: ViewMessage[];
  deltas: ViewDeltaMessage[];
}

/** Records every view message a connection gets, decoded, in order. */
function wire(p: Player): Wire {
  const w: Wire = { fulls: [], deltas: [] };
  for (const text of p.viewMessages) {
    const m = JSON.parse(text) as ViewMessage | ViewDeltaMessage;
    if ("view" in m) w.fulls.push(m);
    else w.deltas.push(m);
  }
  return w;
}

/** A whole view asked for and received: every message sent before it has arrived too. */
async function resync(p: Player): Promise<ViewMessage> {
  const n = wire(p).fulls.length;
  const full = new Promise<ViewMessage>((resolve) =>
    (p.room as SDKRoom).onMessage("view", (m: unknown) => {
      const decoded = decodeViewMessage(m) as ViewMessage;
      if ("view" in decoded) resolve(decoded);
    }),
  );
  expect(await p.room.request("resync", {})).toEqual({ ok: true });
  const got = await full;
  await until(() => wire(p).fulls.length === n + 1);
  return got;
}

test("a change reaches only the seats whose view it changed, as one numbered delta; chat and ready send none", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "US", power: "US", fillWithBots: false }));
  const code = us.seat.code;
  const kp = await connect(await sdk.joinById(code, { name: "KP", power: "KP" }));
  const cn = await connect(await sdk.joinById(code, { name: "CN", power: "CN" }));
  const obs = await connect(await sdk.joinById(code, { observer: true }));
  const obs2 = await connect(await sdk.joinById(code, { observer: true }));
  expect(await cmd(us, { command: "start" })).toEqual({ ok: true });
  for (const p of [us, kp, cn, obs, obs2]) await resync(p);
  const counts = () => [us, kp, cn, obs, obs2].map((p) => wire(p).deltas.length);
  const base = counts();

  // Nothing in anyone's view changes: no view message at all.
  expect(await us.room.request("chat", { channel: "public", text: "hello" })).toEqual({ ok: true });
  expect(await kp.room.request("ready", { ready: true })).toEqual({ ok: true });
  expect(await cn.room.request("act", { type: "respond_proposal", id: "nope", accept: true })).toMatchObject({
    ok: false,
  });
  for (const p of [us, kp, cn, obs, obs2]) await resync(p);
  expect(counts()).toEqual(base);

  // A proposal from the US to North Korea changes the parties' views only.
  const proposed = await us.room.request("act", TESTS_FOR_A_SUMMIT);
  expect(proposed).toEqual({ ok: true });
  await until(() => kp.latest().proposals.length === 1 && us.latest().proposals.length === 1);
  for (const p of [us, kp, cn, obs, obs2]) await resync(p);
  const after = counts();
  expect(after[0]).toBe(base[0]! + 1);
  expect(after[1]).toBe(base[1]! + 1);
  expect(after.slice(2)).toEqual(base.slice(2));

  // Numbers follow one another per seat; a delta is never empty; a full view carries the current number.
  for (const p of [us, kp]) {
    const w = wire(p);
    const seqs = w.deltas.map((d) => d.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    for (const d of w.deltas) expect(d.ops.length).toBeGreaterThan(0);
    expect(w.fulls.at(-1)!.seq).toBe(seqs.at(-1));
  }
  // Two observers share one seat: the same deltas, the same numbers.
  expect(wire(obs).deltas).toEqual(wire(obs2).deltas);
});

test("a phase change reaches every seat; a connection joining later starts from the seat's current number", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(await sdk.create("game", { asControl: true, fillWithBots: false }));
  const code = control.seat.code;
  const cn = await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));
  const obs = await connect(await sdk.joinById(code, { observer: true }));
  expect(wire(cn).fulls.map((f) => f.seq)).toEqual([0]);
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
  await until(() => cn.latest().phase === "orders" && obs.latest().phase === "orders");
  expect(control.latest().phase).toBe("orders");
  const seq = wire(obs).deltas.at(-1)!.seq;
  expect(seq).toBeGreaterThan(0);
  // A second observer joins: its first (whole) view is numbered where the seat stands.
  const obs2 = await connect(await sdk.joinById(code, { observer: true }));
  expect(wire(obs2).fulls.map((f) => f.seq)).toEqual([seq]);
  expect(obs2.latest()).toEqual(obs.latest());
  // Its view then moves on with the others.
  expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
  await until(() => obs2.latest().round === 2 && obs.latest().round === 2);
  expect(wire(obs2).deltas.at(-1)).toEqual(wire(obs).deltas.at(-1));
  expect(wire(obs2).deltas.at(-1)!.seq).toBe(seq + 1);
});
