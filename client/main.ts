/**
 * The lobby: plain DOM, i18next and the Colyseus client, no Phaser. After a join, the game screen is
 * loaded with `import()` (its own chunk, with Phaser and the map data).
 */
import "./styles.css";
import { Client, type Room } from "@colyseus/sdk";
import { POWERS, type PowerId } from "../shared/powers.js";
import type { LobbyEntry, Preset } from "../shared/protocol.js";
import { carrySeat } from "./branchSeat.js";
import { initI18n, isLang, lang, setLang, t, translateStatic } from "./i18n/index.js";
import { watchLeave } from "./leaveReason.js";
import {
  forgetSeat,
  rememberSeat,
  rememberTable,
  seatName,
  seatToken,
  tableFor,
  takeSeatFromFragment,
} from "./seatMemory.js";
import { type GameSession, RoomSession } from "./session.js";
import { debriefLink, errorMessage, powerName, refusalCode } from "./ui.js";

const NAME_KEY = "pressure-point.name";
/** Per game code: the Control token (read by control.html). */
const CONTROL_KEY = "pressure-point.control.";

/**
 * What a player typed: a class code → the table to sit at; a game code → itself (GET /api/seat-for).
 * A tab that already sits at a table of this class with a seat token goes back to that table.
 */
async function resolveCode(code: string, name: string): Promise<string> {
  const known = tableFor(code, name);
  if (known) return known;
  const r = await fetch(`${httpBase()}/api/seat-for/${encodeURIComponent(code)}`);
  const body = (await r.json().catch(() => ({}))) as { table?: string; message?: string };
  if (r.status === 404) throw new Error(t("lobby.noSuchCode"));
  if (!r.ok || !body.table) throw new Error(body.message ?? t("error.generic"));
  if (body.table !== code) rememberTable(code, body.table);
  return body.table;
}

const $ = <T extends HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing`);
  return node as T;
};

function showError(message: string | null): void {
  const box = $("error");
  box.textContent = message ?? "";
  box.hidden = !message;
}

function endpoint(): string {
  if (import.meta.env.DEV) return `ws://${location.hostname}:2567`;
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;
}

function httpBase(): string {
  if (import.meta.env.DEV) return `http://${location.hostname}:2567`;
  return "";
}

/**
 * Starts loading the game screen (and Phaser) early; the promise is shared. Once the chunk is in,
 * the map data is fetched and decoded too, so that it is ready when the join returns.
 */
let gameModule: Promise<typeof import("./game/index.js")> | null = null;
function loadGame() {
  if (!gameModule) {
    gameModule = import("./game/index.js");
    gameModule.then((m) => m.prefetchMap()).catch(() => undefined);
  }
  return gameModule;
}

/** Resolves once the server's "seat" message is in (it follows the join at once). */
function seatArrived(session: GameSession): Promise<void> {
  return new Promise((resolve) => {
    if (session.seat) return resolve();
    const off = session.subscribe(() => {
      if (!session.seat) return;
      off();
      resolve();
    });
  });
}

async function enterGame(session: GameSession): Promise<void> {
  // The screen is built for the seat: with the game chunk prefetched, it could otherwise be built
  // before the seat is known, without the orders panel.
  const [{ startGame }] = await Promise.all([loadGame(), seatArrived(session)]);
  $("lobby").hidden = true;
  startGame(session, $("app"));
}

// The shared values, inlined at build time so that zod stays out of the lobby (vite.config.ts).
const PRESETS = __PRESETS__;
const BOT_PERSONALITIES = __BOT_PERSONALITIES__;
const PRESET_ORDER: readonly Preset[] = ["quick", "one_period", "double_period", "standard", "exercise"];

