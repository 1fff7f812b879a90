/**
 * The game screen (loaded lazily after a join): the top bar (round, phase, countdown, crisis), the
 * left rail (your power: objectives, action points, indices), the map in the centre with everything
 * it shows also as tables, and the tabs on the right (Orders, Negotiate, News, Charts). On a tablet
 * the tabs become a bottom sheet; on a portrait screen they fill it and the map is one tap away.
 * Entry point: `startGame(session, root)`.
 */
import { isPower, PAIRS, type PairKey, POWERS, type PowerId } from "../../shared/powers.js";
import type { FlowView, PlayerView } from "../../shared/view.js";
import { COMMODITY_GROUPS, styleOf } from "../data/commodities.js";
import { CITIES, RANGE_STAGES } from "../data/places.js";
import { isLang, lang, setLang, t } from "../i18n/index.js";
import { seatLink } from "../seatMemory.js";
import type { GameSession } from "../session.js";
import {
  arrowNeighbour,
  change,
  clock,
  crisisColour,
  crisisWord,
  el,
  kids,
  money,
  num,
  POWER_HUES,
  phaseCountdown,
  powerName,
  refusal,
} from "../ui.js";
import { connectionBanner } from "./connection.js";
import { endScreen } from "./end.js";
import { loadAtlas } from "./geo.js";
import { type Guide, makeGuide } from "./guide.js";
import { gradeIcon } from "./icons.js";
import { legend } from "./legend.js";
import { type MapController, mountMap, type RingNote } from "./map.js";
import { mountMemo } from "./memo.js";
import { negotiatePanel } from "./negotiate.js";
import { renderNews } from "./news.js";
import { ordersPanel } from "./orders.js";
import { eventText, gradeText, objectiveText, placeName, roundAndPhase } from "./words.js";

/** Starts fetching and decoding the map data (the lobby calls it while the player joins). */
export function prefetchMap(): void {
  void loadAtlas().catch(() => undefined);
}

/** Games whose end screen the player closed (it stays closed when the screen is rebuilt for a new language). */
const endClosed = new Set<string>();

export interface GameHandle {
  destroy(): void;
}

function showError(message: string | null): void {
  const box = document.getElementById("error");
  if (!box) return;
  box.textContent = message ?? "";
  box.hidden = !message;
}

/** Relations −100…100: blue for trust, vermilion for hostility (colour-blind safe), always with the number. */
function relationColour(v: number): string {
  const a = Math.min(1, Math.abs(v) / 80) * 0.55 + 0.08;
  return v >= 0 ? `rgba(0, 114, 178, ${a})` : `rgba(213, 94, 0, ${a})`;
}

function myPower(session: GameSession): PowerId | null {
  const seat = session.seat;
  if (!seat) return null;
  return seat.power ?? (isPower(seat.seat) ? seat.seat : null);
}

