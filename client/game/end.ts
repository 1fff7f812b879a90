/**
 * The end screen: why the game ended, each power's score against its par, its objectives met, and
 * every power's secret agenda revealed (the engine's score cards, published with the ending).
 */
import type { PowerId } from "../../shared/powers.js";
import type { PlayerView } from "../../shared/view.js";
import { t } from "../i18n/index.js";
import { seatToken } from "../seatMemory.js";
import { el, POWER_HUES, powerName, powerRowHeader } from "../ui.js";
import { gradeIcon } from "./icons.js";
import { byResult, gradeText, objectiveText } from "./words.js";

export function endScreen(view: PlayerView, me: PowerId | null, close: () => void): HTMLElement {
  const ending = view.ending!;
  const scores = ending.scores;
  const ranked = byResult(scores);
  const closeBtn = el("button", { type: "button", class: "primary", id: "end-close" }, t("end.close"));
  closeBtn.addEventListener("click", close);
  // The debrief page (client/debrief): this seat's key, so it shows the revealed game and one's own record.
  const key = seatToken(view.gameId) ?? "";
  const debrief = el(
    "a",
    {
      href: `debrief.html?code=${view.gameId}${key ? `#key=${encodeURIComponent(key)}` : ""}`,
      target: "_blank",
      id: "end-debrief",
    },
    t("end.debrief"),
  );
  const dialog = el(
    "div",
    {
      class: "end-screen",
      id: "end-screen",
      "data-testid": "end-screen",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": "end-title",
    },
    el(
      "div",
      { class: "end-card" },
      el("h2", { id: "end-title", tabindex: -1 }, t("end.title")),
      el(
        "p",
        { class: "end-reason" },
        t(`end.reason.${ending.reason === "war" && !ending.pusher ? "war_plain" : ending.reason}`, {
          round: ending.round,
          pusher: ending.pusher ? powerName(ending.pusher) : "",
        }),
      ),
      ending.winner
        ? el(
            "p",
            { class: "winner", id: "winner" },
            t(ending.winner === me ? "end.youWin" : "end.winner", { power: powerName(ending.winner) }),
          )
        : null,
      el(
        "table",
        { class: "scores", id: "scores" },
        el("caption", {}, t("end.scoresCaption")),
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            ...["end.power", "end.score", "end.par", "end.normalised", "end.grade"].map((k) =>
              el("th", { scope: "col" }, t(k)),
            ),
          ),
        ),
        el(
          "tbody",
          {},
          ...ranked.map((p) => {
            const s = scores?.[p];
            return el(
              "tr",
              { class: p === me ? "me" : "", "data-power": p },
              powerRowHeader(p),
              el("td", { class: "num" }, String(s?.score ?? "—")),
              el("td", { class: "num" }, String(s?.par ?? "—")),
              el("td", { class: "num" }, s ? `${s.normalised}%` : "—"),
              el("td", {}, ...(s ? [gradeIcon(s.grade), ` ${gradeText(s.grade)}`] : ["—"])),
            );
          }),
        ),
      ),
      el(
        "div",
        { class: "end-objectives" },
        ...ranked.map((p) => {
          const s = scores?.[p];
          if (!s) return null;
          return el(
            "section",
            { class: "end-power", style: `--hue: ${POWER_HUES[p]}`, "data-power": p },
            el("h3", {}, powerName(p)),
            el(
              "ul",
              {},
              ...s.objectives.map((o) =>
                el(
                  "li",
                  { class: `grade-${o.grade} ${o.secret ? "secret" : ""}` },
                  el("span", { class: "mark", "aria-hidden": "true" }, gradeIcon(o.grade)),
                  o.secret ? el("strong", { class: "agenda" }, `${t("end.secretAgenda")}: `) : null,
                  objectiveText(o),
                  el("span", { class: "sr-only" }, ` (${gradeText(o.grade)})`),
                  el("span", { class: "pts mono" }, ` +${o.points}`),
                ),
              ),
            ),
          );
        }),
      ),
      el("p", {}, debrief),
      closeBtn,
    ),
  );
  dialog.addEventListener("keydown", (e) => {
    if (e.key === "Escape") close();
  });
  queueMicrotask(() => dialog.querySelector<HTMLElement>("#end-title")?.focus());
  return dialog;
}
