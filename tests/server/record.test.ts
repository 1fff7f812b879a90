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
  // A message a spreadsheet would run as a formula.
  await us.room.request("chat", { channel: "public", text: '=HYPERLINK("http://x","y")' });
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
    replay: { round: number; orders: Record<string, unknown>; view: { round: number; seat: string } }[];
  };
  expect(rec.inputs.find((i) => i.actor === "CN")?.rationale).toContain("Look firm");
  expect(rec.messages.map((m) => m.text)).toEqual([
    "We will look at the coal trade.",
    "Statement follows.",
    '=HYPERLINK("http://x","y")',
  ]);
  // The replay: round 1's orders (every power's, for Control) and the table after its resolution.
  expect(rec.replay.map((r) => r.round)).toEqual([1]);
  expect(Object.keys(rec.replay[0]!.orders).sort()).toEqual(["CN", "US"]);
  expect(rec.replay[0]!.view.round).toBe(2);
  expect(rec.rounds.map((r) => r.round)).toEqual([1]);
  // Mid-phase events (an inject) are in the record as well as the resolution's.
  expect(JSON.stringify(rec.rounds[0]!.events)).toContain("Typhoon at Nampo");
  expect(rec.control.length).toBeGreaterThanOrEqual(3);

  // The readable report is the debrief's (client/debrief/report.ts); the server sends data.
  expect(
    (await fetch(`${server().base}/api/games/${code}/record?key=${control.seat.controlToken}&format=md`))
      .status,
  ).toBe(400);
  const bytes = new Uint8Array(
    await (
      await fetch(
        `${server().base}/api/games/${code}/record?key=${control.seat.controlToken}&format=csv&table=messages`,
      )
    ).arrayBuffer(),
  );
  // RFC 4180 with a byte-order mark (Excel reads UTF-8), and no formula a spreadsheet would run.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  expect(csv.startsWith("\uFEFFid,time,round,channel,from,name,text\r\n")).toBe(true);
  expect(csv).toContain("We will look at the coal trade.");
  expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);

  // The US player's own export: their own inputs and messages only, their own view.
  const mine = (await (
    await fetch(`${server().base}/api/games/${code}/record?key=${us.seat.token}`)
  ).json()) as {
    inputs: { actor: string }[];
    messages: { from: string }[];
    final: { seat: string };
    control: unknown[];
    replay: { orders: Record<string, unknown> }[];
  };
  expect(mine.inputs.every((i) => i.actor === "US")).toBe(true);
  expect(mine.messages.map((m) => m.from)).toEqual(["US", "US"]);
  // Before the game is over, a player's replay holds only their own orders.
  expect(Object.keys(mine.replay[0]!.orders)).toEqual(["US"]);
  expect(mine.final.seat).toBe("US");
  expect(mine.control).toEqual([]);
  expect(JSON.stringify(mine)).not.toContain("Look firm");

  // Wrong key or wrong format: a clear error, nothing else.
  expect((await fetch(`${server().base}/api/games/${code}/record?key=nope`)).status).toBe(404);
  expect(
    (await fetch(`${server().base}/api/games/${code}/record?key=${us.seat.token}&format=pdf`)).status,
  ).toBe(400);
});