export function startGame(session: GameSession, root: HTMLElement): GameHandle {
  void loadAtlas().catch(() => undefined); // start fetching the geography at once
  showError(null);
  document.body.classList.add("in-game");
  const me = myPower(session);

  // ---- top bar
  const code = el("span", { id: "game-code", "data-testid": "game-code", class: "mono" });
  const copy = el(
    "button",
    { type: "button", class: "ghost small", title: t("top.copyTitle") },
    t("top.copy"),
  );
  const round = el("span", { id: "round", "data-testid": "round" });
  const phase = el("span", { id: "phase", "data-testid": "phase", class: "phase", "data-phase": "" });
  const countdownBar = el("span", { class: "bar" });
  const countdownText = el("span", { class: "time mono" });
  const countdown = el(
    "div",
    {
      id: "countdown",
      "data-testid": "countdown",
      class: "countdown",
      role: "timer",
      "aria-label": t("top.timeLeft"),
    },
    el("span", { class: "track" }, countdownBar),
    countdownText,
  );
  const crisisFill = el("span", { class: "fill" });
  const crisisValue = el("span", { class: "value mono" });
  const crisisWordEl = el("span", { class: "word" });
  const crisis = el(
    "div",
    {
      id: "crisis",
      "data-testid": "crisis",
      class: "crisis",
      role: "meter",
      "aria-valuemin": 0,
      "aria-valuemax": 100,
      "aria-label": t("top.crisis"),
    },
    el("span", { class: "label" }, t("top.crisis")),
    el("span", { class: "track" }, crisisFill),
    crisisValue,
    crisisWordEl,
  );
  const startBtn = el(
    "button",
    { type: "button", class: "small primary", id: "start-button", hidden: true },
    t("top.start"),
  );
  const resultsBtn = el(
    "button",
    { type: "button", class: "small", id: "results-button", hidden: true },
    t("top.results"),
  );
  const mapToggle = el(
    "button",
    { type: "button", class: "small ghost map-toggle", id: "map-toggle", "aria-pressed": "false" },
    t("top.showMap"),
  );
  const langSelect = el("select", { id: "game-lang", class: "small", "aria-label": t("lobby.language") });
  langSelect.append(new Option("English", "en"), new Option("한국어", "ko"));
  langSelect.value = lang();
  const guideBtn = el(
    "button",
    { type: "button", class: "small ghost", id: "guide-button", "aria-haspopup": "dialog", hidden: !me },
    t("guide.button"),
  );
  const banner = connectionBanner(session);
  const topbar = el(
    "header",
    { class: "topbar" },
    el("div", { class: "brand" }, t("app.title")),
    el("div", { class: "code-box" }, `${t("top.game")} `, code, copy),
    el("div", { class: "round-box" }, round),
    el("div", { class: "phase-box" }, el("span", { class: "muted" }, `${t("top.phase")} `), phase),
    countdown,
    crisis,
    startBtn,
    resultsBtn,
    mapToggle,
    guideBtn,
    langSelect,
  );

  // ---- centre: map, overlays, table view, ticker
  const left = el("aside", { class: "rail left", "aria-label": t("rail.you") });
  // The map is a picture (everything on it is also in the tables); its overlays are controls beside it.
  const mapEl = el("div", { id: "map", "data-testid": "map", role: "img", "aria-label": t("map.aria") });
  const tip = el("div", { id: "flow-tip", class: "flow-tip", hidden: true, role: "status" });
  const notes = el("div", { id: "map-notes", class: "map-notes" });
  const relations = el("div", { id: "relations", class: "relations", "aria-label": t("map.relations") });
  const mapWrap = el(
    "div",
    { class: "map-wrap" },
    mapEl,
    el("div", { class: "map-overlay" }, notes, legend()),
    el("div", { class: "map-overlay-left" }, relations),
    tip,
  );
  const tableView = el("details", { id: "map-table", class: "flows-table" });
  const ticker = el("div", { id: "ticker", class: "ticker", "aria-live": "polite" });
  const centre = el("main", { class: "centre" }, mapWrap, tableView, ticker);

  // ---- right: tabs
  const right = el("aside", { class: "rail right", "aria-label": t("rail.panels") });
  const sheetHandle = el(
    "button",
    { type: "button", class: "sheet-handle", id: "sheet-handle", "aria-expanded": "false" },
    t("top.panels"),
  );
  const screen = el("div", { id: "game", class: "game", "data-testid": "game" }, topbar, left, centre, right);
  root.replaceChildren(screen, banner.element);
  const endHost = el("div", { id: "end-host" });
  root.append(endHost);

  const tabs = ["you", "orders", "negotiate", "news", "charts"] as const;
  type Tab = (typeof tabs)[number];
  const tabList = el("div", { class: "tabs", role: "tablist", "aria-label": t("rail.panels") });
  const panels = new Map<Tab, HTMLElement>();
  const tabButtons = new Map<Tab, HTMLButtonElement>();
  let current: Tab = "orders";
  const selectTab = (name: Tab) => {
    current = name;
    for (const [n, b] of tabButtons) {
      b.setAttribute("aria-selected", String(n === name));
      b.tabIndex = n === name ? 0 : -1;
    }
    for (const [n, p] of panels) p.hidden = n !== name;
    negotiate?.setVisible(name === "negotiate");
    if (name === "charts") void drawCharts();
    screen.classList.remove("map-shown");
    mapToggle.setAttribute("aria-pressed", "false");
    render();
  };
  for (const name of tabs) {
    const b = el(
      "button",
      {
        type: "button",
        role: "tab",
        id: `tab-${name}`,
        "data-tab": name,
        "aria-selected": String(name === current),
        "aria-controls": `panel-${name}`,
        tabindex: name === current ? 0 : -1,
      },
      el("span", {}, t(`tabs.${name}`)),
    );
    const p = el("section", {
      role: "tabpanel",
      id: `panel-${name}`,
      class: `panel panel-${name}`,
      "aria-labelledby": b.id,
      hidden: name !== current,
      tabindex: 0,
    });
    panels.set(name, p);
    tabButtons.set(name, b);
    b.addEventListener("click", () => selectTab(name));
    b.addEventListener("keydown", (e) => {
      const visibleTabs = tabs.filter((x) => getComputedStyle(tabButtons.get(x)!).display !== "none");
      const next = arrowNeighbour(visibleTabs, name, e.key);
      if (next) {
        e.preventDefault();
        selectTab(next);
        tabButtons.get(next)?.focus();
      }
    });
    tabList.append(b);
  }
  const negBadge = el("span", { class: "badge", id: "neg-unread", hidden: true });
  tabButtons.get("negotiate")!.append(negBadge);
  right.append(sheetHandle, tabList, ...panels.values());
  sheetHandle.addEventListener("click", () => {
    const open = !screen.classList.contains("sheet-open");
    screen.classList.toggle("sheet-open", open);
    sheetHandle.setAttribute("aria-expanded", String(open));
  });
  mapToggle.addEventListener("click", () => {
    const shown = !screen.classList.contains("map-shown");
    screen.classList.toggle("map-shown", shown);
    mapToggle.setAttribute("aria-pressed", String(shown));
    mapToggle.textContent = shown ? t("top.hideMap") : t("top.showMap");
  });

  // ---- panels
  let orders: ReturnType<typeof ordersPanel> | null = null;
  const ordersHost = panels.get("orders")!;
  if (me) {
    orders = ordersPanel(session, me, { error: showError });
    ordersHost.replaceChildren(
      el("h2", { class: "panel-title" }, t("orders.title", { power: powerName(me) })),
      orders.element,
    );
  } else {
    ordersHost.append(
      el("p", { class: "muted" }, session.seat ? t("orders.observer") : t("orders.waitSeat")),
    );
  }
  const negotiate = negotiatePanel(session, me, { error: showError, changed: () => render() });
  panels.get("negotiate")!.append(negotiate.element);
  const newsHost = panels.get("news")!;
  const chartsHost = panels.get("charts")!;
  const youHost = panels.get("you")!;

  let chartsModule: Promise<typeof import("./charts.js")> | null = null;
  let chartsView: PlayerView | null = null;
  const drawCharts = async () => {
    const view = session.view;
    if (!view || current !== "charts" || chartsView === view) return;
    chartsView = view;
    chartsModule ??= import("./charts.js");
    const m = await chartsModule;
    m.renderCharts(chartsHost, view);
  };

  copy.addEventListener("click", () => {
    const url = `${location.origin}${location.pathname}?code=${encodeURIComponent(session.room.code)}`;
    void navigator.clipboard?.writeText(url).then(
      () => (copy.textContent = t("top.copied")),
      () => (copy.textContent = url),
    );
  });
  startBtn.addEventListener("click", async () => {
    startBtn.disabled = true;
    const r = await session.control({ command: "start" });
    startBtn.disabled = false;
    if (!r.ok) showError(refusal(r.error));
  });
  let endDismissed = endClosed.has(session.room.code);
  const showEnd = () => {
    const view = session.view;
    if (!view?.ending) return;
    endHost.replaceChildren(
      endScreen(view, me, () => {
        endDismissed = true;
        endClosed.add(view.gameId);
        endClosed.add(session.room.code);
        endHost.replaceChildren();
        resultsBtn.focus();
      }),
    );
  };
  resultsBtn.addEventListener("click", showEnd);

  let handle: GameHandle | null = null;
  langSelect.addEventListener("change", async () => {
    if (!isLang(langSelect.value)) return;
    await setLang(langSelect.value);
    // Rebuild the screen in the new language (the session, and the seat, stay).
    handle?.destroy();
    handle = startGame(session, root);
  });

  // ---- the guided first round: each step points at the panel it explains, in this layout
  const shown = (x: Element | null | undefined): x is HTMLElement =>
    x instanceof HTMLElement && x.getClientRects().length > 0 && getComputedStyle(x).visibility !== "hidden";
  let guide: Guide | null = null;
  /** The round the guide was opened in: it closes itself when that round is over. */
  let guideRound = 0;
  const openGuide = (auto: boolean) => {
    const gameId = session.view?.gameId ?? session.room.code;
    if (!me || !gameId) return;
    guideRound = session.view?.round ?? 1;
    guide ??= makeGuide(
      gameId,
      [
        {
          id: "brief",
          target: () => {
            const objectives = left.querySelector<HTMLElement>(".objectives");
            return shown(objectives) ? objectives : tabButtons.get("you")!;
          },
          before: () => {
            if (!shown(left)) selectTab("you");
          },
        },
        { id: "map", target: () => (shown(mapWrap) ? mapWrap : mapToggle) },
        {
          id: "orders",
          target: () => tabButtons.get("orders")!,
          before: () => selectTab("orders"),
          // Control may have switched the advisor off for this table.
          textKey: () => (session.room.advisor ? "guide.orders.text" : "guide.orders.textNoAdvisor"),
        },
        { id: "negotiate", target: () => tabButtons.get("negotiate")!, before: () => selectTab("negotiate") },
        { id: "clock", target: () => countdown },
      ],
      () => guideBtn.focus(),
    );
    root.append(guide.element);
    if (auto) guide.openUnlessDismissed();
    else guide.open(0);
  };
  guideBtn.addEventListener("click", () => openGuide(false));

  // ---- map
  let map: MapController | null = null;
  let lastNotes = "";
  const showTip = (flow: FlowView | null, x: number, y: number) => {
    if (!flow) {
      tip.hidden = true;
      return;
    }
    tip.replaceChildren(...flowTip(flow, session.view));
    tip.hidden = false;
    const w = mapWrap.clientWidth;
    tip.style.left = `${Math.max(8, Math.min(x + 14, w - 250))}px`;
    tip.style.top = `${Math.max(8, y - 10)}px`;
  };
  try {
    map = mountMap(mapEl, {
      onFlowFocus: showTip,
      onRings(list: RingNote[]) {
        const stage = session.view?.programme.stage ?? 0;
        const off = list.filter((n) => !n.onMap);
        const next = RANGE_STAGES.find((r) => r.stage === stage + 1);
        const cur = RANGE_STAGES[stage - 1];
        const lines = [
          cur
            ? t("map.rangeNow", { stage, km: num(cur.km), reaches: t(`reach.${cur.stage}`) })
            : t("map.rangeNone", { stage }),
          off.length
            ? t("map.beyond", {
                list: off
                  .map((n) => t("map.ring", { km: num(n.km), reaches: t(`reach.${n.stage}`) }))
                  .join(", "),
              })
            : "",
          next ? t("map.next", { reaches: t(`reach.${next.stage}`), km: num(next.km) }) : "",
        ].filter(Boolean);
        const text = lines.join("\n");
        if (text === lastNotes) return;
        lastNotes = text;
        notes.replaceChildren(...lines.map((l) => el("div", {}, l)));
      },
      onReady() {
        mapEl.dataset.ready = "1";
        performance.mark("map-ready");
      },
      onError: showError,
    });
  } catch (e) {
    showError(t("map.noWebgl", { error: String(e) }));
  }

  // ---- render
  let lastView: PlayerView | null = null;
  let endShownFor = "";
  let guideChecked = false;
  const render = () => {
    const room = session.room;
    const view = session.view;
    const top = roundAndPhase(view, room);
    code.textContent = room.code || session.seat?.code || "";
    round.textContent = top.round;
    round.dataset.round = String(view?.round ?? room.round);
    const shownPhase = top.phase;
    phase.textContent = t(`phase.${shownPhase}`);
    phase.dataset.phase = shownPhase;
    phase.className = `phase phase-${shownPhase}`;
    banner.update();
    startBtn.hidden = !(session.seat?.host && !room.started);
    resultsBtn.hidden = !view?.ending;
    if (view) {
      const c = view.crisis;
      crisisFill.style.width = `${c}%`;
      crisisFill.style.background = crisisColour(c);
      crisisValue.textContent = String(c);
      crisisWordEl.textContent = crisisWord(c);
      crisis.setAttribute("aria-valuenow", String(c));
      crisis.setAttribute("aria-valuetext", `${c} / 100, ${crisisWord(c)}`);
      if (view !== lastView) {
        lastView = view;
        renderLeft(left, session, view, "");
        renderLeft(youHost, session, view, "you-");
        renderTableView(tableView, view, map);
        renderRelations(relations, view);
        renderTicker(ticker, view);
        renderNews(newsHost, view, me);
        map?.setView(view);
        if (current === "charts") void drawCharts();
        // Round 1: the guide opens by itself for a power's player (once per game, until dismissed).
        if (!guideChecked && me) {
          guideChecked = true;
          if (view.round === 1 && !view.ending) openGuide(true);
        }
        // It guides a round: it steps aside (leaving focus where it is) when the next round begins,
        // and for the end screen.
        if (guide?.isOpen && (view.ending || view.round !== guideRound)) guide.close(false);
        if (view.ending && endShownFor !== view.gameId && !endDismissed) {
          endShownFor = view.gameId;
          showEnd();
        }
      }
    }
    renderSeats(left, session, "seats");
    renderSeats(youHost, session, "seats-you");
    orders?.update();
    negotiate.update();
    const unread = negotiate.unread();
    negBadge.hidden = unread === 0;
    negBadge.textContent = String(unread);
    tabButtons
      .get("negotiate")!
      .setAttribute(
        "aria-label",
        unread ? `${t("tabs.negotiate")}, ${t("neg.unread", { n: unread })}` : t("tabs.negotiate"),
      );
    tick();
  };

  // ---- countdown
  const countdownOf = phaseCountdown();
  const tick = () => {
    const { deadline, paused, phase: ph } = session.room;
    const { remaining, share } = countdownOf(session.room);
    if (ph === "ended") {
      countdownText.textContent = t("top.ended");
      countdownBar.style.width = "0%";
    } else if (paused) {
      countdownText.textContent = t("top.paused");
    } else if (!deadline) {
      countdownText.textContent = "—";
      countdownBar.style.width = "100%";
    } else {
      countdownText.textContent = clock(remaining);
      countdownBar.style.width = `${share * 100}%`;
    }
    countdown.classList.toggle("low", !!deadline && remaining < 20_000 && ph !== "ended");
    countdown.classList.toggle("paused", paused);
  };
  const timer = setInterval(tick, 250);

  const unsubscribe = session.subscribe(render);
  render();
  const unmountMemo = mountMemo(session, root); // the reflection memo (memo.ts, Control's part)

  handle = {
    destroy() {
      clearInterval(timer);
      unsubscribe();
      unmountMemo();
      banner.destroy();
      map?.destroy();
      guide?.destroy();
      guide?.element.remove();
      document.body.classList.remove("in-game");
    },
  };
  return {
    destroy: () => handle?.destroy(),
  };
}

