/**
 * The Orders panel for the player's own power. What can be done and what it costs come from the
 * shared catalogue (`actionsFor`); the shape is checked with the shared `OrdersSchema` before sending.
 */
import { type ActionSpec, actionsFor } from "../../shared/engine/catalogue.js";
import { ordersCost } from "../../shared/engine/validate.js";
import { ActionSchema, type OrdersInput, OrdersSchema, RATIONALE_MAX } from "../../shared/orders.js";
import type { PowerId } from "../../shared/powers.js";
import type { Reply } from "../../shared/protocol.js";
import type { GameSession } from "../session.js";
import { el } from "../ui.js";

type Action = OrdersInput["actions"][number];

const TITLES: Readonly<Record<string, string>> = {
  set_enforcement: "Sanctions enforcement",
  missile_test: "Missile test",
};
const titleOf = (type: string) =>
  TITLES[type] ?? type.charAt(0).toUpperCase() + type.slice(1).replace(/_/g, " ");

/** Action types whose only field besides `type` is the optional rationale (a checkbox is enough). */
function isSimple(type: string): boolean {
  const option = (ActionSchema.options as readonly { shape: Record<string, unknown> }[]).find(
    (o) => (o.shape.type as { value?: unknown } | undefined)?.value === type,
  );
  return !!option && Object.keys(option.shape).every((k) => k === "type" || k === "rationale");
}

export interface OrdersPanel {
  element: HTMLElement;
  update(): void;
}

function levelInput(
  id: string,
  label: string,
  hint: string,
): { row: HTMLElement; get(): number; set(v: number): void } {
  const range = el("input", {
    type: "range",
    min: 0,
    max: 100,
    step: 1,
    id: `${id}-range`,
    "aria-label": label,
  });
  const num = el("input", {
    type: "number",
    min: 0,
    max: 100,
    step: 1,
    id,
    inputmode: "numeric",
    class: "level",
  });
  range.addEventListener("input", () => {
    num.value = range.value;
    num.dispatchEvent(new Event("change", { bubbles: true }));
  });
  num.addEventListener("input", () => {
    range.value = num.value;
  });
  const row = el(
    "div",
    { class: "level-row" },
    el("label", { for: id }, label, el("small", {}, hint)),
    el("div", { class: "level-inputs" }, range, num),
  );
  return {
    row,
    get: () => Math.max(0, Math.min(100, Math.round(Number(num.value) || 0))),
    set(v) {
      num.value = String(v);
      range.value = String(v);
    },
  };
}

