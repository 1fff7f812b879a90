/**
 * Geography: the projection fitted to the map's frame, the country shapes from Natural Earth
 * (world-atlas 50m), and the static layers drawn once per size onto 2D canvases (land, borders,
 * sea and country names; cities and their labels). Phaser shows those canvases as textures.
 */

import atlasUrl from "virtual:region-atlas";
import {
  type GeoProjection,
  geoCircle,
  geoConicConformal,
  geoDistance,
  geoGraticule,
  geoInterpolate,
  geoPath,
} from "d3-geo";
import type { Feature, FeatureCollection, Geometry, MultiLineString } from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { PowerId } from "../../shared/powers.js";
import { CITIES, type City, COUNTRY_POWER, FAR_PLACES, MAP_FRAME, SEAS } from "../data/places.js";
import { tOr } from "../i18n/index.js";
import { POWER_HUES } from "../ui.js";
import { placeName } from "./words.js";

export const EARTH_RADIUS_KM = 6371;

export interface Palette {
  sea: string;
  land: string;
  coast: string;
  border: string;
  graticule: string;
  seaText: string;
  countryText: string;
  cityText: string;
  halo: string;
  marker: string;
  /** Label sizes are multiplied by this (the projector reads from across a room). */
  labelScale: number;
}

/** The game screen's map (UI.md: land muted, sea pale). */
export const LIGHT_PALETTE: Palette = {
  sea: "#D6E6F0",
  land: "#E8E4D8",
  coast: "#8DA2B2",
  border: "#9B9B9B",
  graticule: "rgba(70, 110, 140, 0.12)",
  seaText: "#5B7C94",
  countryText: "rgba(95, 88, 72, 0.62)",
  cityText: "#23262B",
  halo: "rgba(248, 247, 242, 0.92)",
  marker: "#3A3F45",
  labelScale: 1,
};
/** The light palette under its older name (the layers and the bench use it). */
export const COLOURS = LIGHT_PALETTE;

/** The projector's "situation room" map (UI.md: dark theme, large type). */
export const DARK_PALETTE: Palette = {
  sea: "#0E1A24",
  land: "#2B3038",
  coast: "#5C7487",
  border: "#7A8088",
  graticule: "rgba(140, 180, 210, 0.10)",
  seaText: "#8FB0C8",
  countryText: "rgba(220, 214, 200, 0.62)",
  cityText: "#F2F0EA",
  halo: "rgba(14, 20, 28, 0.92)",
  marker: "#D8D6D0",
  labelScale: 1.45,
};

