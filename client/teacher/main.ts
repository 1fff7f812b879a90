/**
 * The teacher dashboard (DESIGN §1, classroom): create a class of several tables, show its code big
 * enough for a projector, and watch and steer every table at once as its Control — round, phase,
 * countdown, who holds each power, crisis, ready flags; start, pause, resume, advance, broadcast.
 * It talks to the server only through the documented protocol (docs/PROTOCOL.md): the class HTTP
 * endpoints, and one Control connection per table (`joinById(code, { controlToken })`).
 */
import "../styles.css";
import "../control/sitroom.css";
import { Client } from "@colyseus/sdk";
import { POWERS } from "../../shared/powers.js";
import type { ControlCommand, Preset, Reply } from "../../shared/protocol.js";
import { quarterOf } from "../../shared/scenario.js";
import {
  CLASS_KEY,
  endpoint,
  httpBase,
  pageUrl,
  projectorUrl,
  recordUrl,
  rememberControl,
  reportUrl,
  showError,
} from "../control/net.js";
import { tableSettings } from "../control/settings.js";
import { initI18n, isLang, lang, setLang, t } from "../i18n/index.js";
import { RoomSession } from "../session.js";
import {
  clockText,
  crisisColour,
  crisisWord,
  el,
  errorMessage,
  phaseCountdown,
  powerRowHeader,
  refusal,
} from "../ui.js";

const PRESETS = __PRESETS__;
const BOT_PERSONALITIES = __BOT_PERSONALITIES__;
const PRESET_ORDER: readonly Preset[] = ["one_period", "double_period", "quick", "standard", "exercise"];

interface ClassInfo {
  code: string;
  name?: string;
  teacherToken?: string;
  tables: { code: string; controlToken: string }[];
}

interface Stored {
  code: string;
  key: string;
}

function stored(): Stored | null {
  try {
    const v = JSON.parse(localStorage.getItem(CLASS_KEY) ?? "null") as Partial<Stored> | null;
    return v && typeof v.code === "string" && typeof v.key === "string" ? { code: v.code, key: v.key } : null;
  } catch {
    return null;
  }
}

const app = document.getElementById("app")!;

function langPicker(onChange: () => void): HTMLSelectElement {
  const s = el("select", { id: "page-lang", class: "small", "aria-label": t("lobby.language") });
  s.append(new Option("English", "en"), new Option("한국어", "ko"));
  s.value = lang();
  s.addEventListener("change", async () => {
    if (isLang(s.value)) await setLang(s.value);
    onChange();
  });
  return s;
}

function header(title: string, onLang: () => void, ...extra: (Node | string)[]): HTMLElement {
  return el(
    "header",
    { class: "sr-head" },
    el("a", { class: "sr-brand", href: "./" }, t("app.title")),
    el("h1", { class: "sr-title" }, title),
    ...extra,
    langPicker(onLang),
  );
}

function intIn(input: HTMLInputElement, min: number, max: number, fallback: number): number {
  const n = Math.round(Number(input.value));
  return Number.isFinite(n) && input.value !== "" ? Math.min(max, Math.max(min, n)) : fallback;
}

// ───────────────────────────────────────────────────────────── create a class

