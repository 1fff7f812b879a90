/**
 * Game words in the player's language: action labels and effects (the catalogue's English, or a
 * translation by action type), terms of agreements, objectives, events. The catalogue and the
 * engine stay the source of the facts; this only chooses the words.
 */
import type { ActionSpec } from "../../shared/engine/catalogue.js";
import type { Action } from "../../shared/orders.js";
import type { PowerId } from "../../shared/powers.js";
import type { GameEvent, Term } from "../../shared/state.js";
import type { ObjectiveView } from "../../shared/view.js";
import { t, tNumbered, tOr } from "../i18n/index.js";
import { powerName } from "../ui.js";

export function actionLabel(spec: ActionSpec): string {
  return tOr(`action.${spec.type}.label`, spec.label);
}

export function actionEffect(spec: ActionSpec): string {
  return tNumbered(`action.${spec.type}.effect`, spec.effect);
}

export function groupName(g: string): string {
  return tOr(`group.${g}`, g.replace(/_/g, " "));
}

export function regionName(r: string): string {
  return tOr(`region.${r}`, r.replace(/_/g, " "));
}

export function placeName(name: string): string {
  return tOr(`place.${name}`, name);
}

export function termText(term: Term): string {
  const vars = {
    party: powerName(term.party),
    level: term.level ?? 0,
    group: term.group ? groupName(term.group) : "",
  };
  return t(`term.${term.kind}`, vars);
}

export function objectiveText(o: { id: string; text: string }): string {
  return tNumbered(`objective.${o.id}`, o.text);
}

export function gradeText(g: ObjectiveView["status"]): string {
  return t(`grade.${g}`);
}

/** "✓ met", "◐ partly met", "✕ not met", "? unknown": a symbol as well as a colour. */
export function gradeMark(g: ObjectiveView["status"]): string {
  return g === "success" ? "✓" : g === "partial" ? "◐" : g === "unknown" ? "?" : "✕";
}

/**
 * An event's text: a Korean template by kind where one exists (filled from the event's data),
 * otherwise the engine's English text.
 */
export function eventText(e: GameEvent): string {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e.data))
    vars[k] = typeof v === "string" && isPowerId(v) ? powerName(v) : v;
  return tOr(`event.${e.kind}`, e.text, vars);
}

function isPowerId(s: string): s is PowerId {
  return s === "US" || s === "CN" || s === "RU" || s === "KP" || s === "KR";
}

/** A short summary of one order, for the advisor and the record. */
export function orderSummary(a: Action, spec: ActionSpec | undefined): string {
  const label = spec ? actionLabel(spec) : a.type;
  const bits: string[] = [];
  const r = a as Record<string, unknown>;
  if (typeof r.announced === "number") bits.push(t("orders.announcedShort", { n: r.announced }));
  if (typeof r.target === "number") bits.push(t("orders.targetShort", { n: r.target }));
  if (typeof r.target === "string") bits.push(powerName(r.target as PowerId));
  if (typeof r.level === "number") bits.push(t("orders.levelShort", { n: r.level }));
  if (typeof r.commodityGroup === "string") bits.push(groupName(r.commodityGroup));
  if (typeof r.region === "string") bits.push(regionName(r.region));
  if (typeof r.on === "boolean") bits.push(r.on ? t("orders.on") : t("orders.off"));
  if (typeof r.entity === "string") bits.push(r.entity);
  if (typeof r.node === "string") bits.push(r.node);
  return bits.length ? `${label} (${bits.join(", ")})` : label;
}
