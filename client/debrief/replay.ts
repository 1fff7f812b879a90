/**
 * The replay (DESIGN §10): steps through a game round by round on the game screen's map (its own
 * module, read-only: each frame is the reader's view after that round's resolution — flows, rings,
 * tensions as they were), with that round's news and, once the game is over (or for Control), every
 * power's orders and rationales.
 */
import { POWERS } from "../../shared/powers.js";
import type { PlayerView } from "../../shared/view.js";
import type { MapController } from "../game/map.js";
import { eventText } from "../game/words.js";
import { t } from "../i18n/index.js";
import { el, kids, powerName } from "../ui.js";
import type { DebriefRecord } from "./record.js";
import { orderWords } from "./report.js";

export function replayCard(rec: DebriefRecord): { element: HTMLElement; destroy(): void } {
  // Frame 0: the table at the start; frame i: after round i's resolution.
  const frames: { round: number; view: PlayerView }[] = [
    { round: 0, view: rec.start },
    ...rec.replay.map((r) => ({ round: r.round, view: r.view })),
  ];
  let at = frames.length - 1;
  const mapHost = el("div", { class: "replay-map", id: "replay-map" });
  const label = el("p", { class: "replay-label", id: "replay-round", "aria-live": "polite" });
  const slider = el("input", {
    type: "range",
    min: 0,
    max: frames.length - 1,
    value: at,
    id: "replay-slider",
    "aria-label": t("replay.slider"),
  });
  const prev = el("button", { type: "button", id: "replay-prev" }, `◀ ${t("replay.prev")}`);
  const next = el("button", { type: "button", id: "replay-next" }, `${t("replay.next")} ▶`);
  const numbers = el("p", { class: "small muted", id: "replay-numbers" });
  const news = el("div", { id: "replay-news" });
  const orders = el("div", { id: "replay-orders" });
  const card = el(
    "section",
    { class: "sr-card", id: "d-replay", "aria-labelledby": "d-replay-h", "data-frame": at },
    el("h2", { id: "d-replay-h" }, t("replay.title")),
    el("p", { class: "muted small" }, t("replay.note")),
    el("div", { class: "replay-controls" }, prev, slider, next, label),
    el(
      "div",
      { class: "replay-body" },
      mapHost,
      el(
        "div",
        { class: "replay-side", tabindex: 0, role: "region", "aria-label": t("replay.title") },
        numbers,
        news,
        orders,
      ),
    ),
  );
  let map: MapController | null = null;
  let destroyed = false;
  const show = () => {
    const f = frames[at]!;
    card.dataset.frame = String(at);
    card.dataset.round = String(f.round);
    slider.value = String(at);
    prev.disabled = at === 0;
    next.disabled = at === frames.length - 1;
    label.textContent =
      f.round === 0 ? t("replay.start") : t("replay.after", { round: f.round, of: frames.length - 1 });
    const v = f.view;
    numbers.textContent = t("replay.numbers", {
      crisis: v.crisis,
      stage: v.programme.stage,
      tension: v.tension,
    });
    // The round's news: mid-round events (injects, proposals) as well as the resolution's.
    const events =
      f.round === 0
        ? []
        : (rec.rounds.find((x) => x.round === f.round)?.events ?? []).filter((e) => e.round === f.round);
    news.replaceChildren(
      el("h3", {}, t("report.news")),
      events.length
        ? el(
            "ul",
            { class: "order-list" },
            ...events.map((e) => el("li", { "data-kind": e.kind }, eventText(e))),
          )
        : el("p", { class: "muted" }, f.round === 0 ? t("replay.startNews") : t("news.nothing")),
    );
    const round = rec.replay.find((r) => r.round === f.round);
    const by = POWERS.filter((p) => round?.orders[p]);
    orders.replaceChildren(
      ...kids(
        ...(f.round === 0
          ? []
          : [
              el("h3", {}, t("report.orders")),
              by.length
                ? el(
                    "div",
                    {},
                    ...by.map((p) =>
                      el(
                        "div",
                        { "data-orders": p },
                        el("strong", {}, powerName(p)),
                        el(
                          "ul",
                          { class: "order-list" },
                          ...(round!.orders[p]!.actions.length
                            ? round!.orders[p]!.actions.map((a) =>
                                el(
                                  "li",
                                  {},
                                  orderWords(a, v),
                                  a.rationale ? el("div", { class: "why" }, `“${a.rationale}”`) : null,
                                ),
                              )
                            : [el("li", { class: "muted" }, t("control.standing"))]),
                        ),
                      ),
                    ),
                  )
                : el("p", { class: "muted" }, t("report.noOrders")),
              rec.reader !== "CONTROL" && rec.final.phase !== "ended"
                ? el("p", { class: "small muted" }, t("replay.ordersHidden"))
                : null,
            ]),
      ),
    );
    map?.setView(v);
  };
  const go = (i: number) => {
    at = Math.max(0, Math.min(frames.length - 1, i));
    show();
  };
  prev.addEventListener("click", () => go(at - 1));
  next.addEventListener("click", () => go(at + 1));
  slider.addEventListener("input", () => go(Number(slider.value)));
  show();
  // The map (Phaser) loads on its own chunk once the card is on the page.
  void import("../game/map.js").then((m) => {
    if (destroyed) return;
    map = m.mountMap(mapHost, {
      onFlowFocus: () => {},
      onRings: () => {},
      onReady: () => {
        mapHost.dataset.ready = "1";
      },
      onError: (message) => {
        mapHost.replaceChildren(el("p", { class: "muted" }, message));
      },
    });
    map.setView(frames[at]!.view);
  });
  return {
    element: card,
    destroy() {
      destroyed = true;
      map?.destroy();
    },
  };
}