/** A label's box on the map, in CSS pixels (the overlap test reads them). */
export interface LabelBox {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The sides of a dot a label may sit on, in the order they are tried after the preferred one. */
const SIDES = ["e", "w", "n", "s", "ne", "se", "nw", "sw"];

/** Whether two labels would touch (with a small gap kept between them, so two never read as one). */
const overlaps = (a: LabelBox, b: LabelBox) =>
  a.x < b.x + b.w + 6 && b.x < a.x + a.w + 6 && a.y < b.y + b.h + 1 && b.y < a.y + a.h + 1;

/** The box of text drawn at (x, y) with the context's current font and alignment. */
function boxOf(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): LabelBox {
  const m = ctx.measureText(text);
  const w = m.width;
  const h = (m.fontBoundingBoxAscent ?? 10) + (m.fontBoundingBoxDescent ?? 3);
  const left = ctx.textAlign === "right" ? x - w : ctx.textAlign === "center" ? x - w / 2 : x;
  const top = ctx.textBaseline === "bottom" ? y - h : ctx.textBaseline === "middle" ? y - h / 2 : y;
  return { text, x: left, y: top, w, h };
}

export interface Atlas {
  countries: FeatureCollection<Geometry, { name?: string }>;
  coast: MultiLineString;
  borders: MultiLineString;
  /**
   * The same shapes already projected, at scale 1 and no offset: every frame's projection differs
   * only by a scale and an offset (see `makeFrame`), so drawing at a new size is a matrix applied to
   * these paths, not a new projection of 21 000 points.
   */
  unit: {
    countries: { id: string; path: Path2D }[];
    coast: Path2D;
    borders: Path2D;
    graticule: Path2D;
  };
}

/** The map's projection before fitting: the frame's is this one scaled and translated. */
function baseProjection(): GeoProjection {
  // No adaptive resampling (precision 0): the 50m outlines are already denser than the pixels
  // they cover, and resampling the long edges that the trimmed atlas clamps onto its box, far
  // outside the frame, turned 21 000 points into ~670 000 canvas calls (0.8 s per draw).
  return geoConicConformal().precision(0).parallels([30, 45]).rotate([-128, 0]);
}

function unitPaths(
  countries: FeatureCollection<Geometry, { name?: string }>,
  coast: MultiLineString,
  borders: MultiLineString,
): Atlas["unit"] {
  const unit = baseProjection().scale(1).translate([0, 0]);
  const of = (g: Parameters<ReturnType<typeof geoPath>>[0]) => {
    const p = new Path2D();
    geoPath(unit, {
      beginPath() {},
      moveTo: (x, y) => p.moveTo(x, y),
      lineTo: (x, y) => p.lineTo(x, y),
      closePath: () => p.closePath(),
      arc: (x, y, r, a0, a1) => p.arc(x, y, r, a0, a1),
    })(g);
    return p;
  };
  return {
    countries: countries.features.map((f) => ({ id: String(f.id), path: of(f) })),
    coast: of(coast),
    borders: of(borders),
    graticule: of(geoGraticule().step([5, 5]).precision(1)()),
  };
}

let atlasPromise: Promise<Atlas> | null = null;

/**
 * Loads and decodes the countries once (the JSON is a separate static asset). The lobby starts it
 * as soon as the game chunk loads (on hover or on the click), in parallel with joining.
 */
export function loadAtlas(): Promise<Atlas> {
  atlasPromise ??= fetch(atlasUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`map data: HTTP ${r.status}`);
      return r.json() as Promise<Topology<{ countries: GeometryCollection<{ name?: string }> }>>;
    })
    .then((topo) => {
      const countries = feature(topo, topo.objects.countries) as FeatureCollection<
        Geometry,
        { name?: string }
      >;
      const coast = mesh(topo, topo.objects.countries, (a, b) => a === b);
      const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b);
      return { countries, coast, borders, unit: unitPaths(countries, coast, borders) };
    })
    .catch((e: unknown) => {
      atlasPromise = null; // a later attempt fetches again
      throw e;
    });
  return atlasPromise;
}

/** The frame's outline as points (so fitting works without worrying about ring winding). */
function frameOutline(): Feature<Geometry> {
  const { west, east, south, north } = MAP_FRAME;
  const pts: [number, number][] = [];
  for (let i = 0; i <= 10; i++) {
    const lon = west + ((east - west) * i) / 10;
    pts.push([lon, south], [lon, north]);
  }
  for (let i = 0; i <= 10; i++) {
    const lat = south + ((north - south) * i) / 10;
    pts.push([west, lat], [east, lat]);
  }
  return { type: "Feature", properties: {}, geometry: { type: "MultiPoint", coordinates: pts } };
}

export interface MapFrame {
  width: number;
  height: number;
  projection: GeoProjection;
  /** Projected position of a city, with its on-screen nudge. */
  cityXY(city: City): [number, number];
}

export function makeFrame(width: number, height: number): MapFrame {
  const pad = Math.max(8, Math.min(width, height) * 0.02);
  const projection = baseProjection().fitExtent(
    [
      [pad, pad],
      [Math.max(pad + 1, width - pad), Math.max(pad + 1, height - pad)],
    ],
    frameOutline(),
  );
  // A short, wide map (the tablet layout, with the bottom sheet up) would shrink the whole frame
  // into a strip: zoom in toward "cover" instead, up to 1.8×, keeping the Korean peninsula centred.
  const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(frameOutline());
  const fw = x1 - x0;
  const fh = y1 - y0;
  const zoom = Math.min(1.8, Math.max(width / fw, height / fh) / Math.min(width / fw, height / fh));
  if (zoom > 1.4) {
    const centre: [number, number] = [127.5, 38.5];
    projection.scale(projection.scale() * zoom);
    const p = projection(centre) ?? [width / 2, height / 2];
    const [tx, ty] = projection.translate();
    projection.translate([tx + width / 2 - p[0], ty + height * 0.45 - p[1]]);
  }
  return {
    width,
    height,
    projection,
    cityXY(city) {
      const p = projection(city.lonLat) ?? [0, 0];
      return [p[0] + (city.nudge?.[0] ?? 0), p[1] + (city.nudge?.[1] ?? 0)];
    },
  };
}

function hexToRgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans KR", sans-serif';

/** Country names, placed by hand where they read well in this frame. */
const COUNTRY_LABELS: readonly { text: string; lonLat: [number, number]; size: number }[] = [
  { text: "CHINA", lonLat: [117.0, 34.0], size: 15 },
  { text: "RUSSIA", lonLat: [135.6, 45.6], size: 15 },
  { text: "MONGOLIA", lonLat: [114.6, 45.6], size: 10 },
  { text: "NORTH KOREA", lonLat: [127.2, 40.75], size: 10 },
  { text: "SOUTH KOREA", lonLat: [128.2, 36.35], size: 10 },
  { text: "JAPAN", lonLat: [138.9, 37.2], size: 12 },
  { text: "TAIWAN", lonLat: [120.1, 24.6], size: 9 },
];

function spaced(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, spacing: number) {
  // Letter-spaced caps for country names (canvas letterSpacing where supported).
  const c = ctx as CanvasRenderingContext2D & { letterSpacing?: string };
  if ("letterSpacing" in c) {
    c.letterSpacing = `${spacing}px`;
    ctx.fillText(text, x, y);
    c.letterSpacing = "0px";
  } else ctx.fillText(text, x, y);
}

/** How strongly each power's territory is tinted (light hues need more). */
const TINT: Readonly<Record<PowerId, number>> = { CN: 0.11, RU: 0.13, KP: 0.3, KR: 0.24, US: 0.13 };

/** Land, tints, coast, borders, graticule, country and sea names. */
export function drawBasemap(
  ctx: CanvasRenderingContext2D,
  frame: MapFrame,
  atlas: Atlas,
  COLOURS: Palette = LIGHT_PALETTE,
): void {
  const { width, height, projection } = frame;
  // The unit paths placed in this frame (strokes keep their widths: the paths are transformed).
  const k = projection.scale();
  const [tx, ty] = projection.translate();
  const m = new DOMMatrix([k, 0, 0, k, tx, ty]);
  const placed = (unit: Path2D) => {
    const p = new Path2D();
    p.addPath(unit, m);
    return p;
  };
  ctx.save();
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = COLOURS.sea;
  ctx.fillRect(0, 0, width, height);

  ctx.strokeStyle = COLOURS.graticule;
  ctx.lineWidth = 0.7;
  ctx.stroke(placed(atlas.unit.graticule));

  for (const c of atlas.unit.countries) {
    const power = COUNTRY_POWER[c.id];
    const shape = placed(c.path);
    ctx.fillStyle = COLOURS.land;
    ctx.fill(shape, "evenodd");
    if (power) {
      ctx.fillStyle = hexToRgba(POWER_HUES[power], TINT[power]);
      ctx.fill(shape, "evenodd");
    }
  }

  ctx.lineJoin = "round";
  ctx.strokeStyle = COLOURS.coast;
  ctx.lineWidth = 0.8;
  ctx.stroke(placed(atlas.unit.coast));

  ctx.strokeStyle = COLOURS.border;
  ctx.lineWidth = 0.9;
  ctx.setLineDash([4, 2]);
  ctx.stroke(placed(atlas.unit.borders));
  ctx.setLineDash([]);

  const scale = Math.min(1.15, Math.max(0.75, Math.min(width, height) / 700));
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (const c of COUNTRY_LABELS) {
    const p = projection(c.lonLat);
    if (!p) continue;
    ctx.font = `600 ${Math.round(c.size * scale)}px ${FONT}`;
    ctx.fillStyle = COLOURS.countryText;
    spaced(ctx, tOr(`country.${c.text}`, c.text), p[0], p[1], 2.5 * scale);
  }

  for (const s of SEAS) {
    const p = projection(s.lonLat);
    if (!p) continue;
    ctx.save();
    ctx.translate(p[0], p[1]);
    ctx.rotate((s.angle * Math.PI) / 180);
    ctx.font = `italic 500 ${Math.round(12 * scale)}px ${FONT}`;
    ctx.fillStyle = COLOURS.seaText;
    spaced(ctx, placeName(s.name), 0, 0, 1.2 * scale);
    // A second name under the first where the language uses one ("Sea of Japan (East Sea)");
    // Korean names the sea 동해 alone, so its second line is empty.
    const sub = s.sub ? tOr(`place.${s.sub}`, s.sub) : "";
    if (sub) {
      ctx.font = `italic ${Math.round(11 * scale)}px ${FONT}`;
      ctx.fillText(sub, 0, 14 * scale);
    }
    ctx.restore();
  }
  ctx.restore();
}

