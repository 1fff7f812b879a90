/**
 * Control's commands by what they store and show: advancing stores the clock's input and the
 * command together; advancing a paused phase opens the next with its full clock running; Control
 * may act before the start while players may not; a game's host without Control holds the same
 * commands.
 */
import { expect, test } from "vitest";
import { around, cmd, controlTable, expectWithin, refusedAs } from "../support/roomProbe.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

const table = (opts: Record<string, unknown> = {}) =>
  controlTable(server(), { diplomacySeconds: 600, ordersSeconds: 200, ...opts });

test("advance stores the clock's input with the command; advancing a paused phase runs the next phase's full clock", async () => {
  const { control, cn, code } = await table();
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  expect(await cmd(control, { command: "pause" })).toEqual({ ok: true });
  await until(() => cn.room.state.paused === true);
  const r = await around(() => cmd(control, { command: "advance" }));
  expect(r.value).toEqual({ ok: true });
  await until(() => cn.room.state.phase === "orders" && cn.room.state.paused === false);
  expect(cn.room.state.pausedRemaining).toBe(0);
  expectWithin(cn.room.state.deadline, r.before + 200_000, r.after + 200_000, "orders deadline");
  expect(await server().store.getGame(code)).toMatchObject({
    deadline: cn.room.state.deadline,
    pausedRemaining: 0,
  });
  expect(
    (await server().store.inputs(code)).map((i) => [i.seq, i.actor, i.input.type, i.phase, i.round]),
  ).toEqual([[0, "SYSTEM", "advance_phase", "diplomacy", 1]]);
  expect((await server().store.controlLog(code)).map((c) => c.command)).toEqual([
    { command: "start" },
    { command: "pause" },
    { command: "advance" },
  ]);
  // A refused command is not logged.
  expect(await cmd(control, { command: "resume" })).toMatchObject(refusedAs("wrong_phase"));
  expect(await server().store.controlLog(code)).toHaveLength(3);
});

test("Control may act before the start; a player may not", async () => {
  const { control, cn, code } = await table();
  const override = { type: "control_override", index: "crisis", value: 40, reason: "Scenario setup" };
  expect(await cn.room.request("act", override)).toMatchObject(refusedAs("wrong_phase"));
  expect(await control.room.request("act", override)).toEqual({ ok: true });
  expect((await server().store.inputs(code)).map((i) => [i.actor, i.input.type])).toEqual([
    ["CONTROL", "control_override"],
  ]);
  expect(cn.room.state.started).toBe(false);
});

test("the host of a game without Control holds Control's commands; nobody else does", async () => {
  const { sdk } = server().colyseus;
  const host = await connect(await sdk.create("game", { name: "Sam", power: "US", fillWithBots: false }));
  const kr = await connect(await sdk.joinById(host.seat.code, { name: "Seo", power: "KR" }));
  expect(host.room.state.hasControl).toBe(false);
  for (const c of [{ command: "start" }, { command: "pause" }, { command: "broadcast", text: "hi" }])
    expect(await cmd(kr, c)).toMatchObject(refusedAs("control_only"));
  expect(await cmd(host, { command: "start" })).toEqual({ ok: true });
  expect(await cmd(host, { command: "pause" })).toEqual({ ok: true });
  expect(await cmd(host, { command: "resume" })).toEqual({ ok: true });
  expect(await cmd(host, { command: "broadcast", text: "hi" })).toEqual({ ok: true });
  expect((await server().store.messages(host.seat.code)).map((m) => [m.from, m.name])).toEqual([
    ["CONTROL", "Control"],
  ]);
});

test("a creator who joins to watch is the host all the same; an observer asking for a power still watches", async () => {
  const { sdk } = server().colyseus;
  const host = await connect(
    await sdk.create("game", { name: "Teacher", observer: true, fillWithBots: false }),
  );
  expect(host.seat).toMatchObject({ seat: "OBSERVER", power: null, host: true });
  const watcher = await connect(await sdk.joinById(host.seat.code, { observer: true, power: "CN" }));
  expect(watcher.seat).toMatchObject({ seat: "OBSERVER", power: null, host: false });
  expect(await cmd(watcher, { command: "start" })).toMatchObject(refusedAs("control_only"));
  expect(await cmd(host, { command: "start" })).toEqual({ ok: true });
  await until(() => host.room.state.started === true);
  expect(host.room.state.seats.get("CN")?.name).toBe("");
});