function fillSelects(): void {
  for (const select of [$<HTMLSelectElement>("create-power"), $<HTMLSelectElement>("join-power")]) {
    const v = select.value;
    select.replaceChildren(new Option(t("lobby.anySeat"), ""));
    for (const p of POWERS) select.append(new Option(`${powerName(p)} (${p})`, p));
    select.value = v;
  }
  const preset = $<HTMLSelectElement>("preset");
  const pv = preset.value || "standard";
  preset.replaceChildren(
    ...PRESET_ORDER.map((p) => {
      const n = PRESETS[p];
      return new Option(
        t("lobby.presetOption", {
          name: t(`preset.${p}`),
          rounds: n.rounds,
          diplomacy: Math.round(n.diplomacySeconds / 60),
          orders: Math.round(n.ordersSeconds / 60),
        }),
        p,
      );
    }),
  );
  preset.value = pv;
  const pers = $<HTMLSelectElement>("bot-personality");
  const bv = pers.value || "pragmatist";
  pers.replaceChildren(...BOT_PERSONALITIES.map((b) => new Option(t(`personality.${b}`), b)));
  pers.value = bv;
}

function readPower(select: HTMLSelectElement): PowerId | undefined {
  const v = select.value;
  return (POWERS as readonly string[]).includes(v) ? (v as PowerId) : undefined;
}

