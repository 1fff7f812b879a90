import { expect, test } from "vitest";
import { type ChatMessage, type Reply, SEAT_TAKEN_OVER } from "../../shared/index.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

test("a seat token takes the same seat back after a reload; nobody else can claim it", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "Ana", power: "US" }));
  const code = us.seat.code;
  await expect(sdk.joinById(code, { name: "Mallory", power: "US" })).rejects.toThrow(/seat_taken/);
  await expect(sdk.joinById(code, { name: "Mallory", token: "not-a-real-token" })).rejects.toThrow(
    /not_found/,
  );
  await us.room.leave(true);
  const back = await connect(await sdk.joinById(code, { token: us.seat.token }));
  expect(back.seat.power).toBe("US");
  expect(back.seat.host).toBe(true);
});

test("the same seat token from a second tab takes the seat; the first is closed with the reason", async () => {
  const { sdk } = server().colyseus;
  const first = await connect(await sdk.create("game", { name: "Ana", power: "US" }));
  const closed = new Promise<{ code: number; reason?: string }>((resolve) =>
    first.room.onLeave((code: number, reason?: string) => resolve({ code, reason })),
  );
  const second = await connect(await sdk.joinById(first.seat.code, { token: first.seat.token }));
  expect(second.seat.power).toBe("US");
  expect(await closed).toEqual({ code: 4000, reason: SEAT_TAKEN_OVER });
});

test("a dropped player keeps the seat for the window, then a bot takes it until the human returns", async () => {
  const { sdk } = server().colyseus;
  const kr = await connect(await sdk.create("game", { name: "Seo", power: "KR", reconnectSeconds: 5 }));
  const code = kr.seat.code;
  const watcher = await connect(await sdk.joinById(code, { observer: true }));
  await kr.room.request("control", { command: "start" });
  kr.room.reconnection.enabled = false;
  kr.room.connection.close(4100, "network drop");
  await until(() => watcher.room.state.seats.get("KR")?.connected === false);
  expect(watcher.room.state.seats.get("KR")?.bot).toBe(false);
  await until(() => watcher.room.state.seats.get("KR")?.bot === true, 9000);
  const back = await connect(await sdk.joinById(code, { token: kr.seat.token }));
  expect(back.seat.power).toBe("KR");
  await until(
    () =>
      watcher.room.state.seats.get("KR")?.bot === false &&
      watcher.room.state.seats.get("KR")?.connected === true,
  );
}, 20_000);

test("chat reaches only the channel's members; history is resynced on return; Control reads all", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(await sdk.create("game", { name: "White cell", asControl: true }));
  expect(control.seat.seat).toBe("CONTROL");
  expect(control.seat.controlToken).toBeTruthy();
  const code = control.seat.code;
  const got: Record<string, ChatMessage[]> = { CN: [], US: [], KP: [], OBS: [], CONTROL: [] };
  const cn = await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));
  const us = await connect(await sdk.joinById(code, { name: "Sam", power: "US" }));
  const kp = await connect(await sdk.joinById(code, { name: "Kim", power: "KP" }));
  const obs = await connect(await sdk.joinById(code, { observer: true }));
  for (const [k, p] of [
    ["CN", cn],
    ["US", us],
    ["KP", kp],
    ["OBS", obs],
    ["CONTROL", control],
  ] as const)
    p.room.onMessage("chat", (m: ChatMessage) => got[k]!.push(m));

  expect(await cn.room.request("chat", { channel: "CN-US", text: "Coal, quietly." })).toEqual({ ok: true });
  expect(await kp.room.request("chat", { channel: "CN-US", text: "let me in" })).toMatchObject({
    ok: false,
    error: { code: "not_party" },
  });
  expect(await obs.room.request("chat", { channel: "public", text: "hi" })).toMatchObject({
    ok: false,
    error: { code: "not_party" },
  });
  expect(await us.room.request("chat", { channel: "public", text: "Hello all." })).toEqual({ ok: true });
  await until(() => got.CONTROL!.length === 2 && got.KP!.length === 1);
  expect(got.US!.map((m) => m.text)).toEqual(["Coal, quietly.", "Hello all."]);
  expect(got.KP!.map((m) => m.text)).toEqual(["Hello all."]);
  expect(got.OBS!.map((m) => m.text)).toEqual(["Hello all."]);

  // History on rejoin, filtered the same way.
  await kp.room.leave(true);
  const histories: ChatMessage[][] = [];
  const room = await sdk.joinById(code, { token: kp.seat.token });
  room.onMessage("chat_history", (m: { messages: ChatMessage[] }) => histories.push(m.messages));
  await until(() => histories.length === 1);
  expect(histories[0]!.map((m) => m.text)).toEqual(["Hello all."]);
});

