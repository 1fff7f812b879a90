/**
 * A branch by what it stores: exactly the source's inputs before the chosen round, in order and
 * numbered from 0, with the source's seed (so its rounds come out as they did), and nothing after.
 */
import { expect, test } from "vitest";
import { cmd } from "../support/roomProbe.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

test("a branch from round 3 holds exactly the source's inputs of rounds 1 and 2, numbered from 0", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(
    await sdk.create("game", { asControl: true, rounds: 6, fillWithBots: false }),
  );
  const code = control.seat.code;
  const kp = await connect(await sdk.joinById(code, { name: "Kim", power: "KP" }));
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  // Each round different, so a branch holding the wrong rounds cannot look right.
  const plays = [[{ type: "missile_test" }], [], [{ type: "missile_test" }]];
  for (const [i, actions] of plays.entries()) {
    expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
    expect(await kp.room.request("orders", { actions })).toEqual({ ok: true });
    expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
    await until(() => control.latest().round === i + 2);
  }
  const source = await server().store.inputs(code);
  expect(new Set(source.map((r) => r.round))).toEqual(new Set([1, 2, 3]));

  const r = await fetch(`${server().base}/api/games/${code}/branch`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ key: control.seat.controlToken, round: 3 }),
  });
  expect(r.status).toBe(200);
  const made = (await r.json()) as { code: string };
  const copied = await server().store.inputs(made.code);
  const expected = source.filter((row) => row.round < 3);
  expect(copied.map(({ seq, actor, input, round, phase }) => ({ seq, actor, input, round, phase }))).toEqual(
    expected.map(({ actor, input, round, phase }, i) => ({ seq: i, actor, input, round, phase })),
  );
  expect((await server().store.getGame(made.code))?.seed).toBe((await server().store.getGame(code))?.seed);
  const bc = await connect(await sdk.joinById(made.code, { observer: true }));
  expect(bc.latest()).toMatchObject({ round: 3, phase: "diplomacy" });
});
