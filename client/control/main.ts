/**
 * The Control console (DESIGN §1 and §4, the white cell): Control's full view of one table — every
 * power's indices, announced against achieved enforcement, the orders with their rationales,
 * proposals, agreements and drafts, the matrix queue — and Control's tools: the clock, injects
 * (the scenario's library or written on the spot), adjudication of free-form actions, overrides
 * with a reason, every chat channel (posting to public), and the record. Every change goes to the
 * server as a documented request; the engine decides whether it is legal and what it does.
 *
 * Page: control.html?code=GAME, with the Control token in localStorage (the lobby and the teacher
 * dashboard put it there) or in the fragment (`#key=…`).
 */
import "../styles.css";
import "./sitroom.css";
import { Client } from "@colyseus/sdk";
import {
  adjudicationOdds,
  OVERRIDE_INDICES,
  type OverrideIndex,
  POWER_OVERRIDES,
} from "../../shared/engine/control.js";
import { PAIRS, type PairKey, POWERS, type PowerId } from "../../shared/powers.js";
import type { ControlCommand, Reply } from "../../shared/protocol.js";
import { quarterOf, SUMMER_2017 } from "../../shared/scenario.js";
import type { PlayerView } from "../../shared/view.js";
import {
  eventText,
  gradeMark,
  gradeText,
  groupName,
  injectWords,
  nodeName,
  objectiveText,
  orderSummary,
  termText,
} from "../game/words.js";
import { initI18n, isLang, lang, setLang, t } from "../i18n/index.js";
import { RoomSession } from "../session.js";
import {
  arrowNeighbour,
  clockText,
  crisisColour,
  crisisWord,
  debriefLink,
  el,
  errorMessage,
  kids,
  money,
  noticePage,
  phaseCountdown,
  powerName,
  powerRowHeader,
  refusal,
  refusalCode,
} from "../ui.js";
import { branchPanel } from "./branch.js";
import { effectsEditor, effectsText } from "./effects.js";
import { renderMatrix } from "./matrix.js";
import {
  CONTROL_KEY,
  codeFromUrl,
  controlToken,
  endpoint,
  keyFromFragment,
  pageUrl,
  projectorUrl,
  recordUrl,
  reportUrl,
  showError,
} from "./net.js";
import { tableSettings } from "./settings.js";

const SCENARIO = SUMMER_2017;
const app = document.getElementById("app")!;

/** The value an override would replace, as Control's view shows it. */
function currentValue(v: PlayerView, index: OverrideIndex, p: PowerId, pair: PairKey): number | undefined {
  switch (index) {
    case "crisis":
      return v.crisis;
    case "tension":
      return v.tension;
    case "readiness":
      return v.programme.readiness;
    case "stage":
      return v.programme.stage;
    case "nk_currency":
      return v.nk?.currency;
    case "nk_fuel":
      return v.nk?.fuel;
    case "nk_food":
      return v.nk?.food;
    case "economy":
    case "stability":
    case "standing":
      return v.powers[p][index];
    case "action_points":
      return v.powers[p].actionPoints;
    case "enforcement_actual":
      return v.enforcement[p].actual;
    case "pressure":
      return undefined;
    case "relation":
      return v.relations[pair];
    case "discontent":
      return v.discontent;
    case "illicit_ceiling":
      return undefined;
  }
}

function section(id: string, title: string, ...children: (Node | string | null | false | undefined)[]) {
  return el(
    "section",
    { class: "sr-card", id, "aria-labelledby": `${id}-h` },
    el("h2", { id: `${id}-h` }, title),
    ...kids(...children),
  );
}

function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  return el(
    "label",
    { class: "field" },
    el("span", {}, label),
    input,
    hint ? el("span", { class: "hint" }, hint) : null,
  );
}

function ended(code: string, token: string): void {
  app.replaceChildren(
    noticePage(
      t("control.title"),
      t("refusal.game_ended"),
      debriefLink(code, token, t("lobby.openDebrief", { code })),
    ),
  );
}

function noToken(code: string): void {
  app.replaceChildren(
    noticePage(
      t("control.title"),
      code ? t("control.noToken", { code }) : t("control.noCode"),
      el("a", { href: "./" }, t("control.toLobby")),
    ),
  );
}

async function start(): Promise<void> {
  const code = codeFromUrl();
  keyFromFragment(code ? CONTROL_KEY + code : undefined);
  const token = code ? controlToken(code) : "";
  document.title = `${t("control.title")} ${code} — ${t("app.title")}`;
  if (!code || !token) return noToken(code);
  app.replaceChildren(el("p", { class: "sr-main muted" }, t("teacher.connecting")));
  let session: RoomSession;
  try {
    const room = await new Client(endpoint()).joinById(code, { controlToken: token, name: "Control" });
    session = new RoomSession(room);
  } catch (e) {
    showError(errorMessage(e));
    // After the end (and a restart) the console has nothing to run: the debrief has the record.
    if (refusalCode(e) === "game_ended") return ended(code, token);
    return noToken(code);
  }
  mount(session, code, token);
}

