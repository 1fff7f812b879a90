/**
 * Table settings Control changes during a game (docs/PROTOCOL.md, `control` commands): the advisor
 * for every human seat, on or off, and each power's chat, muted or not. Shared by the teacher
 * dashboard (one per table) and the Control console. The elements are built once and updated in
 * place, so a state patch never takes the keyboard focus away.
 */
import { POWERS, type PowerId } from "../../shared/powers.js";
import type { ControlCommand, Reply } from "../../shared/protocol.js";
import { icon } from "../game/icons.js";
import { t } from "../i18n/index.js";
import type { RoomSnapshot } from "../session.js";
import { el, powerChip, powerName, refusal } from "../ui.js";

export interface TableSettings {
  readonly element: HTMLElement;
  /** The room's current settings (null: not connected, everything disabled). */
  update(room: RoomSnapshot | null): void;
}

export function tableSettings(
  id: string,
  send: (cmd: ControlCommand) => Promise<Reply>,
  report: (message: string, ok: boolean) => void,
): TableSettings {
  const advisor = el("input", { type: "checkbox", id: `${id}-advisor`, "data-setting": "advisor" });
  const mutes = new Map<PowerId, HTMLButtonElement>();
  const state = new Map<PowerId, HTMLElement>();
  const actions = new Map<PowerId, HTMLElement>();
  /** Powers whose mute request is on its way (their button stays disabled until it is answered). */
  const busy = new Set<PowerId>();
  let connected = false;
  for (const p of POWERS) {
    const word = el("span", {});
    // What the button does, for screen readers, after its visible words (axe: the accessible name
    // must contain the visible text).
    const action = el("span", { class: "sr-only" });
    const b = el(
      "button",
      { type: "button", class: "small mute", "data-mute": p, "aria-pressed": "false" },
      powerChip(p),
      " ",
      word,
      action,
    );
    b.addEventListener("click", async () => {
      const on = b.getAttribute("aria-pressed") !== "true";
      busy.add(p);
      b.disabled = true;
      const r = await send({ command: "mute", power: p, on });
      busy.delete(p);
      b.disabled = !connected;
      report(
        r.ok
          ? t(on ? "settings.mutedDone" : "settings.unmutedDone", { power: powerName(p) })
          : refusal(r.error),
        r.ok,
      );
    });
    mutes.set(p, b);
    state.set(p, word);
    actions.set(p, action);
  }
  advisor.addEventListener("change", async () => {
    const on = advisor.checked;
    const r = await send({ command: "advisor", on });
    if (!r.ok) advisor.checked = !on;
    report(r.ok ? t(on ? "settings.advisorOnDone" : "settings.advisorOffDone") : refusal(r.error), r.ok);
  });
  const element = el(
    "div",
    { class: "table-settings", id },
    el("label", { class: "advisor-switch" }, advisor, ` ${t("settings.advisor")}`),
    el(
      "div",
      { class: "mutes", role: "group", "aria-label": t("settings.chat") },
      el("span", { class: "muted small" }, `${t("settings.chat")}: `),
      ...mutes.values(),
    ),
  );
  return {
    element,
    update(room) {
      connected = !!room;
      advisor.disabled = !room;
      if (room && document.activeElement !== advisor) advisor.checked = room.advisor;
      for (const p of POWERS) {
        const b = mutes.get(p)!;
        const muted = !!room?.seats.find((s) => s.power === p)?.muted;
        b.setAttribute("aria-pressed", String(muted));
        actions.get(p)!.textContent =
          ` (${t(muted ? "settings.unmute" : "settings.mute", { power: powerName(p) })})`;
        b.classList.toggle("on", muted);
        // An SVG sign, not the emoji (drawn as a box on machines without an emoji font).
        state
          .get(p)!
          .replaceChildren(
            ...(muted ? [icon("muted"), ` ${t("settings.chatMuted")}`] : [t("settings.chatOn")]),
          );
        b.disabled = !room || busy.has(p);
      }
    },
  };
}
