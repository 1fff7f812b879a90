/**
 * Views on the wire (server/rooms/views.ts, shared/viewReplica.ts): a whole bot game played through
 * the server, every seat connected (two observers share one seat). After every step — each input,
 * each phase Control advances — every connection's view, rebuilt from the full view it got on
 * joining and the deltas since, must be exactly `viewFor` of the room's game for its seat. Deltas
 * only ever append to the events list. A client that misses a delta asks for the whole view again
 * and is back in step.
 */
import type { Room as SDKRoom } from "@colyseus/sdk";
import { expect, test } from "vitest";
import { viewDelta } from "../../server/rooms/views.js";
import { simpleBot } from "../../shared/bots/simple.js";
import {
  decodeViewMessage,
  type GameState,
  isPower,
  newGame,
  POWERS,
  type Seat,
  step,
  type ViewDeltaMessage,
  ViewReplica,
  viewFor,
} from "../../shared/index.js";
import { until, useTestServer } from "./helpers.js";

const server = useTestServer();

interface Conn {
  room: SDKRoom;
  replica: ViewReplica;
  deltas: ViewDeltaMessage[];
  /** Deltas that came as deflated bytes (the large ones). */
  deflated: number;
  fulls: number;
  /** Drop the next delta, as if it had been lost. */
  dropNext: boolean;
  /** Dropped one and has not had a full view since (it notices at the next delta). */
  behind: boolean;
}

function attach(room: SDKRoom): Conn {
  const conn: Conn = {
    room,
    replica: new ViewReplica(),
    deltas: [],
    deflated: 0,
    fulls: 0,
    dropNext: false,
    behind: false,
  };
  room.onMessage("seat", () => {});
  room.onMessage("chat_history", () => {});
  room.onMessage("chat", () => {});
  room.onMessage("view", (m: unknown) => {
    if (conn.replica.full(m)) {
      conn.fulls++;
      conn.behind = false;
    }
  });
  room.onMessage("view_delta", (m: unknown) => {
    if (conn.dropNext) {
      conn.dropNext = false;
      conn.behind = true;
      return;
    }
    if (m instanceof Uint8Array) conn.deflated++;
    conn.deltas.push(decodeViewMessage(m) as ViewDeltaMessage);
    if (conn.replica.delta(m) === "resync") void room.request("resync", {});
  });
  return conn;
}

/** What the room holds (private fields, read for the oracle). */
interface RoomInside {
  game: GameState;
  views: { sent: Map<Seat, { seq: number }> };
}

test("every seat's rebuilt view is viewFor after every step of a whole bot game", async () => {
  const { sdk } = server().colyseus;
  const control = attach(await sdk.create("game", { name: "Control", asControl: true, rounds: 6 }));
  await until(() => control.replica.view !== null);
  const code = control.room.roomId;
  const players = new Map<(typeof POWERS)[number], Conn>();
  for (const power of POWERS) players.set(power, attach(await sdk.joinById(code, { name: power, power })));
  const observers = [
    attach(await sdk.joinById(code, { observer: true })),
    attach(await sdk.joinById(code, { observer: true })),
  ];
  const everyone = [control, ...players.values(), ...observers];
  const inside = server().colyseus.getRoomById(code) as unknown as RoomInside;

  let steps = 0;
  /**
   * Waits until every connection has its seat's latest number, then compares with viewFor (a
   * connection that lost a delta cannot know it before the next one comes: it is left out until
   * its full view has come back).
   */
  const check = async () => {
    steps++;
    await until(() =>
      everyone.every((c) => {
        const seat = c.replica.view?.seat as Seat | undefined;
        return c.behind || (seat !== undefined && c.replica.seq === inside.views.sent.get(seat)?.seq);
      }),
    );
    for (const c of everyone.filter((x) => !x.behind)) {
      const seat = c.replica.view!.seat;
      expect(c.replica.view, `${seat} after step ${steps}`).toEqual(viewFor(inside.game, seat));
    }
  };
  await check();

  await control.room.request("control", { command: "start" });
  for (let guard = 0; guard < 40 && inside.game.phase !== "ended"; guard++) {
    for (const [power, conn] of players) {
      for (const input of simpleBot(conn.replica.view!, power)) {
        if (input.type === "submit_orders") await conn.room.request("orders", input.orders);
        else await conn.room.request("act", input);
        await check();
      }
    }
    // One observer misses a delta mid-game: it must ask for the whole view and be in step again.
    if (inside.game.round === 3 && inside.game.phase === "diplomacy") observers[1]!.dropNext = true;
    await control.room.request("control", { command: "advance" });
    await check();
  }
  expect(inside.game.phase).toBe("ended");
  expect(observers[1]!.behind).toBe(false);
  expect(steps).toBeGreaterThan(30);

  // Two connections of one seat got the same deltas; the one that lost one got a second full view.
  const [a, b] = observers;
  expect(a!.fulls).toBe(1);
  expect(b!.fulls).toBe(2);
  expect(a!.deltas.length).toBe(b!.deltas.length + 1);
  expect(a!.deltas.at(-1)).toEqual(b!.deltas.at(-1));
  // The large deltas (a resolution's) came deflated, and were applied like the others.
  expect(control.deflated).toBeGreaterThan(0);

  // The logs are appended to, or replaced whole when a resolution starts them afresh: never diffed
  // item by item, and no item is sent twice.
  for (const c of everyone) {
    for (const log of ["events", "explanations"]) {
      let length = 0;
      let appended = 0;
      for (const d of c.deltas) {
        for (const op of d.ops) {
          if (op.path !== `/${log}` && !op.path.startsWith(`/${log}/`)) continue;
          const where = `${c.replica.view!.seat} ${log}: ${JSON.stringify(op).slice(0, 120)}`;
          if (op.path === `/${log}`) {
            expect(op.op, where).toBe("replace");
            length = (op as { value: unknown[] }).value.length;
          } else {
            expect(op, where).toMatchObject({ op: "add", path: `/${log}/${length}` });
            length++;
            appended++;
          }
        }
      }
      if (log === "events") expect(appended).toBeGreaterThan(0);
    }
    if (isPower(c.replica.view!.seat)) expect(c.fulls).toBe(1);
  }
}, 120_000);

test("a log re-rendered as equal copies (other rooms' views in between) is still sent as an append", () => {
  let state = newGame({ gameId: "LOG", seed: 5, maxRounds: 4 });
  for (let i = 0; i < 3; i++) {
    const r = step(state, "SYSTEM", { type: "advance_phase" });
    if (r.ok) state = r.value;
  }
  const last = viewFor(state, "US");
  expect(last.events.length).toBeGreaterThan(0);
  const added = { ...last.events[0]!, text: "one more" };
  const now = { ...structuredClone(last), events: [...structuredClone(last.events), added] };
  expect(viewDelta(last, now)).toEqual([{ op: "add", path: `/events/${last.events.length}`, value: added }]);
});