function mount(session: RoomSession, code: string, token: string): void {
  const report = (r: Reply, ok: string, out: HTMLElement) => {
    out.textContent = r.ok ? ok : t("neg.refused", { message: refusal(r.error) });
    out.className = `status ${r.ok ? "ok" : "bad"}`;
    if (!r.ok) showError(refusal(r.error));
    else showError(null);
    return r.ok;
  };

  // ---- top bar: who, when, the clock
  const roundEl = el("span", { class: "big", id: "c-round" });
  const phaseEl = el("span", { class: "phase-pill", id: "c-phase" });
  const timeEl = el("span", { class: "t-time mono", id: "c-time", role: "timer" });
  const crisisFill = el("span", { class: "fill" });
  const crisisText = el("span", { class: "mono", id: "c-crisis" });
  const clockStatus = el("span", { class: "status small", role: "status", "aria-live": "polite" });
  const cmdBtn = (cmd: "start" | "pause" | "resume" | "advance", label: string) => {
    const b = el("button", { type: "button", class: "small", id: `c-${cmd}` }, label);
    b.addEventListener("click", async () => {
      b.disabled = true;
      report(await session.control({ command: cmd }), t("teacher.done", { what: label }), clockStatus);
      render();
    });
    return b;
  };
  const clockButtons = {
    start: cmdBtn("start", t("teacher.start")),
    pause: cmdBtn("pause", t("teacher.pause")),
    resume: cmdBtn("resume", t("teacher.resume")),
    advance: cmdBtn("advance", t("teacher.advance")),
  };
  const extendBy = el("input", {
    type: "number",
    min: 10,
    max: 3600,
    value: 60,
    id: "c-extend-seconds",
    "aria-label": t("control.extendSeconds"),
  });
  const extend = el("button", { type: "button", class: "small", id: "c-extend" }, t("control.extend"));
  extend.addEventListener("click", async () => {
    const seconds = Math.min(3600, Math.max(10, Math.round(Number(extendBy.value) || 60)));
    const cmd: ControlCommand = { command: "extend", seconds };
    report(await session.control(cmd), t("control.extended", { n: seconds }), clockStatus);
  });
  const langSel = el("select", { class: "small", "aria-label": t("lobby.language") });
  langSel.append(new Option("English", "en"), new Option("한국어", "ko"));
  langSel.value = lang();
  const connection = el("span", { class: "status small", role: "status" });
  const top = el(
    "header",
    { class: "console-top" },
    el("a", { class: "sr-brand", href: "./" }, t("app.title")),
    el("span", {}, `${t("control.title")} · `, el("span", { class: "mono", id: "c-code" }, code)),
    roundEl,
    phaseEl,
    el(
      "span",
      { class: "crisis-mini" },
      el("span", { class: "label" }, t("top.crisis")),
      el("span", { class: "track" }, crisisFill),
      crisisText,
    ),
    timeEl,
    el(
      "div",
      { class: "clock-buttons" },
      clockButtons.start,
      clockButtons.pause,
      clockButtons.resume,
      extendBy,
      extend,
      clockButtons.advance,
      langSel,
    ),
    el(
      "a",
      {
        class: "button small",
        href: projectorUrl(code),
        target: "_blank",
        id: "c-projector",
        title: t("projector.linkTitle"),
      },
      t("projector.link"),
    ),
    clockStatus,
    connection,
  );

  // ---- table settings: the advisor, and each power's chat
  const settingsStatus = el("p", { class: "status", role: "status", "aria-live": "polite" });
  const settings = tableSettings(
    "c-settings",
    (cmd) => session.control(cmd),
    (message, ok) => {
      settingsStatus.textContent = message;
      settingsStatus.className = `status ${ok ? "ok" : "bad"}`;
    },
  );

  // ---- left: the state of the table
  const powersHost = el("div");
  const ordersHost = el("div");
  const dealsHost = el("div");
  const matrixHost = el("div");
  const objectivesHost = el("div");
  const eventsHost = el("div");
  const left = el(
    "div",
    { class: "state-col" },
    section("c-powers", t("control.powers"), powersHost),
    section("c-table", t("settings.title"), settings.element, settingsStatus),
    section("c-matrix", t("control.matrix"), matrixHost),
    section("c-orders", t("control.orders"), ordersHost),
    section("c-deals", t("control.deals"), dealsHost),
    section("c-events", t("control.events"), eventsHost),
    section("c-objectives", t("control.objectives"), objectivesHost),
  );

  // ---- right: the tools, as tabs
  const tools = ["inject", "adjudicate", "override", "chat", "record"] as const;
  type Tool = (typeof tools)[number];
  const tabList = el("div", { class: "tool-tabs", role: "tablist", "aria-label": t("control.tools") });
  const panels = new Map<Tool, HTMLElement>();
  const tabButtons = new Map<Tool, HTMLButtonElement>();
  const select = (name: Tool, focus = false) => {
    for (const [n, b] of tabButtons) {
      b.setAttribute("aria-selected", String(n === name));
      b.tabIndex = n === name ? 0 : -1;
    }
    for (const [n, p] of panels) p.hidden = n !== name;
    if (focus) tabButtons.get(name)?.focus();
    if (name === "chat") renderChat();
  };
  for (const name of tools) {
    const b = el(
      "button",
      {
        type: "button",
        role: "tab",
        id: `ctab-${name}`,
        "aria-controls": `cpanel-${name}`,
        "aria-selected": String(name === "inject"),
        tabindex: name === "inject" ? 0 : -1,
      },
      t(`control.tab.${name}`),
    );
    b.addEventListener("click", () => select(name));
    b.addEventListener("keydown", (e) => {
      const next = arrowNeighbour(tools, name, e.key);
      if (next) {
        e.preventDefault();
        select(next, true);
      }
    });
    tabButtons.set(name, b);
    tabList.append(b);
    panels.set(
      name,
      el("div", {
        role: "tabpanel",
        id: `cpanel-${name}`,
        "aria-labelledby": b.id,
        hidden: name !== "inject",
        tabindex: 0,
      }),
    );
  }

  // inject: the library…
  const injectStatus = el("p", { class: "status", role: "status", "aria-live": "polite" });
  const injectSelect = el("select", { id: "inject-select" });
  for (const inj of SCENARIO.injects) {
    const q = quarterOf(inj.round, SCENARIO);
    injectSelect.append(
      new Option(
        `${t("fmt.quarter", { q: q.quarter, year: q.year })} — ${injectWords(inj.title, inj.text).title}`,
        inj.id,
      ),
    );
  }
  const injectPreview = el("div", { class: "preview", id: "inject-preview" });
  const showInject = () => {
    const inj = SCENARIO.injects.find((i) => i.id === injectSelect.value);
    if (!inj) return;
    const words = injectWords(inj.title, inj.text);
    injectPreview.replaceChildren(
      el("p", {}, el("strong", {}, words.title), " — ", words.text),
      el("p", { class: "small" }, `${t("control.effects")}: ${effectsText(inj.effects)}`),
      el("p", { class: "small muted" }, `${t("control.source")}: ${inj.source}`),
    );
  };
  injectSelect.addEventListener("change", showInject);
  showInject();
  const injectBtn = el(
    "button",
    { type: "button", class: "primary", id: "inject-button" },
    t("control.inject"),
  );
  injectBtn.addEventListener("click", async () => {
    const inj = SCENARIO.injects.find((i) => i.id === injectSelect.value);
    if (!inj) return;
    report(
      await session.act({ type: "control_inject", inject: inj.id }),
      t("control.injected", { title: injectWords(inj.title, inj.text).title }),
      injectStatus,
    );
  });
  // …or written on the spot.
  const customTitle = el("input", { id: "custom-title", maxlength: 80 });
  const customText = el("textarea", { id: "custom-text", maxlength: 600, rows: 3 });
  const customEffects = effectsEditor(t("control.effects"), "custom");
  const customForm = el(
    "form",
    { id: "custom-inject" },
    el("h3", {}, t("control.customInject")),
    field(t("control.injectTitle"), customTitle),
    field(t("control.injectText"), customText, t("control.injectTextHint")),
    customEffects.element,
    el("div", { class: "actions" }, el("button", { type: "submit" }, t("control.injectCustom"))),
  );
  customForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const fx = customEffects.read();
    if (!fx.ok)
      return void report(
        { ok: false, error: { code: "bad_effects", message: fx.message } },
        "",
        injectStatus,
      );
    const title = customTitle.value.trim();
    const text = customText.value.trim();
    if (title.length < 3 || text.length < 3)
      return void report(
        { ok: false, error: { code: "bad_shape", message: t("control.needTitleText") } },
        "",
        injectStatus,
      );
    const ok = report(
      await session.act({ type: "control_inject", custom: { title, text, effects: fx.effects } }),
      t("control.injected", { title }),
      injectStatus,
    );
    if (ok) {
      customTitle.value = "";
      customText.value = "";
      customEffects.clear();
    }
  });
  panels
    .get("inject")!
    .append(
      el("h3", {}, t("control.library")),
      field(t("control.libraryPick"), injectSelect),
      injectPreview,
      el("div", { class: "actions" }, injectBtn),
      injectStatus,
      customForm,
    );

  // adjudicate
  const adjStatus = el("p", { class: "status", role: "status", "aria-live": "polite" });
  const adjMatrix = el("select", { id: "adj-matrix" });
  const adjPower = el("select", { id: "adj-power" });
  adjPower.append(new Option(t("control.noPower"), ""));
  for (const p of POWERS) adjPower.append(new Option(powerName(p), p));
  const adjTitle = el("input", { id: "adj-title", maxlength: 80 });
  const adjArgument = el("textarea", { id: "adj-argument", maxlength: 1000, rows: 3 });
  const adjStrength = el("select", { id: "adj-strength" });
  const chances = adjudicationOdds(SCENARIO.rules);
  for (let s = 1; s <= 5; s++)
    adjStrength.append(new Option(t("control.strengthOption", { s, p: chances[s - 1]! }), String(s)));
  adjStrength.value = "3";
  const oddsTable = el("table", { class: "odds", id: "odds-table" });
  const drawOdds = () => {
    const sel = Number(adjStrength.value);
    oddsTable.replaceChildren(
      el("caption", { class: "small muted" }, t("control.oddsCaption")),
      el(
        "tr",
        {},
        el("th", { scope: "row" }, t("control.strength")),
        ...chances.map((_, i) =>
          el("th", { scope: "col", class: i + 1 === sel ? "sel" : "" }, String(i + 1)),
        ),
      ),
      el(
        "tr",
        {},
        el("th", { scope: "row" }, t("control.chance")),
        ...chances.map((c, i) => el("td", { class: i + 1 === sel ? "sel" : "" }, `${c}%`)),
      ),
    );
  };
  adjStrength.addEventListener("change", drawOdds);
  drawOdds();
  const adjSuccess = effectsEditor(t("control.onSuccess"), "adj-success");
  const adjFailure = effectsEditor(t("control.onFailure"), "adj-failure");
  const adjArgumentOf = el("p", { class: "small preview", id: "adj-matrix-argument" });
  adjMatrix.addEventListener("change", () => {
    const item = session.view?.matrix.find((m) => m.id === adjMatrix.value);
    adjArgumentOf.textContent = "";
    if (!item) return;
    adjPower.value = item.power;
    // Not prefilled from the power's argument: the title is public news, and the argument is the
    // power's own (no other seat may read it). Control names the action and gives its own reasons.
    adjArgumentOf.textContent = t("control.matrixArgument", {
      power: powerName(item.power),
      text: item.text,
    });
  });
  const adjForm = el(
    "form",
    { id: "adjudicate-form" },
    field(t("control.matrixItem"), adjMatrix),
    field(t("control.actor"), adjPower),
    adjArgumentOf,
    field(t("control.actionTitle"), adjTitle, t("control.actionTitlePublic")),
    field(t("control.argument"), adjArgument, t("control.argumentPrivate")),
    field(t("control.strength"), adjStrength, t("control.strengthHint")),
    oddsTable,
    adjSuccess.element,
    adjFailure.element,
    el(
      "div",
      { class: "actions" },
      el("button", { type: "submit", class: "primary", id: "adjudicate-button" }, t("control.roll")),
    ),
    adjStatus,
  );
  adjForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const ok = adjSuccess.read();
    const bad = adjFailure.read();
    if (!ok.ok || !bad.ok) {
      const message = !ok.ok ? ok.message : !bad.ok ? bad.message : "";
      return void report({ ok: false, error: { code: "bad_effects", message } }, "", adjStatus);
    }
    const title = adjTitle.value.trim();
    if (title.length < 3)
      return void report(
        { ok: false, error: { code: "bad_shape", message: t("control.needTitle") } },
        "",
        adjStatus,
      );
    const before = session.view?.control?.length ?? 0;
    const matrixId = adjMatrix.value;
    const r = await session.act({
      type: "control_adjudicate",
      title,
      argument: adjArgument.value.trim(),
      strength: Number(adjStrength.value),
      effects: ok.effects,
      ...(bad.count ? { failEffects: bad.effects } : {}),
      ...(adjPower.value ? { power: adjPower.value as PowerId } : {}),
      ...(adjMatrix.value ? { matrixId: adjMatrix.value } : {}),
    });
    if (report(r, t("control.rolled"), adjStatus)) {
      // The roll is the engine's, with the game's seed: a queued action's verdict is on its item
      // (applied at the resolution); Control's own matrix move is in Control's record.
      const judged = matrixId ? session.view?.matrix.find((m) => m.id === matrixId)?.verdict : undefined;
      const outcome = session.view?.control?.[before];
      if (judged)
        adjStatus.textContent = t("control.rolledQueued", {
          verdict: t(`control.verdict.${judged.success ? "success" : "failure"}`, {
            title: judged.title,
            roll: judged.roll,
            chance: judged.chance,
          }),
        });
      else if (outcome) adjStatus.textContent = `${t("control.rolled")} ${outcome.text}`;
      adjTitle.value = "";
      adjArgument.value = "";
      adjMatrix.value = "";
      adjArgumentOf.textContent = "";
      adjSuccess.clear();
      adjFailure.clear();
    }
  });
  panels.get("adjudicate")!.append(el("p", { class: "muted small" }, t("control.adjudicateIntro")), adjForm);

  // override
  const ovStatus = el("p", { class: "status", role: "status", "aria-live": "polite" });
  const ovIndex = el("select", { id: "override-index" });
  for (const i of OVERRIDE_INDICES) ovIndex.append(new Option(t(`control.idx.${i}`), i));
  const ovPower = el("select", { id: "override-power" });
  for (const p of POWERS) ovPower.append(new Option(powerName(p), p));
  const ovPair = el("select", { id: "override-pair" });
  for (const k of PAIRS) ovPair.append(new Option(k, k));
  const ovValue = el("input", {
    id: "override-value",
    type: "number",
    min: -100,
    max: 10000,
    step: 1,
    required: true,
  });
  const ovReason = el("textarea", { id: "override-reason", rows: 3, maxlength: 500, required: true });
  const ovAnnounce = el("input", { id: "override-announce", type: "checkbox", checked: true });
  const ovNow = el("p", { class: "muted small", id: "override-now" });
  const powerField = field(t("control.power"), ovPower);
  const pairField = field(t("control.pair"), ovPair);
  const syncOverride = (fill: boolean) => {
    const i = ovIndex.value as OverrideIndex;
    powerField.hidden = !POWER_OVERRIDES.has(i);
    pairField.hidden = i !== "relation";
    const v = session.view;
    const now = v ? currentValue(v, i, ovPower.value as PowerId, ovPair.value as PairKey) : undefined;
    ovNow.textContent = now === undefined ? t("control.nowUnknown") : t("control.now", { n: now });
    if (fill && now !== undefined) ovValue.value = String(now);
  };
  for (const s of [ovIndex, ovPower, ovPair]) s.addEventListener("change", () => syncOverride(true));
  const ovForm = el(
    "form",
    { id: "override-form" },
    el("p", { class: "muted small" }, t("control.overrideIntro")),
    field(t("control.index"), ovIndex),
    powerField,
    pairField,
    ovNow,
    field(t("control.newValue"), ovValue),
    field(t("control.reason"), ovReason, t("control.reasonHint")),
    el("label", { class: "check" }, ovAnnounce, el("span", {}, t("control.announce"))),
    el(
      "div",
      { class: "actions" },
      el("button", { type: "submit", class: "primary", id: "override-button" }, t("control.override")),
    ),
    ovStatus,
  );
  ovForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const reason = ovReason.value.trim();
    if (reason.length < 3) {
      ovReason.focus();
      return void report(
        { ok: false, error: { code: "needs_reason", message: t("control.needReason") } },
        "",
        ovStatus,
      );
    }
    const value = Math.round(Number(ovValue.value));
    if (ovValue.value === "" || !Number.isFinite(value)) {
      ovValue.focus();
      return void report(
        { ok: false, error: { code: "bad_shape", message: t("control.needValue") } },
        "",
        ovStatus,
      );
    }
    const index = ovIndex.value as OverrideIndex;
    const power = POWER_OVERRIDES.has(index) ? (ovPower.value as PowerId) : undefined;
    const pair = index === "relation" ? (ovPair.value as PairKey) : undefined;
    const before = session.view
      ? currentValue(session.view, index, ovPower.value as PowerId, ovPair.value as PairKey)
      : undefined;
    const r = await session.act({
      type: "control_override",
      index,
      value,
      reason,
      ...(power ? { power } : {}),
      ...(pair ? { pair } : {}),
    });
    if (!report(r, t("control.overridden"), ovStatus)) return;
    // The engine keeps overrides in Control's record only; telling the players is Control's choice.
    if (ovAnnounce.checked) {
      const what = `${t(`control.idx.${index}`)}${power ? ` (${powerName(power)})` : ""}${pair ? ` (${pair})` : ""}`;
      const text = t("control.announcement", {
        what,
        from: before ?? "?",
        to: value,
        reason,
      }).slice(0, 500);
      const c = await session.control({ command: "broadcast", text });
      if (!c.ok) showError(refusal(c.error));
    }
    ovReason.value = "";
  });
  panels.get("override")!.append(ovForm);

  // chat: every channel, read-only; Control posts in public
  const chatChannel = el("select", { id: "chat-channel", "aria-label": t("neg.channels") });
  const chatLog = el("ol", { class: "chat-view", id: "control-chat", "aria-live": "polite" });
  const chatInput = el("input", { id: "control-chat-input", maxlength: 500, "aria-label": t("neg.message") });
  const chatStatus = el("p", { class: "status", role: "status" });
  const chatForm = el(
    "form",
    { class: "broadcast", id: "control-chat-form" },
    chatInput,
    el("button", { type: "submit" }, t("control.postPublic")),
  );
  chatForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = chatInput.value.trim();
    if (!text) return;
    if (report(await session.chat("public", text), t("control.posted"), chatStatus)) chatInput.value = "";
  });
  chatChannel.addEventListener("change", () => renderChat());
  let chatCount = -1;
  function renderChat(): void {
    const channels = [
      "*",
      "public",
      ...new Set(session.messages.map((m) => m.channel).filter((c) => c !== "public")),
    ];
    if (chatChannel.options.length !== channels.length) {
      const v = chatChannel.value || "*";
      chatChannel.replaceChildren(
        ...channels.map(
          (c) => new Option(c === "*" ? t("control.allChannels") : c === "public" ? t("neg.public") : c, c),
        ),
      );
      chatChannel.value = channels.includes(v) ? v : "*";
    }
    const ch = chatChannel.value || "*";
    const list = session.messages.filter((m) => ch === "*" || m.channel === ch);
    chatLog.replaceChildren(
      ...(list.length
        ? list.map((m) =>
            el(
              "li",
              {},
              el(
                "span",
                { class: "meta" },
                `R${m.round} · ${m.channel} · ${new Date(m.at).toLocaleTimeString()} · `,
              ),
              el("strong", {}, `${m.name} (${m.from})`),
              `: ${m.text}`,
            ),
          )
        : [el("li", { class: "muted" }, t("neg.noMessages"))]),
    );
    chatLog.scrollTop = chatLog.scrollHeight;
  }
  panels
    .get("chat")!
    .append(
      el("p", { class: "muted small" }, t("control.chatIntro")),
      field(t("neg.channels"), chatChannel),
      chatLog,
      chatForm,
      chatStatus,
    );

  // record, and a branch from an earlier round
  const branch = branchPanel({
    code,
    key: token,
    maxRound: () => session.view?.round ?? session.room.round ?? 1,
    post: async (text) => {
      const r = await session.control({ command: "broadcast", text: text.slice(0, 500) });
      if (!r.ok) showError(refusal(r.error));
      return r.ok;
    },
  });
  const logHost = el("ol", { class: "log-list", id: "control-log" });
  panels
    .get("record")!
    .append(
      el("h3", {}, t("control.export")),
      el(
        "ul",
        {},
        el(
          "li",
          {},
          el("a", { href: reportUrl(code), target: "_blank", id: "record-report" }, t("control.report")),
        ),
        el(
          "li",
          {},
          t("control.recordCsv"),
          " ",
          el("a", { href: recordUrl(code, token, "csv", "inputs") }, t("control.csvInputs")),
          " · ",
          el("a", { href: recordUrl(code, token, "csv", "messages") }, t("control.csvMessages")),
          " · ",
          el("a", { href: recordUrl(code, token, "csv", "history") }, t("control.csvHistory")),
        ),
        el("li", {}, el("a", { href: recordUrl(code, token, "json") }, t("control.recordJson"))),
        el(
          "li",
          {},
          el("a", { href: pageUrl("debrief.html", code), target: "_blank" }, t("control.openDebrief")),
        ),
      ),
      el("h3", {}, t("branch.title")),
      branch.element,
      el("h3", {}, t("control.log")),
      logHost,
    );

  const toolsCol = el(
    "aside",
    { class: "sr-card tools", "aria-label": t("control.tools") },
    tabList,
    ...panels.values(),
  );
  app.replaceChildren(top, el("main", { class: "sr-main console" }, left, toolsCol));

  langSel.addEventListener("change", async () => {
    if (!isLang(langSel.value)) return;
    await setLang(langSel.value);
    unsubscribe();
    clearInterval(timer);
    mount(session, code, token);
  });

  // ---- render
  let lastView: PlayerView | null = null;
  const render = () => {
    const room = session.room;
    const v = session.view;
    const r = v?.round ?? room.round;
    const q = quarterOf(r);
    roundEl.textContent = t("top.round", {
      round: r,
      max: v?.maxRounds ?? room.maxRounds,
      q: q.quarter,
      year: q.year,
    });
    const status =
      room.phase === "ended" ? "ended" : !room.started ? "waiting" : room.paused ? "paused" : "running";
    phaseEl.dataset.status = status;
    // Before the start there is no phase to name; once over, "ended" says it all.
    phaseEl.textContent =
      status === "waiting"
        ? t("control.status.notStarted")
        : status === "ended"
          ? t("phase.ended")
          : `${t(`phase.${room.phase}`)} · ${t(`teacher.status.${status}`)}`;
    settings.update(session.connection === "closed" ? null : room);
    clockButtons.start.disabled = room.started;
    clockButtons.pause.disabled = status !== "running";
    clockButtons.resume.disabled = status !== "paused";
    clockButtons.advance.disabled = !room.started || status === "ended";
    extend.disabled = !room.started || status === "ended";
    connection.textContent =
      session.connection === "connected"
        ? ""
        : session.connection === "reconnecting"
          ? t("top.reconnecting")
          : t("top.disconnected");
    if (v) {
      crisisText.textContent = `${v.crisis} · ${crisisWord(v.crisis)}`;
      crisisFill.style.width = `${v.crisis}%`;
      crisisFill.style.background = crisisColour(v.crisis, "dark");
    }
    if (v && v !== lastView) {
      lastView = v;
      renderPowers(powersHost, v, session);
      renderOrders(ordersHost, v);
      renderDeals(dealsHost, v);
      renderMatrix(matrixHost, v, {
        adjudicate: (id) => {
          adjMatrix.value = id;
          adjMatrix.dispatchEvent(new Event("change"));
          select("adjudicate", true);
        },
        defer: async (id, reason) =>
          report(
            await session.act({ type: "control_defer", matrixId: id, reason }),
            t("control.deferred"),
            adjStatus,
          ),
      });
      renderEvents(eventsHost, v);
      renderObjectives(objectivesHost, v);
      // Waiting or deferred: Control may judge them now (they apply at the next resolution).
      const pending = v.matrix.filter((m) => m.status === "pending" || m.status === "deferred");
      const keep = adjMatrix.value;
      adjMatrix.replaceChildren(
        new Option(t("control.noMatrix"), ""),
        ...pending.map(
          (m) =>
            new Option(
              `${powerName(m.power)} · ${t("control.roundShort", { round: m.round })} · ${m.text.slice(0, 50)}`,
              m.id,
            ),
        ),
      );
      adjMatrix.value = pending.some((m) => m.id === keep) ? keep : "";
      tabButtons.get("adjudicate")!.textContent = pending.length
        ? `${t("control.tab.adjudicate")} (${pending.length})`
        : t("control.tab.adjudicate");
      logHost.replaceChildren(
        ...(v.control?.length
          ? v.control.map((c) =>
              el(
                "li",
                {},
                el("span", { class: "tag" }, `R${c.round} ${t(`control.kind.${c.kind}`)}`),
                c.text,
              ),
            )
          : [el("li", { class: "muted" }, t("control.noLog"))]),
      );
      syncOverride(document.activeElement !== ovValue && ovValue.value === "");
      branch.update();
      if (v.phase === "ended")
        for (const f of [customForm, adjForm, ovForm])
          f.querySelector<HTMLButtonElement>("[type=submit]")!.disabled = true;
      injectBtn.disabled = v.phase === "ended";
    } else if (lastView) renderPowers(powersHost, lastView, session);
    if (session.messages.length !== chatCount && !panels.get("chat")!.hidden) {
      chatCount = session.messages.length;
      renderChat();
    }
    tick();
  };
  const countdownOf = phaseCountdown();
  const tick = () => {
    timeEl.textContent = clockText(session.room, countdownOf(session.room).remaining);
  };
  const timer = setInterval(tick, 500);
  const unsubscribe = session.subscribe(render);
  render();
}

