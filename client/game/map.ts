/**
 * The map: real geography with a Phaser 4 scene for what moves. The still layers are plain 2D
 * canvases stacked in the page, redrawn only when the view, the size or the focus changes: under
 * the Phaser canvas, the ground (land, borders, names) and the overlay (range rings, last round's
 * halos, the flows with their arrowheads, sanction bars and illicit dashes); above it, the cities
 * and their names. The WebGL canvas is transparent and holds only sprites: small particles
 * travelling along each flow (faster for bigger volumes) and the one-off pulses. The browser
 * composites the still canvases without re-uploading them; drawing them as full-screen WebGL
 * textures instead cost three full-screen textured quads a frame, which a software GL (SwiftShader,
 * a classroom machine without a GPU) cannot afford. Rings grow with a short ease when the
 * programme advances, last round's events pulse once where they happened, and nothing loops under
 * prefers-reduced-motion.
 */
import * as Phaser from "phaser";
import type { GameEvent } from "../../shared/state.js";
import type { FlowView, PlayerView } from "../../shared/view.js";
import { flowWidth, styleOf } from "../data/commodities.js";
import { cityByName, RANGE_STAGES } from "../data/places.js";
import { t } from "../i18n/index.js";
import {
  type Atlas,
  COLOURS,
  drawBasemap,
  drawLabels,
  loadAtlas,
  type MapFrame,
  makeFrame,
  type Palette,
  PYONGYANG,
  ringPolylines,
} from "./geo.js";

type Pt = [number, number];

export interface RingNote {
  stage: number;
  km: number;
  reaches: string;
  onMap: boolean;
}

export interface MapOptions {
  /** A flow under the pointer (or tapped), with its screen position; null when none. */
  onFlowFocus(flow: FlowView | null, x: number, y: number): void;
  /** Range rings after each layout: which are drawn and which lie beyond the edge. */
  onRings(notes: RingNote[]): void;
  onReady(): void;
  onError(message: string): void;
  /** Frames per second at most (default 30; the frame bench passes 0 = as fast as the display). */
  fpsLimit?: number;
  /** The map's colours and label size (default: the light game-screen palette). */
  palette?: Palette;
}

export interface MapController {
  setView(view: PlayerView): void;
  /** Highlights a flow as if hovered (keyboard and table equivalent of the pointer). */
  focusFlow(id: string | null): void;
  destroy(): void;
}

const hex = (c: string): number => Number.parseInt(c.slice(1), 16);

interface Path {
  pts: Pt[];
  cum: number[];
  total: number;
}

function toPath(pts: Pt[]): Path {
  const cum = [0];
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    cum.push(cum[i - 1]! + Math.hypot(b[0] - a[0], b[1] - a[1]));
  }
  return { pts, cum, total: cum[cum.length - 1] ?? 0 };
}

function pointAt(p: Path, s: number): { pt: Pt; dir: Pt } {
  const d = Math.max(0, Math.min(p.total, s));
  let i = 1;
  while (i < p.cum.length - 1 && p.cum[i]! < d) i++;
  const a = p.pts[i - 1]!;
  const b = p.pts[i]!;
  const seg = p.cum[i]! - p.cum[i - 1]! || 1;
  const t = (d - p.cum[i - 1]!) / seg;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  return {
    pt: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t],
    dir: [(b[0] - a[0]) / len, (b[1] - a[1]) / len],
  };
}

/** The part of a path between distances s and e. */
function subPath(p: Path, s: number, e: number): Pt[] {
  const from = Math.max(0, s);
  const to = Math.min(p.total, e);
  if (to <= from) return [];
  const out: Pt[] = [pointAt(p, from).pt];
  for (let i = 0; i < p.pts.length; i++) if (p.cum[i]! > from && p.cum[i]! < to) out.push(p.pts[i]!);
  out.push(pointAt(p, to).pt);
  return out;
}

/** The same path shifted sideways by `d` px (left of travel for d > 0). */
function offsetPath(p: Path, d: number): Path {
  const pts = p.pts.map((pt, i): Pt => {
    const a = p.pts[Math.max(0, i - 1)]!;
    const b = p.pts[Math.min(p.pts.length - 1, i + 1)]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    return [pt[0] + ((b[1] - a[1]) / len) * d, pt[1] - ((b[0] - a[0]) / len) * d];
  });
  return toPath(pts);
}