function showCreate(): void {
  document.title = `${t("teacher.title")} — ${t("app.title")}`;
  const field = (label: string, input: HTMLElement, hint?: string) =>
    el(
      "label",
      { class: "field" },
      el("span", {}, label),
      input,
      hint ? el("span", { class: "hint" }, hint) : null,
    );
  const name = el("input", {
    id: "class-name",
    maxlength: 32,
    required: true,
    placeholder: t("teacher.namePlaceholder"),
  });
  const tables = el("input", {
    id: "class-tables",
    type: "number",
    min: 1,
    max: 8,
    value: 2,
    required: true,
  });
  const teamSize = el("input", { id: "class-team", type: "number", min: 1, max: 8, value: 1 });
  const preset = el("select", { id: "class-preset" });
  for (const p of PRESET_ORDER) {
    const n = PRESETS[p];
    preset.append(
      new Option(
        t("lobby.presetOption", {
          name: t(`preset.${p}`),
          rounds: n.rounds,
          diplomacy: Math.round(n.diplomacySeconds / 60),
          orders: Math.round(n.ordersSeconds / 60),
        }),
        p,
      ),
    );
  }
  const bots = el("select", { id: "class-bots" });
  for (const b of BOT_PERSONALITIES) bots.append(new Option(t(`personality.${b}`), b));
  bots.value = "pragmatist";
  const advisor = el("input", { id: "class-advisor", type: "checkbox", checked: true });
  const rounds = el("input", { id: "class-rounds", type: "number", min: 4, max: 12 });
  const dip = el("input", { id: "class-diplomacy", type: "number", min: 10, max: 3600 });
  const ord = el("input", { id: "class-orders", type: "number", min: 10, max: 3600 });
  const applyPreset = () => {
    const p = PRESETS[preset.value as Preset] ?? PRESETS.one_period;
    rounds.value = String(p.rounds);
    dip.value = String(p.diplomacySeconds);
    ord.value = String(p.ordersSeconds);
  };
  preset.value = "one_period";
  applyPreset();
  preset.addEventListener("change", applyPreset);
  const submit = el(
    "button",
    { type: "submit", class: "primary", id: "create-class" },
    t("teacher.createButton"),
  );
  const status = el("p", { class: "status", role: "status", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "sr-card create-class", id: "class-form", novalidate: true },
    el("h2", {}, t("teacher.createTitle")),
    el("p", { class: "muted" }, t("teacher.createIntro")),
    field(t("teacher.name"), name),
    el(
      "div",
      { class: "sr-row" },
      field(t("teacher.tables"), tables, t("teacher.tablesHint")),
      field(t("teacher.teamSize"), teamSize, t("teacher.teamSizeHint")),
    ),
    field(t("lobby.preset"), preset),
    field(t("lobby.botPersonality"), bots),
    el(
      "label",
      { class: "check" },
      advisor,
      ` ${t("settings.advisor")}`,
      el("span", { class: "hint" }, ` — ${t("teacher.advisorHint")}`),
    ),
    el(
      "details",
      { class: "advanced" },
      el("summary", {}, t("lobby.settings")),
      el(
        "div",
        { class: "sr-row three" },
        field(t("lobby.rounds"), rounds),
        field(t("lobby.diplomacySeconds"), dip),
        field(t("lobby.ordersSeconds"), ord),
      ),
    ),
    submit,
    status,
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    showError(null);
    const p = PRESETS[preset.value as Preset] ?? PRESETS.one_period;
    const body = {
      name: name.value.trim() || t("teacher.defaultName"),
      tables: intIn(tables, 1, 8, 2),
      preset: preset.value,
      teamSize: intIn(teamSize, 1, 8, 1),
      botPersonality: bots.value,
      rounds: intIn(rounds, 4, 12, p.rounds),
      diplomacySeconds: intIn(dip, 10, 3600, p.diplomacySeconds),
      ordersSeconds: intIn(ord, 10, 3600, p.ordersSeconds),
      advisor: advisor.checked,
    };
    submit.disabled = true;
    status.textContent = t("teacher.creating");
    try {
      const r = await fetch(`${httpBase()}/api/classes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const data = (await r.json()) as ClassInfo & { message?: string };
      if (!r.ok || !data.teacherToken) throw new Error(data.message ?? t("error.generic"));
      localStorage.setItem(CLASS_KEY, JSON.stringify({ code: data.code, key: data.teacherToken }));
      status.textContent = "";
      showDashboard({ ...data, name: body.name }, data.teacherToken);
    } catch (e) {
      status.textContent = "";
      showError(errorMessage(e));
      submit.disabled = false;
    }
  });
  app.replaceChildren(header(t("teacher.title"), showCreate), el("main", { class: "sr-main narrow" }, form));
  name.focus();
}

// ───────────────────────────────────────────────────────────── the dashboard

interface Table {
  index: number;
  code: string;
  controlToken: string;
  session: RoomSession | null;
  error: string;
  card: HTMLElement;
  update(): void;
  tick(): void;
}

let tablesNow: Table[] = [];
let tickTimer: ReturnType<typeof setInterval> | undefined;

function teardown(): void {
  if (tickTimer) clearInterval(tickTimer);
  for (const tb of tablesNow) tb.session?.leave();
  tablesNow = [];
}

async function connect(tb: Table): Promise<void> {
  try {
    const client = new Client(endpoint());
    const room = await client.joinById(tb.code, {
      controlToken: tb.controlToken,
      name: t("teacher.control"),
    });
    tb.session = new RoomSession(room);
    tb.session.subscribe(() => tb.update());
    tb.error = "";
  } catch (e) {
    tb.error = errorMessage(e);
  }
  tb.update();
}

function statusOf(tb: Table): "waiting" | "running" | "paused" | "ended" | "offline" {
  const s = tb.session;
  if (!s || s.connection === "closed") return "offline";
  if (s.room.phase === "ended") return "ended";
  if (!s.room.started) return "waiting";
  return s.room.paused ? "paused" : "running";
}

function tableCard(tb: Table, className: string): void {
  const title = el(
    "h2",
    {},
    t("teacher.table", { n: tb.index + 1 }),
    " ",
    el("span", { class: "mono code" }, tb.code),
  );
  const round = el("div", { class: "t-round", "data-field": "round" });
  const phase = el("span", { class: "phase-pill", "data-field": "phase" });
  const time = el("span", { class: "t-time mono", "data-field": "time", role: "timer" });
  const bar = el("span", { class: "bar" });
  const crisisFill = el("span", { class: "fill" });
  const crisisText = el("span", { class: "mono", "data-field": "crisis" });
  const crisis = el(
    "div",
    {
      class: "crisis-mini",
      role: "meter",
      "aria-valuemin": 0,
      "aria-valuemax": 100,
      "aria-label": t("top.crisis"),
    },
    el("span", { class: "label" }, t("top.crisis")),
    el("span", { class: "track" }, crisisFill),
    crisisText,
  );
  const seats = el("table", { class: "seat-table", "data-field": "seats" });
  const msg = el("p", { class: "t-msg", role: "status", "aria-live": "polite" });
  const settings = tableSettings(
    `settings-${tb.code}`,
    (cmd) => command(tb, cmd),
    (message) => (msg.textContent = message),
  );
  const btn = (cmd: ControlCommand["command"], label: string) => {
    const b = el("button", { type: "button", class: "small", "data-cmd": cmd }, label);
    b.addEventListener("click", async () => {
      const r = await command(tb, { command: cmd } as ControlCommand);
      msg.textContent = r.ok ? t("teacher.done", { what: label }) : refusal(r.error);
    });
    return b;
  };
  const buttons = {
    start: btn("start", t("teacher.start")),
    pause: btn("pause", t("teacher.pause")),
    resume: btn("resume", t("teacher.resume")),
    advance: btn("advance", t("teacher.advance")),
  };
  const open = el(
    "a",
    {
      class: "button small primary",
      href: pageUrl("control.html", tb.code),
      target: "_blank",
      "data-open": tb.code,
    },
    t("teacher.open"),
  );
  // The table's public situation-room view for a classroom screen (an observer: nothing private).
  const projector = el(
    "a",
    {
      class: "button small",
      href: projectorUrl(tb.code),
      target: "_blank",
      "data-projector": tb.code,
      title: t("projector.linkTitle"),
    },
    t("projector.link"),
  );
  const records = el(
    "p",
    { class: "records small" },
    `${t("teacher.record")}: `,
    el("a", { href: reportUrl(tb.code), target: "_blank", "data-record": "report" }, t("report.open")),
    " · ",
    el("a", { href: recordUrl(tb.code, tb.controlToken, "csv") }, "CSV"),
    " · ",
    el("a", { href: recordUrl(tb.code, tb.controlToken, "json") }, "JSON"),
    " · ",
    el("a", { href: pageUrl("debrief.html", tb.code), target: "_blank" }, t("teacher.debrief")),
  );
  tb.card = el(
    "section",
    { class: `sr-card table-card ${className}`, "data-table": tb.code, "aria-labelledby": `t-${tb.code}` },
    el("div", { class: "t-head" }, Object.assign(title, { id: `t-${tb.code}` }), phase),
    el(
      "div",
      { class: "t-clock" },
      round,
      el("span", { class: "countdown-mini" }, el("span", { class: "track" }, bar), time),
    ),
    crisis,
    seats,
    settings.element,
    el(
      "div",
      { class: "t-actions" },
      buttons.start,
      buttons.pause,
      buttons.resume,
      buttons.advance,
      open,
      projector,
    ),
    msg,
    records,
  );

  const countdownOf = phaseCountdown();
  tb.tick = () => {
    const s = tb.session;
    if (!s) {
      time.textContent = "—";
      return;
    }
    const { deadline, paused } = s.room;
    const { remaining, share } = countdownOf(s.room);
    time.textContent = clockText(s.room, remaining);
    bar.style.width = `${deadline || paused ? share * 100 : 0}%`;
  };

  tb.update = () => {
    const s = tb.session;
    const st = statusOf(tb);
    tb.card.dataset.status = st;
    phase.textContent = t(`teacher.status.${st}`);
    phase.dataset.status = st;
    if (s) {
      const r = s.view?.round ?? s.room.round;
      const q = quarterOf(r);
      round.textContent = t("teacher.roundLine", {
        round: r,
        max: s.view?.maxRounds ?? s.room.maxRounds,
        q: q.quarter,
        year: q.year,
        phase: t(`phase.${s.room.started || s.room.phase === "ended" ? s.room.phase : "waiting"}`),
      });
      const c = s.view?.crisis;
      crisisText.textContent = c === undefined ? "—" : `${c} · ${crisisWord(c)}`;
      crisisFill.style.width = `${c ?? 0}%`;
      crisisFill.style.background = crisisColour(c ?? 0, "dark");
      if (c !== undefined) crisis.setAttribute("aria-valuenow", String(c));
      const submitted = new Set(s.view?.submitted ?? []);
      seats.replaceChildren(
        el("caption", { class: "sr-only" }, t("teacher.seatsCaption")),
        ...POWERS.map((p) => {
          const seat = s.room.seats.find((x) => x.power === p);
          const human = !!seat?.name && !seat.bot;
          const who =
            !seat?.name && !seat?.bot ? t("seat.open") : seat.bot ? t("teacher.botHolds") : seat.name;
          const state = [
            seat?.bot ? t("seat.bot") : human ? (seat.connected ? t("seat.online") : t("seat.offline")) : "",
            seat?.ready ? t("seat.ready") : "",
            submitted.has(p) ? t("seat.ordersIn") : "",
          ]
            .filter(Boolean)
            .join(" · ");
          return el(
            "tr",
            { "data-seat": p, class: human ? "human" : seat?.bot ? "bot" : "open" },
            powerRowHeader(p),
            el("td", { class: "who" }, human ? "● " : seat?.bot ? "◇ " : "○ ", who),
            el("td", { class: "state" }, state),
          );
        }),
      );
      settings.update(s.connection === "closed" ? null : s.room);
      buttons.start.disabled = s.room.started;
      buttons.pause.disabled = st !== "running";
      buttons.resume.disabled = st !== "paused";
      buttons.advance.disabled = !s.room.started || st === "ended";
    } else {
      round.textContent = tb.error
        ? t("teacher.cannotConnect", { error: tb.error })
        : t("teacher.connecting");
      for (const b of Object.values(buttons)) b.disabled = true;
      settings.update(null);
    }
    tb.tick();
    updateTotals();
  };
}

async function command(tb: Table, cmd: ControlCommand): Promise<Reply> {
  if (!tb.session) return { ok: false, error: { code: "not_seated", message: t("teacher.notConnected") } };
  return tb.session.control(cmd);
}

let updateTotals = () => {};

/**
 * Runs a command at every table it applies to; says what was done, at how many tables, and when
 * (a status that only changed its count would read as the previous command's).
 */
async function all(
  cmd: ControlCommand | ((tb: Table) => Promise<Reply>),
  applies: (tb: Table) => boolean,
  out: HTMLElement,
  done: (n: number, of: number) => string = (n, of) => t("teacher.allDone", { n, of }),
): Promise<number> {
  const targets = tablesNow.filter(applies);
  out.textContent = t("teacher.sending");
  out.className = "status";
  const replies = await Promise.all(
    targets.map((tb) => (typeof cmd === "function" ? cmd(tb) : command(tb, cmd))),
  );
  const failed = replies
    .map((r, i) => (r.ok ? null : `${t("teacher.table", { n: targets[i]!.index + 1 })}: ${refusal(r.error)}`))
    .filter(Boolean);
  const ok = replies.length - failed.length;
  out.textContent = [`${done(ok, tablesNow.length)} (${new Date().toLocaleTimeString()})`, ...failed].join(
    " · ",
  );
  out.className = `status ${failed.length || ok === 0 ? "bad" : "ok"}`;
  return ok;
}

function showDashboard(info: ClassInfo, key: string): void {
  teardown();
  document.title = `${t("teacher.dashboard")} — ${info.code} — ${t("app.title")}`;
  const joinUrl = `${location.origin}${location.pathname.replace(/teacher\.html$/, "")}`;
  const status = el("p", { class: "status", id: "all-status", role: "status", "aria-live": "polite" });
  const totals = el("p", { class: "totals muted", id: "totals" });
  const allBtn = (
    id: string,
    label: string,
    cmd: ControlCommand,
    applies: (tb: Table) => boolean,
    primary = false,
  ) => {
    const b = el("button", { type: "button", id, class: primary ? "primary" : "" }, label);
    b.addEventListener("click", () => void all(cmd, applies, status));
    return b;
  };
  const broadcastText = el("input", {
    id: "broadcast-text",
    maxlength: 500,
    placeholder: t("teacher.broadcastPlaceholder"),
    "aria-label": t("teacher.broadcastLabel"),
  });
  const broadcast = el(
    "form",
    { class: "broadcast", id: "broadcast-form" },
    broadcastText,
    el("button", { type: "submit", id: "broadcast-button" }, t("teacher.broadcast")),
  );
  broadcast.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = broadcastText.value.trim();
    if (!text) return void broadcastText.focus();
    void all(
      { command: "broadcast", text },
      (tb) => !!tb.session,
      status,
      (n, of) =>
        t("teacher.broadcastSent", { n, of, text: text.length > 60 ? `${text.slice(0, 60)}…` : text }),
    ).then((n) => {
      if (n > 0) broadcastText.value = "";
    });
  });
  const reflection = reflectionForm(status);
  const gradebook = el(
    "a",
    {
      class: "button",
      id: "gradebook",
      href: `${httpBase()}/api/classes/${encodeURIComponent(info.code)}/gradebook?key=${encodeURIComponent(key)}`,
      download: `gradebook-${info.code}.csv`,
    },
    t("teacher.gradebook"),
  );
  const forget = el(
    "button",
    { type: "button", class: "ghost small", id: "new-class" },
    t("teacher.newClass"),
  );
  forget.addEventListener("click", () => {
    if (!confirm(t("teacher.newClassConfirm"))) return;
    localStorage.removeItem(CLASS_KEY);
    teardown();
    showCreate();
  });
  const grid = el("div", { class: "table-grid", id: "tables" });
  tablesNow = info.tables.map((row, index) => {
    rememberControl(row.code, row.controlToken);
    const tb: Table = {
      index,
      code: row.code,
      controlToken: row.controlToken,
      session: null,
      error: "",
      card: el("section"),
      update: () => {},
      tick: () => {},
    };
    tableCard(tb, "");
    grid.append(tb.card);
    return tb;
  });
  updateTotals = () => {
    let humans = 0;
    let online = 0;
    for (const tb of tablesNow)
      for (const s of tb.session?.room.seats ?? [])
        if (s.name && !s.bot) {
          humans++;
          if (s.connected) online++;
        }
    totals.textContent = t("teacher.totals", { tables: tablesNow.length, humans, online });
  };
  app.replaceChildren(
    header(t("teacher.dashboard"), () => showDashboard(info, key), forget),
    el(
      "main",
      { class: "sr-main" },
      el(
        "section",
        { class: "class-banner", "aria-labelledby": "class-code-label" },
        el(
          "div",
          {},
          el(
            "p",
            { class: "eyebrow", id: "class-code-label" },
            info.name ? `${info.name} · ${t("teacher.classCode")}` : t("teacher.classCode"),
          ),
          el("p", { class: "class-code mono", id: "class-code", "data-testid": "class-code" }, info.code),
        ),
        el(
          "div",
          { class: "how" },
          el("p", {}, t("teacher.howToJoin", { url: joinUrl })),
          el("p", { class: "muted small" }, t("teacher.studentExport")),
          totals,
        ),
      ),
      el(
        "section",
        { class: "sr-toolbar", "aria-label": t("teacher.allTables") },
        el("span", { class: "eyebrow" }, t("teacher.allTables")),
        allBtn(
          "start-all",
          t("teacher.startAll"),
          { command: "start" },
          (tb) => !!tb.session && !tb.session.room.started,
          true,
        ),
        allBtn("pause-all", t("teacher.pauseAll"), { command: "pause" }, (tb) => statusOf(tb) === "running"),
        allBtn(
          "resume-all",
          t("teacher.resumeAll"),
          { command: "resume" },
          (tb) => statusOf(tb) === "paused",
        ),
        broadcast,
      ),
      status,
      el(
        "section",
        { class: "sr-toolbar grading", "aria-label": t("teacher.grading") },
        el("span", { class: "eyebrow" }, t("teacher.grading")),
        reflection,
        gradebook,
        el("span", { class: "muted small" }, t("teacher.gradebookNote")),
      ),
      grid,
    ),
  );
  for (const tb of tablesNow) {
    tb.update();
    void connect(tb);
  }
  tickTimer = setInterval(() => {
    for (const tb of tablesNow) tb.tick();
  }, 500);
}

/** The reflection prompt for a round (or every round), set at every table at once. */
function reflectionForm(status: HTMLElement): HTMLFormElement {
  const rounds = Math.max(4, ...tablesNow.map((tb) => tb.session?.room.maxRounds ?? 0), 12);
  const round = el("select", { id: "reflection-round", "aria-label": t("teacher.reflectionRound") });
  round.append(new Option(t("report.everyRound"), "0"));
  for (let r = 1; r <= rounds; r++) round.append(new Option(t("branch.fromRound", { round: r }), String(r)));
  const text = el("input", {
    id: "reflection-text",
    maxlength: 300,
    placeholder: t("teacher.reflectionPlaceholder"),
    "aria-label": t("teacher.reflectionLabel"),
  });
  const required = el("input", { type: "checkbox", id: "reflection-required" });
  const form = el(
    "form",
    { class: "reflection-form", id: "reflection-form" },
    round,
    text,
    el("label", { class: "check" }, required, el("span", {}, t("teacher.reflectionRequired"))),
    el("button", { type: "submit", id: "reflection-button" }, t("teacher.reflectionSet")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const input = {
      type: "control_reflection" as const,
      round: Number(round.value),
      text: text.value.trim(),
      required: required.checked,
    };
    void all(
      async (tb) =>
        tb.session
          ? tb.session.act(input)
          : { ok: false, error: { code: "not_seated", message: t("teacher.notConnected") } },
      (tb) => !!tb.session,
      status,
      (n, of) => t(input.text ? "teacher.reflectionDone" : "teacher.reflectionCleared", { n, of }),
    );
  });
  return form;
}

// ───────────────────────────────────────────────────────────── start

void initI18n().then(async () => {
  const s = stored();
  if (!s) return showCreate();
  try {
    const r = await fetch(
      `${httpBase()}/api/classes/${encodeURIComponent(s.code)}?key=${encodeURIComponent(s.key)}`,
    );
    if (!r.ok) throw new Error("gone");
    const info = (await r.json()) as ClassInfo;
    showDashboard(info, s.key);
  } catch {
    localStorage.removeItem(CLASS_KEY);
    showCreate();
    showError(t("teacher.classGone"));
  }
});
