/**
 * The game screen (loaded lazily after a join): top bar, left rail (your power), the map in the
 * centre with a text table of the flows, and the Orders panel on the right.
 * Entry point: `startGame(session, root)`.
 */
import { isPower, POWERS, type PowerId } from "../../shared/powers.js";
import { quarterOf } from "../../shared/scenario.js";
import type { FlowView, PlayerView } from "../../shared/view.js";
import { COMMODITY_GROUPS, flowWidth, styleOf } from "../data/commodities.js";
import { RANGE_STAGES } from "../data/places.js";
import type { GameSession } from "../session.js";
import { change, el, money, POWER_HUES, POWER_NAMES } from "../ui.js";
import { loadAtlas } from "./geo.js";
import { type MapController, mountMap, type RingNote } from "./map.js";
import { ordersPanel } from "./orders.js";

export interface GameHandle {
  destroy(): void;
}

function showError(message: string | null): void {
  const box = document.getElementById("error");
  if (!box) return;
  box.textContent = message ?? "";
  box.hidden = !message;
}

function crisisWord(level: number): string {
  if (level >= 80) return "severe";
  if (level >= 60) return "high";
  if (level >= 40) return "elevated";
  if (level >= 20) return "guarded";
  return "low";
}

/** Green → amber → red (with the number always shown beside it). */
function crisisColour(level: number): string {
  if (level >= 66) return "#C0392B";
  if (level >= 33) return "#E69F00";
  return "#009E73";
}

function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function legend(): HTMLElement {
  const line = (colour: string, outline: string | undefined, width: number, dash = "") =>
    `<svg width="28" height="12" aria-hidden="true"><line x1="1" y1="6" x2="27" y2="6" stroke="${outline ?? "#f7f5ef"}" stroke-width="${width + 2}" ${dash}/><line x1="1" y1="6" x2="27" y2="6" stroke="${colour}" stroke-width="${width}" ${dash}/></svg>`;
  const item = (svg: string, text: string) => `<li>${svg}<span>${text}</span></li>`;
  const box = el("div", { class: "legend", id: "legend" });
  const groups = COMMODITY_GROUPS.map((g) =>
    item(line(g.colour, g.outline, 4, g.dotted ? 'stroke-dasharray="2 3"' : ""), g.group),
  ).join("");
  const widths = [25, 200, 800].map((v) => item(line("#4D4D4D", undefined, flowWidth(v)), money(v))).join("");
  const kinds = [
    item(line("#4D4D4D", undefined, 3), "official"),
    item(line("#4D4D4D", undefined, 3, 'stroke-dasharray="5 3"'), "illicit (if known)"),
    item(
      '<svg width="28" height="12" aria-hidden="true"><line x1="1" y1="6" x2="27" y2="6" stroke="#4D4D4D" stroke-width="4"/><line x1="14" y1="0" x2="14" y2="12" stroke="#1a1a1a" stroke-width="3"/></svg>',
      "cut by sanctions",
    ),
    item(line("#9c4a00", "transparent", 2, 'stroke-dasharray="6 3"'), "missile range"),
  ].join("");
  box.innerHTML = `<details open><summary>Legend</summary>
    <ul class="two">${groups}</ul>
    <p class="legend-sub">Trade per quarter</p><ul class="three">${widths}</ul>
    <ul class="two">${kinds}</ul></details>`;
  return box;
}

