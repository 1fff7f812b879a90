/**
 * The lobby: plain DOM and the Colyseus client, no Phaser. After a join, the game screen is loaded
 * with `import()` (its own chunk, with Phaser and the map data).
 */
import "./styles.css";
import { Client } from "@colyseus/sdk";
import { POWERS, type PowerId } from "../shared/powers.js";
import { type GameSession, RoomSession } from "./session.js";
import { errorMessage, POWER_NAMES } from "./ui.js";

const NAME_KEY = "pressure-point.name";
/** Per game code: the seat token from the "seat" message, to take the same seat back after a reload. */
const TOKEN_KEY = "pressure-point.token.";

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

/** Starts loading the game screen (and Phaser) early; the promise is shared. */
let gameModule: Promise<typeof import("./game/index.js")> | null = null;
function loadGame() {
  gameModule ??= import("./game/index.js");
  return gameModule;
}

async function enterGame(session: GameSession): Promise<void> {
  const { startGame } = await loadGame();
  const app = $("app");
  startGame(session, app);
}

function fillPowerSelect(select: HTMLSelectElement): void {
  select.append(new Option("Any free seat (auto)", ""));
  for (const p of POWERS) select.append(new Option(`${POWER_NAMES[p]} (${p})`, p));
}

function readPower(select: HTMLSelectElement): PowerId | undefined {
  const v = select.value;
  return (POWERS as readonly string[]).includes(v) ? (v as PowerId) : undefined;
}

function intIn(input: HTMLInputElement, min: number, max: number, fallback: number): number {
  const n = Math.round(Number(input.value));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

function initLobby(): void {
  const form = $<HTMLFormElement>("lobby-form");
  const name = $<HTMLInputElement>("name");
  const code = $<HTMLInputElement>("join-code");
  const createPower = $<HTMLSelectElement>("create-power");
  const joinPower = $<HTMLSelectElement>("join-power");
  const status = $("lobby-status");
  const buttons = [$<HTMLButtonElement>("create-button"), $<HTMLButtonElement>("join-button")];
  fillPowerSelect(createPower);
  fillPowerSelect(joinPower);

  name.value = localStorage.getItem(NAME_KEY) ?? "";
  const fromUrl = new URLSearchParams(location.search).get("code");
  if (fromUrl) code.value = fromUrl.toUpperCase();
  code.addEventListener("input", () => {
    code.value = code.value.toUpperCase().replace(/[^A-Z0-9]/g, "");
  });
  // Warm the game chunk while the player is still typing.
  for (const b of buttons) b.addEventListener("pointerenter", () => void loadGame(), { once: true });

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const which = (ev.submitter as HTMLButtonElement | null)?.value === "join" ? "join" : "create";
    const displayName = name.value.trim();
    if (!displayName) {
      showError("Enter a display name first.");
      name.focus();
      return;
    }
    const joinCode = code.value.trim().toUpperCase();
    if (which === "join" && !/^[A-Z0-9]{6}$/.test(joinCode)) {
      showError("A game code has 6 letters or digits.");
      code.focus();
      return;
    }
    localStorage.setItem(NAME_KEY, displayName);
    showError(null);
    for (const b of buttons) b.disabled = true;
    status.textContent = which === "join" ? `Joining ${joinCode}…` : "Creating a game…";
    void loadGame();
    try {
      const client = new Client(endpoint());
      const power = readPower(which === "join" ? joinPower : createPower);
      // No undefined keys: the server's option schemas are strict.
      const common: Record<string, unknown> = { name: displayName, ...(power ? { power } : {}) };
      const token = sessionStorage.getItem(TOKEN_KEY + joinCode);
      const room =
        which === "join"
          ? await client.joinById(joinCode, { ...common, ...(token ? { token } : {}) })
          : await client.create("game", {
              ...common,
              rounds: intIn($<HTMLInputElement>("rounds"), 4, 12, 8),
              diplomacySeconds: intIn($<HTMLInputElement>("diplomacy-seconds"), 10, 3600, 240),
              ordersSeconds: intIn($<HTMLInputElement>("orders-seconds"), 10, 3600, 120),
            });
      // Handlers first, before awaiting anything else.
      const session = new RoomSession(room);
      const unsub = session.subscribe(() => {
        if (!session.seat) return;
        if (session.seat.token) sessionStorage.setItem(TOKEN_KEY + room.roomId, session.seat.token);
        unsub();
      });
      history.replaceState(null, "", `?code=${encodeURIComponent(room.roomId)}`);
      status.textContent = "Loading the map…";
      await enterGame(session);
    } catch (e) {
      status.textContent = "";
      showError(errorMessage(e));
      for (const b of buttons) b.disabled = false;
    }
  });
}

const demoAllowed = import.meta.env.DEV || import.meta.env.VITE_DEMO === "1";
if (demoAllowed && new URLSearchParams(location.search).has("demo")) {
  // Dev only: the game screen from a local engine state, no server (see demo.ts).
  void import("./demo.js").then(async (m) => enterGame(m.demoSession(new URLSearchParams(location.search))));
} else {
  initLobby();
}
