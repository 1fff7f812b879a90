/**
 * Control's table settings during a game: switching the advisor off, and muting a seat's chat.
 * They are public room state, only Control may change them, and a restored game keeps them.
 */
import { matchMaker } from "@colyseus/core";
import { expect, test } from "vitest";
import { RESTORE_KEY } from "../../server/context.js";
import type { Reply } from "../../shared/index.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

test("Control mutes a seat and switches the advisor off; players cannot; a restore keeps both", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(await sdk.create("game", { name: "Control", asControl: true }));
  const code = control.seat.code;
  const kp = await connect(await sdk.joinById(code, { name: "Pyongyang", power: "KP" }));
  const us = await connect(await sdk.joinById(code, { name: "Washington", power: "US" }));
  expect(control.room.state.advisor).toBe(true);

  const byPlayer: Reply = await kp.room.request("control", { command: "mute", power: "US", on: true });
  expect(byPlayer).toMatchObject({ ok: false, error: { code: "control_only" } });
  const badShape: Reply = await control.room.request("control", { command: "mute", power: "XX", on: true });
  expect(badShape).toMatchObject({ ok: false, error: { code: "bad_shape" } });

  expect(await control.room.request("control", { command: "mute", power: "KP", on: true })).toEqual({
    ok: true,
  });
  expect(await control.room.request("control", { command: "advisor", on: false })).toEqual({ ok: true });
  await until(() => kp.room.state.seats.get("KP")?.muted === true && kp.room.state.advisor === false);
  expect(kp.room.state.seats.get("US")?.muted).toBe(false);

  const muted: Reply = await kp.room.request("chat", { channel: "public", text: "hello" });
  expect(muted).toMatchObject({ ok: false, error: { code: "muted" } });
  expect(await us.room.request("chat", { channel: "public", text: "hello" })).toEqual({ ok: true });
  expect((await server().store.messages(code)).map((m) => m.from)).toEqual(["US"]);

  // Restart the room from the store: the settings come back from the control log.
  await server().colyseus.getRoomById(code).disconnect();
  await until(() => !matchMaker.getLocalRoomById(code));
  await matchMaker.createRoom("game", { restore: code, restoreKey: RESTORE_KEY });
  const back = await connect(await sdk.joinById(code, { token: kp.seat.token }));
  await until(() => back.room.state.seats.get("KP")?.muted === true);
  expect(back.room.state.advisor).toBe(false);
  const still: Reply = await back.room.request("chat", { channel: "public", text: "again" });
  expect(still).toMatchObject({ ok: false, error: { code: "muted" } });

  // Unmuting lets the seat speak again.
  const ctl = await connect(await sdk.joinById(code, { controlToken: control.seat.controlToken }));
  expect(await ctl.room.request("control", { command: "mute", power: "KP", on: false })).toEqual({
    ok: true,
  });
  expect(await back.room.request("chat", { channel: "public", text: "again" })).toEqual({ ok: true });
});