export function startGame(session: GameSession, root: HTMLElement): GameHandle {
  void loadAtlas().catch(() => undefined); // start fetching the geography at once
  showError(null);
  document.body.classList.add("in-game");

  // ---- skeleton
  const code = el("span", { id: "game-code", "data-testid": "game-code", class: "mono" });
  const copy = el(
    "button",
    { type: "button", class: "ghost small", title: "Copy the invitation link" },
    "Copy link",
  );
  const round = el("span", { id: "round", "data-testid": "round" });
  const phase = el("span", { id: "phase", "data-testid": "phase", class: "phase" });
  const countdownBar = el("span", { class: "bar" });
  const countdownText = el("span", { class: "time mono" });
  const countdown = el(
    "div",
    {
      id: "countdown",
      "data-testid": "countdown",
      class: "countdown",
      role: "timer",
      "aria-label": "Time left in this phase",
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
      "aria-label": "Crisis level",
    },
    el("span", { class: "label" }, "Crisis"),
    el("span", { class: "track" }, crisisFill),
    crisisValue,
    crisisWordEl,
  );
  const connection = el("span", { id: "connection", class: "connection", role: "status" });
  const topbar = el(
    "header",
    { class: "topbar" },
    el("div", { class: "brand" }, "Pressure Point"),
    el("div", { class: "code-box" }, "Game ", code, copy),
    el("div", { class: "round-box" }, round),
    el("div", { class: "phase-box" }, el("span", { class: "muted" }, "Phase "), phase),
    countdown,
    crisis,
    connection,
  );

  const left = el("aside", { class: "rail left", "aria-label": "Your power" });
  const mapEl = el("div", { id: "map", "data-testid": "map", "aria-hidden": "true" });
  const tip = el("div", { id: "flow-tip", class: "flow-tip", hidden: true });
  const notes = el("div", { id: "map-notes", class: "map-notes" });
  const mapWrap = el(
    "div",
    {
      class: "map-wrap",
      role: "img",
      "aria-label": "Map of Northeast Asia with trade flows; the same figures are in the table below.",
    },
    mapEl,
    el("div", { class: "map-overlay" }, notes, legend()),
    tip,
  );
  const tableBody = el("tbody");
  const table = el(
    "details",
    { id: "flows-table", class: "flows-table" },
    el("summary", {}, "Trade flows as a table"),
    el(
      "table",
      {},
      el("caption", {}, "Trade flows, $M per quarter (illicit figures only where known to you)"),
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ...["From", "To", "Commodity", "Official", "Before sanctions", "Illicit", "Enforced by"].map((h) =>
            el("th", { scope: "col" }, h),
          ),
        ),
      ),
      tableBody,
    ),
  );
  const ticker = el("div", { id: "ticker", class: "ticker", "aria-live": "polite" });
  const centre = el("main", { class: "centre" }, mapWrap, table, ticker);

  const right = el("aside", { class: "rail right", "aria-label": "Panels" });
  const screen = el("div", { id: "game", class: "game", "data-testid": "game" }, topbar, left, centre, right);
  root.replaceChildren(screen);

  // ---- right rail: tabs
  const tabs = ["Orders", "Negotiate", "News", "Charts"] as const;
  const tabList = el("div", { class: "tabs", role: "tablist" });
  const panels = new Map<string, HTMLElement>();
  for (const [i, name] of tabs.entries()) {
    const b = el(
      "button",
      { type: "button", role: "tab", id: `tab-${name.toLowerCase()}`, "aria-selected": String(i === 0) },
      name,
    );
    const p = el("section", { role: "tabpanel", class: "panel", "aria-labelledby": b.id, hidden: i !== 0 });
    panels.set(name, p);
    b.addEventListener("click", () => {
      for (const other of tabList.querySelectorAll("button"))
        other.setAttribute("aria-selected", String(other === b));
      for (const [n, panel] of panels) panel.hidden = n !== name;
    });
    tabList.append(b);
  }
  right.append(tabList, ...panels.values());
  panels
    .get("Negotiate")!
    .append(el("p", { class: "muted" }, "Channels, proposals and UN drafts arrive in a later build."));
  panels
    .get("Charts")!
    .append(el("p", { class: "muted" }, "Charts of every index over the rounds arrive in a later build."));
  const newsList = el("ul", { class: "news" });
  panels.get("News")!.append(el("h3", {}, "Last round"), newsList);

  // ---- orders (once the seat is known)
  let orders: ReturnType<typeof ordersPanel> | null = null;
  const ordersHost = panels.get("Orders")!;
  const mountOrders = () => {
    if (orders || !session.seat) return;
    const p = session.seat.power ?? (isPower(session.seat.seat) ? session.seat.seat : null);
    if (!p) {
      ordersHost.replaceChildren(el("p", { class: "muted" }, "You are observing: no orders to give."));
      return;
    }
    orders = ordersPanel(session, p, { error: showError });
    ordersHost.replaceChildren(
      el("h2", { class: "panel-title" }, `Orders for ${POWER_NAMES[p]}`),
      orders.element,
    );
  };
  ordersHost.append(el("p", { class: "muted" }, "Waiting for your seat…"));

  copy.addEventListener("click", () => {
    const url = `${location.origin}${location.pathname}?code=${encodeURIComponent(session.room.code)}`;
    void navigator.clipboard?.writeText(url).then(
      () => (copy.textContent = "Copied"),
      () => (copy.textContent = url),
    );
  });

  // ---- map
  let map: MapController | null = null;
  let lastNotes = "";
  try {
    map = mountMap(mapEl, {
      onFlowFocus(flow, x, y) {
        if (!flow) {
          tip.hidden = true;
          return;
        }
        tip.replaceChildren(...flowTip(flow));
        tip.hidden = false;
        const w = mapWrap.clientWidth;
        tip.style.left = `${Math.min(x + 14, w - 230)}px`;
        tip.style.top = `${Math.max(8, y - 10)}px`;
      },
      onRings(list: RingNote[]) {
        const stage = session.view?.programme.stage ?? 0;
        const off = list.filter((n) => !n.onMap);
        const next = RANGE_STAGES.find((r) => r.stage === stage + 1);
        const lines = [
          `Missile range: stage ${stage} of 5${stage > 0 ? ` (≈${RANGE_STAGES[stage - 1]?.km.toLocaleString("en-US")} km, ${RANGE_STAGES[stage - 1]?.reaches})` : ""}.`,
          off.length
            ? `Beyond this map: ${off.map((n) => `${n.km.toLocaleString("en-US")} km ring (${n.reaches})`).join(", ")}.`
            : "",
          next ? `Next stage: ${next.reaches}, ≈${next.km.toLocaleString("en-US")} km.` : "",
        ].filter(Boolean);
        const text = lines.join("\n");
        if (text === lastNotes) return;
        lastNotes = text;
        notes.replaceChildren(...lines.map((l) => el("div", {}, l)));
      },
      onReady() {
        mapEl.dataset.ready = "1";
      },
      onError: showError,
    });
  } catch (e) {
    showError(`The map could not start (WebGL needed): ${String(e)}`);
  }

  // ---- render
  let lastView: PlayerView | null = null;
  const render = () => {
    const room = session.room;
    const view = session.view;
    const r = view?.round ?? room.round;
    const q = quarterOf(r);
    code.textContent = room.code || session.seat?.code || "";
    round.textContent = `Round ${r}${view ? ` of ${view.maxRounds}` : ""} · Q${q.quarter} ${q.year}`;
    const shownPhase = room.started || room.phase === "ended" ? room.phase : "waiting";
    phase.textContent = shownPhase;
    phase.className = `phase phase-${shownPhase}`;
    connection.textContent =
      session.connection === "connected"
        ? ""
        : session.connection === "reconnecting"
          ? "Reconnecting…"
          : "Disconnected";
    connection.hidden = session.connection === "connected";
    mountOrders();
    if (view) {
      const c = view.crisis;
      crisisFill.style.width = `${c}%`;
      crisisFill.style.background = crisisColour(c);
      crisisValue.textContent = String(c);
      crisisWordEl.textContent = crisisWord(c);
      crisis.setAttribute("aria-valuenow", String(c));
      crisis.setAttribute("aria-valuetext", `${c} of 100, ${crisisWord(c)}`);
      if (view !== lastView) {
        lastView = view;
        renderLeft(left, session, view);
        renderTable(tableBody, view);
        renderNews(ticker, newsList, view);
        map?.setView(view);
      }
    }
    renderSeats(left, session);
    orders?.update();
    tick();
  };

  // ---- countdown
  let phaseKey = "";
  let phaseTotal = 1;
  const tick = () => {
    const { deadline, paused, phase: ph, round: rd } = session.room;
    const key = `${rd}:${ph}:${deadline}`;
    const left = deadline ? deadline - Date.now() : 0;
    if (key !== phaseKey) {
      phaseKey = key;
      phaseTotal = Math.max(1, left);
    }
    phaseTotal = Math.max(phaseTotal, left);
    if (ph === "ended") {
      countdownText.textContent = "ended";
      countdownBar.style.width = "0%";
    } else if (paused) {
      countdownText.textContent = "paused";
    } else if (!deadline) {
      countdownText.textContent = "—";
      countdownBar.style.width = "100%";
    } else {
      countdownText.textContent = clock(left);
      countdownBar.style.width = `${Math.max(0, Math.min(100, (left / phaseTotal) * 100))}%`;
    }
    countdown.classList.toggle("low", !!deadline && left < 20_000 && ph !== "ended");
    countdown.classList.toggle("paused", paused);
  };
  const timer = setInterval(tick, 250);

  const unsubscribe = session.subscribe(render);
  render();

  return {
    destroy() {
      clearInterval(timer);
      unsubscribe();
      map?.destroy();
      document.body.classList.remove("in-game");
    },
  };
}

