/**
 * The Control console's matrix queue: every free-form action the moment its orders come in, with
 * the argument and the rationale; Control adjudicates it (the form on the Adjudicate tab) or defers
 * it with a reason, during the orders phase, and the verdict applies in that round's resolution.
 */
import type { PlayerView } from "../../shared/view.js";
import { t } from "../i18n/index.js";
import { el, powerName } from "../ui.js";

export interface MatrixActions {
  adjudicate(id: string): void;
  defer(id: string, reason: string): Promise<boolean>;
}

export function renderMatrix(host: HTMLElement, v: PlayerView, act: MatrixActions): void {
  if (!v.matrix.length)
    return void host.replaceChildren(el("p", { class: "muted" }, t("control.noMatrixItems")));
  host.replaceChildren(
    ...[...v.matrix].reverse().map((m) => {
      const open = m.status === "pending" || m.status === "deferred";
      const verdict = m.verdict
        ? el(
            "p",
            { class: "small", "data-verdict": m.id },
            t(`control.verdict.${m.verdict.success ? "success" : "failure"}`, {
              title: m.verdict.title,
              roll: m.verdict.roll,
              chance: m.verdict.chance,
            }),
            m.status === "judged" ? ` ${t("control.verdictPending")}` : "",
          )
        : null;
      let actions: HTMLElement | null = null;
      if (open && v.phase !== "ended") {
        const judge = el(
          "button",
          { type: "button", class: "small primary", "data-adjudicate": m.id },
          t("control.adjudicate"),
        );
        judge.addEventListener("click", () => act.adjudicate(m.id));
        const reason = el("input", {
          maxlength: 300,
          class: "small",
          "data-defer-reason": m.id,
          "aria-label": t("control.deferReason"),
          placeholder: t("control.deferReason"),
        });
        const defer = el(
          "button",
          { type: "button", class: "small", "data-defer": m.id },
          t("control.defer"),
        );
        defer.addEventListener("click", async () => {
          defer.disabled = true;
          if (!(await act.defer(m.id, reason.value.trim()))) defer.disabled = false;
        });
        actions = el("div", { class: "actions" }, judge, ...(m.status === "pending" ? [reason, defer] : []));
      }
      return el(
        "div",
        { class: `matrix-item status-${m.status}`, "data-matrix": m.id, "data-status": m.status },
        el("span", { class: "tag" }, t(`control.matrixStatus.${m.status}`)),
        el("strong", {}, `${powerName(m.power)} · ${t("control.roundShort", { round: m.round })}`),
        el("p", { class: "argument" }, m.text),
        m.rationale ? el("div", { class: "why" }, `${t("control.rationale")}: “${m.rationale}”`) : null,
        m.deferReason
          ? el("p", { class: "small muted" }, t("control.deferredBecause", { reason: m.deferReason }))
          : null,
        verdict,
        actions,
      );
    }),
  );
}