function flowTip(f: FlowView, view: PlayerView | null): HTMLElement[] {
  const style = styleOf(f.commodity);
  const lines = [
    el("strong", {}, `${t(`commodity.${f.commodity}`)}: ${placeName(f.from)} → ${placeName(f.to)}`),
    el("div", {}, t("tip.official", { value: money(f.official), change: change(f.base, f.official) })),
  ];
  // The trend: last two published figures (one round late), where there are two.
  const pub = view?.published ?? [];
  const a = pub[pub.length - 2]?.officialTrade[f.id];
  const b = pub[pub.length - 1]?.officialTrade[f.id];
  if (a !== undefined && b !== undefined) lines.push(el("div", {}, t("tip.trend", { change: change(a, b) })));
  if (f.illicit !== undefined) lines.push(el("div", {}, t("tip.illicit", { value: money(f.illicit) })));
  const announced = view?.enforcement[f.enforcedBy].announced;
  lines.push(
    el(
      "div",
      { class: "muted" },
      t("tip.enforcedBy", { power: powerName(f.enforcedBy), announced: announced ?? "?" }),
    ),
  );
  if (f.official < f.base)
    lines.push(el("div", { class: "muted" }, t("tip.cut", { value: money(f.base - f.official) })));
  lines.push(el("div", { class: "muted small" }, t(`legend.${groupKeyOf(style.group)}`)));
  return lines;
}