function stroke(g: CanvasRenderingContext2D, pts: Pt[], dash: number[] = []): void {
  if (pts.length < 2) return;
  g.setLineDash(dash);
  g.beginPath();
  g.moveTo(pts[0]![0], pts[0]![1]);
  for (let i = 1; i < pts.length; i++) g.lineTo(pts[i]![0], pts[i]![1]);
  g.stroke();
  g.setLineDash([]);
}

interface FlowShape {
  flow: FlowView;
  curve: Path;
  /** The drawn body, trimmed at both ends. */
  body: Path;
  illicit: Path | null;
}

const easeOut = (t: number) => 1 - (1 - t) ** 3;

/** Where an event happened, by kind (events without a place are in the ticker and the news only). */
const EVENT_PLACE: Readonly<Record<string, string>> = {
  missile_tested: "Pyongyang",
  nuclear_tested: "Pyongyang",
  programme_progress: "Pyongyang",
  strike: "Pyongyang",
  strike_war: "Pyongyang",
  war: "Seoul",
  threaten_seoul: "Seoul",
  md_deployed: "Seoul",
  md_arrived: "Seoul",
  md_blocked: "Seoul",
  retaliation: "Seoul",
  engagement: "Seoul",
  summit_held: "Seoul",
  show_of_force: "Busan",
  pipeline: "Dandong",
  inspections: "Dandong",
  refugees: "Dandong",
  designated: "Dandong",
  node_closed: "Nampo",
  node_opened: "Nampo",
  smuggling_op: "Nampo",
  russia_backfilled: "Vladivostok",
  fuel_sales: "Vladivostok",
  labourers: "Vladivostok",
  collapse: "Pyongyang",
};

const PARTICLE_GAP = 46;

/** A still layer: a 2D canvas in the page, sized in CSS pixels like the Phaser canvas. */
interface Layer {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
}

function makeLayer(name: string): Layer {
  const canvas = document.createElement("canvas");
  canvas.className = `map-layer map-${name}`;
  canvas.setAttribute("aria-hidden", "true");
  canvas.style.cssText = "position:absolute;left:0;top:0;pointer-events:none";
  canvas.width = 1;
  canvas.height = 1;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error(`2D canvas ${name}`);
  return { canvas, ctx };
}

function sizeLayer(layer: Layer, w: number, h: number): void {
  if (layer.canvas.width !== w || layer.canvas.height !== h) {
    layer.canvas.width = w;
    layer.canvas.height = h;
    layer.canvas.style.width = `${w}px`;
    layer.canvas.style.height = `${h}px`;
  }
}

interface Particle {
  sprite: Phaser.GameObjects.Image;
  shape: FlowShape;
  illicit: boolean;
  offset: number;
}

class MapScene extends Phaser.Scene {
  opts!: MapOptions;
  /** Under the Phaser canvas: the ground, then rings and flows. Above it: the cities. */
  ground!: Layer;
  overlay!: Layer;
  cities!: Layer;
  atlas: Atlas | null = null;
  frame: MapFrame | null = null;
  view: PlayerView | null = null;
  reduced = false;
  shapes: FlowShape[] = [];
  particles: Particle[] = [];
  /** Volumes as drawn, easing toward the view's after a resolution. */
  shown = new Map<string, { official: number; illicit: number }>();
  ringGrow: { stage: number; fromKm: number; start: number } | null = null;
  lastStage: number | null = null;
  lastRound: number | null = null;
  /** Last round's events with a place: marked on the map, pulsed once on arrival. */
  marks: { place: string; kind: string }[] = [];
  dirty = true;
  focused: string | null = null;
  created = false;
  pendingView: PlayerView | null = null;
  /** Frames with nothing to draw; past a few, the loop sleeps until something changes. */
  idle = 0;

  constructor() {
    super({ key: "map" });
  }

