/**
 * The debrief (DESIGN §8 and §10): from a game's record, the scores against par, each power's
 * objectives and secret agenda, charts of the key indices over the rounds, the revealed messages,
 * and the game set beside what really happened in 2017–18 (round N = a quarter), each historical
 * item with its source — then a few discussion questions for the class.
 *
 * Page: debrief.html?code=GAME with a key: the Control token (teacher, facilitator: everything) or a
 * player's seat token (their own orders, rationales and messages; every power's objectives and
 * agenda once the game has ended). The key comes from the fragment (`#key=…`) or this browser.
 */
import "../styles.css";
import "../control/sitroom.css";
import { POWERS, type PowerId } from "../../shared/powers.js";
import { quarterOf, SUMMER_2017 } from "../../shared/scenario.js";
import type { PlayerView } from "../../shared/view.js";
import { branchPanel } from "../control/branch.js";
import {
  codeFromUrl,
  controlToken,
  httpBase,
  keyFromFragment,
  pageUrl,
  recordUrl,
  SEAT_KEY,
  showError,
} from "../control/net.js";
import {
  byResult,
  eventText,
  gradeMark,
  gradeText,
  injectWords,
  objectiveText,
  timelineEvent,
  timelineTrade,
} from "../game/words.js";
import { initI18n, isLang, lang, setLang, t } from "../i18n/index.js";
import { el, errorMessage, noticePage, powerChip, powerName, powerRowHeader } from "../ui.js";
import { compareView } from "./compare.js";
import { type DebriefRecord, fetchRecord } from "./record.js";
import { replayCard } from "./replay.js";
import { reportBlocks, toHtml, toMarkdown } from "./report.js";

const SCENARIO = SUMMER_2017;
const app = document.getElementById("app")!;

function quarterLabel(round: number): string {
  const q = quarterOf(round, SCENARIO);
  return t("fmt.quarter", { q: q.quarter, year: q.year });
}

function card(
  id: string,
  title: string,
  ...children: (Node | string | null | false | undefined)[]
): HTMLElement {
  return el(
    "section",
    { class: "sr-card", id, "aria-labelledby": `${id}-h` },
    el("h2", { id: `${id}-h` }, title),
    ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
  );
}

function findKey(code: string): { key: string; control: boolean } {
  const fromUrl = keyFromFragment();
  const control = controlToken(code);
  if (fromUrl) {
    if (fromUrl === control) return { key: fromUrl, control: true };
    return { key: fromUrl, control: false };
  }
  if (control) return { key: control, control: true };
  return { key: sessionStorage.getItem(SEAT_KEY + code) ?? "", control: false };
}

let key = "";
let isControl = false;
let record: DebriefRecord | null = null;

async function start(): Promise<void> {
  const code = codeFromUrl();
  ({ key, control: isControl } = findKey(code));
  document.title = `${t("debrief.title")} ${code} — ${t("app.title")}`;
  if (!code || !key) return message(t("debrief.noKey"));
  const params = new URLSearchParams(location.search);
  const other = (params.get("compare") ?? "").toUpperCase();
  try {
    record = await fetchRecord(code, key);
    if (/^[A-Z0-9]{6}$/.test(other)) {
      const otherKey = controlToken(other);
      if (!otherKey) return message(t("compare.needKey"));
      compared = await fetchRecord(other, otherKey);
    }
  } catch (e) {
    showError(errorMessage(e));
    return message(t("debrief.notFound"));
  }
  mode = compared ? "compare" : params.get("view") === "report" ? "report" : "debrief";
  render();
}

let compared: DebriefRecord | null = null;
let mode: "debrief" | "report" | "compare" = "debrief";
let teardown: () => void = () => {};

function message(text: string): void {
  app.replaceChildren(
    noticePage(t("debrief.title"), text, el("a", { href: `${httpBase() || "."}/` }, t("control.toLobby"))),
  );
}