function intIn(input: HTMLInputElement, min: number, max: number, fallback: number): number {
  const n = Math.round(Number(input.value));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

function showBrief(power: PowerId | undefined): void {
  $("brief-title").textContent = power ? powerName(power) : t("lobby.briefAnyTitle");
  $("brief-text").textContent = power ? t(`brief.${power}`) : t("lobby.briefAny");
}

async function refreshPublic(join: (code: string) => void): Promise<void> {
  const list = $("public-list");
  try {
    const r = await fetch(`${httpBase()}/api/lobby`);
    const { games } = (await r.json()) as { games: LobbyEntry[] };
    if (!games.length) {
      list.replaceChildren(Object.assign(document.createElement("li"), { textContent: t("lobby.noPublic") }));
      return;
    }
    list.replaceChildren(
      ...games.map((g) => {
        const li = document.createElement("li");
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = t("lobby.joinCode", { code: g.code });
        b.addEventListener("click", () => join(g.code));
        li.append(
          Object.assign(document.createElement("span"), {
            className: "mono",
            textContent: g.code,
          }),
          ` ${t("lobby.publicEntry", { humans: g.humans, free: g.freePowers.join(" ") || "—", preset: t(`preset.${g.preset}`) })} `,
          b,
        );
        return li;
      }),
    );
  } catch {
    list.replaceChildren();
  }
}

function initLobby(): void {
  const form = $<HTMLFormElement>("lobby-form");
  const name = $<HTMLInputElement>("name");
  const code = $<HTMLInputElement>("join-code");
  const createPower = $<HTMLSelectElement>("create-power");
  const joinPower = $<HTMLSelectElement>("join-power");
  const preset = $<HTMLSelectElement>("preset");
  const langSelect = $<HTMLSelectElement>("lang");
  const status = $("lobby-status");
  const buttons = ["create-button", "join-button", "quick-button"].map((id) => $<HTMLButtonElement>(id));

  const retranslate = () => {
    translateStatic(document);
    fillSelects();
    showBrief(readPower(createPower) ?? readPower(joinPower));
    document.title = t("app.title");
  };
  retranslate();
  langSelect.value = lang();
  langSelect.addEventListener("change", async () => {
    if (isLang(langSelect.value)) await setLang(langSelect.value);
    retranslate();
    void refreshPublic(joinCode);
  });

  const applyPreset = () => {
    const p = PRESETS[preset.value as Preset] ?? PRESETS.standard;
    $<HTMLInputElement>("rounds").value = String(p.rounds);
    $<HTMLInputElement>("diplomacy-seconds").value = String(p.diplomacySeconds);
    $<HTMLInputElement>("orders-seconds").value = String(p.ordersSeconds);
  };
  preset.value = "standard";
  applyPreset();
  preset.addEventListener("change", applyPreset);
  createPower.addEventListener("change", () => showBrief(readPower(createPower)));
  joinPower.addEventListener("change", () => showBrief(readPower(joinPower)));

  // This tab's player first (two players may share one browser), then the browser's last name.
  name.value = sessionStorage.getItem(NAME_KEY) ?? localStorage.getItem(NAME_KEY) ?? "";
  const fromUrl = new URLSearchParams(location.search).get("code");
  if (fromUrl) code.value = fromUrl.toUpperCase();
  code.addEventListener("input", () => {
    code.value = code.value.toUpperCase().replace(/[^A-Z0-9]/g, "");
  });
  // Warm the game chunk while the player is still choosing.
  for (const b of buttons) b.addEventListener("pointerenter", () => void loadGame(), { once: true });

  const go = async (which: "create" | "join" | "quick") => {
    const displayName = name.value.trim();
    if (!displayName) {
      showError(t("lobby.needName"));
      name.focus();
      return;
    }
    const joinCode = code.value.trim().toUpperCase();
    if (which === "join" && !/^[A-Z0-9]{6}$/.test(joinCode)) {
      showError(t("lobby.badCode"));
      code.focus();
      return;
    }
    localStorage.setItem(NAME_KEY, displayName);
    sessionStorage.setItem(NAME_KEY, displayName);
    showError(null);
    for (const b of buttons) b.disabled = true;
    status.textContent =
      which === "join"
        ? t("lobby.joining", { code: joinCode })
        : which === "quick"
          ? t("lobby.matching")
          : t("lobby.creating");
    void loadGame();
    /** The game being rejoined, for the debrief link when it has ended. */
    let rejoining: { code: string; key: string | null } | undefined;
    try {
      const client = new Client(endpoint());
      const power = readPower(which === "join" ? joinPower : createPower);
      // No undefined keys: the server's option schemas are strict.
      const common: Record<string, unknown> = { name: displayName, ...(power ? { power } : {}) };
      let room: Room;
      if (which === "join") {
        const table = await resolveCode(joinCode, displayName);
        const token = seatToken(table, displayName);
        rejoining = { code: table, key: token ?? null };
        room = await client.joinById(table, { ...common, ...(token ? { token } : {}) });
      } else if (which === "quick") room = await client.joinOrCreate("quick", { name: displayName });
      else {
        const asControl = $<HTMLInputElement>("as-control").checked;
        room = await client.create("game", {
          name: displayName,
          ...(power && !asControl ? { power } : {}),
          preset: preset.value,
          rounds: intIn($<HTMLInputElement>("rounds"), 4, 12, 8),
          diplomacySeconds: intIn($<HTMLInputElement>("diplomacy-seconds"), 10, 3600, 240),
          ordersSeconds: intIn($<HTMLInputElement>("orders-seconds"), 10, 3600, 120),
          botPersonality: $<HTMLSelectElement>("bot-personality").value,
          fillWithBots: $<HTMLInputElement>("fill-bots").checked,
          public: $<HTMLInputElement>("public-game").checked,
          advisor: $<HTMLInputElement>("advisor").checked,
          asControl,
        });
      }
      // Handlers first, before awaiting anything else.
      watchLeave(room);
      const session = new RoomSession(room);
      if (which === "create" && $<HTMLInputElement>("as-control").checked) {
        // Control's place is the console (control.html), which joins again with the Control token.
        status.textContent = t("lobby.toConsole");
        const token = await new Promise<string>((resolve) => {
          const done = () => resolve(session.seat?.controlToken ?? "");
          if (session.seat) return done();
          const off = session.subscribe(() => {
            if (!session.seat) return;
            off();
            done();
          });
          setTimeout(done, 5000);
        });
        if (token) {
          localStorage.setItem(CONTROL_KEY + room.roomId, token);
          await room.leave(true).catch(() => undefined);
          location.assign(`control.html?code=${encodeURIComponent(room.roomId)}`);
          return;
        }
      }
      keepSeat(session, room.roomId, displayName);
      status.textContent = t("lobby.loadingMap");
      await enterGame(session);
    } catch (e) {
      status.textContent = "";
      showError(errorMessage(e));
      // A game that has ended is no longer joined: its debrief is where it can be seen.
      if (rejoining && refusalCode(e) === "game_ended")
        $("error").append(
          " ",
          debriefLink(rejoining.code, rejoining.key, t("lobby.openDebrief", { code: rejoining.code })),
        );
      for (const b of buttons) b.disabled = false;
    }
  };
  const joinCode = (c: string) => {
    code.value = c;
    void go("join");
  };

  if (!document.getElementById("run-class")) {
    const link = Object.assign(document.createElement("a"), {
      id: "run-class",
      className: "run-class",
      href: "teacher.html",
      textContent: t("lobby.runClass"),
    });
    link.style.cssText = "display: inline-block; margin: 8px 0 0; font-weight: 600";
    link.dataset.i18n = "lobby.runClass";
    // In the header, above the fold on a 1366×768 laptop (it was below the form).
    $("lobby").querySelector(".lobby-head")?.append(link);
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v = (ev.submitter as HTMLButtonElement | null)?.value;
    void go(v === "join" ? "join" : v === "quick" ? "quick" : "create");
  });
  $("lobby").hidden = false;
  void refreshPublic(joinCode);
}

