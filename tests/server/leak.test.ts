/**
 * What every seat actually receives. Seeded full games with all five powers, Control and an
 * observer connected; the seats play through the protocol with the simple bot. Afterwards the log
 * is replayed through the engine and every view a seat received must be exactly `viewFor` of some
 * state of the game, for that seat, in order — anything extra (another seat's orders before
 * resolution, another power's achieved enforcement, illicit flows it has not detected…) fails.
 * Chat must reach only channel members; the synchronised room state must hold public facts only.
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

async function playSeat(p: Player): Promise<void> {
  const view = p.latest();
  if (!POWERS.includes(view.seat as never) || view.phase === "ended") return;
  const power = view.seat as (typeof POWERS)[number];
  for (const input of simpleBot(view, power, "pragmatist")) {
    if (input.type === "submit_orders") await p.room.request("orders", input.orders);
    else await p.room.request("act", input);
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
    const chats = new Map<Player, ChatMessage[]>(everyone.map((p) => [p, []]));
    for (const p of everyone) p.room.onMessage("chat", (m: ChatMessage) => chats.get(p)!.push(m));

    await control.room.request("control", { command: "start" });
    for (let guard = 0; guard < 40; guard++) {
      const v = control.latest();
      if (v.phase === "ended") break;
      for (const p of players) await playSeat(p);
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

    for (const p of everyone) {
      const seat: Seat = p.seat.seat;
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
      }
      for (const m of chats.get(p)!)
        expect(canUseChannel(seat, m.channel).read, `${seat} got ${m.channel}`).toBe(true);
      expect(Object.keys(p.room.state.toJSON()).sort()).toEqual([...ROOM_STATE_KEYS].sort());
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
