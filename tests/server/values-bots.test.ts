/**
 * Bots in the room, by what is stored and shown: at each phase's opening every bot seat plays and
 * is shown ready, so one ready human moves the phase on at once; after a human's proposal, bots
 * only answer it (no new moves of their own); a bot seat is never played while the game has not
 * started.
 */
import { expect, test } from "vitest";
import { POWERS } from "../../shared/index.js";
import { cmd, TESTS_FOR_A_SUMMIT } from "../support/roomProbe.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

const BOTS = ["CN", "RU", "KP", "KR"] as const;

test("bots play each phase as it opens and are shown ready; one ready human then advances the phase", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "Sam", power: "US", fillWithBots: true }));
  const code = us.seat.code;
  expect(await cmd(us, { command: "start" })).toEqual({ ok: true });
  const botsReady = () => BOTS.every((p) => us.room.state.seats.get(p)?.ready === true);
  await until(() => BOTS.every((p) => us.room.state.seats.get(p)?.bot === true) && botsReady());
  expect(us.room.state.seats.get("US")?.ready).toBe(false);
  for (const r of await server().store.inputs(code)) expect(BOTS as readonly string[]).toContain(r.actor);
  expect(us.latest().phase).toBe("diplomacy");

  expect(await us.room.request("ready", { ready: true })).toEqual({ ok: true });
  await until(() => us.latest().phase === "orders");
  // The orders phase opens: the bots give their orders and are ready again; the human is not.
  await until(() => us.room.state.phase === "orders" && botsReady());
  expect(us.room.state.seats.get("US")?.ready).toBe(false);
  const all = await server().store.inputs(code);
  const orders = all.filter((r) => r.phase === "orders");
  expect(orders.map((r) => r.input.type)).toEqual(BOTS.map(() => "submit_orders"));
  expect(orders.map((r) => r.actor).sort()).toEqual([...BOTS].sort());
  expect(all.filter((r) => r.actor === "SYSTEM").map((r) => r.input.type)).toEqual(["advance_phase"]);
});

test("after a human's proposal mid-phase, bots only answer it: no new moves of their own", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "Sam", power: "US", fillWithBots: true }));
  const code = us.seat.code;
  expect(await cmd(us, { command: "start" })).toEqual({ ok: true });
  // Round 2's diplomacy: a phase change clears every flag, so the bots shown ready again means
  // their opening moves are all made (at the start they are shown ready from the outset).
  const botsReady = () => BOTS.every((p) => us.room.state.seats.get(p)?.ready === true);
  await until(botsReady);
  expect(await us.room.request("ready", { ready: true })).toEqual({ ok: true });
  await until(() => us.room.state.phase === "orders" && botsReady());
  expect(await us.room.request("ready", { ready: true })).toEqual({ ok: true });
  await until(() => us.room.state.round === 2 && us.room.state.phase === "diplomacy" && botsReady());
  const opening = (await server().store.inputs(code)).length;
  const asked = await us.room.request("act", TESTS_FOR_A_SUMMIT);
  expect(asked).toEqual({ ok: true });
  await until(() => us.latest().proposals.some((p) => p.from === "US" && p.status !== "open"));
  const after = (await server().store.inputs(code)).slice(opening);
  expect(after[0]).toMatchObject({ actor: "US", input: { type: "propose" } });
  // KP answers (and may answer other open proposals addressed to it); nobody moves anew.
  const answers = after.slice(1);
  expect(answers.map((r) => [r.actor, r.input.type])).toContainEqual(["KP", "respond_proposal"]);
  for (const r of answers) expect(["respond_proposal", "vote_un_draft"]).toContain(r.input.type);
  expect(us.latest().phase).toBe("diplomacy");
});

test("before the start no bot plays, and a human alone being ready starts the game", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "Sam", power: "US", bots: ["KP"] }));
  const code = us.seat.code;
  await until(() => us.room.state.seats.get("KP")?.bot === true);
  expect(us.room.state.started).toBe(false);
  expect(await server().store.inputs(code)).toEqual([]);
  expect(await us.room.request("ready", { ready: true })).toEqual({ ok: true });
  await until(() => us.room.state.started === true);
  await until(() =>
    POWERS.filter((p) => p !== "US").every((p) => us.room.state.seats.get(p)?.ready === true),
  );
  expect(us.latest().phase).toBe("diplomacy");
});
