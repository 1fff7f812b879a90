/** Proposals, agreements and UN votes travel through the room as engine inputs ("act"). */
import { expect, test } from "vitest";
import type { Reply } from "../../shared/index.js";
import { publicHost, TESTS_FOR_A_SUMMIT } from "../support/roomProbe.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

test("a proposal reaches only its parties, acceptance makes a public agreement; a UN draft is voted", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "US", power: "US", fillWithBots: false }));
  const code = us.seat.code;
  const kp = await connect(await sdk.joinById(code, { name: "KP", power: "KP" }));
  const cn = await connect(await sdk.joinById(code, { name: "CN", power: "CN" }));
  expect(await us.room.request("control", { command: "start" })).toEqual({ ok: true });

  const proposed: Reply = await us.room.request("act", TESTS_FOR_A_SUMMIT);
  expect(proposed).toEqual({ ok: true });
  await until(() => kp.latest().proposals.length === 1);
  expect(cn.latest().proposals).toEqual([]);
  const id = kp.latest().proposals[0]!.id;

  // Someone who is not a party cannot answer; a party can.
  expect(await cn.room.request("act", { type: "respond_proposal", id, accept: true })).toMatchObject({
    ok: false,
  });
  expect(await kp.room.request("act", { type: "respond_proposal", id, accept: true })).toEqual({ ok: true });
  await until(() => cn.latest().agreements.length === 1);

  // A UN draft: the US tables it, China votes.
  expect(
    await us.room.request("act", { type: "table_un_draft", groups: ["minerals"], strength: 80 }),
  ).toEqual({ ok: true });
  await until(() => cn.latest().drafts.length === 1);
  const draft = cn.latest().drafts[0]!.id;
  expect(await cn.room.request("act", { type: "vote_un_draft", id: draft, vote: "no" })).toEqual({
    ok: true,
  });

  // Players cannot send the clock's or Control's inputs through "act".
  expect(await us.room.request("act", { type: "advance_phase" })).toMatchObject({
    ok: false,
    error: { code: "control_only" },
  });
  const override: Reply = await us.room.request("act", {
    type: "control_override",
    index: "crisis",
    value: 0,
    reason: "a player trying Control's override",
  });
  expect(override).toMatchObject({ ok: false, error: { code: "control_only" } });
  expect((await server().store.inputs(code)).map((e) => e.input.type)).toEqual([
    "propose",
    "respond_proposal",
    "table_un_draft",
    "vote_un_draft",
  ]);
});

test("quick match: play now joins an open public game or creates one; a full table starts with no bots", async () => {
  const { sdk } = server().colyseus;
  const a = await connect(await sdk.joinOrCreate("quick", { name: "A" }));
  const b = await connect(await sdk.joinOrCreate("quick", { name: "B" }));
  expect(b.seat.code).toBe(a.seat.code);
  const lobby = (await (await fetch(`${server().base}/api/lobby`)).json()) as {
    games: { code: string }[];
  };
  expect(lobby.games.map((g) => g.code)).toContain(a.seat.code);
  // A private game is never listed.
  const hidden = await connect(await sdk.create("game", { name: "C" }));
  const lobby2 = (await (await fetch(`${server().base}/api/lobby`)).json()) as {
    games: { code: string }[];
  };
  expect(lobby2.games.map((g) => g.code)).not.toContain(hidden.seat.code);
  // Three more players fill the table: it starts at once with no bots.
  for (const n of ["C", "D", "E"]) await connect(await sdk.joinOrCreate("quick", { name: n }));
  await until(() => a.room.state.started === true);
  expect([...a.room.state.seats.values()].filter((s) => s.bot)).toHaveLength(0);
  // The next player gets a new table.
  const f = await connect(await sdk.joinOrCreate("quick", { name: "F" }));
  expect(f.seat.code).not.toBe(a.seat.code);
});

test("a public table with empty seats: nothing before the wait, then bots fill them and it starts", async () => {
  const host = await publicHost(server(), 2);
  // Before the wait is over: one human, four empty seats, not started.
  expect(host.room.state.started).toBe(false);
  const before = [...host.room.state.seats.values()];
  expect(before.filter((s) => s.bot)).toEqual([]);
  expect(before.filter((s) => s.connected).map((s) => s.power)).toEqual(["US"]);
  await until(() => host.room.state.started === true, 10_000);
  const seats = [...host.room.state.seats.values()];
  expect(
    seats
      .filter((s) => s.bot)
      .map((s) => s.power)
      .sort(),
  ).toEqual(["CN", "KP", "KR", "RU"]);
  expect(seats.find((s) => s.power === "US")?.bot).toBe(false);
});

test("bots answer a human's proposal and vote on a human's draft within the same phase", async () => {
  const { sdk } = server().colyseus;
  const us = await connect(await sdk.create("game", { name: "US", power: "US" }));
  expect(await us.room.request("control", { command: "start" })).toEqual({ ok: true });
  await until(() => us.room.state.seats.get("KP")?.bot === true);
  const asked: Reply = await us.room.request("act", TESTS_FOR_A_SUMMIT);
  expect(asked).toEqual({ ok: true });
  await until(() => us.latest().proposals.some((p) => p.from === "US" && p.status !== "open"));
  expect(
    await us.room.request("act", { type: "table_un_draft", groups: ["minerals"], strength: 60 }),
  ).toEqual({
    ok: true,
  });
  await until(() => {
    const mine = us.latest().drafts.find((d) => d.by === "US");
    return Boolean(mine && Object.keys(mine.votes).length >= 2);
  });
  expect(us.latest().phase).toBe("diplomacy");
});