// ───────────────────────────────────────────────────────────── renderers

function num(v: number | undefined): string {
  return v === undefined ? "—" : String(v);
}

function renderPowers(host: HTMLElement, v: PlayerView, session: RoomSession): void {
  const submitted = new Set(v.submitted);
  const head = [
    "control.power",
    "control.holder",
    "index.economy",
    "index.stability",
    "index.standing",
    "control.ap",
    "control.announced",
    "control.achieved",
    "control.target",
  ];
  const rows = POWERS.map((p) => {
    const ps = v.powers[p];
    const e = v.enforcement[p];
    const seat = session.room.seats.find((s) => s.power === p);
    const holder = !seat?.name && !seat?.bot ? t("seat.open") : seat.bot ? t("seat.bot") : seat.name;
    const flags = [
      seat && !seat.bot && seat.name ? (seat.connected ? t("seat.online") : t("seat.offline")) : "",
      seat?.ready ? t("seat.ready") : "",
      submitted.has(p) ? t("seat.ordersIn") : "",
    ]
      .filter(Boolean)
      .join(" · ");
    const gap = e.actual !== undefined ? e.announced - e.actual : 0;
    return el(
      "tr",
      { "data-power": p },
      powerRowHeader(p),
      el("td", {}, holder, flags ? el("div", { class: "small muted" }, flags) : null),
      el("td", { class: "num" }, String(ps.economy)),
      el("td", { class: "num" }, String(ps.stability)),
      el("td", { class: "num" }, String(ps.standing)),
      el("td", { class: "num" }, String(ps.actionPoints)),
      el("td", { class: "num" }, p === "KP" ? "—" : String(e.announced)),
      el(
        "td",
        { class: "num" },
        p === "KP" ? "—" : num(e.actual),
        p !== "KP" && Math.abs(gap) >= 10
          ? el(
              "span",
              { class: "gap", title: t("control.gapTitle") },
              ` ${gap > 0 ? "▼" : "▲"}${Math.abs(gap)}`,
            )
          : null,
      ),
      el("td", { class: "num" }, p === "KP" ? "—" : `${num(e.target)}${e.sustain ? " ⟳" : ""}`),
    );
  });
  const prog = v.programme;
  const nk = v.nk;
  host.replaceChildren(
    el(
      "table",
      { class: "grid-table", id: "powers-table" },
      el("caption", { class: "sr-only" }, t("control.powers")),
      el(
        "thead",
        {},
        el("tr", {}, ...head.map((k, i) => el("th", { scope: "col", class: i >= 2 ? "num" : "" }, t(k)))),
      ),
      el("tbody", {}, ...rows),
    ),
    el("p", { class: "small muted" }, t("control.enforcementNote")),
    el(
      "table",
      { class: "grid-table" },
      el("caption", { class: "sr-only" }, t("control.worldCaption")),
      el(
        "tbody",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "row" }, t("rail.programme")),
          el(
            "td",
            {},
            t("control.programmeLine", { stage: prog.stage, readiness: prog.readiness, tests: prog.tests }),
          ),
        ),
        nk
          ? el(
              "tr",
              {},
              el("th", { scope: "row" }, t("control.nkStocks")),
              el(
                "td",
                {},
                t("control.nkLine", {
                  currency: money(nk.currency),
                  fuel: nk.fuel,
                  food: nk.food,
                  progress: nk.progress,
                }),
              ),
            )
          : null,
        el(
          "tr",
          {},
          el("th", { scope: "row" }, t("index.tension")),
          el(
            "td",
            {},
            String(v.tension),
            v.discontent !== undefined ? ` · ${t("index.discontent")} ${v.discontent}` : "",
          ),
        ),
        el(
          "tr",
          {},
          el("th", { scope: "row" }, t("index.relation")),
          el(
            "td",
            { class: "small" },
            PAIRS.map((k) => `${k} ${v.relations[k] > 0 ? "+" : ""}${v.relations[k]}`).join(" · "),
          ),
        ),
        el(
          "tr",
          {},
          el("th", { scope: "row" }, t("control.nodes")),
          el(
            "td",
            { class: "small" },
            v.illicitNodes.length
              ? v.illicitNodes
                  .map(
                    (n) =>
                      `${nodeName(n.name)} (${money(n.capacity)}; ${t("control.knownBy")}: ${n.knownBy?.join(", ") || "—"})`,
                  )
                  .join(" · ")
              : t("news.noNodes"),
          ),
        ),
      ),
    ),
  );
}

