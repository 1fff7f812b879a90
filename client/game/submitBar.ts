/**
 * The bar under the orders, always in view (sticky at the bottom of the panel on every layout): what
 * the orders cost, whether they are submitted (or changed since), why Submit is disabled when it is,
 * the agreements the orders would break, and the Submit and Ready buttons. Feedback sits where the
 * player is looking, not at the end of a long list.
 */
import { t } from "../i18n/index.js";
import { el, kids } from "../ui.js";

export interface SubmitBarState {
  cost: number;
  points: number;
  upkeep: number;
  /** "none": not submitted this round; "same": the form is what was submitted; "changed": edited since. */
  submitted: "none" | "same" | "changed";
  submittedCount: number;
  /** Why Submit is disabled (null: it is enabled). */
  blocked: string | null;
  /** The agreements in force these orders would break, in words. */
  breaches: string[];
}

export interface SubmitBar {
  element: HTMLElement;
  submit: HTMLButtonElement;
  ready: HTMLButtonElement;
  status: HTMLElement;
  render(s: SubmitBarState): void;
}

export function submitBar(): SubmitBar {
  const budget = el("span", { class: "budget", id: "budget" });
  const state = el("span", { class: "submit-state", id: "submit-state", "data-testid": "submit-state" });
  const reason = el("p", { class: "submit-reason", id: "submit-reason", hidden: true });
  const breaches = el("ul", {
    class: "breach-warnings",
    id: "breach-warnings",
    "data-testid": "breach-warnings",
    hidden: true,
  });
  const submit = el(
    "button",
    {
      type: "submit",
      id: "submit-orders",
      "data-testid": "submit-orders",
      class: "primary",
      "aria-describedby": "budget submit-state submit-reason breach-warnings",
    },
    t("orders.submit"),
  );
  const ready = el("button", {
    type: "button",
    id: "ready-button",
    "data-testid": "ready-button",
    "aria-pressed": "false",
  });
  const status = el("p", {
    id: "order-status",
    "data-testid": "order-status",
    role: "status",
    "aria-live": "polite",
  });
  const element = el(
    "div",
    { class: "submit-bar", id: "submit-bar", "data-testid": "submit-bar" },
    el("div", { class: "submit-line", "aria-live": "polite" }, budget, state),
    breaches,
    reason,
    el("div", { class: "buttons" }, submit, ready),
    status,
  );

  const render = (s: SubmitBarState) => {
    budget.textContent = t(s.upkeep > 0 ? "orders.budgetUpkeep" : "orders.budget", {
      cost: s.cost,
      points: s.points,
      upkeep: s.upkeep,
    });
    if (s.cost > s.points) budget.textContent += ` — ${t("orders.over")}`;
    budget.classList.toggle("over", s.cost > s.points);
    state.textContent =
      s.submitted === "none"
        ? t("orders.stateNone")
        : s.submitted === "same"
          ? t("orders.stateSent", { count: s.submittedCount })
          : t("orders.stateChanged");
    state.dataset.state = s.submitted;
    reason.hidden = !s.blocked;
    reason.textContent = s.blocked ?? "";
    breaches.hidden = s.breaches.length === 0;
    breaches.replaceChildren(
      ...kids(...s.breaches.map((b) => el("li", {}, el("strong", {}, `${t("orders.breachTitle")} `), b))),
    );
  };
  return { element, submit, ready, status, render };
}
