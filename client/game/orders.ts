/**
 * The Orders panel for the player's own power: every action of the shared catalogue (`actionsFor`)
 * with its parameters, cost and plain-language effect, grouped into standing policies and moves;
 * the action-point budget (with enforcement upkeep, from the shared `ordersCost`); a rationale per
 * order; the advisor's plan (the shared bot run on the player's own view). Orders can be revised
 * until the phase ends. The shape is checked with the shared `OrdersSchema`; legality is the
 * server's (the engine's) answer, shown as it comes.
 */

import { type ActionSpec, actionsFor, CATALOGUE } from "../../shared/engine/catalogue.js";
import { ordersBreach } from "../../shared/engine/diplomacy.js";
import { ordersCost } from "../../shared/engine/validate.js";
import { type Action, OrdersSchema, RATIONALE_MAX, STATEMENT_MAX } from "../../shared/orders.js";
import { POWERS, type PowerId } from "../../shared/powers.js";
import type { Reply } from "../../shared/protocol.js";
import { SUMMER_2017 } from "../../shared/scenario.js";
import { COMMODITY_GROUPS, REGIONS } from "../../shared/state.js";
import type { PlayerView } from "../../shared/view.js";
import { t } from "../i18n/index.js";
import type { GameSession } from "../session.js";
import { el, kids, powerName, refusal } from "../ui.js";
import { advice, renderAdvisor } from "./advisor.js";
import { submitBar } from "./submitBar.js";
import { actionEffect, actionLabel, entityName, groupName, nodeName, regionName, termText } from "./words.js";

const entityCountry = (id: string) => SUMMER_2017.entities.find((e) => e.id === id)?.country;

/** Orders compared without regard to key order (the server echoes them back in its own order). */
function canonical(actions: readonly Action[]): string {
  return JSON.stringify(
    actions.map((a) =>
      Object.fromEntries(Object.entries(a as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1))),
    ),
  );
}

/** Free-form actions are judged by Control: without Control at the table, nobody would. */
const NEEDS_CONTROL: ReadonlySet<string> = new Set(["matrix_action"]);

type Val = number | boolean | string;
interface Instance {
  params: Record<string, Val>;
  rationale: string;
}

export interface OrdersPanel {
  element: HTMLElement;
  update(): void;
}

const LEVEL_PARAMS = new Set(["announced", "level"]);

/** What kind of input a parameter needs (the catalogue names parameters; the schema types them). */
function paramKind(type: string, param: string): "level" | "bool" | "select" | "text" {
  if (LEVEL_PARAMS.has(param) || (param === "target" && type === "set_enforcement")) return "level";
  if (param === "sustain" || param === "on") return "bool";
  if (param === "text") return "text";
  return "select";
}

function options(type: string, param: string, me: PowerId, view: PlayerView | null): [string, string][] {
  switch (param) {
    case "commodityGroup":
      return COMMODITY_GROUPS.map((g) => [g, groupName(g)]);
    case "region":
      return REGIONS.map((r) => [r, regionName(r)]);
    case "target":
      return (type === "retaliate" ? (["US", "KR"] as PowerId[]) : POWERS.filter((p) => p !== me)).map(
        (p) => [p, powerName(p)],
      );
    case "node":
      return (view?.illicitNodes ?? []).map((n) => [n.id, `${nodeName(n.name)} (${regionName(n.region)})`]);
    case "entity": {
      const done = new Set(view?.sanctions.designations.map((d) => d.entity) ?? []);
      return SUMMER_2017.entities.filter((e) => !done.has(e.id)).map((e) => [e.id, entityName(e.id, e.name)]);
    }
    default:
      return [];
  }
}

