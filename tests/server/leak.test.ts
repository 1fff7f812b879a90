/**
 * What every seat actually receives. Seeded full games with all five powers, Control and an
 * observer connected; the seats play through the protocol with the simple bot. Afterwards the log
 * is replayed through the engine and every view a seat received must be exactly `viewFor` of some
 * state of the game, for that seat, in order — anything extra (another seat's orders before
 * resolution, another power's achieved enforcement, illicit flows it has not detected…) fails.
 * Chat must reach only channel members; the synchronised room state must hold public facts only.
 *
 * Matching `viewFor` alone would pass a leak inside `viewFor`, so two checks do not rest on it:
 * every power's orders carry a free-form argument with a unique nonce, and no connection's raw
 * messages (of any type) may contain another power's nonce; and the states the received views
 * matched are put through the non-interference check (tests/support/noninterference.ts) for that
 * seat: every leaf the seat may not know is changed and its view must not move.
 */
import { expect, test } from "vitest";
import { simpleBot } from "../../shared/bots/simple.js";
import {
  type Actor,
  type ChatMessage,
  canonicalJson,
  canUseChannel,
  type GameState,
  type Input,
  newGame,
  type PlayerView,
  POWERS,
  type Seat,
  step,
  viewFor,
} from "../../shared/index.js";
import { checkNonInterference } from "../support/noninterference.js";
import { connect, type Player, until, useTestServer } from "./helpers.js";

const server = useTestServer();

const ROOM_STATE_KEYS = [
  "code",
  "started",
  "phase",
  "round",
  "maxRounds",
  "deadline",
  "paused",
  "pausedRemaining",
  "hasControl",
  "observers",
  "advisor",
  "seats",
];

/** Nonces in each power's accepted free-form arguments: secret from every other power and observers. */
type Nonces = Map<string, (typeof POWERS)[number]>;

async function playSeat(p: Player, nonces: Nonces, salt: number): Promise<void> {
  const view = p.latest();
  if (!POWERS.includes(view.seat as never) || view.phase === "ended") return;
  const power = view.seat as (typeof POWERS)[number];
  for (const input of simpleBot(view, power, "pragmatist")) {
    if (input.type === "submit_orders") {
      const nonce = `nonce-${salt}-${power}-${view.round}-${Math.random().toString(36).slice(2, 10)}`;
      const actions = [...input.orders.actions, { type: "matrix_action", text: nonce }];
      const reply = (await p.room.request("orders", { actions })) as { ok: boolean };
      if (reply.ok) nonces.set(nonce, power);
      else await p.room.request("orders", input.orders);
    } else await p.room.request("act", input);
  }
}

