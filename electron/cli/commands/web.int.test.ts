import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../core/store/database.ts';
import { WEB_PORT_SETTING } from '../../webhost/remembered-port.ts';

// The whole `benchtop web` command in this process, against a real home (SQLite settings) and real sockets.
const home = mkdtempSync(join(tmpdir(), 'benchtop-cli-web-home-'));
const renderer = mkdtempSync(join(tmpdir(), 'benchtop-cli-web-ui-'));
mkdirSync(renderer, { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Benchtop</title>');
process.env.BENCHTOP_RENDERER_DIR = renderer;
const { runCliCaptured } = await import('./test-support.ts');

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(renderer, { recursive: true, force: true });
});

/** Starts `benchtop web ARGS`, waits for its URL, then stops it (as Ctrl-C does); what it printed. */
async function serveOnce(args: string[]): Promise<{ port: number; out: string; err: string; code: number }> {
  const stop = new AbortController();
  const env = { ...process.env, BENCHTOP_HOME: home };
  const running = runCliCaptured(['web', ...args], env, stop.signal);
  // runCliCaptured hands the output over at the end: wait until the port is saved (or given), then stop it.
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    const store = openStore(join(home, 'benchtop.db'));
    const saved = store.getSetting(WEB_PORT_SETTING);
    store.db.close();
    if (typeof saved === 'number' || args.includes('--port')) {
      // Give the command time to print after saving.
      await new Promise((r) => setTimeout(r, 300));
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500));
  stop.abort();
  const result = await running;
  const match = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=/.exec(result.out);
  return { port: match ? Number(match[1]) : 0, out: result.out, err: result.err, code: result.code };
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('benchtop web keeps its port', () => {
  it('saves the first free port, reuses it, lets --port win, and falls back precisely when it is taken', async () => {
    const first = await serveOnce([]);
    expect(first.code).toBe(0);
    expect(first.port).toBeGreaterThan(0);
    expect(first.out).toContain(`Chose port ${first.port} and saved it (setting ${WEB_PORT_SETTING})`);

    const second = await serveOnce([]);
    expect(second.port).toBe(first.port);
    expect(second.out).not.toContain('Chose port');

    // --port wins, and is remembered.
    const blocker = await occupy(0);
    const chosen = (blocker.address() as { port: number }).port;
    await new Promise<void>((r) => blocker.close(() => r()));
    const third = await serveOnce(['--port', String(chosen)]);
    expect(third.port).toBe(chosen);
    expect((await serveOnce([])).port).toBe(chosen);

    // The saved port taken: a warning naming it and the setting, a free port this time, the setting kept.
    const taken = await occupy(chosen);
    try {
      const fallback = await serveOnce([]);
      expect(fallback.code).toBe(0);
      expect(fallback.port).not.toBe(chosen);
      expect(fallback.err).toContain(`warning: port ${chosen} (saved in this home's settings as ${WEB_PORT_SETTING}) is taken by another program; serving on port ${fallback.port} instead, this time only.`);
      const store = openStore(join(home, 'benchtop.db'));
      expect(store.getSetting(WEB_PORT_SETTING)).toBe(chosen);
      store.db.close();
      // A --port that is taken is an error, not a silent move.
      const refused = await serveOnce(['--port', String(chosen)]);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toContain(`Port ${chosen} is taken by another program`);
    } finally {
      await new Promise<void>((r) => taken.close(() => r()));
    }
  }, 240_000);
});
