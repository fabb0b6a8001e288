import { defineConfig } from 'vite';

/**
 * The renderer bundle. It is served at the root of app://benchtop/ in Electron and of
 * http://127.0.0.1:PORT/ by the web host, and every view has its own path (/runs/ID/steps/STEP),
 * so asset URLs are absolute from the root (base '/'): a relative './assets/…' would resolve
 * under /runs/ID/ on a reload there.
 * The CSP is `script-src 'self'`: the build must emit no inline script.
 */
export default defineConfig({
  // This file runs in Node, but the renderer folder imports nothing from Node: Vite sets import.meta.dirname.
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  // Vite 8 transforms TSX with oxc; the automatic runtime imports react/jsx-runtime itself.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    // Relative to root.
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2023',
    // The polyfill would be bundled anyway, but modern Chromium does not need it.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      onLog(level, log, handler) {
        // React Query ships "use client" directives, meaningless in a client-only bundle.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: { host: '127.0.0.1' },
});
