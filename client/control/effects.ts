/**
 * Control's effects: an editor of the engine's `Effects` (rows of "what · who · change") for custom
 * injects and adjudications, and a plain summary of an inject's effects. The engine checks and
 * applies them (shared/engine/control.ts); this only builds the object.
 */
import { PAIRS, POWERS, type PowerId } from "../../shared/powers.js";
import type { Effects } from "../../shared/scenario/schema.js";
import { t } from "../i18n/index.js";
import { delta, el, powerName } from "../ui.js";

type Target =
  | "crisis"
  | "tension"
  | "readiness"
  | "economy"
  | "stability"
  | "standing"
  | "relations"
  | "nk_currency"
  | "nk_fuel"
  | "nk_food"
  | "nk_stability";
const TARGETS: readonly Target[] = [
  "crisis",
  "tension",
  "readiness",
  "economy",
  "stability",
  "standing",
  "relations",
  "nk_currency",
  "nk_fuel",
  "nk_food",
  "nk_stability",
];
const PER_POWER = new Set<Target>(["economy", "stability", "standing"]);
const BIG = new Set<Target>(["nk_currency", "nk_fuel"]);

function targetName(x: Target): string {
  return x === "relations" ? t("index.relation") : t(`index.${x}`);
}

export interface EffectsEditor {
  element: HTMLElement;
  /** The effects, or an error message. */
  read(): { ok: true; effects: Effects; count: number } | { ok: false; message: string };
  clear(): void;
}

let seq = 0;

export function effectsEditor(label: string, idPrefix: string): EffectsEditor {
  const list = el("ul", { class: "effect-rows", id: `${idPrefix}-rows` });
  const add = el("button", { type: "button", class: "small", id: `${idPrefix}-add` }, t("control.addEffect"));
  const addRow = () => {
    const n = seq++;
    const what = el("select", { "aria-label": t("control.effectWhat"), "data-effect": "what" });
    for (const x of TARGETS) what.append(new Option(targetName(x), x));
    const who = el("select", { "aria-label": t("control.effectWho"), "data-effect": "who" });
    const amount = el("input", {
      type: "number",
      value: 0,
      step: 1,
      "aria-label": t("control.effectDelta"),
      "data-effect": "delta",
    });
    const remove = el(
      "button",
      { type: "button", class: "small ghost", "aria-label": t("control.removeEffect") },
      "✕",
    );
    const fillWho = () => {
      const x = what.value as Target;
      who.replaceChildren();
      if (PER_POWER.has(x)) for (const p of POWERS) who.append(new Option(powerName(p), p));
      else if (x === "relations") for (const k of PAIRS) who.append(new Option(k, k));
      else who.append(new Option("—", ""));
      who.disabled = !PER_POWER.has(x) && x !== "relations";
      const lim = BIG.has(x) ? 2000 : 100;
      amount.min = String(-lim);
      amount.max = String(lim);
    };
    what.addEventListener("change", fillWho);
    fillWho();
    const li = el("li", { "data-row": n }, what, who, amount, remove);
    remove.addEventListener("click", () => {
      li.remove();
      add.focus();
    });
    list.append(li);
    what.focus();
  };
  add.addEventListener("click", addRow);
  const element = el(
    "fieldset",
    { class: "effects-editor" },
    el("legend", {}, label),
    list,
    add,
    el("span", { class: "hint" }, ` ${t("control.effectsHint")}`),
  );
  return {
    element,
    clear: () => list.replaceChildren(),
    read() {
      const e: Effects = {};
      let count = 0;
      for (const li of list.querySelectorAll("li")) {
        const what = li.querySelector<HTMLSelectElement>("[data-effect='what']")!.value as Target;
        const who = li.querySelector<HTMLSelectElement>("[data-effect='who']")!.value;
        const raw = li.querySelector<HTMLInputElement>("[data-effect='delta']")!.value;
        const d = Math.round(Number(raw));
        const lim = BIG.has(what) ? 2000 : 100;
        if (!Number.isFinite(d) || Math.abs(d) > lim)
          return { ok: false, message: t("control.badDelta", { what: targetName(what), lim }) };
        if (d === 0) continue;
        count++;
        if (what === "crisis" || what === "tension" || what === "readiness") e[what] = (e[what] ?? 0) + d;
        else if (PER_POWER.has(what)) {
          const k = what as "economy" | "stability" | "standing";
          const m = e[k] ?? {};
          e[k] = m;
          m[who as PowerId] = (m[who as PowerId] ?? 0) + d;
        } else if (what === "relations") {
          const m = e.relations ?? {};
          e.relations = m;
          m[who] = (m[who] ?? 0) + d;
        } else {
          const key = what.slice(3) as "currency" | "fuel" | "food" | "stability";
          const m = e.nk ?? {};
          e.nk = m;
          m[key] = (m[key] ?? 0) + d;
        }
      }
      return { ok: true, effects: e, count };
    },
  };
}

/** "Crisis ▲ 8 · Stability: United States ▼ 2, South Korea ▼ 1" */
export function effectsText(e: Effects): string {
  const parts: string[] = [];
  for (const k of ["crisis", "tension", "readiness"] as const)
    if (e[k]) parts.push(`${targetName(k)} ${delta(e[k])}`);
  for (const k of ["economy", "stability", "standing"] as const) {
    const m = e[k];
    if (!m) continue;
    const bits = POWERS.filter((p) => m[p]).map((p) => `${powerName(p)} ${delta(m[p]!)}`);
    if (bits.length) parts.push(`${targetName(k)}: ${bits.join(", ")}`);
  }
  if (e.relations) {
    const bits = Object.entries(e.relations)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k} ${delta(v ?? 0)}`);
    if (bits.length) parts.push(`${t("index.relation")}: ${bits.join(", ")}`);
  }
  if (e.nk)
    for (const k of ["currency", "fuel", "food", "stability"] as const)
      if (e.nk[k]) parts.push(`${t(`index.nk_${k}`)} ${delta(e.nk[k])}`);
  return parts.join(" · ") || t("control.noEffects");
}