export function ordersPanel(
  session: GameSession,
  power: PowerId,
  show: { error(message: string | null): void },
): OrdersPanel {
  const specs = actionsFor(power);
  const include = new Map<string, HTMLInputElement>();
  const budget = el("p", { class: "budget", id: "budget", "aria-live": "polite" });
  const form = el("form", { id: "orders-form", "data-testid": "orders-form", novalidate: true });
  let announced: ReturnType<typeof levelInput> | null = null;
  let target: ReturnType<typeof levelInput> | null = null;

  const actionBox = (spec: ActionSpec, ...body: HTMLElement[]) => {
    const box = el("input", { type: "checkbox", id: `include-${spec.type}`, name: spec.type });
    include.set(spec.type, box);
    const fs = el(
      "fieldset",
      { class: "action", "data-action": spec.type },
      el(
        "legend",
        {},
        el("label", { for: box.id }, box, ` ${titleOf(spec.type)}`),
        el("span", { class: "cost", title: "Action points" }, `${spec.cost} AP`),
      ),
      el("p", { class: "effect" }, spec.effect),
      ...body,
    );
    box.addEventListener("change", () => fs.classList.toggle("on", box.checked));
    return fs;
  };

  for (const spec of specs) {
    if (spec.type === "set_enforcement") {
      announced = levelInput("enf-announced", "Announced", "public: what others see");
      target = levelInput("enf-target", "Target", "private: what you aim for");
      const fs = actionBox(spec, announced.row, target.row);
      // Touching a slider includes the action.
      fs.addEventListener("change", (e) => {
        if ((e.target as HTMLElement).id !== `include-${spec.type}`) {
          const box = include.get(spec.type)!;
          box.checked = true;
          fs.classList.add("on");
        }
      });
      form.append(fs);
    } else if (isSimple(spec.type)) {
      form.append(actionBox(spec));
    } else {
      const fs = actionBox(spec, el("p", { class: "note" }, "Not yet available in this client."));
      include.get(spec.type)!.disabled = true;
      form.append(fs);
    }
  }
  if (specs.length === 0)
    form.append(el("p", { class: "muted" }, "Your power has no actions in this version."));

  const rationale = el("textarea", {
    id: "rationale",
    name: "rationale",
    rows: 3,
    maxlength: RATIONALE_MAX,
    placeholder: "Why? (optional, kept in the record for the debrief)",
  });
  const note = el("p", { class: "note", id: "orders-note" });
  const submit = el(
    "button",
    { type: "submit", id: "submit-orders", "data-testid": "submit-orders", class: "primary" },
    "Submit orders",
  );
  const ready = el(
    "button",
    { type: "button", id: "ready-button", "data-testid": "ready-button", "aria-pressed": "false" },
    "Ready",
  );
  const status = el("p", {
    id: "order-status",
    "data-testid": "order-status",
    role: "status",
    "aria-live": "polite",
  });
  form.append(
    el("label", { class: "field", for: "rationale" }, "Rationale"),
    rationale,
    budget,
    note,
    el("div", { class: "buttons" }, submit, ready),
    status,
  );

  const build = (): { actions: Action[] } => {
    const why = rationale.value.trim();
    const extra = why ? { rationale: why } : {};
    const actions: Action[] = [];
    for (const spec of specs) {
      if (!include.get(spec.type)?.checked) continue;
      if (spec.type === "set_enforcement" && announced && target) {
        actions.push({ type: "set_enforcement", announced: announced.get(), target: target.get(), ...extra });
      } else if (isSimple(spec.type)) {
        actions.push({ type: spec.type, ...extra } as Action);
      }
    }
    return { actions };
  };

  let busy = false;
  let round = -1;
  const update = () => {
    const view = session.view;
    // A new round: fresh defaults from the view.
    if (view && view.round !== round) {
      round = view.round;
      const e = view.enforcement[power];
      announced?.set(e.announced);
      target?.set(e.target ?? e.actual ?? e.announced);
      const mine = view.orders[power];
      for (const [type, box] of include) {
        box.checked = !!mine?.actions.some((a) => a.type === type);
        box.closest("fieldset")?.classList.toggle("on", box.checked);
      }
      for (const a of mine?.actions ?? []) {
        if (a.type === "set_enforcement") {
          announced?.set(a.announced);
          target?.set(a.target);
        }
        if (a.rationale) rationale.value = a.rationale;
      }
      if (!mine) rationale.value = "";
      if (round > 1) {
        status.textContent = "";
        status.className = "";
      }
    }
    const phase = session.room.phase;
    const points = view?.powers[power].actionPoints ?? 0;
    const cost = ordersCost(build());
    budget.textContent = `Cost ${cost} of ${points} action points${cost > points ? " — over budget" : ""}`;
    budget.classList.toggle("over", cost > points);
    const inOrders = phase === "orders";
    submit.disabled = busy || !inOrders || cost > points || !view;
    note.textContent =
      phase === "ended"
        ? "The game is over."
        : inOrders
          ? view?.submitted.includes(power)
            ? "Orders received. You may revise them until the phase ends."
            : "Orders are open: submit before the clock runs out."
          : session.room.started
            ? "Orders open in the orders phase; plan them now."
            : "Waiting for players: press Ready when your table is complete.";
    const me = session.room.seats.find((s) => s.power === power);
    const isReady = !!me?.ready;
    ready.setAttribute("aria-pressed", String(isReady));
    ready.textContent = isReady ? "Ready ✓" : "Ready";
    ready.title = !session.room.started
      ? "Start the game when every player is ready"
      : isReady
        ? "Click to take back ready"
        : "End this phase early when everyone is ready";
    ready.disabled = busy || phase === "ended";
  };

  const report = (r: Reply, okText: string) => {
    if (r.ok) {
      status.textContent = okText;
      status.className = "ok";
      show.error(null);
    } else {
      status.textContent = `Not accepted: ${r.error.message}`;
      status.className = "bad";
      show.error(r.error.message);
    }
  };

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const orders = build();
    const parsed = OrdersSchema.safeParse(orders);
    if (!parsed.success) {
      report(
        {
          ok: false,
          error: { code: "bad_shape", message: parsed.error.issues[0]?.message ?? "Bad orders." },
        },
        "",
      );
      return;
    }
    busy = true;
    update();
    status.textContent = "Sending…";
    status.className = "";
    const r = await session.submitOrders(parsed.data);
    busy = false;
    const n = orders.actions.length;
    report(
      r,
      n === 0
        ? "Submitted: no actions this round."
        : `Submitted: ${n} action${n > 1 ? "s" : ""}, ${ordersCost(orders)} AP.`,
    );
    update();
  });
  ready.addEventListener("click", async () => {
    const me = session.room.seats.find((s) => s.power === power);
    const next = !me?.ready;
    busy = true;
    update();
    const r = await session.setReady(next);
    busy = false;
    report(r, next ? "Marked ready." : "No longer ready.");
    update();
  });

  update();
  return { element: form, update };
}
