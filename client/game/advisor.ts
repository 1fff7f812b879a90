/**
 * The advisor: three suggestions for this round (UI.md, "the first minute"), each with a button that
 * adds it to the orders, and one that fills in the whole plan. The plan is the rule bot's own orders
 * for this seat, on this seat's view (within the budget); when that plan has fewer than three
 * actions, the next wishes of the same bot (legal for the seat, by priority) complete the list.
 */
import { allowed } from "../../shared/bots/builder.js";
import { orderWishes } from "../../shared/bots/rules.js";
import { simpleBot } from "../../shared/bots/simple.js";
import { CATALOGUE } from "../../shared/engine/catalogue.js";
import type { Action } from "../../shared/orders.js";
import type { PowerId } from "../../shared/powers.js";
import type { PlayerView } from "../../shared/view.js";
import { t } from "../i18n/index.js";
import { el } from "../ui.js";
import { orderSummary } from "./words.js";

export const SUGGESTIONS = 3;

/** The bot's plan for the seat (what "fill in" loads), and up to three suggestions. */
export function advice(
  view: PlayerView,
  power: PowerId,
  offer: (a: Action) => boolean,
): { plan: Action[]; suggestions: Action[] } {
  // As if orders were open now: in diplomacy the player plans ahead.
  const asOrders: PlayerView = { ...view, phase: "orders" };
  const first = simpleBot(asOrders, power).find((i) => i.type === "submit_orders");
  const plan = (first && first.type === "submit_orders" ? first.orders.actions : []).filter(offer);
  const suggestions = [...plan];
  const types = new Set(plan.map((a) => a.type));
  if (suggestions.length < SUGGESTIONS) {
    const { wishes } = orderWishes(asOrders, power, "pragmatist");
    for (const w of [...wishes].sort((a, b) => b.priority - a.priority)) {
      if (suggestions.length >= SUGGESTIONS) break;
      if (types.has(w.action.type) || !offer(w.action) || !allowed(asOrders, power, w.action)) continue;
      types.add(w.action.type);
      suggestions.push(w.action);
    }
  }
  return { plan, suggestions: suggestions.slice(0, SUGGESTIONS) };
}

/** The advisor box; `add` puts one action in the orders, `fill` loads the plan. */
export function renderAdvisor(
  host: HTMLElement,
  view: PlayerView,
  { plan, suggestions }: { plan: Action[]; suggestions: Action[] },
  add: (a: Action) => void,
  fill: (plan: Action[]) => void,
): void {
  const use = el(
    "button",
    { type: "button", class: "small", id: "use-advice", disabled: plan.length === 0 },
    t("orders.useAdvice"),
  );
  use.addEventListener("click", () => fill(plan));
  const items = suggestions.map((a, i) => {
    const said = orderSummary(a, CATALOGUE[a.type], view.illicitNodes);
    const b = el(
      "button",
      {
        type: "button",
        class: "small ghost",
        "data-suggestion": i,
        "aria-label": `${t("orders.addSuggestion")}: ${said}`,
      },
      t("orders.addSuggestion"),
    );
    b.addEventListener("click", () => add(a));
    return el("li", {}, el("span", {}, said), " ", b);
  });
  host.replaceChildren(
    el("h3", { id: "advisor-title" }, t("orders.advisor")),
    items.length
      ? el("ol", { id: "advisor-list" }, ...items)
      : el("p", { class: "muted" }, t("orders.advisorNothing")),
    el("p", { class: "muted small" }, t("orders.advisorHint")),
    use,
  );
}
