/**
 * The map: a Phaser 4 scene over real geography. Static layers (land, borders, names; cities) are
 * drawn once per size onto canvases used as textures; only the flows' travelling dashes and a
 * growing range ring are redrawn per frame, and nothing loops under prefers-reduced-motion.
 */
import * as Phaser from "phaser";
import type { FlowView, PlayerView } from "../../shared/view.js";
import { flowWidth, styleOf } from "../data/commodities.js";
import { cityByName, RANGE_STAGES } from "../data/places.js";
import {
  type Atlas,
  COLOURS,
  drawBasemap,
  drawLabels,
  loadAtlas,
  type MapFrame,
  makeFrame,
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
}

export interface MapController {
  setView(view: PlayerView): void;
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

function stroke(g: Phaser.GameObjects.Graphics, pts: Pt[]): void {
  if (pts.length < 2) return;
  g.beginPath();
  g.moveTo(pts[0]![0], pts[0]![1]);
  for (let i = 1; i < pts.length; i++) g.lineTo(pts[i]![0], pts[i]![1]);
  g.strokePath();
}

function dashed(g: Phaser.GameObjects.Graphics, p: Path, on: number, off: number, phase: number): void {
  const period = on + off;
  const start = (((phase % period) + period) % period) - period;
  for (let s = start; s < p.total; s += period) stroke(g, subPath(p, s, s + on));
}

interface FlowShape {
  flow: FlowView;
  curve: Path;
  /** The drawn body, trimmed at both ends. */
  body: Path;
  illicit: Path | null;
}

const easeOut = (t: number) => 1 - (1 - t) ** 3;

class MapScene extends Phaser.Scene {
  opts!: MapOptions;
  atlas: Atlas | null = null;
  frame: MapFrame | null = null;
  view: PlayerView | null = null;
  reduced = false;
  base!: Phaser.Textures.CanvasTexture;
  labels!: Phaser.Textures.CanvasTexture;
  ringG!: Phaser.GameObjects.Graphics;
  flowG!: Phaser.GameObjects.Graphics;
  ringTexts: Phaser.GameObjects.Text[] = [];
  shapes: FlowShape[] = [];
  /** Volumes as drawn, easing toward the view's after a resolution. */
  shown = new Map<string, { official: number; illicit: number }>();
  ringGrow: { stage: number; fromKm: number; start: number } | null = null;
  lastStage: number | null = null;
  dirty = true;
  focused: string | null = null;
  created = false;
  pendingView: PlayerView | null = null;

  constructor() {
    super({ key: "map" });
  }

  create(): void {
    this.reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
    const mk = (key: string) => {
      const c = document.createElement("canvas");
      c.width = Math.max(1, this.scale.width);
      c.height = Math.max(1, this.scale.height);
      const tex = this.textures.addCanvas(key, c);
      if (!tex) throw new Error(`texture ${key}`);
      return tex;
    };
    this.base = mk("basemap");
    this.labels = mk("labels");
    this.add.image(0, 0, "basemap").setOrigin(0, 0).setDepth(0);
    this.ringG = this.add.graphics().setDepth(2);
    this.flowG = this.add.graphics().setDepth(3);
    this.add.image(0, 0, "labels").setOrigin(0, 0).setDepth(5);
    this.scale.on(Phaser.Scale.Events.RESIZE, () => this.layout());
    this.input.on(Phaser.Input.Events.POINTER_MOVE, (p: Phaser.Input.Pointer) => this.pick(p.x, p.y, false));
    this.input.on(Phaser.Input.Events.POINTER_DOWN, (p: Phaser.Input.Pointer) => this.pick(p.x, p.y, true));
    this.input.on(Phaser.Input.Events.GAME_OUT, () => this.pick(-1, -1, false));
    loadAtlas()
      .then((atlas) => {
        this.atlas = atlas;
        this.layout();
        this.opts.onReady();
      })
      .catch((e: unknown) => this.opts.onError(`The map could not load: ${String(e)}`));
    this.created = true;
    if (this.pendingView) this.setView(this.pendingView);
  }