test.each([11, 12])(
  "seed %i: every seat receives exactly its own view, nothing more",
  async (salt) => {
    const { sdk } = server().colyseus;
    const control = await connect(await sdk.create("game", { name: "Control", asControl: true, rounds: 4 }));
    const code = control.seat.code;
    const players: Player[] = [];
    for (const power of POWERS) players.push(await connect(await sdk.joinById(code, { name: power, power })));
    const observer = await connect(await sdk.joinById(code, { observer: true }));
    const everyone = [control, ...players, observer];
    // The bytes of every message each connection receives (strings travel as UTF-8 in msgpack).
    const raw = new Map<Player, string[]>(everyone.map((p) => [p, []]));
    for (const p of everyone) {
      const events = p.room.connection.events;
      const deliver = events.onmessage!;
      events.onmessage = (e: MessageEvent) => {
        raw.get(p)!.push(Buffer.from(e.data as ArrayBuffer).toString("utf8"));
        deliver(e);
      };
    }
    const nonces: Nonces = new Map();
    const chats = new Map<Player, ChatMessage[]>(everyone.map((p) => [p, []]));
    for (const p of everyone) p.room.onMessage("chat", (m: ChatMessage) => chats.get(p)!.push(m));

    await control.room.request("control", { command: "start" });
    for (let guard = 0; guard < 40; guard++) {
      const v = control.latest();
      if (v.phase === "ended") break;
      for (const p of players) await playSeat(p, nonces, salt);
      // Each power talks in public and to its neighbour; both must reach only the members.
      const [a, b] = [players[(v.round + salt) % 5]!, players[(v.round + salt + 1) % 5]!];
      const pair = [a.seat.power!, b.seat.power!].sort().join("-");
      await a.room.request("chat", { channel: pair, text: `r${v.round} ${v.phase} private` });
      await a.room.request("chat", { channel: "public", text: `r${v.round} ${v.phase} public` });
      const before = `${v.round}:${v.phase}`;
      await control.room.request("control", { command: "advance" });
      await until(() => `${control.latest().round}:${control.latest().phase}` !== before);
      // Let every seat's latest view arrive before the next phase is played.
      await until(() =>
        everyone.every(
          (p) => p.latest().round === control.latest().round && p.latest().phase === control.latest().phase,
        ),
      );
    }
    expect(control.latest().phase).toBe("ended");

    // Replay the log: the states the game went through.
    const row = (await server().store.getGame(code))!;
    let state: GameState = newGame({ gameId: code, seed: row.seed, maxRounds: 4 });
    const states: GameState[] = [state];
    for (const e of await server().store.inputs(code)) {
      const r = step(state, e.actor as Actor, e.input as Input);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      state = r.value;
      states.push(state);
    }

    // No connection received another power's nonce, in any message; Control received them all.
    expect(nonces.size).toBeGreaterThanOrEqual(POWERS.length);
    for (const p of everyone) {
      const seat: Seat = p.seat.seat;
      // The raw frames (state patches, chat, small views) and every view message decoded: a large
      // one travels deflated, so its text is not in the raw bytes.
      const all = [...raw.get(p)!, ...p.viewMessages].join("\n");
      for (const [nonce, owner] of nonces) {
        if (seat === "CONTROL" || seat === owner) expect(all, `${seat} lacks its ${nonce}`).toContain(nonce);
        else expect(all, `${seat} received ${owner}'s ${nonce}`).not.toContain(nonce);
      }
    }

    const checkedStates = new Map<Seat, Set<number>>();
    for (const p of everyone) {
      const seat: Seat = p.seat.seat;
      const matched = new Set<number>();
      checkedStates.set(seat, matched);
      let at = 0;
      for (const received of p.views) {
        expect(received.seat).toBe(seat);
        const want = canonicalJson(received);
        let found = -1;
        for (let i = at; i < states.length; i++) {
          if (canonicalJson(viewFor(states[i]!, seat) as PlayerView) === want) {
            found = i;
            break;
          }
        }
        expect(
          found,
          `${seat} received a view that is not viewFor(state, ${seat}) of any later state`,
        ).toBeGreaterThanOrEqual(0);
        at = found;
        matched.add(found);
      }
      for (const m of chats.get(p)!)
        expect(canUseChannel(seat, m.channel).read, `${seat} got ${m.channel}`).toBe(true);
      expect(Object.keys(p.room.state.toJSON()).sort()).toEqual([...ROOM_STATE_KEYS].sort());
    }
    // What the seats received carries nothing they may not know: the last state of each phase a
    // seat was shown passes the non-interference check for that seat.
    for (const [seat, matched] of checkedStates) {
      const lastOfPhase = new Map<string, number>();
      for (const i of [...matched].sort((a, b) => a - b))
        lastOfPhase.set(`${states[i]!.round}:${states[i]!.phase}`, i);
      for (const i of lastOfPhase.values()) {
        const { checked, leaks } = checkNonInterference(states[i]!, viewFor, [seat]);
        expect(leaks, `${seat} at state ${i}`).toEqual([]);
        if (seat !== "CONTROL") expect(checked).toBeGreaterThan(0);
      }
    }
    // Each private message reached exactly its two members and Control.
    const privateOnes = chats.get(control)!.filter((m) => m.channel !== "public");
    expect(privateOnes.length).toBeGreaterThan(0);
    for (const m of privateOnes) {
      const holders = everyone
        .filter((p) => chats.get(p)!.some((x) => x.id === m.id))
        .map((p) => p.seat.seat);
      expect(holders.sort()).toEqual(["CONTROL", ...m.channel.split("-")].sort());
    }
  },
  60_000,
);