function flowTip(f: FlowView): HTMLElement[] {
  const style = styleOf(f.commodity);
  const lines = [
    el("strong", {}, `${style.label}: ${f.from} → ${f.to}`),
    el(
      "div",
      {},
      `Official ${money(f.official)} per quarter (${change(f.base, f.official)} vs before sanctions)`,
    ),
  ];
  if (f.illicit !== undefined)
    lines.push(el("div", {}, `Illicit ${money(f.illicit)} per quarter (known to you)`));
  lines.push(el("div", { class: "muted" }, `Enforcement by ${POWER_NAMES[f.enforcedBy]} cuts this flow.`));
  return lines;
}

function renderTable(body: HTMLElement, view: PlayerView): void {
  body.replaceChildren(
    ...view.flows.map((f) =>
      el(
        "tr",
        { "data-flow": f.id },
        el("td", {}, f.from),
        el("td", {}, f.to),
        el("td", {}, styleOf(f.commodity).label),
        el("td", { class: "num" }, money(f.official)),
        el("td", { class: "num" }, `${money(f.base)} (${change(f.base, f.official)})`),
        el("td", { class: "num" }, f.illicit === undefined ? "unknown" : money(f.illicit)),
        el("td", {}, f.enforcedBy),
      ),
    ),
  );
}