function render(): void {
  const rec = record!;
  const v = rec.final;
  const ended = v.phase === "ended" && v.ending;
  const langSel = el("select", { class: "small", "aria-label": t("lobby.language") });
  langSel.append(new Option("English", "en"), new Option("한국어", "ko"));
  langSel.value = lang();
  langSel.addEventListener("change", async () => {
    if (isLang(langSel.value)) await setLang(langSel.value);
    render();
  });
  teardown();
  teardown = () => {};
  const head = el(
    "header",
    { class: "sr-head" },
    el("a", { class: "sr-brand", href: "./" }, t("app.title")),
    el("h1", { class: "sr-title" }, `${t("debrief.title")} · `, el("span", { class: "mono" }, rec.code)),
    langSel,
  );
  if (mode === "compare" && compared) return void app.replaceChildren(head, compareView(rec, compared));
  if (mode === "report") return void app.replaceChildren(head, reportPage(rec));
  const chartsHost = el("div", { class: "charts-grid", id: "debrief-charts" });
  const replay = replayCard(rec);
  teardown = replay.destroy;
  app.replaceChildren(
    head,
    el(
      "main",
      { class: "sr-main debrief", id: "debrief" },
      summary(rec),
      objectives(v),
      card(
        "d-charts",
        t("debrief.charts"),
        el("p", { class: "muted small" }, t("debrief.chartsNote")),
        chartsHost,
      ),
      replay.element,
      reportLink(rec),
      history(rec),
      messages(rec),
      card(
        "d-questions",
        t("debrief.questionsTitle"),
        el(
          "ol",
          { class: "questions" },
          ...["q1", "q2", "q3", "q4", "q5", "q6"].map((q) => el("li", {}, t(`debrief.questions.${q}`))),
        ),
      ),
      downloads(rec),
      isControl
        ? card(
            "d-branch",
            t("branch.title"),
            branchPanel({ code: rec.code, key, maxRound: () => Math.max(1, rec.final.round) }).element,
          )
        : null,
    ),
  );
  if (!ended) app.querySelector("#d-summary")?.append(el("p", { class: "muted" }, t("debrief.notEnded")));
  // The game screen's charts (uPlot), drawn once the host has its width.
  void import("../game/charts.js").then((m) => requestAnimationFrame(() => m.renderCharts(chartsHost, v)));
}

function summary(rec: DebriefRecord): HTMLElement {
  const v = rec.final;
  const ending = v.ending;
  const scores = ending?.scores;
  const ranked = byResult(scores);
  const seatOf = (p: PowerId) => rec.seats.find((s) => s.power === p);
  return card(
    "d-summary",
    ending ? t("debrief.summary") : t("debrief.soFar", { round: v.round }),
    ending
      ? el(
          "p",
          { class: "end-reason" },
          t(`end.reason.${ending.reason === "war" && !ending.pusher ? "war_plain" : ending.reason}`, {
            round: ending.round,
            pusher: ending.pusher ? powerName(ending.pusher) : "",
          }),
          ending.winner ? ` ${t("end.winner", { power: powerName(ending.winner) })}` : "",
        )
      : null,
    scores
      ? el(
          "table",
          { class: "grid-table", id: "debrief-scores" },
          el("caption", { class: "sr-only" }, t("end.scoresCaption")),
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              el("th", { scope: "col" }, t("end.power")),
              el("th", { scope: "col" }, t("debrief.playedBy")),
              el("th", { scope: "col", class: "num" }, t("end.score")),
              el("th", { scope: "col", class: "num" }, t("end.par")),
              el("th", { scope: "col", class: "num" }, t("end.normalised")),
              el("th", { scope: "col" }, t("end.grade")),
            ),
          ),
          el(
            "tbody",
            {},
            ...ranked.map((p) => {
              const s = scores[p];
              const seat = seatOf(p);
              return el(
                "tr",
                { "data-power": p },
                powerRowHeader(p),
                el("td", {}, !seat ? "—" : seat.bot ? t("seat.bot") : seat.name),
                el("td", { class: "num" }, String(s.score)),
                el("td", { class: "num" }, String(s.par)),
                el("td", { class: "num" }, `${s.normalised}%`),
                el(
                  "td",
                  { class: `grade-${s.grade}` },
                  el("span", { class: "mark" }, gradeMark(s.grade)),
                  ` ${gradeText(s.grade)}`,
                ),
              );
            }),
          ),
        )
      : null,
  );
}

