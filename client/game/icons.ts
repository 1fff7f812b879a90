/**
 * Small inline SVG icons (no emoji font needed: a machine without one drew the mute sign as □).
 * Each is decorative (aria-hidden): the words beside it carry the meaning.
 */
const NS = "http://www.w3.org/2000/svg";

const PATHS = {
  /** A speaker with a slash: chat paused. */
  muted: "M3 9h4l5-4v14l-5-4H3z M16 9l6 6 M22 9l-6 6",
  /** A cross: close, remove, not met. */
  close: "M6 6l12 12 M18 6L6 18",
  /** A tick: done, met, ready. */
  check: "M4 12.5l5 5L20 6.5",
  /** A half-filled circle: partly met. */
  half: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M12 3v18",
  /** A question mark: unknown. */
  unknown: "M9 9a3 3 0 1 1 4.5 2.6c-1 .6-1.5 1.2-1.5 2.4 M12 18v.5",
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName, size = 14): SVGSVGElement {
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", `icon icon-${name}`);
  const path = document.createElementNS(NS, "path");
  path.setAttribute("d", PATHS[name]);
  path.setAttribute("fill", "none");
  path.setAttribute("stroke", "currentColor");
  path.setAttribute("stroke-width", "2.2");
  path.setAttribute("stroke-linecap", "round");
  path.setAttribute("stroke-linejoin", "round");
  svg.append(path);
  if (name === "half") {
    // The left half filled.
    const fill = document.createElementNS(NS, "path");
    fill.setAttribute("d", "M12 3a9 9 0 1 0 0 18z");
    fill.setAttribute("fill", "currentColor");
    svg.append(fill);
  }
  return svg;
}

/** An objective's state as an icon ("success" → tick, "partial" → half, "unknown" → ?, else a cross). */
export function gradeIcon(g: string): SVGSVGElement {
  return icon(g === "success" ? "check" : g === "partial" ? "half" : g === "unknown" ? "unknown" : "close");
}
