/**
 * The map's legend: commodity colours, flow widths with real figures, official and illicit lines,
 * a cut flow and the range rings (UI.md: colour is never the only signal). Shared by the game screen
 * (folded on small screens) and the projector (always open, on the dark map).
 */
import { COMMODITY_GROUPS, flowWidth } from "../data/commodities.js";
import { t } from "../i18n/index.js";
import { el, money } from "../ui.js";

export function legend(opts: { open?: boolean; id?: string } = {}): HTMLElement {
  const line = (colour: string, outline: string | undefined, width: number, dash = "") =>
    `<svg width="28" height="12" aria-hidden="true"><line x1="1" y1="6" x2="27" y2="6" stroke="${outline ?? "#f7f5ef"}" stroke-width="${width + 2}" ${dash}/><line x1="1" y1="6" x2="27" y2="6" stroke="${colour}" stroke-width="${width}" ${dash}/></svg>`;
  const item = (svg: string, text: string) => `<li>${svg}<span>${text}</span></li>`;
  const box = el("div", { class: "legend", id: opts.id ?? "legend" });
  const groups = COMMODITY_GROUPS.map((g) =>
    item(line(g.colour, g.outline, 4, g.dotted ? 'stroke-dasharray="2 3"' : ""), t(`legend.${g.key}`)),
  ).join("");
  const widths = [25, 200, 800].map((v) => item(line("#4D4D4D", undefined, flowWidth(v)), money(v))).join("");
  const kinds = [
    item(line("#4D4D4D", undefined, 3), t("legend.official")),
    item(line("#4D4D4D", undefined, 3, 'stroke-dasharray="5 3"'), t("legend.illicit")),
    item(
      '<svg width="28" height="12" aria-hidden="true"><line x1="1" y1="6" x2="27" y2="6" stroke="#4D4D4D" stroke-width="4"/><line x1="14" y1="0" x2="14" y2="12" stroke="#1a1a1a" stroke-width="3"/></svg>',
      t("legend.cut"),
    ),
    item(line("#9c4a00", "transparent", 2, 'stroke-dasharray="6 3"'), t("legend.range")),
  ].join("");
  // Open where there is room; on a tablet or phone it starts folded (one tap to open).
  box.innerHTML = `<details${(opts.open ?? innerWidth > 1100) ? " open" : ""}><summary>${t("legend.title")}</summary>
    <ul class="two">${groups}</ul>
    <p class="legend-sub">${t("legend.perQuarter")}</p><ul class="three">${widths}</ul>
    <ul class="two">${kinds}</ul></details>`;
  return box;
}