function groupKeyOf(group: string): string {
  return COMMODITY_GROUPS.find((g) => g.group === group)?.key ?? "goods";
}

/** Everything the map shows, as tables: flows, places, range rings, relations, last events. */
function renderTableView(host: HTMLElement, view: PlayerView, map: MapController | null): void {
  const open = host.hasAttribute("open");
  const flowRows = view.flows.map((f) => {
    const row = el(
      "tr",
      { "data-flow": f.id, tabindex: 0 },
      el("td", {}, placeName(f.from)),
      el("td", {}, placeName(f.to)),
      el("td", {}, t(`commodity.${f.commodity}`)),
      el("td", { class: "num" }, money(f.official)),
      el("td", { class: "num" }, `${money(f.base)} (${change(f.base, f.official)})`),
      el("td", { class: "num" }, f.illicit === undefined ? t("table.unknown") : money(f.illicit)),
      el("td", {}, `${powerName(f.enforcedBy)} (${view.enforcement[f.enforcedBy].announced})`),
    );
    // Keyboard and tap equivalent of hovering a flow: the map highlights it.
    row.addEventListener("focus", () => map?.focusFlow(f.id));
    row.addEventListener("blur", () => map?.focusFlow(null));
    return row;
  });
  const stage = view.programme.stage;
  host.replaceChildren(
    el("summary", {}, t("table.summary")),
    el(
      "table",
      { id: "flows-table-data" },
      el("caption", {}, t("table.flowsCaption")),
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ...["from", "to", "commodity", "official", "base", "illicit", "enforcedBy"].map((h) =>
            el("th", { scope: "col" }, t(`table.${h}`)),
          ),
        ),
      ),
      el("tbody", {}, ...flowRows),
    ),
    el(
      "table",
      { class: "mini" },
      el("caption", {}, t("table.ringsCaption")),
      el(
        "tbody",
        {},
        ...RANGE_STAGES.map((r) =>
          el(
            "tr",
            { class: r.stage <= stage ? "reached" : "" },
            el("th", { scope: "row" }, t("table.stage", { n: r.stage })),
            el("td", { class: "num" }, `${num(r.km)} km`),
            el("td", {}, t(`reach.${r.stage}`)),
            el("td", {}, r.stage <= stage ? t("table.reached") : t("table.notYet")),
          ),
        ),
      ),
    ),
    el(
      "table",
      { class: "mini" },
      el("caption", {}, t("table.relationsCaption")),
      el(
        "tbody",
        {},
        ...PAIRS.map((k) => {
          const [a, b] = k.split("-") as [PowerId, PowerId];
          return el(
            "tr",
            {},
            el("th", { scope: "row" }, `${powerName(a)} – ${powerName(b)}`),
            el("td", { class: "num" }, String(view.relations[k])),
          );
        }),
        el(
          "tr",
          {},
          el("th", { scope: "row" }, t("index.tension")),
          el("td", { class: "num" }, String(view.tension)),
        ),
      ),
    ),
    el(
      "table",
      { class: "mini" },
      el("caption", {}, t("table.placesCaption")),
      el(
        "tbody",
        {},
        ...CITIES.map((c) =>
          el(
            "tr",
            {},
            el("th", { scope: "row" }, placeName(c.name)),
            el("td", {}, c.power ? powerName(c.power) : "—"),
          ),
        ),
      ),
    ),
  );
  if (open) host.setAttribute("open", "");
}

