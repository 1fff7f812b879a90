import { defineConfig } from "vite";

/**
 * The browser client. The lobby (client/main.ts) is the only entry; the game screen, Phaser and
 * the map data load lazily with `import()` after a player joins, so they land in their own chunks.
 */
export default defineConfig({
  root: "client",
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: "phaser", test: /node_modules[\\/]phaser[\\/]/ }],
        },
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
