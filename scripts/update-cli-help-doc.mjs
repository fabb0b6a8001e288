// Rewrites the 80-column `benchtop help` pasted in electron/cli/README.md (help.test.ts checks it).
// Run after adding or changing a command: node_modules/.bin/node scripts/update-cli-help-doc.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
const readme = fileURLToPath(new URL('../electron/cli/README.md', import.meta.url));
const help = execFileSync(process.execPath, [cli, 'help'], { env: { ...process.env, COLUMNS: '80', NO_COLOR: '1' }, encoding: 'utf8' });
const text = readFileSync(readme, 'utf8');
const updated = text.replace(/```text\n[\s\S]*?```/, () => '```text\n' + help + '```');
writeFileSync(readme, updated);
console.log(updated === text ? 'electron/cli/README.md: help already current' : 'electron/cli/README.md: help updated');
