/** Branching: restart a game from an earlier round — same seed, same inputs up to there — and play on. */
import { expect, test } from "vitest";
import type { Reply } from "../../shared/index.js";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

async function branch(code: string, body: unknown): Promise<Response> {
  return fetch(`${server().base}/api/games/${code}/branch`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

test("Control branches from round 2: the branch starts where the game stood then, and goes its own way", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(
    await sdk.create("game", { asControl: true, rounds: 6, fillWithBots: false }),
  );
  const code = control.seat.code;
  const kp = await connect(await sdk.joinById(code, { name: "Kim", power: "KP" }));
  const ok = async (p: Promise<Reply>) => expect(await p).toEqual({ ok: true });
  await ok(control.room.request("control", { command: "start" }));
  for (let round = 1; round <= 2; round++) {
    await ok(control.room.request("control", { command: "advance" }));
    await ok(kp.room.request("orders", { actions: [{ type: "missile_test" }] }));
    await ok(control.room.request("control", { command: "advance" }));
    await until(() => control.latest().round === round + 1);
  }
  const atRound2 = control.views.find((v) => v.round === 2 && v.phase === "diplomacy")!;

  const r = await branch(code, { key: control.seat.controlToken, round: 2 });
  expect(r.status).toBe(200);
  const made = (await r.json()) as { code: string; controlToken: string };
  expect(made.code).not.toBe(code);
  const bc = await connect(await sdk.joinById(made.code, { controlToken: made.controlToken }));
  expect(bc.seat.seat).toBe("CONTROL");
  const v = bc.latest();
  expect(v.round).toBe(2);
  expect(v.phase).toBe("diplomacy");
  expect(v.programme).toEqual(atRound2.programme);
  expect(v.crisis).toBe(atRound2.crisis);
  expect(v.events).toEqual(atRound2.events);

  // Other choices from there: the branch resolves round 2 without a test.
  await ok(bc.room.request("control", { command: "start" }));
  await ok(bc.room.request("control", { command: "advance" }));
  await ok(bc.room.request("control", { command: "advance" }));
  await until(() => bc.latest().round === 3);
  expect(bc.latest().programme.tests).toBe(atRound2.programme.tests);
  expect(control.latest().programme.tests).toBe(atRound2.programme.tests + 1);

  // Only Control may branch, and only to a round the game has reached.
  expect((await branch(code, { key: kp.seat.token, round: 1 })).status).toBe(404);
  expect((await branch(code, { key: control.seat.controlToken, round: 9 })).status).toBe(400);
  expect((await branch(code, { key: control.seat.controlToken })).status).toBe(400);
});

test("a branch keeps the same people in the same seats (their tokens carry over) and bots where bots were", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(
    await sdk.create("game", { asControl: true, rounds: 4, fillWithBots: true, bots: ["RU"] }),
  );
  const code = control.seat.code;
  const kp = await connect(await sdk.joinById(code, { name: "Kim", power: "KP" }));
  const us = await connect(await sdk.joinById(code, { name: "Sam", power: "US" }));
  const ok = async (p: Promise<Reply>) => expect(await p).toEqual({ ok: true });
  await ok(control.room.request("control", { command: "start" }));
  await ok(control.room.request("control", { command: "advance" }));
  await ok(control.room.request("control", { command: "advance" }));
  await until(() => control.latest().round === 2);

  const r = await branch(code, { key: control.seat.controlToken, round: 1 });
  expect(r.status).toBe(200);
  const made = (await r.json()) as {
    code: string;
    controlToken: string;
    invite: string;
    seats: { power: string; name: string; bot: boolean }[];
  };
  expect(made.invite).toBe(`?code=${made.code}&from=${code}`);
  const sitting = Object.fromEntries(made.seats.map((s) => [s.power, s.bot ? "bot" : s.name]));
  expect(sitting).toEqual({ KP: "Kim", US: "Sam", RU: "bot", CN: "bot", KR: "bot" });

  // Each player's own seat link (token) takes the same seat in the branch.
  const kp2 = await connect(await sdk.joinById(made.code, { token: kp.seat.token }));
  const us2 = await connect(await sdk.joinById(made.code, { token: us.seat.token }));
  expect([kp2.seat.seat, us2.seat.seat]).toEqual(["KP", "US"]);
  const bc = await connect(await sdk.joinById(made.code, { controlToken: made.controlToken }));
  await until(() => bc.room.state.seats.get("RU")?.bot === true);
  expect(bc.room.state.seats.get("KP")?.name).toBe("Kim");
  expect(bc.room.state.seats.get("KP")?.connected).toBe(true);
  // A stranger asking for a held seat is refused; the seat stays Kim's.
  await expect(sdk.joinById(made.code, { name: "Eve", power: "KP" })).rejects.toThrow(/seat_taken/);
  // Seats left open on request.
  const open = await branch(code, { key: control.seat.controlToken, round: 1, seats: false });
  expect(((await open.json()) as { seats: unknown[] }).seats).toEqual([]);
});
