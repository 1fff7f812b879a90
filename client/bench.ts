/**
 * Frame-time benchmark (scripts/bench-frames.mjs): the real map with 60 animated flows built from
 * the engine's opening view (the scenario's flows, repeated with varied volumes), no server. It
 * measures for a few seconds after the map is ready and prints the median and 95th-percentile
 * frame time, both as the interval between frames and as the time Phaser spends per step.
 */
import { newGame } from "../shared/scenario.js";
import type { FlowView } from "../shared/view.js";
import { viewFor } from "../shared/view.js";
import { mountMap } from "./game/map.js";
import { initI18n } from "./i18n/index.js";

const FLOWS = 60;
const SECONDS = Number(new URLSearchParams(location.search).get("seconds") ?? 5);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

async function run(): Promise<void> {
  await initI18n("en");
  const view = viewFor(newGame({ gameId: "BENCH1", seed: 7 }), "CONTROL");
  const base = view.flows;
  const flows: FlowView[] = [];
  for (let i = 0; flows.length < FLOWS; i++) {
    const f = base[i % base.length]!;
    const k = 0.4 + ((i * 37) % 100) / 60;
    flows.push({
      ...f,
      id: `${f.id}-${i}`,
      official: Math.round(f.official * k),
      illicit: Math.round((f.illicit ?? 20) * k),
    });
  }
  const out = document.getElementById("result")!;
  const map = mountMap(document.getElementById("map")!, {
    onFlowFocus() {},
    onRings() {},
    onError(m) {
      out.textContent = `error: ${m}`;
    },
    fpsLimit: 0,
    onReady() {
      const intervals: number[] = [];
      let last = 0;
      const end = performance.now() + SECONDS * 1000;
      const frame = (now: number) => {
        if (last) intervals.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(frame);
        else {
          const s = [...intervals].sort((a, b) => a - b);
          const steps = (window as unknown as { __steps?: number[] }).__steps ?? [];
          const st = [...steps].sort((a, b) => a - b);
          const result = {
            flows: flows.length,
            frames: s.length,
            medianMs: +pct(s, 0.5).toFixed(2),
            p95Ms: +pct(s, 0.95).toFixed(2),
            stepMedianMs: +pct(st, 0.5).toFixed(2),
            stepP95Ms: +pct(st, 0.95).toFixed(2),
          };
          out.textContent = JSON.stringify(result);
          out.dataset.done = "1";
        }
      };
      requestAnimationFrame(frame);
    },
  });
  map.setView({ ...view, flows });
}

void run();
