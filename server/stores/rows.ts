/** Database rows to the store's types, the same for both backends (numbers may come back as strings). */
import type { Actor, ChatMessage, CreateOptions, Input, PowerId } from "../../shared/index.js";
import type { ClassRow, ControlRow, GameRow, InputRow, SeatRow } from "../store.js";

type Row = Record<string, unknown>;

const bool = (v: unknown): boolean => v === true || Number(v) === 1;

export function toGameRow(r: Row): GameRow {
  return {
    id: String(r.id),
    seed: Number(r.seed),
    options: JSON.parse(String(r.options)) as CreateOptions,
    status: String(r.status) as GameRow["status"],
    deadline: Number(r.deadline),
    pausedRemaining: Number(r.paused_remaining),
    started: bool(r.started),
    controlToken: r.control_token == null ? null : String(r.control_token),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export function toInputRow(r: Row): InputRow {
  return {
    seq: Number(r.seq),
    actor: String(r.actor) as Actor,
    input: JSON.parse(String(r.input)) as Input,
    round: Number(r.round),
    phase: String(r.phase),
    at: Number(r.at),
  };
}

export function toMessage(r: Row): ChatMessage {
  return {
    id: Number(r.id),
    channel: String(r.channel),
    from: String(r.sender) as ChatMessage["from"],
    name: String(r.name),
    text: String(r.text),
    round: Number(r.round),
    at: Number(r.at),
  };
}

export function toControlRow(r: Row): ControlRow {
  return { seq: Number(r.seq), command: JSON.parse(String(r.command)), at: Number(r.at) };
}

export function toSeatRow(r: Row): SeatRow {
  return {
    power: String(r.power) as PowerId,
    name: String(r.name),
    token: String(r.token),
    bot: bool(r.bot),
    host: bool(r.host),
  };
}

export function toClassRow(r: Row): ClassRow {
  return {
    code: String(r.code),
    teacherToken: String(r.teacher_token),
    name: String(r.name),
    tables: JSON.parse(String(r.tables)) as ClassRow["tables"],
    createdAt: Number(r.created_at),
  };
}

/** Which active games a claim may take: this process's own, and those whose holder's lease ran out. */
export function claimable(
  candidates: { id: string; owner: string; epoch: number; alive_at: unknown; alive_until: unknown }[],
  processId: string,
  now: number,
): { id: string; epoch: number; lastAlive: number }[] {
  return candidates
    .filter((c) => c.owner === processId || c.alive_until == null || Number(c.alive_until) < now)
    .map((c) => ({ id: c.id, epoch: Number(c.epoch) + 1, lastAlive: Number(c.alive_at ?? 0) }));
}