test("players cannot use Control's commands; Control can pause, resume and extend", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(await sdk.create("game", { asControl: true }));
  const cn = await connect(await sdk.joinById(control.seat.code, { name: "Li", power: "CN" }));
  const refused: Reply = await cn.room.request("control", { command: "pause" });
  expect(refused).toMatchObject({ ok: false, error: { code: "control_only" } });
  expect(await control.room.request("control", { command: "start" })).toEqual({ ok: true });
  expect(await control.room.request("control", { command: "pause" })).toEqual({ ok: true });
  await until(() => cn.room.state.paused === true);
  const left = cn.room.state.pausedRemaining;
  expect(await control.room.request("control", { command: "extend", seconds: 60 })).toEqual({ ok: true });
  await until(() => cn.room.state.pausedRemaining === left + 60_000);
  // Resuming starts the clock from what was left (plus the extension), read around the request:
  // the server shares this process's clock, so the deadline lies between the two readings.
  const before = Date.now();
  expect(await control.room.request("control", { command: "resume" })).toEqual({ ok: true });
  await until(() => cn.room.state.paused === false);
  const after = Date.now();
  expect(cn.room.state.deadline).toBeGreaterThanOrEqual(before + left + 60_000);
  expect(cn.room.state.deadline).toBeLessThanOrEqual(after + left + 60_000);
});

test("hostile input: wrong shapes, oversize text, unknown types — errors, no disconnect, no change", async () => {
  const { sdk } = server().colyseus;
  const p = await connect(await sdk.create("game", { power: "RU", fillWithBots: false }));
  await p.room.request("control", { command: "start" });
  const cases: [string, unknown][] = [
    ["chat", { channel: "public", text: "x".repeat(501) }],
    ["chat", { channel: "everyone", text: "hi" }],
    ["orders", { actions: "all of them" }],
    ["orders", { actions: [{ type: "set_enforcement", announced: -1, target: 0 }] }],
    ["ready", { ready: "yes" }],
    ["control", { command: "delete_everything" }],
  ];
  for (const [type, payload] of cases) {
    const r: Reply = await p.room.request(type, payload);
    expect(r, `${type} ${JSON.stringify(payload)}`).toMatchObject({
      ok: false,
      error: { code: "bad_shape" },
    });
  }
  p.room.send("no_such_message", { a: 1 });
  expect(await p.room.request("ready", { ready: false })).toEqual({ ok: true });
  expect(await server().store.inputs(p.seat.code)).toEqual([]);
  expect(await server().store.messages(p.seat.code)).toEqual([]);
});

test("join attempts by code are rate-limited", async () => {
  const { sdk } = server().colyseus;
  const { resetJoinGuard } = await import("../../server/joinGuard.js");
  resetJoinGuard();
  const errors: string[] = [];
  for (let i = 0; i < 12; i++) {
    try {
      await sdk.joinById(`ZZZZZ${"23456789ABCD"[i]}`, {});
    } catch (e) {
      errors.push(String((e as Error).message));
    }
  }
  expect(errors).toHaveLength(12);
  expect(errors.slice(0, 10).every((m) => !m.includes("rate_limited"))).toBe(true);
  expect(errors.slice(10).every((m) => m.includes("rate_limited"))).toBe(true);
  resetJoinGuard();
});
