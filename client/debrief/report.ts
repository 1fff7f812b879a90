/**
 * The after-action report (DESIGN §10): from a game's record, round by round, what each power
 * ordered (targets, levels and rationales in words), what Control did and why, the adjudications
 * with the argument, odds and roll, the main changes with their causes and the news — with what
 * really happened in 2017–18 beside it. In the reader's language (the client's words and i18n
 * files), never JSON or internal ids. One document model renders two ways: a printable page (the
 * browser's "Save as PDF") and Markdown to download.
 */
import type { Action } from "../../shared/orders.js";
import { POWERS, type PowerId } from "../../shared/powers.js";
import { quarterOf, SUMMER_2017 } from "../../shared/scenario.js";
import type { MatrixItem } from "../../shared/state.js";
import type { PlayerView } from "../../shared/view.js";
import {
  actionLabel,
  byResult,
  eventText,
  gradeText,
  indexName,
  injectWords,
  nodeName,
  orderSummary,
  reasonText,
  timelineEvent,
  timelineTrade,
} from "../game/words.js";
import { lang, t, tOr } from "../i18n/index.js";
import { el, powerName } from "../ui.js";
import type { DebriefRecord } from "./record.js";

const SC = SUMMER_2017;

/** The report as blocks: one model, two renderings (HTML to print, Markdown to download). */
export type Block =
  | { h: 1 | 2 | 3; text: string }
  | { p: string; muted?: boolean }
  | { ul: string[] }
  | { round: number; main: Block[]; aside: Block[] };

/** An order in words: its label, targets and levels, and any text it carries. */
export function orderWords(a: Action, v: PlayerView): string {
  const spec = SC.actions.find((s) => s.type === a.type);
  if (a.type === "expose") {
    const node = v.illicitNodes.find((n) => n.id === a.node);
    return `${spec ? actionLabel(spec) : t("report.order")} (${node ? nodeName(node.name) : t("news.newNode")})`;
  }
  const base = orderSummary(a, spec);
  return a.type === "statement" || a.type === "matrix_action" ? `${base}: “${a.text}”` : base;
}

function quarter(round: number): string {
  const q = quarterOf(round, SC);
  return t("fmt.quarter", { q: q.quarter, year: q.year });
}

function verdictWords(m: MatrixItem): string {
  const v = m.verdict;
  if (!v) return t(`report.matrixOpen.${m.status === "deferred" ? "deferred" : "pending"}`);
  return t(`report.verdict.${v.success ? "success" : "failure"}`, {
    title: v.title,
    strength: v.strength,
    chance: v.chance,
    roll: v.roll,
  });
}

/** What Control did in a round, and why (Control's own record: the full record only). */
function controlLines(rec: DebriefRecord, round: number): string[] {
  const out: string[] = [];
  for (const i of rec.inputs) {
    if (i.round !== round || i.actor !== "CONTROL") continue;
    const x = i.input as Record<string, unknown>;
    if (i.type === "control_inject") {
      const custom = x.custom as { title: string; text: string } | undefined;
      const lib = SC.injects.find((j) => j.id === x.inject);
      const w = custom ?? (lib ? injectWords(lib.title, lib.text) : null);
      if (w) out.push(t("report.inject", { title: w.title, text: w.text }));
    } else if (i.type === "control_override") {
      const p = x.power as PowerId | undefined;
      const what = `${tOr(`control.idx.${String(x.index)}`, String(x.index))}${p ? ` (${powerName(p)})` : ""}${
        x.pair
          ? ` (${String(x.pair)
              .split("-")
              .map((q) => powerName(q as PowerId))
              .join("–")})`
          : ""
      }`;
      out.push(t("report.override", { what, value: Number(x.value), reason: String(x.reason ?? "") }));
    } else if (i.type === "control_adjudicate" && !x.matrixId) {
      out.push(
        t("report.ownMatrix", {
          title: String(x.title),
          argument: String(x.argument || "—"),
          strength: Number(x.strength),
        }),
      );
    } else if (i.type === "control_defer") {
      const m = rec.final.matrix.find((q) => q.id === x.matrixId);
      out.push(
        t("report.deferred", { power: m ? powerName(m.power) : "—", reason: String(x.reason || "—") }),
      );
    } else if (i.type === "control_reflection") {
      out.push(
        x.text
          ? t(x.required ? "report.promptRequired" : "report.prompt", {
              which:
                Number(x.round) === 0
                  ? t("report.everyRound")
                  : t("branch.fromRound", { round: Number(x.round) }),
              text: String(x.text),
            })
          : t("report.promptRemoved"),
      );
    }
  }
  for (const m of rec.messages)
    if (m.round === round && m.from === "CONTROL") out.push(t("report.broadcast", { text: m.text }));
  return out;
}

