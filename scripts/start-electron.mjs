#!/usr/bin/env node
// Starts the desktop app from the project folder (package.json main = dist/electron/main.cjs).
// The Electron binary is downloaded on first use (npm blocks electron's install script); where
// that is impossible, say so in one line and point at the web host instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const pathFile = path.join(electronDir, 'path.txt');

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (!existsSync(path.join(electronDir, 'package.json'))) fail('Electron is not installed: run `npm install` first.');
if (!existsSync(path.join(root, 'dist', 'electron', 'main.cjs'))) fail('The app is not built: run `npm run build` (or `npm start`, which builds first).');

function binaryPath() {
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  return relative ? path.join(electronDir, 'dist', relative) : null;
}

let binary = binaryPath();
if (!binary || !existsSync(binary)) {
  console.error('Downloading the Electron binary (first start)…');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  binary = binaryPath();
  if (result.status !== 0 || !binary || !existsSync(binary)) {
    const reason = (result.stderr || result.error?.message || '').split('\n').find((line) => line.trim()) ?? 'unknown error';
    fail(`Could not download the Electron binary (${reason.trim().slice(0, 160)}); run \`npm run web\` to use Benchtop in a browser instead.`);
  }
}

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => fail(`Could not start Electron: ${error.message}`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
