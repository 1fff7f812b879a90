/**
 * The connection, said in words where the player looks (under the top bar): reconnecting after a
 * dropped network (the seat is kept, the clock runs on), closed because another tab or device took
 * the seat (with a button to play here again), or closed for another reason (with a Rejoin button,
 * pressed by itself when the browser comes back online). Rejoining is a reload: the page returns to
 * the seat with the token the browser keeps (client/seatMemory.ts).
 */
import { t } from "../i18n/index.js";
import { seatTakenOver } from "../leaveReason.js";
import type { GameSession } from "../session.js";
import { el } from "../ui.js";

export interface ConnectionBanner {
  element: HTMLElement;
  update(): void;
  destroy(): void;
}

export function connectionBanner(session: GameSession): ConnectionBanner {
  const text = el("span", { class: "conn-text" });
  const button = el("button", { type: "button", class: "small primary", id: "rejoin-button" });
  const element = el(
    "div",
    { id: "connection-banner", class: "connection-banner", role: "alert", hidden: true },
    text,
    button,
  );
  const rejoin = () => location.reload();
  button.addEventListener("click", rejoin);
  // Back online after a lost connection: rejoin at once (not after being taken over: that was a choice).
  const online = () => {
    if (session.connection === "closed" && !seatTakenOver()) rejoin();
  };
  addEventListener("online", online);

  const update = () => {
    const c = session.connection;
    element.hidden = c === "connected";
    element.dataset.state = c === "closed" && seatTakenOver() ? "taken" : c;
    if (c === "reconnecting") {
      text.textContent = t("conn.reconnecting");
      button.hidden = true;
    } else if (c === "closed") {
      const taken = seatTakenOver();
      text.textContent = taken ? t("conn.takenOver") : t("conn.closed");
      button.textContent = taken ? t("conn.playHere") : t("conn.rejoin");
      button.hidden = false;
    }
  };
  return { element, update, destroy: () => removeEventListener("online", online) };
}