/** Where a far place lies beyond the frame: the point where the great circle to it leaves the map. */
export function edgeMarker(
  frame: MapFrame,
  from: [number, number],
  to: [number, number],
): { x: number; y: number; angle: number } | null {
  const interp = geoInterpolate(from, to);
  const inset = 14;
  const inside = (p: [number, number] | null) =>
    !!p && p[0] >= inset && p[0] <= frame.width - inset && p[1] >= inset && p[1] <= frame.height - inset;
  let last: [number, number] | null = null;
  let prev: [number, number] | null = null;
  for (let i = 0; i <= 200; i++) {
    const p = frame.projection(interp(i / 200));
    if (!inside(p)) break;
    prev = last;
    last = p;
  }
  if (!last) return null;
  const ref = prev ?? frame.projection(from);
  if (!ref) return null;
  return { x: last[0], y: last[1], angle: Math.atan2(last[1] - ref[1], last[0] - ref[0]) };
}

export function kmBetween(a: [number, number], b: [number, number]): number {
  return geoDistance(a, b) * EARTH_RADIUS_KM;
}

const PYONGYANG: [number, number] = [125.75, 39.03];

function haloText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, halo: string): void {
  ctx.strokeStyle = halo;
  ctx.lineWidth = 3;
  ctx.lineJoin = "round";
  ctx.strokeText(text, x, y);
  ctx.fillText(text, x, y);
}