  setView(view: PlayerView): void {
    const stage = view.programme.stage;
    if (this.lastStage !== null && stage > this.lastStage && !this.reduced) {
      const prevKm = RANGE_STAGES.find((r) => r.stage === stage - 1)?.km ?? 0;
      this.ringGrow = { stage, fromKm: prevKm, start: performance.now() };
    }
    this.lastStage = stage;
    this.view = view;
    for (const f of view.flows) {
      if (!this.shown.has(f.id) || this.reduced)
        this.shown.set(f.id, { official: f.official, illicit: f.illicit ?? 0 });
    }
    this.buildShapes();
    this.dirty = true;
  }

  layout(): void {
    if (!this.atlas) return;
    const w = Math.max(1, Math.floor(this.scale.width));
    const h = Math.max(1, Math.floor(this.scale.height));
    this.cameras.main.setSize(w, h);
    this.frame = makeFrame(w, h);
    this.base.setSize(w, h);
    drawBasemap(this.base.getContext(), this.frame, this.atlas);
    this.base.refresh();
    this.labels.setSize(w, h);
    drawLabels(this.labels.getContext(), this.frame);
    this.labels.refresh();
    this.buildShapes();
    this.dirty = true;
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
        const t = i / 48;
        const u = 1 - t;
        pts.push([
          u * u * pa[0] + 2 * u * t * c[0] + t * t * pb[0],
          u * u * pa[1] + 2 * u * t * c[1] + t * t * pb[1],
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
    if (dirty || growing) this.drawRings();
    if (!this.reduced || dirty || easing) this.drawFlows(this.reduced ? 0 : time);
  }

  drawRings(): void {
    const frame = this.frame!;
    const g = this.ringG;
    g.clear();
    for (const t of this.ringTexts) t.destroy();
    this.ringTexts = [];
    const stage = this.view?.programme.stage ?? 0;
    const notes: RingNote[] = [];
    const origin = frame.projection(PYONGYANG) ?? [0, 0];
    for (const r of RANGE_STAGES) {
      if (r.stage > stage) continue;
      let km = r.km;
      if (this.ringGrow && this.ringGrow.stage === r.stage) {
        const t = Math.min(1, (performance.now() - this.ringGrow.start) / 1600);
        km = this.ringGrow.fromKm + (r.km - this.ringGrow.fromKm) * easeOut(t);
        if (t >= 1) {
          this.ringGrow = null;
          this.dirty = true;
        }
      }
      const lines = ringPolylines(frame, PYONGYANG, km);
      const inView = (p: Pt) => p[0] > 30 && p[0] < frame.width - 30 && p[1] > 30 && p[1] < frame.height - 30;
      let labelAt: Pt | null = null;
      let score = Number.NEGATIVE_INFINITY;
      const current = r.stage === stage;
      g.lineStyle(current ? 2 : 1.4, 0x9c4a00, current ? 0.9 : 0.55);
      for (const line of lines) {
        dashed(g, toPath(line), 9, 6, 0);
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
      notes.push({ stage: r.stage, km: r.km, reaches: r.reaches, onMap: labelAt !== null });
      if (labelAt && !this.ringGrow) {
        const text = this.add
          .text(labelAt[0] + 4, labelAt[1], `${r.km.toLocaleString("en-US")} km · ${r.reaches}`, {
            fontFamily: "system-ui, sans-serif",
            fontSize: current ? "12px" : "11px",
            fontStyle: current ? "bold" : "normal",
            color: "#7A3A00",
            backgroundColor: "rgba(246, 243, 234, 0.85)",
            padding: { x: 3, y: 1 },
          })
          .setOrigin(0, 0.5)
          .setDepth(4);
        this.ringTexts.push(text);
      }
    }
    this.opts.onRings(notes);
  }

  drawFlows(time: number): void {
    const g = this.flowG;
    g.clear();
    // Thick flows first, so thin ones stay visible on top.
    const order = [...this.shapes].sort((a, b) => b.flow.official - a.flow.official);
    for (const s of order) {
      const style = styleOf(s.flow.commodity);
      const vol = this.shown.get(s.flow.id) ?? { official: s.flow.official, illicit: s.flow.illicit ?? 0 };
      const w = flowWidth(vol.official);
      const colour = hex(style.colour);
      const focused = this.focused === s.flow.id;
      const body = s.body;
      if (body.total < 4) continue;
      const headLen = 5 + w * 0.9;
      const shaft = subPath(body, 0, body.total - headLen * 0.8);

      // Casing for contrast with the ground; a dark outline for the light fuel colour.
      g.lineStyle(w + (focused ? 5 : 2.5), style.outline ? hex(style.outline) : 0xf7f5ef, focused ? 1 : 0.9);
      stroke(g, shaft);
      g.lineStyle(w, colour, 1);
      if (style.dotted) dashed(g, toPath(shaft), 2.5, 3.5, 0);
      else stroke(g, shaft);

      // Travelling dash: speed grows with volume.
      const speed = 14 + Math.sqrt(vol.official) * 1.6;
      g.lineStyle(Math.max(1, w * 0.35), hex(style.dash), 0.55);
      dashed(g, toPath(shaft), 5, 13, (time / 1000) * speed);

      // Arrowhead.
      const end = pointAt(body, body.total);
      const [ex, ey] = end.pt;
      const [ux, uy] = end.dir;
      const half = 3 + w * 0.75;
      const bx = ex - ux * headLen;
      const by = ey - uy * headLen;
      g.fillStyle(style.outline ? hex(style.outline) : 0x333333, 1);
      g.fillTriangle(
        ex + ux * 1.5,
        ey + uy * 1.5,
        bx - uy * (half + 1.2),
        by + ux * (half + 1.2),
        bx + uy * (half + 1.2),
        by - ux * (half + 1.2),
      );
      g.fillStyle(colour, 1);
      g.fillTriangle(ex, ey, bx - uy * half, by + ux * half, bx + uy * half, by - ux * half);

      // Illicit part: dashed, beside the official line (only where the viewer knows of it).
      if (s.illicit && vol.illicit > 0.5) {
        const wi = flowWidth(vol.illicit);
        const ill = toPath(subPath(s.illicit, 2, s.illicit.total - headLen));
        g.lineStyle(wi + 2, 0xf7f5ef, 0.8);
        dashed(g, ill, 7, 5, this.reduced ? 0 : (time / 1000) * speed);
        g.lineStyle(wi, colour, 0.95);
        dashed(g, ill, 7, 5, this.reduced ? 0 : (time / 1000) * speed);
      }

      // A bar across a flow cut by sanctions enforcement.
      if (s.flow.official < s.flow.base) {
        const mid = pointAt(body, body.total * 0.45);
        const half2 = w / 2 + 5;
        g.lineStyle(3, 0x1a1a1a, 1);
        g.lineBetween(
          mid.pt[0] - mid.dir[1] * half2,
          mid.pt[1] + mid.dir[0] * half2,
          mid.pt[0] + mid.dir[1] * half2,
          mid.pt[1] - mid.dir[0] * half2,
        );
      }
    }
  }
}

/** Creates the Phaser game inside `parent` (which it fills). */
export function mountMap(parent: HTMLElement, opts: MapOptions): MapController {
  const scene = new MapScene();
  scene.opts = opts;
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: COLOURS.sea,
    banner: false,
    audio: { noAudio: true },
    scale: {
      mode: Phaser.Scale.RESIZE,
      parent,
      width: Math.max(1, parent.clientWidth),
      height: Math.max(1, parent.clientHeight),
    },
    scene,
  });
  return {
    setView(view) {
      if (scene.created) scene.setView(view);
      else scene.pendingView = view;
    },
    destroy() {
      game.destroy(true);
    },
  };
}
