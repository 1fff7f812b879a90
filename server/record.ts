/**
 * The record of a game (DESIGN §10): every accepted input with its round, phase, time and
 * rationale, every message, Control's commands, and round by round what happened, rebuilt by
 * replaying the log through the engine. Exported as JSON, Markdown and CSV for the after-action
 * report, or per seat (a student's own rationales and messages, for grading).
 */
import {
  type Actor,
  type ChatMessage,
  CreateOptionsSchema,
  type GameEvent,
  type Input,
  newGame,
  type PlayerView,
  type Seat,
  step,
  viewFor,
} from "../shared/index.js";
import type { Store } from "./store.js";

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
  events: GameEvent[];
}

export interface GameRecord {
  code: string;
  createdAt: string;
  options: unknown;
  seats: { power: string; name: string; bot: boolean }[];
  inputs: RecordedInput[];
  messages: (ChatMessage & { time: string })[];
  control: { seq: number; at: string; command: unknown }[];
  rounds: RoundRecord[];
  /** Control's view of the game as it stands (or ended): history, objectives, scores. */
  final: PlayerView;
}

function rationaleOf(input: Input): string {
  const parts: string[] = [];
  if (input.type === "submit_orders") {
    for (const a of input.orders.actions) if (a.rationale) parts.push(`${a.type}: ${a.rationale}`);
  }
  const withNote = input as { note?: string; reason?: string; argument?: string };
  if (withNote.note) parts.push(withNote.note);
  if (withNote.reason) parts.push(withNote.reason);
  if (withNote.argument) parts.push(withNote.argument);
  return parts.join(" | ");
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Rebuilds the full record from the store; `seat` narrows it to one seat's own contributions. */
export async function buildRecord(store: Store, code: string, seat?: Seat): Promise<GameRecord | undefined> {
  const row = await store.getGame(code);
  if (!row) return undefined;
  const options = CreateOptionsSchema.parse(row.options);
  let state = newGame({ gameId: code, seed: row.seed, maxRounds: options.rounds ?? 8 });
  const rounds = new Map<number, GameEvent[]>();
  const inputs: RecordedInput[] = [];
  const who = seat ?? "CONTROL";
  let seen = new Set<string>();
  for (const e of await store.inputs(code)) {
    const r = step(state, e.actor, e.input);
    if (!r.ok) throw new Error(`record ${code}: logged input ${e.seq} rejected (${r.error.code})`);
    const changed = r.value.events !== state.events;
    state = r.value;
    // Events appear at resolution and mid-phase (injects, proposals, adjudications): keep each
    // new one once, under its round, as far as this record's reader may see it.
    if (changed) {
      const now = viewFor(state, who).events;
      const keys = new Set<string>();
      for (const ev of now) {
        const key = JSON.stringify(ev);
        keys.add(key);
        if (!seen.has(key)) rounds.set(ev.round, [...(rounds.get(ev.round) ?? []), ev]);
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
  const messages = (await store.messages(code)).map((m) => ({ ...m, time: iso(m.at) }));
  const mine = (actor: string) => seat === undefined || actor === seat;
  return {
    code,
    createdAt: iso(row.createdAt),
    options,
    seats: (await store.seats(code)).map((s) => ({ power: s.power, name: s.name, bot: s.bot })),
    inputs: inputs.filter((i) => mine(i.actor)),
    messages: messages.filter((m) => mine(m.from)),
    control: seat === undefined ? (await store.controlLog(code)).map((c) => ({ ...c, at: iso(c.at) })) : [],
    rounds: [...rounds.entries()].sort((a, b) => a[0] - b[0]).map(([round, events]) => ({ round, events })),
    final: viewFor(state, who),
  };
}

function csvCell(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const CSV_TABLES = ["inputs", "messages", "history"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

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
  return `${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`;
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

export function toMarkdown(rec: GameRecord): string {
  const lines: string[] = [];
  lines.push(`# Pressure Point — record of game ${rec.code}`, "");
  lines.push(
    `Created ${rec.createdAt}. Seats: ${rec.seats.map((s) => `${s.power} ${s.bot ? "(bot)" : s.name}`).join(", ")}.`,
    "",
  );
  const ending = rec.final.ending;
  if (ending) {
    lines.push(
      `**Ended** in round ${ending.round}: ${ending.reason}${ending.winner ? `; highest score ${ending.winner}` : ""}.`,
      "",
    );
    if (ending.scores) {
      lines.push("| power | score |", "|---|---|");
      for (const [p, s] of Object.entries(ending.scores)) lines.push(`| ${p} | ${JSON.stringify(s)} |`);
      lines.push("");
    }
  }
  const byRound = new Map<number, string[]>();
  const add = (round: number, line: string) => byRound.set(round, [...(byRound.get(round) ?? []), line]);
  for (const i of rec.inputs) {
    if (i.type === "advance_phase") continue;
    add(
      i.round,
      `- ${i.at} · ${i.phase} · **${i.actor}** ${describe(i.input)}${i.rationale ? ` — _${i.rationale}_` : ""}`,
    );
  }
  for (const m of rec.messages)
    add(m.round, `- ${m.time} · [${m.channel}] **${m.name}** (${m.from}): ${m.text}`);
  for (const c of rec.control) add(0, `- ${c.at} · Control: ${JSON.stringify(c.command)}`);
  const rounds = [...new Set([...byRound.keys(), ...rec.rounds.map((r) => r.round)])].sort((a, b) => a - b);
  for (const round of rounds) {
    lines.push(round === 0 ? "## Table commands" : `## Round ${round}`, "");
    lines.push(...(byRound.get(round) ?? []).sort());
    const res = rec.rounds.find((r) => r.round === round);
    if (res) {
      lines.push("", "**Resolution**", "");
      for (const e of res.events) lines.push(`- ${e.text}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

function describe(input: Input): string {
  if (input.type === "submit_orders") {
    return `orders: ${input.orders.actions.map((a) => a.type).join(", ") || "(none: standing policies)"}`;
  }
  const { type, ...rest } = input as { type: string } & Record<string, unknown>;
  delete rest.note;
  delete rest.reason;
  delete rest.argument;
  return `${type} ${JSON.stringify(rest)}`;
}