  create(): void {
    this.reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
    // The particle and pulse sprites' textures, drawn once.
    const dot = this.textures.createCanvas("dot", 8, 8);
    if (dot) {
      const g = dot.getContext();
      g.fillStyle = "#ffffff";
      g.beginPath();
      g.arc(4, 4, 3.2, 0, Math.PI * 2);
      g.fill();
      dot.refresh();
    }
    const ring = this.textures.createCanvas("pulse", 64, 64);
    if (ring) {
      const g = ring.getContext();
      g.strokeStyle = "#ffffff";
      g.lineWidth = 5;
      g.beginPath();
      g.arc(32, 32, 28, 0, Math.PI * 2);
      g.stroke();
      ring.refresh();
    }
    this.scale.on(Phaser.Scale.Events.RESIZE, () => this.layout());
    this.input.on(Phaser.Input.Events.POINTER_MOVE, (p: Phaser.Input.Pointer) => this.pick(p.x, p.y, false));
    this.input.on(Phaser.Input.Events.POINTER_DOWN, (p: Phaser.Input.Pointer) => this.pick(p.x, p.y, true));
    this.input.on(Phaser.Input.Events.GAME_OUT, () => this.pick(-1, -1, false));
    this.created = true;
    if (this.pendingView) this.setView(this.pendingView);
    loadAtlas()
      .then((atlas) => {
        this.atlas = atlas;
        this.layout();
        this.opts.onReady();
      })
      .catch((e: unknown) => this.opts.onError(t("map.loadFailed", { error: String(e) })));
  }

  setView(view: PlayerView): void {
    const stage = view.programme.stage;
    if (this.lastStage !== null && stage > this.lastStage && !this.reduced) {
      const prevKm = RANGE_STAGES.find((r) => r.stage === stage - 1)?.km ?? 0;
      this.ringGrow = { stage, fromKm: prevKm, start: performance.now() };
    }
    this.lastStage = stage;
    const newRound = this.lastRound !== view.round;
    this.lastRound = view.round;
    this.view = view;
    for (const f of view.flows) {
      if (!this.shown.has(f.id) || this.reduced)
        this.shown.set(f.id, { official: f.official, illicit: f.illicit ?? 0 });
    }
    const resolved = view.phase === "ended" ? view.round : view.round - 1;
    this.marks = markedEvents(view.events.filter((e) => e.round === resolved));
    this.buildShapes();
    this.dirty = true;
    this.wake();
    if (newRound && this.frame) this.pulse();
  }

  focusFlow(id: string | null): void {
    if (id === this.focused) return;
    this.focused = id;
    this.dirty = true;
    this.wake();
    const s = this.shapes.find((x) => x.flow.id === id);
    if (!s) {
      this.opts.onFlowFocus(null, 0, 0);
      return;
    }
    const mid = pointAt(s.body, s.body.total / 2).pt;
    this.opts.onFlowFocus(s.flow, mid[0], mid[1]);
  }

  /** Each marked place pulses once (a ring sprite that grows and fades). */
  pulse(): void {
    if (this.reduced || !this.frame) return;
    const seen = new Set<string>();
    for (const m of this.marks) {
      if (seen.has(m.place)) continue;
      seen.add(m.place);
      const city = cityByName.get(m.place);
      if (!city) continue;
      const [x, y] = this.frame.cityXY(city);
      const img = this.add.image(x, y, "pulse").setDepth(6).setTint(0xc0392b).setScale(0.15).setAlpha(0.95);
      this.tweens.add({
        targets: img,
        scale: 1.1,
        alpha: 0,
        duration: 1400,
        ease: "Cubic.easeOut",
        onComplete: () => img.destroy(),
      });
    }
  }

  layout(): void {
    if (!this.atlas) return;
    const w = Math.max(1, Math.floor(this.scale.width));
    const h = Math.max(1, Math.floor(this.scale.height));
    this.cameras.main.setSize(w, h);
    if (this.frame && this.frame.width === w && this.frame.height === h) return;
    this.frame = makeFrame(w, h);
    for (const layer of [this.ground, this.overlay, this.cities]) sizeLayer(layer, w, h);
    const palette = this.opts.palette ?? COLOURS;
    drawBasemap(this.ground.ctx, this.frame, this.atlas, palette);
    const boxes = drawLabels(this.cities.ctx, this.frame, palette);
    // Where the labels went, for the layout test (canvas text has no DOM box of its own).
    const parent = this.cities.canvas.parentElement;
    if (parent)
      parent.dataset.labels = JSON.stringify(
        boxes.map((b) => ({
          ...b,
          x: Math.round(b.x),
          y: Math.round(b.y),
          w: Math.round(b.w),
          h: Math.round(b.h),
        })),
      );
    this.buildShapes();
    this.dirty = true;
    this.wake();
    this.pulse();
  }

