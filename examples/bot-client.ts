/**
 * A bot that plays one seat of a running game through the public protocol only (docs/PROTOCOL.md).
 *
 *   npm run bot -- --url ws://localhost:2567 --code ABC123 --power CN [--personality hawk] [--name "Bot CN"]
 *
 * It decides with the engine's simple bot on the view its seat receives (nothing else), sends
 * orders and negotiation inputs, marks itself ready, and exits when the game ends. The server sends
 * the whole view once ("view") and then only what changed ("view_delta", an RFC 6902 patch with a
 * sequence number); `ViewReplica` keeps the view and says when to ask for the whole one again.
 * Events come as data (a kind and its numbers); the bot prints each new one in English with the
 * engine's own renderer (`eventText`), as any client may say them in its own words.
 */
import { WebSocket } from "ws";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

import { parseArgs } from "node:util";
import { Client } from "@colyseus/sdk";
import { simpleBot } from "../shared/bots/simple.js";
import { eventText } from "../shared/engine/text.js";
import {
  BOT_PERSONALITIES,
  type BotPersonality,
  isPower,
  type PlayerView,
  type Reply,
  type SeatMessage,
  SUMMER_2017,
  ViewReplica,
} from "../shared/index.js";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "ws://localhost:2567" },
    code: { type: "string" },
    power: { type: "string" },
    personality: { type: "string", default: "pragmatist" },
    name: { type: "string" },
  },
});
if (!values.code) {
  console.error(
    "usage: npm run bot -- --url ws://localhost:2567 --code ABC123 [--power CN] [--personality hawk]",
  );
  process.exit(2);
}
const personality = values.personality as BotPersonality;
if (!BOT_PERSONALITIES.includes(personality)) {
  console.error(`--personality must be one of ${BOT_PERSONALITIES.join(", ")}`);
  process.exit(2);
}

const client = new Client(values.url);
const room = await client.joinById(values.code.toUpperCase(), {
  name: values.name ?? `Bot ${values.power ?? ""}`.trim(),
  ...(values.power ? { power: values.power } : {}),
});

let seat: SeatMessage | undefined;
let lastPlayed = "";
let busy = false;

async function play(view: PlayerView): Promise<void> {
  if (!seat?.power || !isPower(view.seat) || busy) return;
  if (view.phase === "ended") {
    console.log(`game over: ${JSON.stringify(view.ending)}`);
    await room.leave(true);
    process.exit(0);
  }
  const key = `${view.round}:${view.phase}`;
  if (!room.state.started || key === lastPlayed) return;
  lastPlayed = key;
  busy = true;
  try {
    for (const input of simpleBot(view, seat.power, personality)) {
      const reply: Reply =
        input.type === "submit_orders"
          ? await room.request("orders", input.orders)
          : await room.request("act", input);
      console.log(`round ${view.round} ${view.phase}: ${input.type} → ${reply.ok ? "ok" : reply.error.code}`);
    }
    await room.request("ready", { ready: true });
  } finally {
    busy = false;
  }
  // A new phase may have opened while this one was being played.
  if (latest && `${latest.round}:${latest.phase}` !== lastPlayed) await play(latest);
}

room.onMessage("seat", (m: SeatMessage) => {
  seat = m;
  console.log(`joined ${m.code} as ${m.seat}`);
});
room.onMessage("chat_history", () => {});
room.onMessage("chat", () => {});
let latest: PlayerView | undefined;
// Patched in place: this bot only reads its view.
const replica = new ViewReplica(false);
/** The events already printed (the log starts afresh at each resolution). */
let printed = { round: -1, count: 0 };
function printNewEvents(view: PlayerView): void {
  const first = view.events[0];
  if (!first || first.round !== printed.round || view.events.length < printed.count)
    printed = { round: first?.round ?? -1, count: 0 };
  for (const e of view.events.slice(printed.count))
    console.log(`  [round ${e.round}] ${eventText(SUMMER_2017, e)}`);
  printed.count = view.events.length;
}
const viewChanged = () => {
  latest = replica.view!;
  printNewEvents(latest);
  void play(latest);
};
room.onMessage("view", (m: unknown) => {
  if (replica.full(m)) viewChanged();
});
room.onMessage("view_delta", (m: unknown) => {
  const outcome = replica.delta(m);
  if (outcome === "applied") viewChanged();
  // A delta was missed or did not apply: ask for the whole view again.
  else if (outcome === "resync") void room.request("resync", {});
});
// The start is a room-state change (no new view): try again whenever the state changes.
room.onStateChange(() => {
  if (latest) void play(latest);
});
room.onLeave((code) => {
  console.log(`left (${code})`);
  process.exit(0);
});