/** The document of a record, in the current language. */
export function reportBlocks(rec: DebriefRecord): Block[] {
  const v = rec.final;
  const ended = v.phase === "ended" && v.ending;
  const blocks: Block[] = [{ h: 1, text: t("report.title", { code: rec.code }) }];
  const seats = POWERS.map((p) => {
    const s = rec.seats.filter((x) => x.power === p);
    const who =
      s.length === 0
        ? "—"
        : s.every((x) => x.bot)
          ? t("seat.bot")
          : s
              .filter((x) => !x.bot)
              .map((x) => x.name)
              .join(", ");
    return `${powerName(p)}: ${who}`;
  });
  blocks.push({
    p: t("report.meta", {
      date: new Date(rec.createdAt).toLocaleString(lang() === "ko" ? "ko-KR" : "en-GB", {
        dateStyle: "medium",
        timeStyle: "short",
      }),
      rounds: rec.replay.length,
      max: v.maxRounds,
    }),
  });
  blocks.push({ ul: seats });
  if (rec.reader !== "CONTROL")
    blocks.push({ p: t("report.seatOnly", { power: powerName(rec.reader as PowerId) }), muted: true });
  if (ended && v.ending) {
    const e = v.ending;
    blocks.push({ h: 2, text: t("debrief.summary") });
    blocks.push({
      p: `${t(`end.reason.${e.reason}`, { round: e.round, pusher: e.pusher ? powerName(e.pusher) : "" })}${e.winner ? ` ${t("end.winner", { power: powerName(e.winner) })}` : ""}`,
    });
    if (e.scores)
      blocks.push({
        ul: byResult(e.scores).map((p) => {
          const s = e.scores![p];
          return t("report.score", {
            power: powerName(p),
            score: s.score,
            par: s.par,
            pct: s.normalised,
            grade: gradeText(s.grade),
          });
        }),
      });
  } else blocks.push({ p: t("debrief.notEnded"), muted: true });

  for (const r of rec.replay) {
    const main: Block[] = [];
    const ordersBy = POWERS.filter((p) => r.orders[p]);
    main.push({ h: 3, text: t("report.orders") });
    if (ordersBy.length === 0) main.push({ p: t("report.noOrders"), muted: true });
    for (const p of ordersBy) {
      const acts = r.orders[p]!.actions;
      main.push({ p: `${powerName(p)}:` });
      main.push({
        ul: acts.length
          ? acts.map(
              (a) =>
                `${orderWords(a, r.view)}${a.rationale ? ` — ${t("report.because", { why: a.rationale })}` : ""}`,
            )
          : [t("control.standing")],
      });
    }
    const control = controlLines(rec, r.round);
    if (control.length) main.push({ h: 3, text: t("report.control") }, { ul: control });
    const matrix = rec.final.matrix.filter((m) => m.round === r.round && m.status !== "withdrawn");
    if (matrix.length) {
      main.push({ h: 3, text: t("report.adjudications") });
      main.push({
        ul: matrix.map((m) => {
          const parts = [t("report.argued", { power: powerName(m.power), text: m.text })];
          if (m.rationale) parts.push(t("report.because", { why: m.rationale }));
          parts.push(verdictWords(m));
          if (m.verdict?.reason) parts.push(t("report.controlReason", { reason: m.verdict.reason }));
          if (m.verdict && m.verdict.round !== m.round)
            parts.push(t("report.judgedIn", { round: m.verdict.round }));
          return parts.join(" ");
        }),
      });
    }
    const changes = r.view.explanations
      .filter((x) => x.round === r.round && x.to !== x.from)
      .sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from))
      .slice(0, 6);
    if (changes.length) {
      main.push({ h: 3, text: t("report.changes") });
      main.push({
        ul: changes.map((x) => {
          const why = x.parts
            .map((part) => reasonText(part, x))
            .filter(Boolean)
            .slice(0, 4)
            .join("; ");
          return `${indexName(x.index)}: ${x.from} → ${x.to}${why ? ` — ${why}` : ""}`;
        }),
      });
    }
    const news = (rec.rounds.find((x) => x.round === r.round)?.events ?? []).filter(
      (e) => e.round === r.round,
    );
    main.push({ h: 3, text: t("report.news") });
    main.push(news.length ? { ul: news.map((e) => eventText(e)) } : { p: t("news.nothing"), muted: true });
    const memos = v.reflection.memos.filter((m) => m.round === r.round);
    if (memos.length) {
      main.push({ h: 3, text: t("report.memos") });
      main.push({ ul: memos.map((m) => `${powerName(m.power)}: ${m.text}`) });
    }
    const aside = timelineBlocks(r.round);
    blocks.push({ h: 2, text: t("report.round", { round: r.round, quarter: quarter(r.round) }) });
    blocks.push({ round: r.round, main, aside });
  }
  // The round being played: what Control did and the news so far (no resolution yet).
  if (v.phase !== "ended") {
    const main: Block[] = [];
    const control = controlLines(rec, v.round);
    if (control.length) main.push({ h: 3, text: t("report.control") }, { ul: control });
    const news = (rec.rounds.find((x) => x.round === v.round)?.events ?? []).filter(
      (e) => e.round === v.round,
    );
    main.push({ h: 3, text: t("report.newsSoFar") });
    main.push(news.length ? { ul: news.map((e) => eventText(e)) } : { p: t("news.nothing"), muted: true });
    blocks.push({ h: 2, text: t("report.roundInProgress", { round: v.round, quarter: quarter(v.round) }) });
    blocks.push({ round: v.round, main, aside: timelineBlocks(v.round) });
  }
  return blocks;
}

