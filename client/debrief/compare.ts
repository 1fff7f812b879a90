/**
 * Two runs of the same scenario side by side (DESIGN §10, branching): each index on one chart with a
 * line per run (uPlot, as the game's charts), round by round the orders and the news of each run with
 * what differs highlighted, and the final scores — "what changed when the US held back the show of
 * force?".
 */
import "uplot/dist/uPlot.min.css";
import uPlot from "uplot";
import { POWERS } from "../../shared/powers.js";
import type { HistoryPointView } from "../../shared/view.js";
import { eventText } from "../game/words.js";
import { t } from "../i18n/index.js";
import { el, powerName } from "../ui.js";
import type { DebriefRecord } from "./record.js";
import { orderWords } from "./report.js";

interface IndexDef {
  id: string;
  label: string;
  value(h: HistoryPointView): number | undefined;
}

function indices(): IndexDef[] {
  const defs: IndexDef[] = [
    { id: "crisis", label: t("index.crisis"), value: (h) => h.crisis },
    { id: "tension", label: t("index.tension"), value: (h) => h.tension },
    { id: "readiness", label: t("index.readiness"), value: (h) => h.readiness },
    { id: "stage", label: t("index.stage"), value: (h) => h.stage },
    { id: "trade", label: t("compare.officialTrade"), value: (h) => h.officialTrade },
  ];
  for (const p of POWERS)
    defs.push({
      id: `economy-${p}`,
      label: t("compare.ofPower", { index: t("index.economy"), power: powerName(p) }),
      value: (h) => h.powers[p]?.economy,
    });
  for (const p of POWERS)
    defs.push({
      id: `stability-${p}`,
      label: t("compare.ofPower", { index: t("index.stability"), power: powerName(p) }),
      value: (h) => h.powers[p]?.stability,
    });
  return defs;
}

const RUN_COLOURS = ["#0072B2", "#D55E00"] as const;

/** One round's orders of a run, in words, per power. */
function ordersOf(rec: DebriefRecord, round: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const r = rec.replay.find((x) => x.round === round);
  if (!r) return out;
  for (const p of POWERS) {
    const o = r.orders[p];
    if (o)
      out.set(p, o.actions.length ? o.actions.map((a) => orderWords(a, r.view)) : [t("control.standing")]);
  }
  return out;
}

function newsOf(rec: DebriefRecord, round: number): string[] {
  return (rec.rounds.find((x) => x.round === round)?.events ?? [])
    .filter((e) => e.round === round && e.visibleTo === "all")
    .map((e) => eventText(e));
}

function runCell(lines: string[], other: string[], empty: string): HTMLElement {
  if (!lines.length) return el("p", { class: "muted small" }, empty);
  const theirs = new Set(other);
  return el(
    "ul",
    { class: "order-list" },
    ...lines.map((l) =>
      el("li", { class: theirs.has(l) ? "" : "diverge", "data-diverge": String(!theirs.has(l)) }, l),
    ),
  );
}

