/**
 * The record of a game (DESIGN §10): every accepted input with its round, phase, time and
 * rationale, every message, Control's commands, and round by round what happened, rebuilt by
 * replaying the log through the engine — with the table as it stood after each resolution (the
 * debrief's replay and the compare view) and the orders each round resolved. Exported as JSON and
 * CSV; the readable after-action report (Markdown, printable HTML) is made from the JSON by the
 * debrief page in the reader's language (client/debrief/report.ts). A seat's record narrows to its
 * own contributions (a student's own record, for grading).
 */

import { eventText } from "../shared/engine/text.js";
import {
  type Actor,
  type ByPower,
  type ChatMessage,
  CreateOptionsSchema,
  type GameEvent,
  type GameState,
  type Input,
  isPower,
  newGame,
  type Orders,
  type PlayerView,
  PRESETS,
  type Seat,
  step,
  viewFor,
} from "../shared/index.js";
import { toCsvText } from "./csv.js";
import type { StoredGame } from "./recordSource.js";

export interface RecordedInput {
  seq: number;
  at: string;
  round: number;
  phase: string;
  actor: Actor;
  type: Input["type"];
  /** The rationales or notes attached to the input, joined. */
  rationale: string;
  input: Input;
}

export interface RoundRecord {
  round: number;
  /** The events as the view carries them, with their English (engine/text.ts) for the export's readers. */
  events: (GameEvent & { text: string })[];
}

/** One round of the replay: what was ordered, and the table after its resolution. */
export interface ReplayRound {
  round: number;
  /**
   * The orders resolved this round: every power's for Control, and for everyone once the game is
   * over; before that, a seat's own only.
   */
  orders: Partial<ByPower<Orders>>;
  /** The reader's view just after this round's resolution (flows, rings, tensions, news). */
  view: PlayerView;
}

export interface GameRecord {
  code: string;
  createdAt: string;
  options: unknown;
  /** Whose record this is: Control's (everything) or one seat's. */
  reader: Seat;
  seats: { power: string; name: string; bot: boolean }[];
  inputs: RecordedInput[];
  messages: (ChatMessage & { time: string })[];
  control: { seq: number; at: string; command: unknown }[];
  rounds: RoundRecord[];
  /** The table at the start, before round 1 (the replay's first frame). */
  start: PlayerView;
  replay: ReplayRound[];
  /** The reader's view of the game as it stands (or ended): history, objectives, scores. */
  final: PlayerView;
}

function rationaleOf(input: Input): string {
  const parts: string[] = [];
  if (input.type === "submit_orders") {
    for (const a of input.orders.actions) if (a.rationale) parts.push(`${a.type}: ${a.rationale}`);
  }
  const withNote = input as { note?: string; reason?: string; argument?: string; text?: string };
  if (withNote.note) parts.push(withNote.note);
  if (withNote.reason) parts.push(withNote.reason);
  if (withNote.argument) parts.push(withNote.argument);
  if (input.type === "write_memo" && withNote.text) parts.push(withNote.text);
  return parts.join(" | ");
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The engine's initial state of a stored game (its rounds as the room set them: the preset's). */
export function initialState(stored: StoredGame): GameState {
  const options = CreateOptionsSchema.parse(stored.game.options);
  const maxRounds = options.rounds ?? PRESETS[options.preset].rounds;
  return newGame({ gameId: stored.game.id, seed: stored.game.seed, maxRounds });
}

/** Rebuilds the full record from a game's stored history; `seat` narrows it to that seat's part. */
export function buildRecord(stored: StoredGame, seat?: Seat): GameRecord {
  const code = stored.game.id;
  const options = CreateOptionsSchema.parse(stored.game.options);
  let state = initialState(stored);
  const start = viewFor(state, seat ?? "CONTROL");
  const rounds = new Map<number, RoundRecord["events"]>();
  const inputs: RecordedInput[] = [];
  const who = seat ?? "CONTROL";
  const resolved: { round: number; orders: GameState["orders"]; state: GameState }[] = [];
  let seen = new Set<string>();
  for (const e of stored.inputs) {
    const r = step(state, e.actor, e.input);
    if (!r.ok) throw new Error(`record ${code}: logged input ${e.seq} rejected (${r.error.code})`);
    const before = state;
    const changed = r.value.events !== state.events;
    state = r.value;
    if (before.round !== state.round || (before.phase !== "ended" && state.phase === "ended"))
      resolved.push({ round: before.round, orders: before.orders, state });
    // Events appear at resolution and mid-phase (injects, proposals, adjudications): keep each
    // new one once, under its round, as far as this record's reader may see it.
    if (changed) {
      const now = viewFor(state, who).events;
      const keys = new Set<string>();
      for (const ev of now) {
        const key = JSON.stringify(ev);
        keys.add(key);
        if (!seen.has(key))
          rounds.set(ev.round, [
            ...(rounds.get(ev.round) ?? []),
            { ...ev, text: eventText(state.scenario, ev) },
          ]);
      }
      seen = keys;
    }
    inputs.push({
      seq: e.seq,
      at: iso(e.at),
      round: e.round,
      phase: e.phase,
      actor: e.actor,
      type: e.input.type,
      rationale: rationaleOf(e.input),
      input: e.input,
    });
  }
  // Orders are secret until the game is over (DESIGN §7); Control reads them at any time.
  const revealAll = who === "CONTROL" || state.phase === "ended";
  const replay: ReplayRound[] = resolved.map((x) => {
    const orders: Partial<ByPower<Orders>> = {};
    for (const [p, o] of Object.entries(x.orders))
      if (o && isPower(p) && (revealAll || p === who)) orders[p] = o;
    return { round: x.round, orders, view: viewFor(x.state, who) };
  });
  const messages = stored.messages.map((m) => ({ ...m, time: iso(m.at) }));
  const mine = (actor: string) => seat === undefined || actor === seat;
  return {
    code,
    createdAt: iso(stored.game.createdAt),
    options,
    reader: who,
    seats: stored.seats.map((s) => ({ power: s.power, name: s.name, bot: s.bot })),
    inputs: inputs.filter((i) => mine(i.actor)),
    messages: messages.filter((m) => mine(m.from)),
    control: seat === undefined ? stored.controlLog.map((c) => ({ ...c, at: iso(c.at) })) : [],
    rounds: [...rounds.entries()].sort((a, b) => a[0] - b[0]).map(([round, events]) => ({ round, events })),
    start,
    replay,
    final: viewFor(state, who),
  };
}

export const CSV_TABLES = ["inputs", "messages", "history"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** The record's tables for analysis (one row per input, message or round). */
export function toCsv(rec: GameRecord, table: CsvTable): string {
  const rows: unknown[][] = [];
  if (table === "inputs") {
    rows.push(["seq", "time", "round", "phase", "actor", "type", "rationale", "input"]);
    for (const i of rec.inputs)
      rows.push([i.seq, i.at, i.round, i.phase, i.actor, i.type, i.rationale, i.input]);
  } else if (table === "messages") {
    rows.push(["id", "time", "round", "channel", "from", "name", "text"]);
    for (const m of rec.messages) rows.push([m.id, m.time, m.round, m.channel, m.from, m.name, m.text]);
  } else {
    const flat = rec.final.history.map((h) => flatten(h as unknown as Record<string, unknown>));
    const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))];
    rows.push(keys);
    for (const f of flat) rows.push(keys.map((k) => f[k] ?? ""));
  }
  return toCsvText(rows);
}

function flatten(obj: Record<string, unknown>, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object" && !Array.isArray(v))
      Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = v;
  }
  return out;
}
