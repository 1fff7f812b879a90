/** The record: Control exports everything (JSON, Markdown, CSV); a player exports only their own part. */
import { expect, test } from "vitest";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

test("Control's full record and a player's own export", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(
    await sdk.create("game", { asControl: true, rounds: 4, fillWithBots: false }),
  );
  const code = control.seat.code;
  const cn = await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));
  const us = await connect(await sdk.joinById(code, { name: "Sam", power: "US" }));
  await control.room.request("control", { command: "start" });
  expect(
    await control.room.request("act", {
      type: "control_inject",
      custom: {
        title: "Typhoon at Nampo",
        text: "A typhoon closes the port of Nampo.",
        effects: { crisis: 5 },
      },
    }),
  ).toEqual({ ok: true });
  await cn.room.request("chat", { channel: "CN-US", text: "We will look at the coal trade." });
  await us.room.request("chat", { channel: "public", text: "Statement follows." });
  await control.room.request("control", { command: "advance" });
  await until(() => cn.latest().phase === "orders");
  await cn.room.request("orders", {
    actions: [{ type: "set_enforcement", announced: 75, target: 40, rationale: "Look firm, move slowly." }],
  });
  await us.room.request("orders", { actions: [] });
  await control.room.request("control", { command: "advance" });
  await until(() => cn.latest().round === 2);

  const full = await fetch(`${server().base}/api/games/${code}/record?key=${control.seat.controlToken}`);
  expect(full.status).toBe(200);
  const rec = (await full.json()) as {
    inputs: { actor: string; rationale: string }[];
    messages: { text: string }[];
    rounds: { round: number; events: unknown[] }[];
    control: unknown[];
  };
  expect(rec.inputs.find((i) => i.actor === "CN")?.rationale).toContain("Look firm");
  expect(rec.messages.map((m) => m.text)).toEqual(["We will look at the coal trade.", "Statement follows."]);
  expect(rec.rounds.map((r) => r.round)).toEqual([1]);
  // Mid-phase events (an inject) are in the record as well as the resolution's.
  expect(JSON.stringify(rec.rounds[0]!.events)).toContain("Typhoon at Nampo");
  expect(rec.control.length).toBeGreaterThanOrEqual(3);

  const md = await (
    await fetch(`${server().base}/api/games/${code}/record?key=${control.seat.controlToken}&format=md`)
  ).text();
  expect(md).toContain(`# Pressure Point — record of game ${code}`);
  expect(md).toContain("## Round 1");
  expect(md).toContain("Look firm, move slowly.");
  const csv = await (
    await fetch(
      `${server().base}/api/games/${code}/record?key=${control.seat.controlToken}&format=csv&table=messages`,
    )
  ).text();
  expect(csv.split("\n")[0]).toBe("id,time,round,channel,from,name,text");
  expect(csv).toContain("We will look at the coal trade.");

  // The US player's own export: their own inputs and messages only, their own view.
  const mine = (await (
    await fetch(`${server().base}/api/games/${code}/record?key=${us.seat.token}`)
  ).json()) as {
    inputs: { actor: string }[];
    messages: { from: string }[];
    final: { seat: string };
    control: unknown[];
  };
  expect(mine.inputs.every((i) => i.actor === "US")).toBe(true);
  expect(mine.messages.map((m) => m.from)).toEqual(["US"]);
  expect(mine.final.seat).toBe("US");
  expect(mine.control).toEqual([]);
  expect(JSON.stringify(mine)).not.toContain("Look firm");

  // Wrong key or wrong format: a clear error, nothing else.
  expect((await fetch(`${server().base}/api/games/${code}/record?key=nope`)).status).toBe(404);
  expect(
    (await fetch(`${server().base}/api/games/${code}/record?key=${us.seat.token}&format=pdf`)).status,
  ).toBe(400);
});