function renderOrders(host: HTMLElement, v: PlayerView): void {
  const withOrders = POWERS.filter((p) => v.orders[p]);
  host.replaceChildren(
    withOrders.length
      ? el(
          "div",
          {},
          ...withOrders.map((p) =>
            el(
              "div",
              { "data-orders": p },
              el("h3", {}, powerName(p)),
              el(
                "ul",
                { class: "order-list" },
                ...(v.orders[p]!.actions.length
                  ? v.orders[p]!.actions.map((a) =>
                      el(
                        "li",
                        {},
                        a.type === "matrix_action"
                          ? t("control.matrixInOrders", { text: a.text })
                          : a.type === "statement"
                            ? `${orderSummary(
                                a,
                                SCENARIO.actions.find((s) => s.type === a.type),
                              )}: “${a.text}”`
                            : orderSummary(
                                a,
                                SCENARIO.actions.find((s) => s.type === a.type),
                              ),
                        a.rationale ? el("div", { class: "why" }, `“${a.rationale}”`) : null,
                      ),
                    )
                  : [el("li", { class: "muted" }, t("control.standing"))]),
              ),
            ),
          ),
        )
      : el("p", { class: "muted" }, t("control.noOrders")),
  );
}

function renderDeals(host: HTMLElement, v: PlayerView): void {
  const list = (items: HTMLElement[], empty: string) =>
    items.length ? el("ul", { class: "order-list" }, ...items) : el("p", { class: "muted small" }, empty);
  host.replaceChildren(
    el("h3", {}, t("neg.proposals")),
    list(
      v.proposals.map((p) =>
        el(
          "li",
          {},
          el("span", { class: "tag" }, t(`proposalStatus.${p.status}`)),
          `${p.id} · ${powerName(p.from)} → ${p.parties.map(powerName).join(", ")} · R${p.round}: `,
          p.terms.map(termText).join("; ") || "—",
          p.accepted.length
            ? el("span", { class: "muted" }, ` (${t("control.acceptedBy")}: ${p.accepted.join(", ")})`)
            : null,
          p.note ? el("div", { class: "why" }, `“${p.note}”`) : null,
        ),
      ),
      t("control.noProposals"),
    ),
    el("h3", {}, t("neg.agreements")),
    list(
      v.agreements.map((a) =>
        el(
          "li",
          {},
          el("span", { class: "tag" }, t(`agreementStatus.${a.status}`)),
          `${a.parties.join(", ")} · R${a.start}–R${a.expires}: ${a.terms.map(termText).join("; ")}`,
          a.brokenBy ? ` · ${t("neg.brokenBy", { power: powerName(a.brokenBy) })}` : "",
        ),
      ),
      t("neg.noAgreements"),
    ),
    el("h3", {}, t("control.drafts")),
    list(
      v.drafts.map((d) =>
        el(
          "li",
          {},
          el("span", { class: "tag" }, t(`draftStatus.${d.status}`)),
          `${d.id} · ${powerName(d.by)} · ${d.groups.map(groupName).join(", ")} · ${d.tabledStrength}→${d.strength} · `,
          POWERS.filter((p) => d.votes[p])
            .map((p) => `${p} ${t(`vote.${d.votes[p]}`)}`)
            .join(", ") || "—",
        ),
      ),
      t("control.noDrafts"),
    ),
  );
}