function objectives(v: PlayerView): HTMLElement {
  const scores = v.ending?.scores;
  return card(
    "d-objectives",
    t("debrief.objectives"),
    el(
      "div",
      { class: "table-grid" },
      ...POWERS.map((p) => {
        const list = scores?.[p]?.objectives.map((o) => ({ ...o, status: o.grade })) ?? v.objectives[p];
        if (!list?.length) return null;
        return el(
          "div",
          { "data-power": p },
          el("h3", {}, powerChip(p), ` ${powerName(p)}`),
          el(
            "ul",
            { class: "order-list" },
            ...list.map((o) =>
              el(
                "li",
                { class: `grade-${o.status}` },
                el("span", { class: "mark", "aria-hidden": "true" }, `${gradeMark(o.status)} `),
                o.secret ? el("strong", {}, `${t("end.secretAgenda")}: `) : null,
                objectiveText(o),
                el("span", { class: "muted" }, ` — ${gradeText(o.status)}`),
              ),
            ),
          ),
        );
      }),
    ),
  );
}

/** The game's rounds beside the scenario's timeline of what really happened. */
function history(rec: DebriefRecord): HTMLElement {
  const v = rec.final;
  const last = v.phase === "ended" ? v.round : v.round - 1;
  const rows: HTMLElement[] = [];
  const rounds = Math.max(v.maxRounds, 1);
  for (let r = 1; r <= rounds; r++) {
    const label = quarterLabel(r);
    const real = SCENARIO.timeline.find((x) => x.round === r);
    const point = v.history.find((h) => h.round === r);
    const events = (rec.rounds.find((x) => x.round === r)?.events ?? []).filter(
      (e) => e.round === r && e.visibleTo === "all",
    );
    // Control's injects of the round (in Control's record only): what the table was told.
    const injects = rec.inputs
      .filter((i) => i.round === r && i.type === "control_inject")
      .map((i) => {
        const custom = i.input.custom as { title?: string } | undefined;
        const id = i.input.inject as string | undefined;
        const lib = SCENARIO.injects.find((x) => x.id === id);
        return custom?.title ?? (lib ? injectWords(lib.title, lib.text).title : (id ?? ""));
      });
    const game =
      r > last
        ? el("p", { class: "muted" }, t("debrief.notPlayed"))
        : el(
            "div",
            {},
            point
              ? el(
                  "p",
                  { class: "small muted" },
                  t("debrief.roundNumbers", {
                    crisis: point.crisis,
                    stage: point.stage,
                    trade: point.officialTrade,
                  }),
                )
              : null,
            injects.length
              ? el(
                  "ul",
                  {},
                  ...injects.map((x) => el("li", {}, el("strong", {}, `${t("debrief.inject")}: `), x)),
                )
              : null,
            events.length
              ? el("ul", {}, ...events.slice(0, 8).map((e) => el("li", {}, eventText(e))))
              : el("p", { class: "muted" }, t("news.nothing")),
          );
    const actual = real
      ? el(
          "div",
          {},
          el(
            "ul",
            {},
            ...real.events.map((e, i) => {
              const w = timelineEvent(r, i, e);
              return el("li", {}, el("strong", {}, `${w.date} · ${w.actor}: `), w.text);
            }),
          ),
          el("p", { class: "small" }, t("debrief.chinaTrade", { value: timelineTrade(r, real.chinaTrade) })),
          el("p", { class: "src" }, `${t("control.source")}: ${real.source}`),
        )
      : el("p", { class: "muted" }, t("debrief.beyondTimeline"));
    rows.push(
      el(
        "tr",
        { "data-round": r },
        el("th", { scope: "row", class: "q" }, t("debrief.roundQuarter", { round: r }), el("br"), label),
        el("td", {}, game),
        el("td", {}, actual),
      ),
    );
  }
  return card(
    "d-history",
    t("debrief.history"),
    el("p", { class: "muted small" }, t("debrief.historyNote")),
    el(
      "table",
      { class: "grid-table history-table", id: "debrief-history" },
      el("caption", { class: "sr-only" }, t("debrief.history")),
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col" }, t("debrief.when")),
          el("th", { scope: "col" }, t("debrief.inGame")),
          el("th", { scope: "col" }, t("debrief.inReality")),
        ),
      ),
      el("tbody", {}, ...rows),
    ),
  );
}