function renderNews(ticker: HTMLElement, list: HTMLElement, view: PlayerView): void {
  const texts = view.events.map((e) => e.text);
  ticker.textContent = texts.length
    ? `Round ${view.events[0]?.round}: ${texts.join("  ·  ")}`
    : "No events yet: the first round resolves at the end of the orders phase.";
  list.replaceChildren(
    ...(texts.length ? texts.map((t) => el("li", {}, t)) : [el("li", { class: "muted" }, "Nothing yet.")]),
  );
}

function indexRow(label: string, value: string, detail = "", title = ""): HTMLElement {
  return el(
    "div",
    { class: "index-row", title },
    el("span", { class: "k" }, label),
    el("span", { class: "v mono" }, value),
    el("span", { class: "d" }, detail),
  );
}

function renderLeft(left: HTMLElement, session: GameSession, view: PlayerView): void {
  const seat = session.seat;
  const power: PowerId | null = seat?.power ?? (seat && isPower(seat.seat) ? seat.seat : null);
  const parts: HTMLElement[] = [];
  if (power) {
    const ps = view.powers[power];
    const e = view.enforcement[power];
    const mySeat = session.room.seats.find((s) => s.power === power);
    parts.push(
      el(
        "section",
        { class: "power-card", style: `--hue: ${POWER_HUES[power]}` },
        el("div", { class: "power-id mono" }, power),
        el(
          "div",
          {},
          el("h2", { id: "my-power" }, POWER_NAMES[power]),
          el("p", { class: "muted" }, mySeat?.name ? `Played by ${mySeat.name}` : "Your power"),
        ),
      ),
      el(
        "section",
        { class: "block" },
        el("h3", {}, "This round"),
        indexRow("Action points", String(ps.actionPoints), "per round"),
      ),
      el(
        "section",
        { class: "block" },
        el("h3", {}, "Your indices"),
        indexRow("Economy", String(ps.economy), "100 = mid-2017"),
        indexRow("Stability", String(ps.stability), "of 100"),
        indexRow("Standing", String(ps.standing), "of 100"),
      ),
    );
    if (power !== "KP") {
      parts.push(
        el(
          "section",
          { class: "block" },
          el("h3", {}, "Sanctions enforcement"),
          indexRow("Announced", String(e.announced), "public"),
          indexRow("Achieved", e.actual === undefined ? "?" : String(e.actual), "private"),
          indexRow("Target", e.target === undefined ? "?" : String(e.target), "private"),
        ),
      );
    }
  } else {
    parts.push(
      el("section", { class: "power-card" }, el("h2", {}, seat?.seat === "CONTROL" ? "Control" : "Observer")),
    );
  }
  const prog = view.programme;
  parts.push(
    el(
      "section",
      { class: "block" },
      el("h3", {}, "North Korea's programme"),
      indexRow("Range stage", `${prog.stage}/5`, RANGE_STAGES[prog.stage - 1]?.reaches ?? "none"),
      indexRow("Readiness", String(prog.readiness), "of 100"),
      indexRow("Tests", String(prog.tests), "this game"),
    ),
    el(
      "section",
      { class: "block" },
      el("h3", {}, "Announced enforcement"),
      ...POWERS.filter((p) => p !== "KP").map((p) =>
        indexRow(POWER_NAMES[p], String(view.enforcement[p].announced), "of 100"),
      ),
    ),
    el("section", { class: "block", id: "seats" }),
  );
  left.replaceChildren(...parts);
}

function renderSeats(left: HTMLElement, session: GameSession): void {
  const host = left.querySelector("#seats");
  if (!host) return;
  const submitted = new Set(session.view?.submitted ?? []);
  host.replaceChildren(
    el("h3", {}, "Players"),
    el(
      "ul",
      { class: "seats" },
      ...POWERS.map((p) => {
        const s = session.room.seats.find((x) => x.power === p);
        const state = !s
          ? "open seat"
          : [
              s.bot ? "bot" : s.connected ? "online" : "offline",
              s.ready ? "ready ✓" : "",
              submitted.has(p) ? "orders in" : "",
            ]
              .filter(Boolean)
              .join(" · ");
        return el(
          "li",
          { style: `--hue: ${POWER_HUES[p]}` },
          el("span", { class: "chip mono" }, p),
          el("span", { class: "who" }, s?.name || POWER_NAMES[p]),
          el("span", { class: "state" }, state),
        );
      }),
    ),
  );
}
