/** The parts of the record (GET /api/games/:code/record?format=json, server/record.ts) the debrief reads. */
import type { ByPower } from "../../shared/powers.js";
import type { ChatMessage } from "../../shared/protocol.js";
import type { GameEvent, Orders } from "../../shared/state.js";
import type { PlayerView } from "../../shared/view.js";
import { recordUrl } from "../control/net.js";

export interface DebriefRecord {
  code: string;
  createdAt: string;
  /** "CONTROL" for the full record, else the seat whose record this is. */
  reader: string;
  seats: { power: string; name: string; bot: boolean }[];
  inputs: { round: number; actor: string; type: string; rationale: string; input: Record<string, unknown> }[];
  messages: (ChatMessage & { time: string })[];
  rounds: { round: number; events: GameEvent[] }[];
  start: PlayerView;
  replay: { round: number; orders: Partial<ByPower<Orders>>; view: PlayerView }[];
  final: PlayerView;
}

export async function fetchRecord(code: string, key: string): Promise<DebriefRecord> {
  const r = await fetch(recordUrl(code, key, "json"));
  if (!r.ok) throw new Error(String(r.status));
  return (await r.json()) as DebriefRecord;
}