function renderRelations(host: HTMLElement, view: PlayerView): void {
  const cell = (a: PowerId, b: PowerId) => {
    if (a === b) return el("td", { class: "self" }, "");
    const k = (a < b ? `${a}-${b}` : `${b}-${a}`) as PairKey;
    const v = view.relations[k];
    return el(
      "td",
      { style: `background: ${relationColour(v)}`, title: `${powerName(a)} – ${powerName(b)}: ${v}` },
      v > 0 ? `+${v}` : String(v),
    );
  };
  // Folded on a phone (one tap to open), where it would cover a third of the map; it keeps its state
  // from one view to the next.
  const wasOpen = host.querySelector("details")?.open ?? innerWidth > 700;
  host.replaceChildren(
    el(
      "details",
      { open: wasOpen },
      el("summary", {}, t("map.relations")),
      el(
        "table",
        { "aria-label": t("map.relations") },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("td", {}),
            ...POWERS.map((p) =>
              el("th", { scope: "col", style: `--hue: ${POWER_HUES[p]}`, title: powerName(p) }, p),
            ),
          ),
        ),
        el(
          "tbody",
          {},
          ...POWERS.map((a) =>
            el(
              "tr",
              {},
              el("th", { scope: "row", style: `--hue: ${POWER_HUES[a]}`, title: powerName(a) }, a),
              ...POWERS.map((b) => cell(a, b)),
            ),
          ),
        ),
      ),
    ),
  );
}