/** Remembers the seat token when it arrives, and puts the game code in the address (for a reload). */
function keepSeat(session: GameSession, code: string, name?: string): void {
  const unsub = session.subscribe(() => {
    if (!session.seat) return;
    if (session.seat.token) rememberSeat(code, session.seat.token, name);
    unsub();
  });
  history.replaceState(null, "", `?code=${encodeURIComponent(code)}`);
}

/**
 * A reload, a new tab, a dropped connection or a second device (with the seat link): the browser
 * holds a seat token for `?code=`, so the player goes straight back to the seat, without the lobby.
 * A token the server no longer knows is forgotten and the lobby says why.
 */
async function returnToSeat(code: string, token: string): Promise<void> {
  $("lobby").hidden = true;
  const status = Object.assign(document.createElement("p"), {
    id: "rejoin-status",
    className: "rejoin-status",
    textContent: t("lobby.returning", { code }),
  });
  status.setAttribute("role", "status");
  document.body.append(status);
  void loadGame();
  try {
    const name =
      seatName(code) || sessionStorage.getItem(NAME_KEY) || localStorage.getItem(NAME_KEY) || "Player";
    const room = await new Client(endpoint()).joinById(code, { name, token });
    watchLeave(room);
    const session = new RoomSession(room);
    keepSeat(session, code);
    await enterGame(session);
    status.remove();
  } catch (e) {
    status.remove();
    const message = errorMessage(e);
    if (/^not_found/.test(e instanceof Error ? e.message : "")) forgetSeat(code);
    initLobby();
    showError(t("lobby.returnFailed", { code, reason: message }));
  }
}

/**
 * `?watch=CODE`: watch a game as an observer (public information only); with `&projector=1`, the
 * situation-room view for a classroom screen (game/projector.ts) instead of the game screen.
 */
async function watchGame(code: string, projector: boolean): Promise<void> {
  try {
    const room = await new Client(endpoint()).joinById(code, { observer: true });
    const session = new RoomSession(room);
    if (projector) {
      const m = await import("./game/projector.js");
      $("lobby").hidden = true;
      m.startProjector(session, $("app"));
    } else await enterGame(session);
  } catch (e) {
    initLobby();
    showError(errorMessage(e));
  }
}

const demoAllowed = import.meta.env.DEV || import.meta.env.VITE_DEMO === "1";
void initI18n().then(() => {
  const params = new URLSearchParams(location.search);
  const watch = (params.get("watch") ?? "").toUpperCase();
  if (/^[A-Z0-9]{6}$/.test(watch)) {
    void watchGame(watch, params.get("projector") === "1");
  } else if (/^[A-Z0-9]{6}$/.test((params.get("code") ?? "").toUpperCase()) && !params.has("lobby")) {
    const code = (params.get("code") ?? "").toUpperCase();
    carrySeat(); // a branch's invitation: this tab's seat in the source game carries over (branchSeat.ts)
    takeSeatFromFragment(code);
    const token = seatToken(code);
    if (token) void returnToSeat(code, token);
    else initLobby();
  } else if (demoAllowed && params.has("demo")) {
    // Dev only: the game screen from a local engine state, no server (see demo.ts).
    void import("./demo.js").then(async (m) =>
      enterGame(m.demoSession(new URLSearchParams(location.search))),
    );
  } else {
    initLobby();
  }
});
