/**
 * The guided first round (DESIGN §8 "For learning"): a few steps that point at the real panels —
 * your brief and objectives, the map, orders and action points, negotiation, the clock. Not modal:
 * the game stays usable under it. Shown by default in round 1 to a power's player, reopened from
 * the top bar's Guide button, remembered as dismissed per game (localStorage).
 * Keys: ← → move between steps, Escape closes; every control is a button.
 */
import { t } from "../i18n/index.js";
import { el } from "../ui.js";
import { icon } from "./icons.js";

export interface GuideStep {
  /** i18n: `guide.<id>.title`, `guide.<id>.text`. */
  id: string;
  /** The element to point at, found when the step shows (the layout decides which is visible). */
  target(): HTMLElement | null;
  /** Makes the target visible first (selects a tab). */
  before?(): void;
  /** The text's key when it depends on the table (default `guide.<id>.text`). */
  textKey?(): string;
}

export interface Guide {
  readonly element: HTMLElement;
  readonly isOpen: boolean;
  open(step?: number): void;
  /** Closes it; `returnFocus` false when the game closes it (round 2, the end) rather than the player. */
  close(returnFocus?: boolean): void;
  /** Opens at the first step unless this game's guide was dismissed before. */
  openUnlessDismissed(): void;
  /** Re-places the card beside its target (after a layout change). */
  place(): void;
  destroy(): void;
}

const KEY = "pressure-point.guide.";

function dismissed(gameId: string): boolean {
  try {
    return localStorage.getItem(KEY + gameId) === "dismissed";
  } catch {
    return false;
  }
}

function remember(gameId: string): void {
  try {
    localStorage.setItem(KEY + gameId, "dismissed");
  } catch {
    // Private browsing without storage: the guide shows again next time, which is harmless.
  }
}

export function makeGuide(gameId: string, steps: readonly GuideStep[], onClose: () => void): Guide {
  let index = 0;
  let open = false;
  let target: HTMLElement | null = null;

  const counter = el("p", { class: "guide-count muted small", id: "guide-count" });
  const title = el("h2", { id: "guide-title", tabindex: -1 });
  const text = el("p", { id: "guide-text" });
  const back = el("button", { type: "button", class: "small", id: "guide-back" }, t("guide.back"));
  const next = el("button", { type: "button", class: "small primary", id: "guide-next" });
  const close = el(
    "button",
    { type: "button", class: "small ghost guide-close", id: "guide-close", "aria-label": t("guide.close") },
    icon("close"),
  );
  const card = el(
    "section",
    {
      id: "guide",
      class: "guide",
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": "guide-title",
      "aria-describedby": "guide-text",
      hidden: true,
      "data-testid": "guide",
    },
    el("div", { class: "guide-head" }, counter, close),
    title,
    text,
    el("p", { class: "muted small" }, t("guide.keys")),
    el("div", { class: "buttons" }, back, next),
  );

  const unmark = () => {
    target?.classList.remove("guide-target");
    target = null;
  };

  const place = () => {
    if (!open) return;
    const margin = 12;
    const w = card.offsetWidth;
    const h = card.offsetHeight;
    const vw = innerWidth;
    const vh = innerHeight;
    const r = target?.getBoundingClientRect();
    let left = (vw - w) / 2;
    let top = vh - h - margin;
    if (r && r.width > vw / 2 && r.height > vh / 2) {
      // A large target (the map): inside its top-left corner, clear of the top bar.
      [left, top] = [r.left + margin, r.top + margin];
    } else if (r && r.width > 0) {
      // Beside the target where there is room (right, then left), else below or above it.
      if (r.right + margin + w <= vw) [left, top] = [r.right + margin, r.top];
      else if (r.left - margin - w >= 0) [left, top] = [r.left - margin - w, r.top];
      else if (r.bottom + margin + h <= vh) [left, top] = [r.left, r.bottom + margin];
      else [left, top] = [r.left, r.top - margin - h];
    }
    card.style.left = `${Math.round(Math.max(margin, Math.min(left, vw - w - margin)))}px`;
    card.style.top = `${Math.round(Math.max(margin, Math.min(top, vh - h - margin)))}px`;
  };

  const show = (i: number) => {
    index = Math.max(0, Math.min(steps.length - 1, i));
    const step = steps[index]!;
    step.before?.();
    unmark();
    target = step.target();
    target?.classList.add("guide-target");
    counter.textContent = t("guide.step", { n: index + 1, of: steps.length });
    title.textContent = t(`guide.${step.id}.title`);
    text.textContent = t(step.textKey?.() ?? `guide.${step.id}.text`);
    card.dataset.step = step.id;
    back.disabled = index === 0;
    next.textContent = index === steps.length - 1 ? t("guide.done") : t("guide.next");
    place();
  };

  const guide: Guide = {
    element: card,
    get isOpen() {
      return open;
    },
    open(step = 0) {
      open = true;
      card.hidden = false;
      show(step);
      title.focus();
    },
    close(returnFocus = true) {
      if (!open) return;
      open = false;
      card.hidden = true;
      unmark();
      remember(gameId);
      if (returnFocus) onClose();
    },
    openUnlessDismissed() {
      if (!dismissed(gameId)) guide.open(0);
    },
    place,
    destroy() {
      removeEventListener("resize", place);
      unmark();
    },
  };

  back.addEventListener("click", () => show(index - 1));
  next.addEventListener("click", () => (index === steps.length - 1 ? guide.close() : show(index + 1)));
  close.addEventListener("click", () => guide.close());
  card.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      guide.close();
    } else if (e.key === "ArrowRight" && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault();
      if (index < steps.length - 1) show(index + 1);
    } else if (e.key === "ArrowLeft" && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault();
      show(index - 1);
    }
  });
  addEventListener("resize", place);
  return guide;
}
