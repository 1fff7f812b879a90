/**
 * Charts of every index over the rounds (uPlot, loaded the first time the Charts tab opens), each
 * with its figures as a table for screen readers and projectors. Series are told apart by colour,
 * dash and the legend's labels, never by colour alone. Private series appear only when the view
 * carries them (the seat's own achieved enforcement, North Korea's stocks, China's discontent…).
 */
import "uplot/dist/uPlot.min.css";
import uPlot from "uplot";
import { POWERS } from "../../shared/powers.js";
import type { HistoryPointView, PlayerView } from "../../shared/view.js";
import { t } from "../i18n/index.js";
import { el, POWER_HUES, powerName } from "../ui.js";

interface SeriesDef {
  label: string;
  colour: string;
  dash?: number[];
  value(h: HistoryPointView): number | null | undefined;
}
interface ChartDef {
  id: string;
  title: string;
  series: SeriesDef[];
}

const DASHES: readonly (number[] | undefined)[] = [undefined, [6, 3], [2, 2], [8, 3, 2, 3], [1, 3]];

function chartDefs(view: PlayerView): ChartDef[] {
  const perPower = (key: "economy" | "stability" | "standing"): SeriesDef[] =>
    POWERS.map((p, i) => ({
      label: powerName(p),
      colour: POWER_HUES[p],
      dash: DASHES[i],
      value: (h) => h.powers[p]?.[key],
    }));
  const defs: ChartDef[] = [
    {
      id: "chart-crisis",
      title: t("charts.crisis"),
      series: [
        { label: t("index.crisis"), colour: "#C0392B", value: (h) => h.crisis },
        { label: t("index.tension"), colour: "#0072B2", dash: [6, 3], value: (h) => h.tension },
        { label: t("index.readiness"), colour: "#E69F00", dash: [2, 2], value: (h) => h.readiness },
        { label: t("index.stage10"), colour: "#4D4D4D", dash: [8, 3, 2, 3], value: (h) => h.stage * 10 },
      ],
    },
    { id: "chart-economy", title: t("charts.economy"), series: perPower("economy") },
    { id: "chart-stability", title: t("charts.stability"), series: perPower("stability") },
    { id: "chart-standing", title: t("charts.standing"), series: perPower("standing") },
    {
      id: "chart-enforcement",
      title: t("charts.enforcement"),
      series: [
        ...POWERS.filter((p) => p !== "KP").map((p, i) => ({
          label: t("charts.announcedBy", { power: powerName(p) }),
          colour: POWER_HUES[p],
          dash: DASHES[i],
          value: (h: HistoryPointView) => h.announced[p],
        })),
        ...POWERS.filter((p) => view.history.some((h) => h.actual[p] !== undefined) && p !== "KP").map(
          (p) => ({
            label: t("charts.achievedBy", { power: powerName(p) }),
            colour: "#1f2328",
            dash: [1, 3],
            value: (h: HistoryPointView) => h.actual[p],
          }),
        ),
      ],
    },
    {
      id: "chart-trade",
      title: t("charts.trade"),
      series: [
        { label: t("charts.official"), colour: "#009E73", value: (h) => h.officialTrade },
        ...(view.history.some((h) => h.illicitTrade !== undefined)
          ? [
              {
                label: t("charts.illicit"),
                colour: "#4D4D4D",
                dash: [6, 3],
                value: (h: HistoryPointView) => h.illicitTrade,
              },
            ]
          : []),
        ...(view.history.some((h) => h.borderTrade !== undefined)
          ? [
              {
                label: t("charts.border"),
                colour: "#D55E00",
                dash: [2, 2],
                value: (h: HistoryPointView) => h.borderTrade,
              },
            ]
          : []),
        ...(view.history.some((h) => h.ruTrade !== undefined)
          ? [
              {
                label: t("charts.ruTrade"),
                colour: "#CC79A7",
                dash: [8, 3, 2, 3],
                value: (h: HistoryPointView) => h.ruTrade,
              },
            ]
          : []),
      ],
    },
  ];
  if (view.history.some((h) => h.nk)) {
    defs.push({
      id: "chart-nk",
      title: t("charts.nk"),
      series: [
        { label: t("index.nk_currency"), colour: "#E69F00", value: (h) => h.nk?.currency },
        { label: t("index.nk_fuel"), colour: "#4D4D4D", dash: [6, 3], value: (h) => h.nk?.fuel },
        { label: t("index.nk_food"), colour: "#009E73", dash: [2, 2], value: (h) => h.nk?.food },
        {
          label: t("index.nk_stability"),
          colour: "#0072B2",
          dash: [8, 3, 2, 3],
          value: (h) => h.nk?.stability,
        },
      ],
    });
  }
  if (view.history.some((h) => h.discontent !== undefined)) {
    defs.push({
      id: "chart-discontent",
      title: t("charts.discontent"),
      series: [{ label: t("index.discontent"), colour: "#D55E00", value: (h) => h.discontent }],
    });
  }
  return defs;
}

function dataTable(def: ChartDef, history: readonly HistoryPointView[]): HTMLElement {
  return el(
    "details",
    { class: "chart-table" },
    el("summary", {}, t("charts.asTable")),
    el(
      "table",
      { class: "mini" },
      el("caption", {}, def.title),
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col" }, t("charts.round")),
          ...def.series.map((s) => el("th", { scope: "col" }, s.label)),
        ),
      ),
      el(
        "tbody",
        {},
        ...history.map((h) =>
          el(
            "tr",
            {},
            el("th", { scope: "row" }, String(h.round)),
            ...def.series.map((s) => el("td", { class: "num" }, String(s.value(h) ?? "—"))),
          ),
        ),
      ),
    ),
  );
}

const plots: uPlot[] = [];

export function renderCharts(host: HTMLElement, view: PlayerView): void {
  for (const p of plots.splice(0)) p.destroy();
  const width = Math.max(240, host.clientWidth - 8);
  const history = view.history;
  const reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
  const parts: HTMLElement[] = [];
  if (history.length < 2) parts.push(el("p", { class: "muted" }, t("charts.early")));
  for (const def of chartDefs(view)) {
    const box = el("div", { class: "chart", id: def.id, role: "img", "aria-label": def.title });
    parts.push(
      el("section", { class: "chart-block" }, el("h3", {}, def.title), box, dataTable(def, history)),
    );
    const data: uPlot.AlignedData = [
      history.map((h) => h.round),
      ...def.series.map((s) => history.map((h) => s.value(h) ?? null)),
    ];
    const opts: uPlot.Options = {
      width,
      height: 150,
      cursor: { drag: { x: false, y: false }, points: { show: !reduced } },
      legend: { live: true },
      scales: { x: { time: false } },
      axes: [
        {
          stroke: "#5f6670",
          grid: { stroke: "#e6e2d8" },
          incrs: [1],
          values: (_u, v) => v.map((x) => `R${x}`),
        },
        { stroke: "#5f6670", grid: { stroke: "#e6e2d8" }, size: 40 },
      ],
      series: [
        { label: t("charts.round") },
        ...def.series.map((s) => ({
          label: s.label,
          stroke: s.colour,
          width: 2,
          ...(s.dash ? { dash: s.dash } : {}),
          points: { show: true, size: 5 },
        })),
      ],
    };
    queueMicrotask(() => plots.push(new uPlot(opts, data, box)));
  }
  host.replaceChildren(...parts);
}