function renderTicker(ticker: HTMLElement, view: PlayerView): void {
  // After the last resolution the game ends in the same round: its events are the last ones.
  const resolved = view.phase === "ended" ? view.round : view.round - 1;
  const last = view.events.filter((e) => e.round === resolved && e.visibleTo === "all");
  ticker.textContent = last.length
    ? `${t("ticker.round", { round: resolved })}: ${last.map(eventText).join("  ·  ")}`
    : t("ticker.none");
}

function indexRow(label: string, value: string, detail = ""): HTMLElement {
  return el(
    "div",
    { class: "index-row" },
    el("span", { class: "k" }, label),
    el("span", { class: "v mono" }, value),
    el("span", { class: "d" }, detail),
  );
}

function renderLeft(host: HTMLElement, session: GameSession, view: PlayerView, idPrefix: string): void {
  const power = myPower(session);
  const parts: (HTMLElement | null)[] = [];
  if (power) {
    const ps = view.powers[power];
    const e = view.enforcement[power];
    const mySeat = session.room.seats.find((s) => s.power === power);
    const objectives = view.objectives[power] ?? [];
    parts.push(
      el(
        "section",
        { class: "power-card", style: `--hue: ${POWER_HUES[power]}` },
        el("div", { class: "power-id mono" }, power),
        el(
          "div",
          {},
          el("h2", { class: "my-power" }, powerName(power)),
          el(
            "p",
            { class: "muted" },
            mySeat?.name ? t("rail.playedBy", { name: mySeat.name }) : t("rail.yourPower"),
          ),
        ),
      ),
      el(
        "details",
        { class: "block brief" },
        el("summary", {}, t("rail.brief")),
        el("p", {}, t(`brief.${power}`)),
      ),
      el(
        "section",
        { class: "block objectives" },
        el("h3", {}, t("rail.objectives")),
        el(
          "ul",
          { class: "objective-list" },
          ...objectives.map((o) =>
            el(
              "li",
              { class: `grade-${o.status} ${o.secret ? "secret" : ""}` },
              el("span", { class: "mark", "aria-hidden": "true" }, gradeIcon(o.status)),
              el(
                "span",
                {},
                o.secret ? el("strong", {}, `${t("rail.secret")}: `) : null,
                objectiveText(o),
                el("span", { class: "state" }, ` — ${gradeText(o.status)}`),
              ),
            ),
          ),
        ),
      ),
      el(
        "section",
        { class: "block" },
        el("h3", {}, t("rail.thisRound")),
        indexRow(
          t("rail.actionPoints"),
          String(view.budget?.actionPoints ?? ps.actionPoints),
          t("rail.perRound"),
        ),
        view.budget?.upkeep
          ? indexRow(t("rail.upkeep"), String(view.budget.upkeep), t("rail.upkeepHint"))
          : null,
      ),
      el(
        "section",
        { class: "block" },
        el("h3", {}, t("rail.indices")),
        indexRow(t("index.economy"), String(ps.economy), t("rail.economyHint")),
        indexRow(t("index.stability"), String(ps.stability), t("rail.of100")),
        indexRow(t("index.standing"), String(ps.standing), t("rail.of100")),
      ),
    );
    if (power !== "KP") {
      parts.push(
        el(
          "section",
          { class: "block" },
          el("h3", {}, t("rail.enforcement")),
          indexRow(t("rail.announced"), String(e.announced), t("rail.public")),
          indexRow(t("rail.achieved"), e.actual === undefined ? "?" : String(e.actual), t("rail.private")),
          indexRow(t("rail.target"), e.target === undefined ? "?" : String(e.target), t("rail.private")),
        ),
      );
    }
  } else {
    parts.push(
      el(
        "section",
        { class: "power-card" },
        el("h2", {}, session.seat?.seat === "CONTROL" ? t("rail.control") : t("rail.observer")),
      ),
    );
  }
  const prog = view.programme;
  parts.push(
    el(
      "section",
      { class: "block" },
      el("h3", {}, t("rail.programme")),
      indexRow(
        t("rail.stage"),
        `${prog.stage}/5`,
        prog.stage > 0 ? t(`reach.${prog.stage}`) : t("rail.none"),
      ),
      indexRow(t("index.readiness"), String(prog.readiness), t("rail.of100")),
      indexRow(t("rail.tests"), String(prog.tests), t("rail.thisGame")),
    ),
    el(
      "section",
      { class: "block" },
      el("h3", {}, t("rail.announcedAll")),
      ...POWERS.filter((p) => p !== "KP").map((p) =>
        indexRow(powerName(p), String(view.enforcement[p].announced), t("rail.of100")),
      ),
    ),
    el("section", { class: "block seats-block" }),
    session.seat?.token
      ? deviceLink(session.room.code || session.seat.code, session.seat.token, idPrefix)
      : null,
  );
  host.replaceChildren(...kids(...parts));
}

