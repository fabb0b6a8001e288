// Lint keeps the layers honest (docs/ARCHITECTURE.md §1): each folder may import only what its layer allows.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'util', 'events', 'worker_threads', 'zlib'];
const banned = (groups, message, allowTypeImports = false) => ({ group: groups, message, allowTypeImports });

const layer = (files, patterns, paths = []) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', '.venv-peers/**', '.whl/**', 'dist/**', 'e2e/screenshots/**', 'e2e/results/**', 'test-results/**', 'out/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Node runs our TypeScript by stripping types: use a union of literals.' }],
    },
  },
  layer(['shared/**/*.ts'], [
    banned(nodeBuiltins, 'shared/ runs in the renderer too: no Node built-ins.'),
    banned(['electron', 'dockerode', 'ws', 'react', 'react-dom', '**/electron/**', '**/renderer/**'], 'shared/ is pure TypeScript for both sides: itself and pure npm libraries (zod, yaml, croner, jsonc-parser), never the Electron side, the renderer, React, Docker or sockets.'),
  ]),
  layer(['renderer/**/*.{ts,tsx}'], [
    banned(nodeBuiltins, 'The renderer knows nothing of Node: go through the API contract.'),
    banned(['electron', 'dockerode', 'ws', '**/electron/**'], 'The renderer imports shared/ only; the contract is the only bridge.'),
  ]),
  layer(['electron/core/**/*.ts'], [
    banned(['electron'], 'The core is plain Node: `import type` from electron at most.', true),
    banned(['**/main/**', '**/preload/**', '**/webhost/**', '**/cli/**', '**/renderer/**'], 'The core knows no transport and no screen.'),
  ]),
  layer(['electron/webhost/**/*.ts', 'electron/cli/**/*.ts'], [
    banned(['electron'], 'The web host and the CLI run without Electron.', true),
    banned(['**/main/**', '**/preload/**', '**/renderer/**'], 'The web host and the CLI use core/ and shared/ only.'),
  ]),
  layer(['electron/main/**/*.ts', 'electron/preload/**/*.ts'], [
    banned(['**/renderer/**', '**/webhost/**', '**/cli/**'], 'The Electron shell hosts the core; it does not reach into other transports or the UI.'),
  ]),
);