function messages(rec: DebriefRecord): HTMLElement {
  const channels = [...new Set(rec.messages.map((m) => m.channel))].sort((a, b) =>
    a === "public" ? -1 : b === "public" ? 1 : a.localeCompare(b),
  );
  return card(
    "d-messages",
    isControl ? t("debrief.messages") : t("debrief.myMessages"),
    el("p", { class: "muted small" }, isControl ? t("debrief.messagesNote") : t("debrief.myMessagesNote")),
    channels.length
      ? el(
          "div",
          {},
          ...channels.map((c) => {
            const list = rec.messages.filter((m) => m.channel === c);
            return el(
              "details",
              { open: c === "public" },
              el("summary", {}, `${c === "public" ? t("neg.public") : c} (${list.length})`),
              el(
                "ol",
                { class: "chat-view" },
                ...list.map((m) =>
                  el(
                    "li",
                    {},
                    el("span", { class: "meta" }, `R${m.round} · ${new Date(m.at).toLocaleTimeString()} · `),
                    el("strong", {}, `${m.name} (${m.from})`),
                    `: ${m.text}`,
                  ),
                ),
              ),
            );
          }),
        )
      : el("p", { class: "muted" }, t("neg.noMessages")),
  );
}

/** The after-action report: a printable page and its Markdown, in the reader's language. */
function reportPage(rec: DebriefRecord): HTMLElement {
  const blocks = reportBlocks(rec);
  const md = new Blob([toMarkdown(blocks)], { type: "text/markdown;charset=utf-8" });
  const download = el(
    "a",
    {
      href: URL.createObjectURL(md),
      download: `after-action-${rec.code}.md`,
      id: "report-md",
      class: "button",
    },
    t("report.markdown"),
  );
  const print = el("button", { type: "button", id: "report-print", class: "primary" }, t("report.print"));
  print.addEventListener("click", () => window.print());
  return el(
    "main",
    { class: "sr-main debrief report-page" },
    el(
      "div",
      { class: "report-tools no-print" },
      print,
      download,
      el("a", { href: pageUrl("debrief.html", rec.code) }, t("report.back")),
    ),
    toHtml(blocks),
  );
}

function reportLink(rec: DebriefRecord): HTMLElement {
  return card(
    "d-report",
    t("report.open"),
    el("p", { class: "muted small" }, t("report.openNote")),
    el(
      "p",
      {},
      el(
        "a",
        {
          href: `debrief.html?code=${encodeURIComponent(rec.code)}&view=report`,
          id: "open-report",
          class: "button",
        },
        t("report.open"),
      ),
    ),
  );
}

function downloads(rec: DebriefRecord): HTMLElement {
  const link = (format: "csv" | "json", label: string, table?: string) =>
    el("a", { href: recordUrl(rec.code, key, format, table), "data-record": format }, label);
  return card(
    "d-downloads",
    isControl ? t("control.export") : t("debrief.myExport"),
    el("p", { class: "muted small" }, isControl ? t("debrief.exportNote") : t("debrief.myExportNote")),
    el(
      "p",
      {},
      link("csv", `CSV (${t("control.csvInputs")})`, "inputs"),
      " · ",
      link("csv", `CSV (${t("control.csvMessages")})`, "messages"),
      " · ",
      link("json", "JSON"),
    ),
  );
}

void initI18n().then(start);