/** A parameter's starting value: the power's standing policy where there is one. */
function defaultValue(type: string, param: string, me: PowerId, view: PlayerView | null): Val {
  const pol = view?.policies[me];
  const e = view?.enforcement[me];
  switch (`${type}.${param}`) {
    case "set_enforcement.announced":
      return e?.announced ?? 50;
    case "set_enforcement.target":
      return e?.target ?? e?.actual ?? e?.announced ?? 50;
    case "set_enforcement.sustain":
      return e?.sustain ?? false;
    case "set_trade.level":
      return pol?.trade?.minerals ?? 100;
    case "set_inspections.level":
      return pol?.inspections ?? 20;
    case "set_pipeline.level":
      return pol?.pipeline ?? 100;
    case "set_fuel_sales.level":
      return pol?.fuelSales ?? 50;
    case "send_labourers.level":
      return pol?.trade?.labour ?? 100;
    case "set_engagement.level":
      return pol?.trade?.goods ?? 0;
    // Switches default to the change: an order that keeps things as they are costs points for nothing.
    case "set_exercises.on":
      return !(pol?.exercises ?? true);
    case "set_tariffs.on":
      return !(pol?.tariffs ?? false);
    case "set_moratorium.on":
      return !(pol?.moratorium ?? false);
    case "set_md_consent.on":
      return !(pol?.mdConsent ?? true);
    case "intel_op.region":
      return "yellow_sea";
    case "smuggling_op.region":
      return "east_china_sea";
    case "retaliate.target":
      return "KR";
    default:
      break;
  }
  if (param === "text") return "";
  const opts = options(type, param, me, view);
  return opts[0]?.[0] ?? "";
}

/** The current setting a policy action would change, for the card ("now: 60"). */
function currentSetting(type: string, me: PowerId, view: PlayerView | null): string | null {
  const pol = view?.policies[me];
  if (!pol) return null;
  const onOff = (b: boolean | undefined) => (b ? t("orders.on") : t("orders.off"));
  switch (type) {
    case "set_enforcement": {
      const e = view.enforcement[me];
      return t("orders.nowEnforcement", { announced: e.announced, target: e.target ?? "?" });
    }
    case "set_trade":
      return COMMODITY_GROUPS.map((g) => `${groupName(g)} ${pol.trade?.[g] ?? "?"}`).join(" · ");
    case "set_inspections":
      return t("orders.now", { value: pol.inspections ?? "?" });
    case "set_pipeline":
      return t("orders.now", { value: pol.pipeline ?? "?" });
    case "set_fuel_sales":
      return t("orders.now", { value: pol.fuelSales ?? "?" });
    case "send_labourers":
      return t("orders.now", { value: pol.trade?.labour ?? "?" });
    case "set_engagement":
      return t("orders.now", { value: pol.trade?.goods ?? "?" });
    case "set_exercises":
      return t("orders.now", { value: onOff(pol.exercises) });
    case "set_tariffs":
      return t("orders.now", { value: onOff(pol.tariffs) });
    case "set_moratorium":
      return t("orders.now", { value: onOff(pol.moratorium) });
    case "set_md_consent":
      return t("orders.now", { value: onOff(pol.mdConsent) });
    default:
      return null;
  }
}

let uid = 0;

