import { expect, test } from "vitest";
import type { Reply } from "../../shared/index.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

test("two players join by code, give orders, the round resolves, and secrets stay secret", async () => {
  const { sdk } = server().colyseus;
  const cn = await connect(await sdk.create("game", { name: "Beijing", power: "CN" }));
  const code = cn.seat.code;
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  const kp = await connect(await sdk.joinById(code, { name: "Pyongyang", power: "KP" }));
  expect(cn.seat.power).toBe("CN");
  expect(kp.seat.power).toBe("KP");

  // Both ready → the game starts; ready again → orders phase.
  await cn.room.request("ready", { ready: true });
  await kp.room.request("ready", { ready: true });
  await until(() => cn.room.state.started === true);
  await cn.room.request("ready", { ready: true });
  await kp.room.request("ready", { ready: true });
  await until(() => cn.latest().phase === "orders" && kp.latest().phase === "orders");

  const cnReply: Reply = await cn.room.request("orders", {
    actions: [{ type: "set_enforcement", announced: 85, target: 57, rationale: "optics" }],
  });
  expect(cnReply).toEqual({ ok: true });
  const kpReply: Reply = await kp.room.request("orders", { actions: [{ type: "missile_test" }] });
  expect(kpReply).toEqual({ ok: true });

  await cn.room.request("ready", { ready: true });
  await kp.room.request("ready", { ready: true });
  await until(() => cn.latest().round === 2 && kp.latest().round === 2);

  expect(cn.latest().enforcement.CN.announced).toBe(85);
  expect(cn.latest().enforcement.CN.target).toBe(57);
  expect(kp.latest().enforcement.CN.announced).toBe(85);
  // Everything KP ever received: never China's target, achieved level, orders or rationale.
  for (const v of kp.views) {
    expect(v.enforcement.CN).toEqual({ announced: v.enforcement.CN.announced });
    expect(v.orders.CN).toBeUndefined();
    expect(JSON.stringify(v)).not.toContain("optics");
  }
  expect(kp.latest().programme.tests).toBe(1);
});

test("a bad order is answered with an error, the player stays connected, and nothing changes", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "Washington", power: "US" }));
  await us.room.request("control", { command: "start" });
  await us.room.request("ready", { ready: true });
  await until(() => us.latest().phase === "orders");
  const bad: Reply = await us.room.request("orders", { actions: [{ type: "missile_test" }] });
  expect(bad).toMatchObject({ ok: false, error: { code: "not_your_action" } });
  const malformed: Reply = await us.room.request("orders", {
    actions: [{ type: "set_enforcement", announced: 500 }],
  });
  expect(malformed).toMatchObject({ ok: false, error: { code: "bad_shape" } });
  expect(us.latest().orders.US).toBeUndefined();
  // Still connected: a good order is accepted afterwards.
  const good: Reply = await us.room.request("orders", {
    actions: [{ type: "set_enforcement", announced: 90, target: 90 }],
  });
  expect(good).toEqual({ ok: true });
  await until(() => us.latest().orders.US !== undefined);
});

test("accepted orders are in SQLite before the reply", async () => {
  const { sdk } = server().colyseus;
  const kr = await connect(await sdk.create("game", { name: "Seoul", power: "KR" }));
  await kr.room.request("control", { command: "start" });
  await kr.room.request("ready", { ready: true });
  await until(() => kr.latest().phase === "orders");
  await kr.room.request("orders", { actions: [{ type: "set_enforcement", announced: 70, target: 70 }] });
  const logged = (await server().store.inputs(kr.seat.code)).map((r) => r.input.type);
  expect(logged).toEqual(["advance_phase", "submit_orders"]);
});