  buildShapes(): void {
    const frame = this.frame;
    const view = this.view;
    if (!frame || !view) return;
    const lanes = new Map<string, number>();
    this.shapes = [];
    for (const flow of view.flows) {
      const a = cityByName.get(flow.from);
      const b = cityByName.get(flow.to);
      if (!a || !b) continue;
      const pa = frame.cityXY(a);
      const pb = frame.cityXY(b);
      const key = `${flow.from}>${flow.to}`;
      // Flows between the same two places run side by side: each lane bends past the previous.
      const lane = lanes.get(key) ?? 0;
      const volume = this.shown.get(flow.id)?.official ?? flow.official;
      const illicitW = flow.illicit ? flowWidth(flow.illicit) + 2 : 0;
      lanes.set(key, lane + 2 * (flowWidth(volume) + illicitW + 4));
      const dx = pb[0] - pa[0];
      const dy = pb[1] - pa[1];
      const len = Math.hypot(dx, dy) || 1;
      const bend = Math.max(len * 0.22, 30) + lane;
      // Control point to the left of travel: opposite directions take opposite sides.
      const c: Pt = [(pa[0] + pb[0]) / 2 + (dy / len) * bend, (pa[1] + pb[1]) / 2 - (dx / len) * bend];
      const pts: Pt[] = [];
      for (let i = 0; i <= 48; i++) {
        const tt = i / 48;
        const u = 1 - tt;
        pts.push([
          u * u * pa[0] + 2 * u * tt * c[0] + tt * tt * pb[0],
          u * u * pa[1] + 2 * u * tt * c[1] + tt * tt * pb[1],
        ]);
      }
      const curve = toPath(pts);
      const body = toPath(subPath(curve, 7, curve.total - 7));
      const shown = this.shown.get(flow.id);
      const wOff = flowWidth(shown?.official ?? flow.official);
      const illicit =
        flow.illicit !== undefined && flow.illicit > 0
          ? offsetPath(body, wOff / 2 + flowWidth(flow.illicit) / 2 + 1.5)
          : null;
      this.shapes.push({ flow, curve, body, illicit });
    }
    this.buildParticles();
  }

  /** One sprite every PARTICLE_GAP px along each flow (and its illicit twin); reused across rebuilds. */
  buildParticles(): void {
    const want: Omit<Particle, "sprite">[] = [];
    for (const s of this.shapes) {
      const style = styleOf(s.flow.commodity);
      if (style.dotted) continue; // labour is drawn dotted already
      const n = Math.max(1, Math.floor(s.body.total / PARTICLE_GAP));
      for (let i = 0; i < n; i++) want.push({ shape: s, illicit: false, offset: (i / n) * s.body.total });
      if (s.illicit) {
        const m = Math.max(1, Math.floor(s.illicit.total / PARTICLE_GAP));
        for (let i = 0; i < m; i++) want.push({ shape: s, illicit: true, offset: (i / m) * s.illicit.total });
      }
    }
    while (this.particles.length > want.length) this.particles.pop()?.sprite.destroy();
    for (let i = 0; i < want.length; i++) {
      const w = want[i]!;
      let p = this.particles[i];
      if (!p) {
        p = { ...w, sprite: this.add.image(0, 0, "dot").setDepth(4) };
        this.particles.push(p);
      } else Object.assign(p, w);
      const style = styleOf(w.shape.flow.commodity);
      p.sprite.setTint(hex(style.dash)).setAlpha(w.illicit ? 0.9 : 0.75);
      const vol = w.illicit ? (w.shape.flow.illicit ?? 0) : w.shape.flow.official;
      p.sprite.setScale(Math.min(1.1, 0.35 + flowWidth(vol) / 16));
      p.sprite.setVisible(vol > 0.5);
    }
    this.moveParticles(0);
  }

  moveParticles(time: number): void {
    for (const p of this.particles) {
      const path = p.illicit ? p.shape.illicit : p.shape.body;
      if (!path || path.total < 4) continue;
      const vol = p.illicit ? (p.shape.flow.illicit ?? 0) : p.shape.flow.official;
      const speed = this.reduced ? 0 : 14 + Math.sqrt(vol) * 1.6;
      const s = (p.offset + (time / 1000) * speed) % path.total;
      const at = pointAt(path, s).pt;
      p.sprite.setPosition(at[0], at[1]);
    }
  }