/**
 * "Play on another device": the seat link (the token rides in the fragment), to open this seat on a
 * phone or another computer. Folded: it is private, like a password.
 */
function deviceLink(code: string, token: string, idPrefix: string): HTMLElement {
  const id = `${idPrefix}seat-link`;
  const input = el("input", {
    id,
    type: "text",
    readonly: true,
    class: "seat-link",
    value: seatLink(code, token),
  });
  const copy = el("button", { type: "button", class: "small" }, t("rail.copyLink"));
  copy.addEventListener("click", () => {
    input.select();
    void navigator.clipboard?.writeText(input.value).then(
      () => (copy.textContent = t("top.copied")),
      () => undefined,
    );
  });
  return el(
    "details",
    { class: "block device-link" },
    el("summary", {}, t("rail.otherDevice")),
    el("p", { class: "small muted" }, t("rail.otherDeviceHint")),
    el("label", { for: id, class: "field-label" }, t("rail.seatLink")),
    input,
    copy,
  );
}

function renderSeats(host: HTMLElement, session: GameSession, id: string): void {
  const box = host.querySelector(".seats-block");
  if (!box) return;
  const submitted = new Set(session.view?.submitted ?? []);
  box.replaceChildren(
    el("h3", {}, t("rail.players")),
    el(
      "ul",
      { class: "seats", id },
      ...POWERS.map((p) => {
        const s = session.room.seats.find((x) => x.power === p);
        const state = !s
          ? t("seat.open")
          : [
              s.bot ? t("seat.bot") : s.connected ? t("seat.online") : t("seat.offline"),
              s.ready ? t("seat.ready") : "",
              submitted.has(p) ? t("seat.ordersIn") : "",
            ]
              .filter(Boolean)
              .join(" · ");
        return el(
          "li",
          { style: `--hue: ${POWER_HUES[p]}`, "data-seat": p },
          el("span", { class: "chip mono" }, p),
          el("span", { class: "who" }, s?.name && !s.bot ? s.name : powerName(p)),
          el("span", { class: "state" }, state),
        );
      }),
    ),
  );
}
