/**
 * Chat by value: a message as it is delivered and stored (number, channel, sender's seat and name,
 * round, time), Control's broadcast (public, from Control, in the control log too), who may post
 * where (Control only in public, observers nowhere, a muted seat not at all), and the history a
 * joining seat reads, filtered like the live messages.
 */
import { expect, test } from "vitest";
import type { ChatMessage } from "../../shared/index.js";
import { around, cmd, expectWithin, refusedAs } from "../support/roomProbe.js";
import { connect, type Player, until, useTestServer } from "./helpers.js";

const server = useTestServer();

function inbox(p: Player): ChatMessage[] {
  const got: ChatMessage[] = [];
  p.room.onMessage("chat", (m: ChatMessage) => got.push(m));
  return got;
}

test("a message arrives and is stored with its number, channel, seat, name, round and time", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(
    await sdk.create("game", { name: "White cell", asControl: true, fillWithBots: false }),
  );
  const code = control.seat.code;
  const cn = await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));
  const us = await connect(await sdk.joinById(code, { name: "Sam", power: "US" }));
  const kp = await connect(await sdk.joinById(code, { name: "Kim", power: "KP" }));
  const box = { control: inbox(control), cn: inbox(cn), us: inbox(us), kp: inbox(kp) };
  expect(await cmd(control, { command: "start" })).toEqual({ ok: true });
  expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
  expect(await cmd(control, { command: "advance" })).toEqual({ ok: true });
  await until(() => cn.latest().round === 2);

  const sent = await around(() => cn.room.request("chat", { channel: "CN-US", text: "Coal, quietly." }));
  expect(sent.value).toEqual({ ok: true });
  const broadcast = await around(() => cmd(control, { command: "broadcast", text: "Ten minutes left." }));
  expect(broadcast.value).toEqual({ ok: true });
  await until(() => box.us.length === 2 && box.kp.length === 1 && box.control.length === 2);

  const first = box.us[0]!;
  expect(first).toMatchObject({
    id: 0,
    channel: "CN-US",
    from: "CN",
    name: "Li",
    text: "Coal, quietly.",
    round: 2,
  });
  expectWithin(first.at, sent.before, sent.after, "sent at");
  const second = box.us[1]!;
  expect(second).toMatchObject({ id: 1, channel: "public", from: "CONTROL", name: "Control", round: 2 });
  expectWithin(second.at, broadcast.before, broadcast.after, "broadcast at");
  expect(box.kp).toEqual([second]);
  expect(box.control).toEqual([first, second]);
  expect(box.cn).toEqual([first, second]);

  // Stored as delivered; the broadcast is in Control's log too.
  expect(await server().store.messages(code)).toEqual([first, second]);
  expect((await server().store.controlLog(code)).map((r) => r.command)).toContainEqual({
    command: "broadcast",
    text: "Ten minutes left.",
  });
});

test("who may post where: Control only in public, observers nowhere, a muted seat nowhere; nothing refused is kept", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(await sdk.create("game", { asControl: true, fillWithBots: false }));
  const code = control.seat.code;
  const cn = await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));
  const us = await connect(await sdk.joinById(code, { name: "Sam", power: "US" }));
  const obs = await connect(await sdk.joinById(code, { observer: true }));
  const seen = inbox(obs);

  // (The game has not started: chat works before the start.)
  expect(await control.room.request("chat", { channel: "CN-US", text: "psst" })).toMatchObject(
    refusedAs("not_party"),
  );
  expect(await obs.room.request("chat", { channel: "public", text: "hi" })).toMatchObject(
    refusedAs("not_party"),
  );
  expect(await us.room.request("chat", { channel: "CN-KP", text: "hi" })).toMatchObject(
    refusedAs("not_party"),
  );
  expect(await cmd(control, { command: "mute", power: "CN", on: true })).toEqual({ ok: true });
  expect(await cn.room.request("chat", { channel: "public", text: "hi" })).toMatchObject(refusedAs("muted"));
  expect(await cn.room.request("chat", { channel: "CN-US", text: "hi" })).toMatchObject(refusedAs("muted"));
  // Muting one seat leaves the others (and Control) their voice.
  expect(await us.room.request("chat", { channel: "public", text: "still here" })).toEqual({ ok: true });
  expect(await control.room.request("chat", { channel: "public", text: "noted" })).toEqual({ ok: true });
  await until(() => seen.length === 2);
  expect(seen.map((m) => [m.id, m.from, m.text])).toEqual([
    [0, "US", "still here"],
    [1, "CONTROL", "noted"],
  ]);
  expect((await server().store.messages(code)).map((m) => m.text)).toEqual(["still here", "noted"]);
});

test("a joining seat reads the history of its own channels only; Control reads all of it", async () => {
  const { sdk } = server().colyseus;
  const control = await connect(await sdk.create("game", { asControl: true, fillWithBots: false }));
  const code = control.seat.code;
  const cn = await connect(await sdk.joinById(code, { name: "Li", power: "CN" }));
  const us = await connect(await sdk.joinById(code, { name: "Sam", power: "US" }));
  expect(await cn.room.request("chat", { channel: "CN-US", text: "private" })).toEqual({ ok: true });
  expect(await us.room.request("chat", { channel: "public", text: "public" })).toEqual({ ok: true });
  expect(await cn.room.request("chat", { channel: "CN-KP", text: "other" })).toEqual({ ok: true });

  const historyOf = async (opts: Record<string, unknown>): Promise<string[]> => {
    const room = await sdk.joinById(code, opts);
    const h = await new Promise<{ messages: ChatMessage[] }>((resolve) =>
      room.onMessage("chat_history", resolve),
    );
    for (const t of ["seat", "view", "view_delta", "chat"]) room.onMessage(t, () => {});
    return h.messages.map((m) => m.text);
  };
  expect(await historyOf({ observer: true })).toEqual(["public"]);
  expect(await historyOf({ name: "Kim", power: "KP" })).toEqual(["public", "other"]);
  expect(await historyOf({ token: us.seat.token })).toEqual(["private", "public"]);
  expect(await historyOf({ controlToken: control.seat.controlToken })).toEqual([
    "private",
    "public",
    "other",
  ]);
});