  pick(x: number, y: number, tap: boolean): void {
    let best: FlowShape | null = null;
    let bestD = Number.POSITIVE_INFINITY;
    for (const s of this.shapes) {
      const w = flowWidth(s.flow.official);
      for (const paths of [s.body, s.illicit]) {
        if (!paths) continue;
        for (const p of paths.pts) {
          const d = Math.hypot(p[0] - x, p[1] - y) - w / 2;
          if (d < bestD) {
            bestD = d;
            best = s;
          }
        }
      }
    }
    const hit = best && bestD < (tap ? 14 : 8) ? best : null;
    const id = hit?.flow.id ?? null;
    if (id !== this.focused || tap) {
      this.focused = id;
      this.dirty = true;
      this.opts.onFlowFocus(hit?.flow ?? null, x, y);
    }
  }

  override update(time: number, delta: number): void {
    if (!this.frame || !this.view) return;
    let easing = false;
    for (const f of this.view.flows) {
      const s = this.shown.get(f.id);
      if (!s) continue;
      const k = 1 - Math.exp(-delta / 220);
      const target = f.illicit ?? 0;
      if (Math.abs(s.official - f.official) > 0.05 || Math.abs(s.illicit - target) > 0.05) {
        s.official += (f.official - s.official) * k;
        s.illicit += (target - s.illicit) * k;
        easing = true;
      } else {
        s.official = f.official;
        s.illicit = target;
      }
    }
    if (easing) this.buildShapes();
    const growing = this.ringGrow !== null;
    const dirty = this.dirty;
    this.dirty = false;
    if (dirty || growing || easing) this.drawOverlay();
    if (!this.reduced) this.moveParticles(time);
    // Under reduced motion nothing loops: once the picture is still, stop the loop (no CPU spent
    // redrawing the same frame); `wake()` restarts it on any change or pointer event.
    const still = this.reduced && !dirty && !easing && !growing && this.tweens.getTweens().length === 0;
    this.idle = still ? this.idle + 1 : 0;
    if (this.idle > 3) this.game.loop.sleep();
  }

  wake(): void {
    this.idle = 0;
    if (!this.game.loop.running) this.game.loop.wake();
  }

  /** The overlay under the particles: range rings, last round's halos, the flows, ring labels. */
  drawOverlay(): void {
    const frame = this.frame!;
    const g = this.overlay.ctx;
    g.clearRect(0, 0, frame.width, frame.height);
    const labels = this.drawRings(g);
    this.drawFlows(g);
    // Ring labels above the flows (as the sprites' text was), on a light box.
    for (const l of labels) {
      g.font = `${l.current ? "bold 12px" : "11px"} system-ui, "Noto Sans KR", sans-serif`;
      g.textAlign = "left";
      g.textBaseline = "middle";
      const m = g.measureText(l.text);
      const hh = (m.fontBoundingBoxAscent ?? 9) + (m.fontBoundingBoxDescent ?? 3) + 2;
      g.fillStyle = "rgba(246, 243, 234, 0.85)";
      g.fillRect(l.x, l.y - hh / 2, m.width + 6, hh);
      g.fillStyle = "#7A3A00";
      g.fillText(l.text, l.x + 3, l.y);
    }
  }