/** City dots and labels, and the far-place markers on the frame's edge (drawn above the flows). */
export function drawLabels(
  ctx: CanvasRenderingContext2D,
  frame: MapFrame,
  COLOURS: Palette = LIGHT_PALETTE,
): LabelBox[] {
  const { width, height } = frame;
  const placedBoxes: LabelBox[] = [];
  ctx.save();
  ctx.clearRect(0, 0, width, height);
  const scale = Math.min(1.1, Math.max(0.8, Math.min(width, height) / 700)) * COLOURS.labelScale;
  const labelled: { city: City; x: number; y: number; r: number }[] = [];
  for (const city of CITIES) {
    const [x, y] = frame.cityXY(city);
    const r = city.capital ? 4.2 : 3.2;
    if (city.nudge) {
      // A leader line back to the true position of a shifted marker.
      const t = frame.projection(city.lonLat);
      if (t) {
        ctx.beginPath();
        ctx.moveTo(t[0], t[1]);
        ctx.lineTo(x, y);
        ctx.strokeStyle = "rgba(40, 40, 40, 0.55)";
        ctx.lineWidth = 1;
        ctx.setLineDash([2, 2]);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.arc(t[0], t[1], 1.3, 0, Math.PI * 2);
        ctx.fillStyle = "#333";
        ctx.fill();
      }
    }
    ctx.beginPath();
    if (city.capital) {
      ctx.arc(x, y, r + 2.2, 0, Math.PI * 2);
      ctx.fillStyle = "#FFFFFF";
      ctx.fill();
      ctx.lineWidth = 1.2;
      ctx.strokeStyle = "#2B2B2B";
      ctx.stroke();
      ctx.beginPath();
    }
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.fillStyle = city.power ? POWER_HUES[city.power] : "#6E6E6E";
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#1E1E1E";
    ctx.stroke();

    labelled.push({ city, x, y, r });
  }
  // Labels after every dot, capitals first: on a small map (a tablet with the sheet up) a label that
  // would cover another tries the other sides of its dot; a town with no free side keeps its dot only.
  labelled.sort((a, b) => Number(!!b.city.capital) - Number(!!a.city.capital));
  for (const { city, x, y, r } of labelled) {
    ctx.font = `${city.capital ? 600 : 500} ${Math.round((city.capital ? 12.5 : 11.5) * scale)}px ${FONT}`;
    ctx.fillStyle = COLOURS.cityText;
    const off = r + 5;
    const name = placeName(city.name);
    for (const dir of [city.label, ...SIDES.filter((d) => d !== city.label)]) {
      const dx = dir.includes("e") ? off : dir.includes("w") ? -off : 0;
      const dy = dir.includes("n") ? -off : dir.includes("s") ? off : 0;
      ctx.textAlign = dx > 0 ? "left" : dx < 0 ? "right" : "center";
      ctx.textBaseline = dy > 0 ? "top" : dy < 0 ? "bottom" : "middle";
      const box = boxOf(ctx, name, x + dx, y + dy);
      if (!city.capital && placedBoxes.some((b) => overlaps(b, box))) continue;
      haloText(ctx, name, x + dx, y + dy, COLOURS.halo);
      placedBoxes.push(box);
      break;
    }
  }

  ctx.font = `500 ${Math.round(11 * scale)}px ${FONT}`;
  for (const place of FAR_PLACES) {
    const m = edgeMarker(frame, PYONGYANG, place.lonLat);
    if (!m) continue;
    const km = Math.round(kmBetween(PYONGYANG, place.lonLat) / 100) * 100;
    ctx.save();
    ctx.translate(m.x, m.y);
    ctx.rotate(m.angle);
    ctx.beginPath();
    ctx.moveTo(6, 0);
    ctx.lineTo(-6, -5);
    ctx.lineTo(-3, 0);
    ctx.lineTo(-6, 5);
    ctx.closePath();
    ctx.fillStyle = COLOURS.marker;
    ctx.fill();
    ctx.restore();
    const label = `${placeName(place.name)} ${km.toLocaleString("en-US")} km`;
    const right = m.x > width / 2;
    const bottom = m.y > height / 2;
    ctx.textAlign = right ? "right" : "left";
    ctx.textBaseline = bottom ? "bottom" : "top";
    ctx.fillStyle = COLOURS.marker;
    // Far places share an edge (Moscow, Alaska, Washington all leave the map at the top): a label
    // that would cover one already placed slides along its edge, a step at a time, either way, until
    // it is clear (sliding inwards would put it in the middle of the map, far from its arrow).
    const x0 = m.x + (right ? -10 : 10);
    const y0 = m.y + (bottom ? -6 : 6);
    const alongX = m.y < 24 || m.y > height - 24;
    const first = boxOf(ctx, label, x0, y0);
    const [lo, hi] = right ? [first.w + 4, width - 4] : [4, width - first.w - 4];
    let spot: { x: number; y: number; box: LabelBox } | null = null;
    // Along the edge first (either way, a step at a time), then one line further in.
    search: for (const row of [0, 1]) {
      for (let i = 0; i <= 20; i++) {
        const step = (i % 2 === 1 ? 1 : -1) * Math.ceil(i / 2);
        const x = alongX
          ? Math.max(lo, Math.min(hi, x0 + step * (right ? -1 : 1) * 24))
          : x0 + row * (right ? -1 : 1) * 24;
        const y = alongX
          ? y0 + row * (bottom ? -1 : 1) * (first.h + 2)
          : y0 + step * (bottom ? -1 : 1) * (first.h + 2);
        const box = boxOf(ctx, label, x, y);
        if (box.y < 0 || box.y + box.h > height) continue;
        if (!placedBoxes.some((b) => overlaps(b, box))) {
          spot = { x, y, box };
          break search;
        }
      }
    }
    // No clear place on a small map: the arrow alone, rather than words on top of words.
    if (!spot) continue;
    haloText(ctx, label, spot.x, spot.y, COLOURS.halo);
    placedBoxes.push(spot.box);
  }
  ctx.restore();
  return placedBoxes;
}

/** A range ring as projected polylines (split where the projection jumps). */
export function ringPolylines(frame: MapFrame, centre: [number, number], km: number): [number, number][][] {
  const degrees = (km / EARTH_RADIUS_KM) * (180 / Math.PI);
  const ring = geoCircle().center(centre).radius(degrees).precision(2)().coordinates[0] ?? [];
  const lines: [number, number][][] = [];
  let current: [number, number][] = [];
  const limit = Math.max(frame.width, frame.height) * 4;
  for (const ll of ring) {
    const p = frame.projection(ll as [number, number]);
    const bad = !p || !Number.isFinite(p[0]) || Math.abs(p[0]) > limit || Math.abs(p[1]) > limit;
    const prev = current[current.length - 1];
    if (bad || (prev && p && Math.hypot(p[0] - prev[0], p[1] - prev[1]) > limit / 2)) {
      if (current.length > 1) lines.push(current);
      current = [];
      if (bad) continue;
    }
    if (p) current.push([p[0], p[1]]);
  }
  if (current.length > 1) lines.push(current);
  return lines;
}

export { PYONGYANG };
