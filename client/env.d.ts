/** The trimmed Natural Earth topology of the region (vite.config.ts, plugin "region-atlas"). */
declare module "virtual:region-atlas" {
  const url: string;
  export default url;
}

/** shared/protocol.ts's PRESETS and BOT_PERSONALITIES, inlined at build time (vite.config.ts). */
declare const __PRESETS__: typeof import("../shared/protocol.js").PRESETS;
declare const __BOT_PERSONALITIES__: typeof import("../shared/protocol.js").BOT_PERSONALITIES;
