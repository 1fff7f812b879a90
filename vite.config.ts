import fs from "node:fs";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import { BOT_PERSONALITIES, PRESETS } from "./shared/protocol.js";

/**
 * The browser client. The lobby (client/main.ts) is the first entry; the game screen, Phaser and
 * the map data load lazily with `import()` after a player joins, so they land in their own chunks.
 * `bench.html` is the frame-time benchmark page (scripts/bench-frames.mjs).
 */

/** Lon/lat box of what the map can ever show (the frame plus room for tall and wide screens). */
const ATLAS_BOX = { west: 88, east: 170, south: 4, north: 66 } as const;

interface Topo {
  type: "Topology";
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: { countries: { type: string; geometries: { id?: string; arcs: unknown; type: string }[] } };
  bbox?: number[];
}

/**
 * world-atlas's countries-50m.json is the whole world (236 KB gzip). This keeps the countries that
 * reach into the box, drops every arc they do not use, and clamps points outside the box onto its
 * edge (then drops the repeats). Clamping is the nearest-point projection onto the box, so what the
 * box shows is unchanged; only the far side of Russia and China collapses onto the edge.
 */
export function regionTopology(world: Topo): Topo {
  const { scale, translate } = world.transform;
  const decoded = world.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]): [number, number] => {
      x += dx;
      y += dy;
      return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
    });
  });
  const inBox = ([lon, lat]: [number, number]) =>
    lon >= ATLAS_BOX.west && lon <= ATLAS_BOX.east && lat >= ATLAS_BOX.south && lat <= ATLAS_BOX.north;
  const arcsOf = (a: unknown, out: number[] = []): number[] => {
    if (Array.isArray(a))
      for (const x of a) typeof x === "number" ? out.push(x < 0 ? ~x : x) : arcsOf(x, out);
    return out;
  };
  const geometries = world.objects.countries.geometries.filter((g) =>
    arcsOf(g.arcs).some((i) => decoded[i]?.some(inBox)),
  );
  const used = [...new Set(geometries.flatMap((g) => arcsOf(g.arcs)))].sort((a, b) => a - b);
  const remap = new Map(used.map((old, i) => [old, i]));
  const reindex = (a: unknown): unknown =>
    Array.isArray(a)
      ? a.map((x) => (typeof x === "number" ? (x < 0 ? ~remap.get(~x)! : remap.get(x)!) : reindex(x)))
      : a;
  const q = (v: number, i: 0 | 1) => Math.round((v - translate[i]) / scale[i]);
  const arcs = used.map((i) => {
    const out: [number, number][] = [];
    let px = 0;
    let py = 0;
    let last = "";
    for (const [lon, lat] of decoded[i]!) {
      const x = q(Math.min(ATLAS_BOX.east, Math.max(ATLAS_BOX.west, lon)), 0);
      const y = q(Math.min(ATLAS_BOX.north, Math.max(ATLAS_BOX.south, lat)), 1);
      const key = `${x},${y}`;
      if (key === last) continue;
      last = key;
      out.push([x - px, y - py]);
      px = x;
      py = y;
    }
    // An arc needs two points; a fully clamped one keeps its (equal) ends.
    if (out.length < 2) out.push([0, 0]);
    return out;
  });
  return {
    type: "Topology",
    transform: world.transform,
    arcs,
    objects: {
      countries: {
        ...world.objects.countries,
        geometries: geometries.map((g) => ({ ...g, arcs: reindex(g.arcs) })),
      },
    },
  };
}

/** `import atlasUrl from "virtual:region-atlas"`: the URL of the trimmed topology (a JSON asset). */
function regionAtlas(): Plugin {
  const id = "virtual:region-atlas";
  const resolved = `\0${id}`;
  let json = "";
  const source = () => {
    if (!json) {
      const world = JSON.parse(
        fs.readFileSync(path.resolve("node_modules/world-atlas/countries-50m.json"), "utf8"),
      ) as Topo;
      json = JSON.stringify(regionTopology(world));
    }
    return json;
  };
  let serve = false;
  return {
    name: "region-atlas",
    configResolved(c) {
      serve = c.command === "serve";
    },
    resolveId: (s) => (s === id ? resolved : null),
    load(s) {
      if (s !== resolved) return null;
      if (serve) return `export default "/@region-atlas.json";`;
      const ref = this.emitFile({ type: "asset", name: "region-atlas.json", source: source() });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    configureServer(server) {
      server.middlewares.use("/@region-atlas.json", (_req, res) => {
        res.setHeader("content-type", "application/json");
        res.end(source());
      });
    },
  };
}

/**
 * Phaser's full build is ~355 KB gzip; its "core" entry (no physics, no sound, no tilemaps, no
 * particles) is ~200 KB and has everything the map uses (Scene, Graphics, Image, Text, canvas
 * textures, input, scale). Its sources test these build flags with `typeof`.
 */
const PHASER_FLAGS = {
  "typeof CANVAS_RENDERER": "false",
  "typeof WEBGL_RENDERER": "true",
  "typeof WEBGL_DEBUG": "false",
  "typeof FEATURE_SOUND": "false",
  // A few Phaser sources read Node's `global` (webpack provides it).
  global: "globalThis",
};

/**
 * The lobby needs the presets and bot personalities of shared/protocol.ts, but importing that module
 * would bring zod (26 KB gzip) into the lobby: the values are read here, at build time, instead.
 */
const LOBBY_CONSTANTS = {
  __PRESETS__: JSON.stringify(PRESETS),
  __BOT_PERSONALITIES__: JSON.stringify(BOT_PERSONALITIES),
};

export default defineConfig({
  root: "client",
  plugins: [regionAtlas()],
  resolve: {
    alias: [{ find: /^phaser$/, replacement: path.resolve("node_modules/phaser/src/phaser-core.js") }],
  },
  define: { ...PHASER_FLAGS, ...LOBBY_CONSTANTS },
  optimizeDeps: { rolldownOptions: { transform: { define: PHASER_FLAGS } } },
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      input: {
        index: path.resolve("client/index.html"),
        bench: path.resolve("client/bench.html"),
        teacher: path.resolve("client/teacher.html"),
        control: path.resolve("client/control.html"),
        debrief: path.resolve("client/debrief.html"),
      },
      output: {
        codeSplitting: {
          groups: [
            { name: "phaser", test: /node_modules[\\/]phaser[\\/]/ },
            { name: "charts", test: /node_modules[\\/]uplot[\\/]/ },
          ],
        },
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