export function compareView(a: DebriefRecord, b: DebriefRecord): HTMLElement {
  const runs = [a, b] as const;
  const name = (i: number) => t("compare.run", { n: i + 1, code: runs[i]!.code });
  const rounds = Math.max(a.replay.length, b.replay.length);
  // The first round whose orders differ: where the runs part.
  let parted = 0;
  const rows: HTMLElement[] = [];
  for (let r = 1; r <= rounds; r++) {
    const oa = ordersOf(a, r);
    const ob = ordersOf(b, r);
    const cells = [oa, ob].map((mine, i) => {
      const theirs = i === 0 ? ob : oa;
      const parts: HTMLElement[] = [];
      for (const p of POWERS) {
        const lines = mine.get(p) ?? [];
        if (!lines.length) continue;
        parts.push(
          el(
            "div",
            { "data-power": p },
            el("strong", {}, powerName(p)),
            runCell(lines, theirs.get(p) ?? [], ""),
          ),
        );
      }
      const news = newsOf(runs[i]!, r);
      parts.push(el("h4", {}, t("report.news")), runCell(news, newsOf(runs[1 - i]!, r), t("news.nothing")));
      return el("td", {}, ...(parts.length ? parts : [el("p", { class: "muted" }, t("debrief.notPlayed"))]));
    });
    const differs = cells.some((c) => c.querySelector("[data-diverge=true]"));
    if (differs && !parted) parted = r;
    rows.push(
      el(
        "tr",
        { "data-round": r, class: differs ? "diverging" : "" },
        el(
          "th",
          { scope: "row" },
          t("debrief.roundQuarter", { round: r }),
          differs ? el("p", { class: "tag" }, t("compare.differs")) : null,
        ),
        ...cells,
      ),
    );
  }
  const scores = el(
    "table",
    { class: "grid-table", id: "compare-scores" },
    el("caption", {}, t("compare.scores")),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col" }, t("end.power")),
        ...runs.map((_, i) => el("th", { scope: "col" }, name(i))),
      ),
    ),
    el(
      "tbody",
      {},
      ...POWERS.map((p) =>
        el(
          "tr",
          { "data-power": p },
          el("th", { scope: "row" }, powerName(p)),
          ...runs.map((r) => {
            const s = r.final.ending?.scores?.[p];
            return el(
              "td",
              { class: "num" },
              s ? t("compare.score", { score: s.score, pct: s.normalised }) : t("compare.notEnded"),
            );
          }),
        ),
      ),
    ),
  );
  const charts = el("div", { class: "charts-grid", id: "compare-charts" });
  const root = el(
    "main",
    { class: "sr-main debrief", id: "compare" },
    el(
      "section",
      { class: "sr-card" },
      el("h2", {}, t("compare.title")),
      el("p", {}, t("compare.intro", { a: a.code, b: b.code })),
      el("p", { id: "compare-parted" }, parted ? t("compare.parted", { round: parted }) : t("compare.same")),
      scores,
    ),
    el("section", { class: "sr-card" }, el("h2", {}, t("compare.charts")), charts),
    el(
      "section",
      { class: "sr-card" },
      el("h2", {}, t("compare.rounds")),
      el("p", { class: "muted small" }, t("compare.roundsNote")),
      el(
        "table",
        { class: "grid-table compare-table", id: "compare-rounds" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", { scope: "col" }, t("debrief.when")),
            ...runs.map((_, i) => el("th", { scope: "col" }, name(i))),
          ),
        ),
        el("tbody", {}, ...rows),
      ),
    ),
  );
  requestAnimationFrame(() => drawCharts(charts, runs));
  return root;
}

function drawCharts(host: HTMLElement, runs: readonly [DebriefRecord, DebriefRecord]): void {
  const width = Math.max(240, Math.min(420, host.clientWidth / 2 - 16));
  const maxRound = Math.max(
    ...runs.map((r) => (r.final.history.length ? r.final.history[r.final.history.length - 1]!.round : 0)),
  );
  const xs = Array.from({ length: maxRound + 1 }, (_, i) => i);
  for (const def of indices()) {
    const box = el("div", { class: "chart", role: "img", "aria-label": def.label });
    host.append(el("section", { class: "chart-block", "data-index": def.id }, el("h3", {}, def.label), box));
    const data: uPlot.AlignedData = [
      xs,
      ...runs.map((r) =>
        xs.map((x) => {
          const h = r.final.history.find((p) => p.round === x);
          return h ? (def.value(h) ?? null) : null;
        }),
      ),
    ];
    new uPlot(
      {
        width,
        height: 130,
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false } },
        axes: [{ incrs: [1], values: (_u, v) => v.map((x) => `R${x}`) }, { size: 40 }],
        series: [
          { label: t("charts.round") },
          ...runs.map((r, i) => ({
            label: t("compare.run", { n: i + 1, code: r.code }),
            stroke: RUN_COLOURS[i],
            width: 2,
            ...(i === 1 ? { dash: [6, 3] } : {}),
            points: { show: true, size: 5 },
          })),
        ],
      },
      data,
      box,
    );
  }
}
