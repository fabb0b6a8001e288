#!/usr/bin/env node
// Runs the CLI on Node 24 (it loads TypeScript directly). On an older Node, re-runs itself with the
// Node 24 that the project pins in node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
const entry = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
if (major >= 24) {
  const { main } = await import(entry);
  await main();
} else {
  const pinned = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    process.stderr.write(`benchtop: needs Node 24 or newer (this is ${process.version}); run \`npm install\` in the Benchtop folder first.\n`);
    process.exit(1);
  }
  // Ctrl-C reaches both processes: the child cancels and exits 130; this one waits for it.
  process.on('SIGINT', () => {});
  const result = spawnSync(pinned, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? (result.signal === 'SIGINT' ? 130 : 1));
}
