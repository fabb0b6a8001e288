#!/usr/bin/env node
// Bundles Electron main and the preload with esbuild:
//   electron/main/index.ts    -> dist/electron/main.cjs     (CommonJS, Node 24, `electron` external)
//   electron/preload/index.ts -> dist/electron/preload.cjs  (ONE CommonJS file: sandboxed preloads cannot load ESM or require our files)
// Fuses are applied only when packaging (electron-builder.yml), so test builds keep the inspect fuse on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

// Runtime dependencies stay in node_modules (electron-builder ships production dependencies), except
// ESM-only ones that a CommonJS bundle cannot `require` with a usable default export: bundle those.
const BUNDLED_DEPENDENCIES = new Set(['electron-store']);
const external = ['electron', ...Object.keys(pkg.dependencies ?? {}).filter((name) => !BUNDLED_DEPENDENCIES.has(name))];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const started = Date.now();
await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'dist/electron/main.cjs',
    external,
    // ESM sources (ours and bundled packages) may read import.meta.url; give them the bundle's own URL.
    define: { 'import.meta.url': '__benchtop_import_meta_url' },
    banner: { js: 'const __benchtop_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist/electron/preload.cjs',
    external: ['electron'],
    platform: 'browser',
    target: 'chrome140',
  }),
]);
console.log(`built dist/electron/main.cjs and dist/electron/preload.cjs in ${Date.now() - started} ms`);