function renderEvents(host: HTMLElement, v: PlayerView): void {
  const recent = v.events.filter((e) => e.round >= v.round - 1);
  host.replaceChildren(
    recent.length
      ? el(
          "ul",
          { class: "order-list", id: "control-events" },
          ...recent.map((e) =>
            el(
              "li",
              { "data-kind": e.kind },
              el("span", { class: "tag" }, `R${e.round}`),
              e.visibleTo === "all"
                ? null
                : el(
                    "span",
                    { class: "tag" },
                    t("control.privateTo", { who: (e.visibleTo as string[]).join(", ") }),
                  ),
              eventText(e),
            ),
          ),
        )
      : el("p", { class: "muted" }, t("news.nothing")),
  );
}

function renderObjectives(host: HTMLElement, v: PlayerView): void {
  host.replaceChildren(
    ...POWERS.map((p) =>
      el(
        "div",
        {},
        el("h3", {}, powerName(p)),
        el(
          "ul",
          { class: "order-list" },
          ...(v.objectives[p] ?? []).map((o) =>
            el(
              "li",
              { class: `grade-${o.status}` },
              el("span", { class: "mark", "aria-hidden": "true" }, `${gradeMark(o.status)} `),
              o.secret ? el("strong", {}, `${t("rail.secret")}: `) : null,
              objectiveText(o),
              el("span", { class: "muted" }, ` — ${gradeText(o.status)}`),
            ),
          ),
        ),
      ),
    ),
  );
}

void initI18n().then(start);
