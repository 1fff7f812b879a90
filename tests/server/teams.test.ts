/** A power's seat held by a team: several people, one set of orders, a channel of their own. */
import { expect, test } from "vitest";
import type { ChatMessage } from "../../shared/index.js";
import { connect, type Player, until, useTestServer } from "./helpers.js";

const server = useTestServer();

test("three people hold the US seat together; a fourth is turned away; the team shares orders and a channel", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(
    await sdk.create("game", { asControl: true, teamSize: 3, fillWithBots: false }),
  );
  const code = control.seat.code;
  const team: Player[] = [];
  for (const name of ["Ana", "Ben", "Cy"])
    team.push(await connect(await sdk.joinById(code, { name, power: "US" })));
  expect(team.map((m) => m.seat.power)).toEqual(["US", "US", "US"]);
  expect(new Set(team.map((m) => m.seat.token)).size).toBe(3);
  await expect(sdk.joinById(code, { name: "Dee", power: "US" })).rejects.toThrow(/seat_taken/);
  const cn = await connect(await sdk.joinById(code, { name: "Li" }));
  expect(cn.seat.power).toBe("CN"); // auto-assignment fills empty seats first
  await until(() => control.room.state.seats.get("US")?.name === "Ana, Ben, Cy");

  const heard: ChatMessage[][] = [[], [], [], []];
  for (const [i, p] of [...team, cn].entries())
    p.room.onMessage("chat", (m: ChatMessage) => heard[i]!.push(m));
  expect(
    await team[0]!.room.request("chat", { channel: "US", text: "Draft: hold the line on coal." }),
  ).toEqual({ ok: true });
  expect(await cn.room.request("chat", { channel: "US", text: "let me in" })).toMatchObject({ ok: false });
  await until(() => heard[2]!.length === 1);
  expect(heard[3]).toEqual([]);

  await control.room.request("control", { command: "start" });
  await control.room.request("control", { command: "advance" });
  await until(() => team[2]!.latest().phase === "orders");
  // One member submits; every member sees the team's orders; another revises them.
  await team[1]!.room.request("orders", {
    actions: [{ type: "set_enforcement", announced: 90, target: 85 }],
  });
  await until(() => team.every((m) => m.latest().orders.US?.actions.length === 1));
  await team[2]!.room.request("orders", { actions: [] });
  await until(() => team[0]!.latest().orders.US?.actions.length === 0);

  // The seat stays connected while any member is.
  await team[0]!.room.leave(true);
  await team[1]!.room.leave(true);
  await until(() => control.room.state.seats.get("US")?.name === "Ana, Ben, Cy");
  expect(control.room.state.seats.get("US")?.connected).toBe(true);
  await team[2]!.room.leave(true);
  await until(() => control.room.state.seats.get("US")?.connected === false);
});
