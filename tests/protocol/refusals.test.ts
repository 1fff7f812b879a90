/**
 * Refusals on the wire take the documented form: an unknown action type is `unknown_action`; a
 * create with an unknown field fails with `code: message` like every join; and the room state has
 * its documented values before the start.
 */
import { expect, test } from "vitest";
import type { Reply } from "../../shared/index.js";
import { connect, until, useTestServer } from "../server/helpers.js";

const server = useTestServer();

test("an order of an action type that does not exist is refused unknown_action", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "W", power: "US", fillWithBots: true }));
  await us.room.request("ready", { ready: true });
  await until(() => us.room.state.started === true);
  await us.room.request("ready", { ready: true });
  await until(() => us.latest().phase === "orders");
  const bad: Reply = await us.room.request("orders", { actions: [{ type: "nuke_the_moon" }] });
  expect(bad).toMatchObject({ ok: false, error: { code: "unknown_action" } });
  const misshapen: Reply = await us.room.request("orders", { actions: [{ type: "statement", text: "" }] });
  expect(misshapen).toMatchObject({ ok: false, error: { code: "bad_shape" } });
  expect((misshapen as { error: { message: string } }).error.message).toMatch(/actions\.0\.text/);
  // Nothing was applied: the seat's orders are still empty.
  expect(us.latest().orders.US?.actions ?? []).toEqual([]);
});

test("a create with an unknown field fails with a `code: message` error, not a raw schema dump", async () => {
  const { sdk } = server().colyseus;
  const failure = await sdk.create("game", { name: "W", colour: "red" }).then(
    () => null,
    (e: Error) => e,
  );
  expect(failure).not.toBeNull();
  expect(failure!.message).toMatch(/^bad_shape: /);
  expect(failure!.message).not.toMatch(/^\[/);
  expect(failure!.message).toMatch(/colour/);
});

test("before the start the room state has deadline 0, paused false and pausedRemaining 0", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "W", power: "US" }));
  await until(() => us.room.state.code === us.seat.code);
  expect(us.room.state.started).toBe(false);
  expect(us.room.state.deadline).toBe(0);
  expect(us.room.state.paused).toBe(false);
  expect(us.room.state.pausedRemaining).toBe(0);
});