  /** Reached range rings, dashed; returns where their labels go. */
  drawRings(g: CanvasRenderingContext2D): { x: number; y: number; text: string; current: boolean }[] {
    const frame = this.frame!;
    const labels: { x: number; y: number; text: string; current: boolean }[] = [];
    const stage = this.view?.programme.stage ?? 0;
    const notes: RingNote[] = [];
    const origin = frame.projection(PYONGYANG) ?? [0, 0];
    g.lineCap = "butt";
    g.lineJoin = "round";
    for (const r of RANGE_STAGES) {
      if (r.stage > stage) continue;
      let km = r.km;
      if (this.ringGrow && this.ringGrow.stage === r.stage) {
        const tt = Math.min(1, (performance.now() - this.ringGrow.start) / 1600);
        km = this.ringGrow.fromKm + (r.km - this.ringGrow.fromKm) * easeOut(tt);
        if (tt >= 1) {
          this.ringGrow = null;
          this.dirty = true;
        }
      }
      const lines = ringPolylines(frame, PYONGYANG, km);
      const inView = (p: Pt) => p[0] > 30 && p[0] < frame.width - 30 && p[1] > 30 && p[1] < frame.height - 30;
      let labelAt: Pt | null = null;
      let score = Number.NEGATIVE_INFINITY;
      const current = r.stage === stage;
      g.strokeStyle = current ? "rgba(156, 74, 0, 0.9)" : "rgba(156, 74, 0, 0.55)";
      g.lineWidth = current ? 2 : 1.4;
      for (const line of lines) {
        stroke(g, line, [9, 6]);
        for (const p of line) {
          if (!inView(p)) continue;
          // Prefer a spot south-south-west of Pyongyang, over the sea (clear of the legend).
          const sc = (p[0] - origin[0]) * -0.26 + (p[1] - origin[1]) * 0.97;
          if (sc > score) {
            score = sc;
            labelAt = p;
          }
        }
      }
      notes.push({ stage: r.stage, km: r.km, reaches: t(`reach.${r.stage}`), onMap: labelAt !== null });
      if (labelAt && !this.ringGrow)
        labels.push({
          x: labelAt[0] + 4,
          y: labelAt[1],
          text: `${r.km.toLocaleString("en-US")} km · ${t(`reach.${r.stage}`)}`,
          current,
        });
    }
    this.opts.onRings(notes);
    return labels;
  }

  /** The flows, with last round's halos under them: redrawn on change, not per frame. */
  drawFlows(g: CanvasRenderingContext2D): void {
    const frame = this.frame!;
    g.lineCap = "butt";
    g.lineJoin = "round";
    // Last round's events: a red halo where each happened (the pulse plays once on arrival).
    const placed = new Set<string>();
    for (const m of this.marks) {
      const city = cityByName.get(m.place);
      if (!city || placed.has(m.place)) continue;
      placed.add(m.place);
      const [x, y] = frame.cityXY(city);
      g.strokeStyle = "rgba(192, 57, 43, 0.85)";
      g.lineWidth = 2.5;
      g.setLineDash([3, 2]);
      g.beginPath();
      g.arc(x, y, 13, 0, Math.PI * 2);
      g.stroke();
      g.setLineDash([]);
    }
    // Thick flows first, so thin ones stay visible on top.
    const order = [...this.shapes].sort((a, b) => b.flow.official - a.flow.official);
    for (const s of order) {
      const style = styleOf(s.flow.commodity);
      const vol = this.shown.get(s.flow.id) ?? { official: s.flow.official, illicit: s.flow.illicit ?? 0 };
      const w = flowWidth(vol.official);
      const focused = this.focused === s.flow.id;
      const body = s.body;
      if (body.total < 4) continue;
      const headLen = 5 + w * 0.9;
      const shaft = subPath(body, 0, body.total - headLen * 0.8);

      // Casing for contrast with the ground; a dark outline for the light fuel colour.
      g.strokeStyle = focused ? "#1f2328" : (style.outline ?? "rgba(247, 245, 239, 0.9)");
      g.lineWidth = w + (focused ? 5 : 2.5);
      stroke(g, shaft);
      g.strokeStyle = style.colour;
      g.lineWidth = w;
      stroke(g, shaft, style.dotted ? [2.5, 3.5] : []);

      // Arrowhead.
      const end = pointAt(body, body.total);
      const [ex, ey] = end.pt;
      const [ux, uy] = end.dir;
      const half = 3 + w * 0.75;
      const bx = ex - ux * headLen;
      const by = ey - uy * headLen;
      const tri = (h: number, lead: number, colour: string) => {
        g.fillStyle = colour;
        g.beginPath();
        g.moveTo(ex + ux * lead, ey + uy * lead);
        g.lineTo(bx - uy * h, by + ux * h);
        g.lineTo(bx + uy * h, by - ux * h);
        g.closePath();
        g.fill();
      };
      tri(half + 1.2, 1.5, style.outline ?? "#333333");
      tri(half, 0, style.colour);

      // Illicit part: dashed, beside the official line (only where the viewer knows of it).
      if (s.illicit && vol.illicit > 0.5) {
        const wi = flowWidth(vol.illicit);
        const ill = subPath(s.illicit, 2, s.illicit.total - headLen);
        g.strokeStyle = "rgba(247, 245, 239, 0.8)";
        g.lineWidth = wi + 2;
        stroke(g, ill, [7, 5]);
        g.strokeStyle = style.colour;
        g.lineWidth = wi;
        stroke(g, ill, [7, 5]);
      }

      // A bar across a flow cut by sanctions or policy, with the share cut.
      if (s.flow.official < s.flow.base) {
        const mid = pointAt(body, body.total * 0.45);
        const half2 = w / 2 + 5;
        g.strokeStyle = "#1a1a1a";
        g.lineWidth = 3;
        stroke(g, [
          [mid.pt[0] - mid.dir[1] * half2, mid.pt[1] + mid.dir[0] * half2],
          [mid.pt[0] + mid.dir[1] * half2, mid.pt[1] - mid.dir[0] * half2],
        ]);
        if (focused) {
          const cut = Math.round(((s.flow.base - s.flow.official) / Math.max(1, s.flow.base)) * 100);
          g.font = "600 11px system-ui, sans-serif";
          g.fillStyle = "#1a1a1a";
          g.fillText(`−${cut}%`, mid.pt[0] + half2 + 3, mid.pt[1]);
        }
      }
    }
  }
}

