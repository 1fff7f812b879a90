/** The trimmed Natural Earth topology of the region (vite.config.ts, plugin "region-atlas"). */
declare module "virtual:region-atlas" {
  const url: string;
  export default url;
}