function timelineBlocks(round: number): Block[] {
  const real = SC.timeline.find((x) => x.round === round);
  const aside: Block[] = [{ h: 3, text: t("debrief.inReality") }];
  if (real) {
    aside.push({
      ul: real.events.map((e, i) => {
        const w = timelineEvent(round, i, e);
        return `${w.date} · ${w.actor}: ${w.text}`;
      }),
    });
    aside.push({ p: t("debrief.chinaTrade", { value: timelineTrade(round, real.chinaTrade) }) });
    aside.push({ p: `${t("control.source")}: ${real.source}`, muted: true });
  } else aside.push({ p: t("debrief.beyondTimeline"), muted: true });
  return aside;
}

export function toMarkdown(blocks: readonly Block[]): string {
  const lines: string[] = [];
  const esc = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, "\\$1").replace(/\n+/g, " ");
  const write = (b: Block, quote = false) => {
    const q = quote ? "> " : "";
    if ("h" in b) lines.push(`${q}${"#".repeat(b.h)} ${esc(b.text)}`, quote ? ">" : "");
    else if ("p" in b) lines.push(`${q}${b.muted ? `_${esc(b.p)}_` : esc(b.p)}`, quote ? ">" : "");
    else if ("ul" in b) {
      for (const item of b.ul) lines.push(`${q}- ${esc(item)}`);
      lines.push(quote ? ">" : "");
    } else {
      for (const m of b.main) write(m);
      for (const a of b.aside) write(a, true);
      lines.push("");
    }
  };
  for (const b of blocks) write(b);
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

export function toHtml(blocks: readonly Block[]): HTMLElement {
  const one = (b: Block): HTMLElement => {
    if ("h" in b) return el(`h${b.h}` as "h1" | "h2" | "h3", {}, b.text);
    if ("p" in b) return el("p", { class: b.muted ? "muted" : undefined }, b.p);
    if ("ul" in b) return el("ul", {}, ...b.ul.map((x) => el("li", {}, x)));
    return el(
      "div",
      { class: "report-round", "data-round": b.round },
      el("div", { class: "report-main" }, ...b.main.map(one)),
      el("aside", { class: "report-aside" }, ...b.aside.map(one)),
    );
  };
  return el("article", { class: "report", id: "report" }, ...blocks.map(one));
}
