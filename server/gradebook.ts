/**
 * The class gradebook (DESIGN §1, grading): one CSV for the whole class, one row per student —
 * name, table, power, the orders their seat submitted each round, the rationales written, the
 * reflection memos (and required ones missing), the messages they sent, their power's objectives
 * met and its result against par. Columns are plain names and numbers so that a learning-management
 * system's gradebook import takes it; the memos' text is last, for reading.
 *
 * A power's seat may be a team: orders, rationales, memos and objectives are the seat's, shared by
 * its members; messages are counted per person (by display name within the seat).
 */
import { type GameState, POWERS, type PowerId, promptFor, step, viewFor } from "../shared/index.js";
import { toCsvText } from "./csv.js";
import { initialState } from "./record.js";
import type { StoredGame } from "./recordSource.js";

export interface StudentRow {
  name: string;
  table: number;
  tableCode: string;
  power: PowerId;
  /** Actions in the orders the seat submitted each round (null: none submitted, standing orders). */
  ordersByRound: (number | null)[];
  rationales: number;
  memos: number;
  memosMissing: number;
  messages: number;
  objectivesMet: number;
  objectivesTotal: number;
  /** Score as a percentage of par once the game has ended. */
  resultVsPar: number | null;
  score: number | null;
  par: number | null;
  memoText: string;
}

/** The rows of one table's students. */
export function tableRows(stored: StoredGame, tableIndex: number): StudentRow[] {
  let state = initialState(stored);
  const submitted = new Map<string, number>(); // `${power}:${round}` → actions in the last orders
  const rationales: Partial<Record<PowerId, Map<number, number>>> = {};
  for (const e of stored.inputs) {
    const r = step(state, e.actor, e.input);
    if (!r.ok) throw new Error(`gradebook ${stored.game.id}: logged input ${e.seq} rejected`);
    if (e.input.type === "submit_orders" && POWERS.includes(e.actor as PowerId)) {
      const p = e.actor as PowerId;
      submitted.set(`${p}:${state.round}`, e.input.orders.actions.length);
      // Revised orders replace the earlier ones: count the rationales of the last orders of a round.
      const byRound = rationales[p] ?? new Map<number, number>();
      rationales[p] = byRound;
      byRound.set(state.round, e.input.orders.actions.filter((a) => a.rationale?.trim()).length);
    }
    state = r.value;
  }
  const final = viewFor(state, "CONTROL");
  const rounds = state.maxRounds;
  const resolvedUpTo = state.phase === "ended" ? state.round : state.round - 1;
  const out: StudentRow[] = [];
  for (const seat of stored.seats) {
    if (seat.bot) continue;
    const p = seat.power;
    const memos = state.reflection.memos.filter((m) => m.power === p).sort((a, b) => a.round - b.round);
    const objectives = final.objectives[p] ?? [];
    const card = state.ending?.scores?.[p];
    out.push({
      name: seat.name,
      table: tableIndex + 1,
      tableCode: stored.game.id,
      power: p,
      ordersByRound: Array.from({ length: rounds }, (_, i) => submitted.get(`${p}:${i + 1}`) ?? null),
      rationales: [...(rationales[p]?.values() ?? [])].reduce((n, x) => n + x, 0),
      memos: memos.length,
      memosMissing: requiredMissing(state, p, resolvedUpTo),
      messages: stored.messages.filter((m) => m.from === p && m.name === seat.name).length,
      objectivesMet: objectives.filter((o) => o.status === "success").length,
      objectivesTotal: objectives.length,
      resultVsPar: card ? card.normalised : null,
      score: card ? card.score : null,
      par: card ? card.par : null,
      memoText: memos.map((m) => `R${m.round}: ${m.text}`).join("\n"),
    });
  }
  return out;
}

function requiredMissing(state: GameState, p: PowerId, upTo: number): number {
  let n = 0;
  for (let r = 1; r <= upTo; r++)
    if (promptFor(state, r)?.required && !state.reflection.memos.some((m) => m.power === p && m.round === r))
      n++;
  return n;
}

/** The whole class's gradebook as CSV (RFC 4180, UTF-8 with BOM, formula-safe). */
export function gradebookCsv(rows: readonly StudentRow[]): string {
  const rounds = Math.max(0, ...rows.map((r) => r.ordersByRound.length));
  const header = [
    "student",
    "table",
    "table_code",
    "power",
    ...Array.from({ length: rounds }, (_, i) => `orders_round_${i + 1}`),
    "rounds_with_orders",
    "rationales_written",
    "memos_written",
    "required_memos_missing",
    "messages_sent",
    "objectives_met",
    "objectives_total",
    "result_vs_par_percent",
    "score",
    "par",
    "memos",
  ];
  const body = rows.map((r) => [
    r.name,
    r.table,
    r.tableCode,
    r.power,
    ...Array.from({ length: rounds }, (_, i) => r.ordersByRound[i] ?? ""),
    r.ordersByRound.filter((n) => n !== null).length,
    r.rationales,
    r.memos,
    r.memosMissing,
    r.messages,
    r.objectivesMet,
    r.objectivesTotal,
    r.resultVsPar ?? "",
    r.score ?? "",
    r.par ?? "",
    r.memoText,
  ]);
  return toCsvText([header, ...body]);
}
