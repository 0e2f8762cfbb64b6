import { defineConfig } from 'vite';

/**
 * The web UI, built into web/dist and served by the Nest process at `/`. No React plugin: Vite's
 * esbuild compiles TSX with the automatic runtime (no fast refresh needed for a build-only UI).
 * ECharts is only ever imported dynamically, so it lands in its own chunk.
 */
export default defineConfig({
  root: __dirname,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
    manifest: true,
    rollupOptions: {
      // antd marks its modules "use client" (for React Server Components); meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
