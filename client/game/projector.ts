/**
 * The projector ("situation room", UI.md): one table on a classroom screen — the map, the public
 * indices, the clock and the public news, in a dark theme with large type. It joins as an observer,
 * so the server sends only the observer's view: no orders, no objectives, no private channel. It
 * reads the room; it has no controls beyond the language.
 *
 * Page: index.html?watch=GAME&projector=1 (linked from the teacher dashboard and the Control console).
 */
import "../control/sitroom.css";
import { POWERS } from "../../shared/powers.js";
import type { PlayerView } from "../../shared/view.js";
import { RANGE_STAGES } from "../data/places.js";
import { t } from "../i18n/index.js";
import type { GameSession } from "../session.js";
import {
  clock,
  crisisColour,
  crisisWord,
  el,
  money,
  num,
  phaseCountdown,
  powerChip,
  powerName,
} from "../ui.js";
import { DARK_PALETTE, loadAtlas } from "./geo.js";
import { icon } from "./icons.js";
import { legend } from "./legend.js";
import { type MapController, mountMap } from "./map.js";
import { eventText, roundAndPhase } from "./words.js";

/** A labelled bar with its number (the bar is never the only signal). */
function bar(label: HTMLElement | string, value: number, max: number, colour: string): HTMLElement {
  const pct = Math.max(0, Math.min(100, (value / max) * 100));
  return el(
    "div",
    { class: "pj-bar" },
    el("span", { class: "pj-bar-label" }, label),
    el("span", { class: "pj-track" }, el("span", { style: `width:${pct}%;background:${colour}` })),
    el("span", { class: "pj-bar-value mono" }, num(value)),
  );
}

export function startProjector(session: GameSession, root: HTMLElement): { destroy(): void } {
  void loadAtlas().catch(() => undefined);
  document.body.classList.add("sitroom", "projector");
  document.title = `${t("projector.title")} — ${t("app.title")}`;

  const code = el("span", { class: "mono", id: "pj-code" });
  const round = el("span", { id: "pj-round" });
  const phase = el("span", { id: "pj-phase", class: "pj-phase" });
  const timeText = el("span", { class: "pj-time mono", id: "pj-time" });
  const timeFill = el("span", { class: "pj-time-fill" });
  const crisisNum = el("span", { class: "pj-crisis-num mono", id: "pj-crisis" });
  const crisisWordEl = el("span", { class: "pj-crisis-word" });
  const crisisFill = el("span", {});
  const header = el(
    "header",
    { class: "pj-head" },
    el(
      "div",
      { class: "pj-brand" },
      t("app.title"),
      el("span", { class: "muted" }, ` · ${t("projector.title")}`),
    ),
    el("div", { class: "pj-where" }, round, " · ", phase),
    el(
      "div",
      { class: "pj-clock", role: "timer", "aria-label": t("top.timeLeft") },
      timeText,
      el("span", { class: "pj-track" }, timeFill),
    ),
    el(
      "div",
      {
        class: "pj-crisis",
        role: "meter",
        "aria-label": t("top.crisis"),
        "aria-valuemin": 0,
        "aria-valuemax": 100,
        id: "pj-crisis-meter",
      },
      el("span", { class: "pj-label" }, t("top.crisis")),
      crisisNum,
      el("span", { class: "pj-track" }, crisisFill),
      crisisWordEl,
    ),
    el("div", { class: "pj-code" }, `${t("top.game")} `, code),
  );
  // The map is a picture; the legend beside it is a control (it folds): not inside the picture.
  const mapEl = el("div", { id: "map", role: "img", "aria-label": t("map.aria") });
  const ringNotes = el("div", { class: "pj-rings", id: "pj-rings" });
  const mapWrap = el(
    "div",
    { class: "pj-map map-wrap" },
    mapEl,
    el("div", { class: "pj-map-notes" }, ringNotes, legend({ open: true, id: "pj-legend" })),
  );
  // Focusable: where the cards do not fit (a short screen), the panel scrolls from the keyboard too.
  const indices = el("aside", {
    class: "pj-side",
    id: "pj-indices",
    "aria-label": t("projector.indices"),
    tabindex: 0,
  });
  const news = el("section", { class: "pj-news", id: "pj-news", "aria-live": "polite" });
  const screen = el(
    "div",
    { class: "pj", id: "projector", "data-testid": "projector" },
    header,
    el("main", { class: "pj-body" }, mapWrap, indices),
    news,
  );
  root.replaceChildren(screen);

  let map: MapController | null = null;
  try {
    map = mountMap(mapEl, {
      onFlowFocus: () => undefined,
      palette: DARK_PALETTE,
      onRings(list) {
        const off = list.filter((n) => !n.onMap);
        ringNotes.textContent = off.length
          ? t("map.beyond", {
              list: off
                .map((n) => t("map.ring", { km: num(n.km), reaches: t(`reach.${n.stage}`) }))
                .join(", "),
            })
          : "";
      },
      onReady() {
        mapEl.dataset.ready = "1";
      },
      onError: (m) => console.warn(m),
    });
  } catch (e) {
    ringNotes.textContent = t("map.noWebgl", { error: String(e) });
  }

  let lastView: PlayerView | null = null;
  let lastMessages = -1;
  const render = () => {
    const room = session.room;
    const view = session.view;
    const top = roundAndPhase(view, room);
    code.textContent = room.code;
    round.textContent = top.round;
    const shownPhase = top.phase;
    phase.textContent = t(`phase.${shownPhase}`);
    phase.dataset.phase = shownPhase;
    if (!view || (view === lastView && session.messages.length === lastMessages)) return;
    lastMessages = session.messages.length;
    const viewChanged = view !== lastView;
    lastView = view;
    renderNews(news, view, session);
    if (!viewChanged) return;
    map?.setView(view);
    const c = view.crisis;
    crisisNum.textContent = String(c);
    crisisWordEl.textContent = crisisWord(c);
    crisisFill.style.width = `${c}%`;
    crisisFill.style.background = crisisColour(c, "dark");
    const meter = document.getElementById("pj-crisis-meter");
    meter?.setAttribute("aria-valuenow", String(c));
    meter?.setAttribute("aria-valuetext", `${c} / 100, ${crisisWord(c)}`);
    renderIndices(indices, view, session);
  };

  const countdownOf = phaseCountdown();
  const tick = () => {
    const { deadline, paused, phase: ph } = session.room;
    const { remaining, share } = countdownOf(session.room);
    timeText.textContent =
      ph === "ended" ? t("top.ended") : paused ? t("top.paused") : deadline ? clock(remaining) : "—";
    timeFill.style.width = deadline && !paused ? `${share * 100}%` : "0%";
  };
  const timer = setInterval(tick, 250);
  const unsubscribe = session.subscribe(render);
  render();
  tick();
  return {
    destroy() {
      clearInterval(timer);
      unsubscribe();
      map?.destroy();
    },
  };
}