export function ordersPanel(
  session: GameSession,
  power: PowerId,
  show: { error(message: string | null): void },
): OrdersPanel {
  const specs = actionsFor(power);
  const model = new Map<string, Instance[]>();
  const cards = new Map<string, { box: HTMLInputElement; list: HTMLElement; fs: HTMLElement }>();

  const fresh = (spec: ActionSpec): Instance => ({
    params: Object.fromEntries(spec.params.map((p) => [p, defaultValue(spec.type, p, power, session.view)])),
    rationale: "",
  });

  const form = el("form", { id: "orders-form", "data-testid": "orders-form", novalidate: true });
  const advisor = el("section", { class: "advisor", id: "advisor", "aria-labelledby": "advisor-title" });
  const bar = submitBar();
  const { submit, ready, status } = bar;

  const renderInstances = (spec: ActionSpec) => {
    const card = cards.get(spec.type)!;
    const list = model.get(spec.type) ?? [];
    card.box.checked = list.length > 0;
    card.fs.classList.toggle("on", list.length > 0);
    card.list.replaceChildren(
      ...kids(
        ...list.map((inst, i) => instanceRow(spec, inst, i, list.length)),
        spec.repeatable && list.length > 0
          ? el(
              "button",
              { type: "button", class: "small ghost add-another", "data-add": spec.type },
              t("orders.addAnother"),
            )
          : null,
      ),
    );
    card.list.querySelector<HTMLButtonElement>("[data-add]")?.addEventListener("click", () => {
      list.push(fresh(spec));
      renderInstances(spec);
      update();
    });
  };

  const instanceRow = (spec: ActionSpec, inst: Instance, index: number, count: number): HTMLElement => {
    const row = el("div", { class: "instance" });
    for (const param of spec.params) {
      const id = `p${++uid}`;
      const kind = paramKind(spec.type, param);
      const label = t(`param.${param === "target" && kind === "level" ? "enfTarget" : param}`);
      const hint = t(`paramHint.${param === "target" && kind === "level" ? "enfTarget" : param}`);
      const value = inst.params[param];
      const dataName = `${spec.type}.${param}`;
      if (kind === "level") {
        const range = el("input", {
          type: "range",
          min: 0,
          max: 100,
          step: 1,
          value: Number(value),
          "aria-label": label,
          tabindex: -1,
        });
        const numIn = el("input", {
          type: "number",
          min: 0,
          max: 100,
          step: 1,
          id,
          value: Number(value),
          inputmode: "numeric",
          class: "level",
          "data-param": dataName,
        });
        const set = (v: string) => {
          const n = Math.max(0, Math.min(100, Math.round(Number(v) || 0)));
          inst.params[param] = n;
        };
        range.addEventListener("input", () => {
          numIn.value = range.value;
          set(range.value);
          update();
        });
        numIn.addEventListener("input", () => {
          range.value = numIn.value;
          set(numIn.value);
          update();
        });
        row.append(
          el(
            "div",
            { class: "level-row" },
            el("label", { for: id }, label, el("small", {}, hint)),
            el("div", { class: "level-inputs" }, range, numIn),
          ),
        );
      } else if (kind === "bool") {
        const box = el("input", { type: "checkbox", id, "data-param": dataName, checked: Boolean(value) });
        box.addEventListener("change", () => {
          inst.params[param] = box.checked;
          update();
        });
        row.append(el("label", { class: "check", for: id }, box, ` ${label}`, el("small", {}, ` ${hint}`)));
      } else if (kind === "text") {
        const max = spec.type === "statement" ? STATEMENT_MAX : RATIONALE_MAX;
        const area = el("textarea", { id, rows: 2, maxlength: max, "data-param": dataName });
        area.value = String(value);
        area.addEventListener("input", () => {
          inst.params[param] = area.value;
          update();
        });
        row.append(el("label", { for: id, class: "field-label" }, label), area);
      } else {
        const opts = options(spec.type, param, power, session.view);
        const sel = el("select", { id, "data-param": dataName, disabled: opts.length === 0 });
        for (const [v, text] of opts) sel.append(new Option(text, v));
        if (opts.length === 0) sel.append(new Option(t(`paramEmpty.${param}`), ""));
        sel.value = String(value);
        if (!opts.some(([v]) => v === value) && opts[0]) inst.params[param] = opts[0][0];
        sel.addEventListener("change", () => {
          inst.params[param] = sel.value;
          update();
        });
        row.append(el("label", { for: id, class: "field-label" }, label), sel);
      }
    }
    const whyId = `why${++uid}`;
    const why = el("input", {
      id: whyId,
      type: "text",
      maxlength: RATIONALE_MAX,
      class: "rationale",
      "data-rationale": spec.type,
      placeholder: t("orders.rationalePlaceholder"),
    });
    why.value = inst.rationale;
    why.addEventListener("input", () => {
      inst.rationale = why.value;
    });
    row.append(el("label", { for: whyId, class: "field-label" }, t("orders.rationale")), why);
    if (count > 1) {
      const remove = el("button", { type: "button", class: "small ghost" }, t("orders.remove"));
      remove.addEventListener("click", () => {
        model.get(spec.type)?.splice(index, 1);
        renderInstances(spec);
        update();
      });
      row.append(remove);
    }
    return row;
  };

  const actionCard = (spec: ActionSpec): HTMLElement => {
    const box = el("input", { type: "checkbox", id: `include-${spec.type}`, name: spec.type });
    const list = el("div", { class: "instances" });
    const now = el("p", { class: "now muted", "data-now": spec.type });
    const fs = el(
      "fieldset",
      { class: "action", "data-action": spec.type },
      el(
        "legend",
        {},
        el("label", { for: box.id }, box, ` ${actionLabel(spec)}`),
        el("span", { class: "cost", title: t("orders.apLong") }, t("orders.ap", { n: spec.cost })),
      ),
      el("p", { class: "effect" }, actionEffect(spec)),
      now,
      list,
    );
    cards.set(spec.type, { box, list, fs });
    box.addEventListener("change", () => {
      model.set(spec.type, box.checked ? [fresh(spec)] : []);
      renderInstances(spec);
      update();
    });
    return fs;
  };

  const policies = specs.filter((s) => s.kind === "policy");
  const moves = specs.filter((s) => s.kind === "move");
  form.append(advisor);
  for (const [title, group] of [
    [t("orders.policies"), policies],
    [t("orders.moves"), moves],
  ] as const) {
    if (group.length === 0) continue;
    form.append(el("h3", { class: "group-title" }, title), ...group.map(actionCard));
  }
  if (specs.length === 0) form.append(el("p", { class: "muted" }, t("orders.none")));
  const list = el("div", { class: "orders-list" });
  list.append(...form.childNodes);
  form.append(list, bar.element);

  const offered = (type: string) => !NEEDS_CONTROL.has(type) || session.room.hasControl;
  const build = (): { actions: Action[] } => {
    const actions: Action[] = [];
    for (const spec of specs) {
      if (!offered(spec.type)) continue;
      for (const inst of model.get(spec.type) ?? []) {
        const a: Record<string, unknown> = { type: spec.type };
        for (const p of spec.params) {
          const v = inst.params[p];
          // An unticked sustain is the default: leave it out rather than send false.
          if (p === "sustain" && v === false) continue;
          a[p] = v;
        }
        const why = inst.rationale.trim();
        if (why) a.rationale = why;
        actions.push(a as Action);
      }
    }
    return { actions };
  };

  /** Fills the form from a list of actions (own submitted orders, or the advisor's plan). */
  const load = (actions: readonly Action[]) => {
    model.clear();
    for (const a of actions) {
      const spec = CATALOGUE[a.type];
      if (!spec || !cards.has(a.type)) continue;
      const inst = fresh(spec);
      for (const p of spec.params) {
        const v = (a as Record<string, unknown>)[p];
        if (v !== undefined) inst.params[p] = v as Val;
      }
      inst.rationale = a.rationale ?? "";
      model.set(a.type, [...(model.get(a.type) ?? []), inst]);
    }
    for (const spec of specs) renderInstances(spec);
    update();
  };

  let adviceKey = "";
  const showAdvice = (view: PlayerView) => {
    const key = `${view.round}:${view.phase}:${session.room.hasControl}`;
    if (key === adviceKey) return;
    adviceKey = key;
    renderAdvisor(
      advisor,
      view,
      advice(view, power, (a) => cards.has(a.type) && offered(a.type)),
      (a) => {
        const spec = CATALOGUE[a.type];
        if (!spec) return;
        const inst = fresh(spec);
        for (const p of spec.params) {
          const v = (a as Record<string, unknown>)[p];
          if (v !== undefined) inst.params[p] = v as Val;
        }
        // A suggestion replaces a single-use action's settings; a repeatable one is added.
        model.set(a.type, spec.repeatable ? [...(model.get(a.type) ?? []), inst] : [inst]);
        renderInstances(spec);
        update();
        cards.get(a.type)?.fs.scrollIntoView({ block: "nearest" });
      },
      load,
    );
  };

  let busy = false;
  let round = -1;
  let shownPhase = "";
  const update = () => {
    const view = session.view;
    // A new phase: last phase's "Marked ready." no longer says anything true.
    if (session.room.phase !== shownPhase) {
      if (shownPhase) {
        status.textContent = "";
        status.className = "";
      }
      shownPhase = session.room.phase;
    }
    if (view && view.round !== round) {
      // A new round: the form starts from this round's own orders (if any) and current policies.
      round = view.round;
      load(view.orders[power]?.actions ?? []);
      status.textContent = "";
      status.className = "";
      return;
    }
    // Control can switch the advisor off for the table (room state `advisor`).
    advisor.hidden = !session.room.advisor;
    if (view && session.room.advisor) showAdvice(view);
    for (const [type, card] of cards) {
      const on = offered(type);
      card.fs.hidden = !on;
      if (!on && (model.get(type)?.length ?? 0) > 0) model.set(type, []);
    }
    if (view) {
      for (const spec of specs) {
        const now = form.querySelector<HTMLElement>(`[data-now='${spec.type}']`);
        if (now) now.textContent = currentSetting(spec.type, power, view) ?? "";
      }
    }
    const phase = session.room.phase;
    const points = view?.budget?.actionPoints ?? view?.powers[power].actionPoints ?? 0;
    const own = view?.enforcement[power];
    const orders = build();
    const cost = ordersCost(orders, own);
    const upkeep = cost - ordersCost(orders);
    const inOrders = phase === "orders";
    const connected = session.connection === "connected";
    const blocked = !view
      ? t("orders.blockedLoading")
      : !connected
        ? t("orders.blockedOffline")
        : phase === "ended"
          ? t("orders.over_game")
          : !session.room.started
            ? t("orders.waiting")
            : !inOrders
              ? t("orders.plan")
              : cost > points
                ? t("orders.blockedOver", { n: cost - points })
                : null;
    submit.disabled = busy || blocked !== null;
    const sent = view?.orders[power];
    const wasSent = !!view?.submitted.includes(power) && !!sent;
    const breaches = view
      ? ordersBreach(
          view.agreements,
          power,
          orders.actions,
          { enforcement: view.enforcement[power], policies: view.policies[power] },
          entityCountry,
        ).map((b) => t("orders.breach", { id: b.agreement, term: termText(b.term) }))
      : [];
    bar.render({
      cost,
      points,
      upkeep,
      submitted: !wasSent
        ? "none"
        : canonical(sent.actions) === canonical(orders.actions)
          ? "same"
          : "changed",
      submittedCount: sent?.actions.length ?? 0,
      blocked,
      breaches,
    });
    const me = session.room.seats.find((s) => s.power === power);
    const isReady = !!me?.ready;
    ready.setAttribute("aria-pressed", String(isReady));
    ready.textContent = isReady ? t("orders.readyOn") : t("orders.ready");
    ready.title = !session.room.started
      ? t("orders.readyStartHint")
      : isReady
        ? t("orders.readyUndoHint")
        : t("orders.readyHint");
    ready.disabled = busy || phase === "ended";
  };

  const report = (r: Reply, okText: string) => {
    if (r.ok) {
      status.textContent = okText;
      status.className = "ok";
      show.error(null);
    } else {
      status.textContent = t("orders.refused", { message: refusal(r.error) });
      status.className = "bad";
      show.error(refusal(r.error));
    }
  };

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const orders = build();
    const parsed = OrdersSchema.safeParse(orders);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      report(
        {
          ok: false,
          error: {
            code: "bad_shape",
            message: `${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
          },
        },
        "",
      );
      return;
    }
    busy = true;
    update();
    status.textContent = t("orders.sending");
    status.className = "";
    const r = await session.submitOrders(parsed.data);
    busy = false;
    const n = orders.actions.length;
    report(
      r,
      n === 0
        ? t("orders.sentNone")
        : t("orders.sent", { n, cost: ordersCost(orders, session.view?.enforcement[power]) }),
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
    report(r, next ? t("orders.markedReady") : t("orders.unready"));
    update();
  });

  update();
  return { element: form, update };
}
