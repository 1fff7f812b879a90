/**
 * The News panel: the round's briefing (what happened at the last resolution and so far this
 * round), why the indices moved (the engine's explanations, as far as the seat may know), private
 * intelligence, the published statistics (official trade, one round late), and the sanctions in force.
 */
import { POWERS, type PowerId } from "../../shared/powers.js";
import { quarterOf } from "../../shared/scenario.js";
import type { GameEvent } from "../../shared/state.js";
import type { PlayerView } from "../../shared/view.js";
import { t } from "../i18n/index.js";
import { delta, el, money, powerName } from "../ui.js";
import {
  entityName,
  eventText,
  groupName,
  indexName,
  nodeName,
  placeName,
  reasonText,
  regionName,
  resolutionName,
} from "./words.js";

function quarterText(round: number): string {
  const q = quarterOf(round);
  return t("fmt.quarter", { q: q.quarter, year: q.year });
}

function eventList(events: readonly GameEvent[]): HTMLElement {
  return el(
    "ul",
    { class: "news" },
    ...events.map((e) =>
      el(
        "li",
        { "data-kind": e.kind, class: e.visibleTo === "all" ? "" : "private" },
        e.visibleTo === "all" ? null : el("span", { class: "tag private" }, t("news.private")),
        eventText(e),
      ),
    ),
  );
}

export function renderNews(host: HTMLElement, view: PlayerView, me: PowerId | null): void {
  const ended = view.phase === "ended";
  const last = ended ? view.round : view.round - 1;
  const resolved = view.events.filter((e) => e.round <= last);
  const now = view.events.filter((e) => e.round > last);
  const parts: HTMLElement[] = [];

  parts.push(
    el(
      "section",
      { class: "news-block", id: "briefing", "aria-labelledby": "briefing-title" },
      el(
        "h3",
        { id: "briefing-title" },
        t("news.briefing", { round: view.round, quarter: quarterText(view.round) }),
      ),
      last >= 1
        ? el("p", { class: "muted small" }, t("news.resolvedOf", { round: last, quarter: quarterText(last) }))
        : el("p", { class: "muted small" }, t("news.firstRound", { quarter: quarterText(view.round) })),
      resolved.length ? eventList(resolved) : el("p", { class: "muted" }, t("news.nothing")),
      now.length ? el("h4", {}, t("news.thisRound")) : null,
      now.length ? eventList(now) : null,
    ),
  );

  if (view.explanations.length) {
    parts.push(
      el(
        "section",
        { class: "news-block", id: "explanations", "aria-labelledby": "why-title" },
        el("h3", { id: "why-title" }, t("news.why")),
        el(
          "ul",
          { class: "why" },
          ...view.explanations.map((x) =>
            el(
              "li",
              {},
              el("strong", {}, indexName(x.index)),
              ` ${x.from} → ${x.to} (${delta(x.to - x.from)})`,
              x.parts.length
                ? el(
                    "ul",
                    {},
                    ...x.parts.map((p) =>
                      el("li", {}, reasonText(p, x), p.delta !== undefined ? ` (${delta(p.delta)})` : ""),
                    ),
                  )
                : null,
            ),
          ),
        ),
      ),
    );
  }

  if (view.intelligence || view.illicitNodes.length) {
    const intel = view.intelligence;
    parts.push(
      el(
        "section",
        { class: "news-block private-block", id: "intel", "aria-labelledby": "intel-title" },
        el(
          "h3",
          { id: "intel-title" },
          t("news.intel"),
          " ",
          el("span", { class: "tag private" }, t("news.private")),
        ),
        intel ? el("p", {}, t("news.intelLevel", { level: intel.level })) : null,
        intel
          ? el(
              "table",
              { class: "mini" },
              el("caption", {}, t("news.impliedCaption")),
              el(
                "tbody",
                {},
                ...POWERS.filter((p) => intel.implied[p]).map((p) => {
                  const [lo, hi] = intel.implied[p]!;
                  return el(
                    "tr",
                    {},
                    el("th", { scope: "row" }, powerName(p)),
                    el("td", { class: "num" }, t("news.announced", { n: view.enforcement[p].announced })),
                    el("td", { class: "num" }, t("news.implied", { lo, hi })),
                  );
                }),
              ),
            )
          : null,
        el("h4", {}, t("news.nodes")),
        view.illicitNodes.length
          ? el(
              "ul",
              {},
              ...view.illicitNodes.map((n) =>
                el(
                  "li",
                  {},
                  t("news.node", {
                    name: nodeName(n.name),
                    region: regionName(n.region),
                    capacity: money(n.capacity),
                  }),
                ),
              ),
            )
          : el("p", { class: "muted" }, t("news.noNodes")),
        me === "KP" && view.nk
          ? el(
              "p",
              {},
              t("news.nkStocks", {
                currency: money(view.nk.currency),
                fuel: view.nk.fuel,
                food: view.nk.food,
                progress: view.nk.progress,
              }),
            )
          : null,
        view.discontent !== undefined ? el("p", {}, t("news.discontent", { n: view.discontent })) : null,
      ),
    );
  }

  const pub = view.published[view.published.length - 1];
  if (pub) {
    const prev = view.published[view.published.length - 2];
    const byId = new Map(view.flows.map((f) => [f.id, f]));
    parts.push(
      el(
        "section",
        { class: "news-block", id: "published", "aria-labelledby": "pub-title" },
        el("h3", { id: "pub-title" }, t("news.published", { round: pub.round })),
        el(
          "table",
          { class: "mini" },
          el("caption", {}, t("news.publishedCaption")),
          el(
            "tbody",
            {},
            ...Object.entries(pub.officialTrade).map(([id, v]) => {
              const f = byId.get(id);
              const before = prev?.officialTrade[id];
              return el(
                "tr",
                {},
                el(
                  "th",
                  { scope: "row" },
                  f ? `${placeName(f.from)} → ${placeName(f.to)} · ${t(`commodity.${f.commodity}`)}` : id,
                ),
                el("td", { class: "num" }, money(v)),
                el("td", { class: "num" }, before === undefined ? "" : delta(v - before)),
              );
            }),
          ),
        ),
      ),
    );
  }

  const { resolutions, designations } = view.sanctions;
  parts.push(
    el(
      "section",
      { class: "news-block", id: "sanctions", "aria-labelledby": "sanctions-title" },
      el("h3", { id: "sanctions-title" }, t("news.sanctions")),
      el(
        "ul",
        {},
        ...resolutions.map((r) =>
          el(
            "li",
            {},
            t("news.resolution", {
              name: resolutionName(r),
              groups: r.groups.map(groupName).join(", "),
              strength: r.strength,
            }),
          ),
        ),
        ...designations.map((d) =>
          el("li", {}, t("news.designation", { name: entityName(d.entity, d.name), round: d.round })),
        ),
      ),
    ),
  );
  host.replaceChildren(...parts);
}