function renderIndices(host: HTMLElement, view: PlayerView, session: GameSession): void {
  const prog = view.programme;
  const cur = RANGE_STAGES[prog.stage - 1];
  const submitted = new Set(view.submitted);
  host.replaceChildren(
    el(
      "section",
      { class: "pj-card" },
      el("h2", {}, t("rail.programme")),
      el(
        "p",
        { class: "pj-big" },
        el("span", { class: "mono" }, `${prog.stage}/5`),
        " ",
        el(
          "span",
          { class: "pj-sub" },
          cur ? `${t(`reach.${cur.stage}`)} · ${num(cur.km)} km` : t("rail.none"),
        ),
      ),
      bar(t("index.readiness"), prog.readiness, 100, "#E69F00"),
      el("p", { class: "muted" }, t("projector.tests", { n: prog.tests })),
    ),
    el(
      "section",
      { class: "pj-card" },
      el("h2", {}, t("projector.powers")),
      el(
        "table",
        { class: "pj-table" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", { scope: "col" }, ""),
            el("th", { scope: "col" }, t("index.economy")),
            el("th", { scope: "col" }, t("index.stability")),
            el("th", { scope: "col" }, t("index.standing")),
            // Announced enforcement (public), one column rather than a card of its own: at laptop
            // height the side panel then fits without scrolling.
            el("th", { scope: "col" }, t("projector.announced")),
            el("th", { scope: "col" }, t("projector.ordersIn")),
          ),
        ),
        el(
          "tbody",
          {},
          ...POWERS.map((p) =>
            el(
              "tr",
              { "data-power": p },
              // The chip alone: five columns must fit the side panel at projector type sizes.
              el(
                "th",
                { scope: "row", title: powerName(p) },
                powerChip(p),
                el("span", { class: "sr-only" }, powerName(p)),
              ),
              el("td", { class: "mono" }, String(view.powers[p].economy)),
              el("td", { class: "mono" }, String(view.powers[p].stability)),
              el("td", { class: "mono" }, String(view.powers[p].standing)),
              el("td", { class: "mono" }, p === "KP" ? "—" : String(view.enforcement[p].announced)),
              el(
                "td",
                {},
                ...(submitted.has(p)
                  ? [icon("check"), ` ${t("seat.ordersIn")}`]
                  : [session.room.seats.find((s) => s.power === p)?.ready ? t("seat.ready") : "—"]),
              ),
            ),
          ),
        ),
      ),
    ),
    el(
      "section",
      { class: "pj-card" },
      el("h2", {}, t("news.sanctions")),
      el(
        "p",
        {},
        t("projector.sanctions", {
          resolutions: view.sanctions.resolutions.length,
          designations: view.sanctions.designations.length,
          agreements: view.agreements.filter((a) => a.status === "active").length,
        }),
      ),
      bar(t("index.tension"), view.tension, 100, "#999999"),
      el(
        "p",
        { class: "muted" },
        t("projector.trade", {
          value: money(view.flows.reduce((sum, f) => sum + f.official, 0)),
        }),
      ),
    ),
  );
}

/**
 * The public news: Control's announcements to the table (its "broadcast", posted in the public
 * channel) first, newest first, then this round's public events and the last resolution's.
 */
function renderNews(host: HTMLElement, view: PlayerView, session: GameSession): void {
  const ended = view.phase === "ended";
  const last = ended ? view.round : view.round - 1;
  const pub = view.events.filter((e) => e.visibleTo === "all");
  const resolved = pub.filter((e) => e.round === last);
  const now = pub.filter((e) => e.round > last);
  const broadcasts = session.messages
    .filter((m) => m.from === "CONTROL" && m.channel === "public")
    .slice(-2)
    .reverse()
    .map((m) =>
      el(
        "li",
        { class: "pj-broadcast", "data-kind": "broadcast" },
        el("strong", {}, `${t("projector.fromControl")}: `),
        m.text,
      ),
    );
  const events = [...now.reverse(), ...resolved]
    .slice(0, 6 - broadcasts.length)
    .map((e) => el("li", { "data-kind": e.kind }, eventText(e)));
  const items = [...broadcasts, ...events];
  host.replaceChildren(
    el("h2", {}, last >= 1 ? t("projector.news", { round: last }) : t("projector.newsNone")),
    items.length ? el("ul", {}, ...items) : el("p", { class: "muted" }, t("news.nothing")),
  );
}