function markedEvents(events: readonly GameEvent[]): { place: string; kind: string }[] {
  const out: { place: string; kind: string }[] = [];
  for (const e of events) {
    const place = EVENT_PLACE[e.kind];
    if (place) out.push({ place, kind: e.kind });
  }
  return out;
}

/** Creates the Phaser game inside `parent` (which it fills). */
export function mountMap(parent: HTMLElement, opts: MapOptions): MapController {
  const scene = new MapScene();
  scene.opts = opts;
  scene.ground = makeLayer("ground");
  scene.overlay = makeLayer("overlay");
  scene.cities = makeLayer("cities");
  parent.style.background = (opts.palette ?? COLOURS).sea;
  parent.append(scene.ground.canvas, scene.overlay.canvas);
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    // Only sprites are drawn with WebGL, over the still layers: a transparent canvas, no multisampling
    // (sprites are textures, already smooth), and positioned so that it stacks above the layers.
    transparent: true,
    antialiasGL: false,
    canvasStyle: "display:block;position:relative",
    banner: false,
    audio: { noAudio: true },
    // Slow particles look the same at 30 frames a second and cost half as much (class Chromebooks).
    fps: { limit: opts.fpsLimit ?? 30 },
    scale: {
      mode: Phaser.Scale.RESIZE,
      parent,
      width: Math.max(1, parent.clientWidth),
      height: Math.max(1, parent.clientHeight),
    },
    scene,
  });
  parent.append(scene.cities.canvas);
  // The frame bench reads how long each step (update and render) takes.
  const steps = (window as unknown as { __steps?: number[] }).__steps;
  if (steps) {
    let began = 0;
    game.events.on(Phaser.Core.Events.PRE_STEP, () => {
      began = performance.now();
    });
    game.events.on(Phaser.Core.Events.POST_RENDER, () => steps.push(performance.now() - began));
  }
  // A sleeping loop (reduced motion, nothing changing) wakes for the pointer.
  for (const type of ["pointermove", "pointerdown"] as const)
    parent.addEventListener(type, () => scene.created && scene.wake(), { passive: true });
  const onResize = () => scene.created && scene.wake();
  window.addEventListener("resize", onResize);
  // Layout changes that are not window resizes (a bottom sheet opening, the map shown again in
  // portrait) resize the parent only: follow the parent itself, not just the window.
  const observer = new ResizeObserver(() => {
    if (parent.clientWidth < 1 || parent.clientHeight < 1) return;
    // Read the parent's new size first: refresh() alone re-applies the size Phaser last read,
    // which is 0 × 0 after the map was hidden (portrait), and the map stayed blank when shown.
    game.scale.getParentBounds();
    game.scale.refresh();
    onResize();
  });
  observer.observe(parent);
  return {
    setView(view) {
      if (scene.created) scene.setView(view);
      else scene.pendingView = view;
    },
    focusFlow(id) {
      if (scene.created) scene.focusFlow(id);
    },
    destroy() {
      window.removeEventListener("resize", onResize);
      observer.disconnect();
      game.destroy(true);
      for (const layer of [scene.ground, scene.overlay, scene.cities]) layer.canvas.remove();
    },
  };
}
