import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `benchtop tracking serve`, resolves with its two lines once printed; abort stops it. */
function serve(home: string, argv: string[]) {
  const controller = new AbortController();
  let out = '';
  let err = '';
  let printed: (lines: string[]) => void = () => {};
  const lines = new Promise<string[]>((resolve) => (printed = resolve));
  const io = {
    stdout: {
      write: (s: string) => {
        out += s;
        const got = out.split('\n').filter(Boolean);
        if (got.length >= 2) printed(got);
        return true;
      },
    } as unknown as NodeJS.WritableStream,
    stderr: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream,
    env: { ...process.env, BENCHTOP_HOME: home },
  };
  const exit = runCli(['tracking', 'serve', ...argv], io, controller.signal);
  return { lines, exit, stop: () => controller.abort(), output: () => ({ out, err }) };
}

describe('benchtop tracking serve', () => {
  it('prints exactly MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN, serves with that token, and a second serve of the same home reuses the first', async () => {
    const home = mkdtempSync(join(tmpdir(), 'benchtop-cli-tracking-'));
    homes.push(home);
    const port = await freePort();
    const first = serve(home, ['--port', String(port)]);
    const [uri, token] = await first.lines;
    expect(uri).toBe(`MLFLOW_TRACKING_URI=http://127.0.0.1:${port}`);
    expect(token).toMatch(/^MLFLOW_TRACKING_TOKEN=btk_[\w-]{43}$/);
    const response = await fetch(`http://127.0.0.1:${port}/api/2.0/mlflow/experiments/get-by-name?experiment_name=Default`, { headers: { authorization: `Bearer ${token.split('=')[1]}` } });
    expect(await response.json()).toMatchObject({ experiment: { experiment_id: '0', name: 'Default' } });

    // The same home again (no --port: the kept setting): it finds the first server and exits 0.
    const second = serve(home, []);
    expect(await second.exit).toBe(0);
    expect(second.output().out.split('\n').filter(Boolean)).toEqual([`MLFLOW_TRACKING_URI=http://127.0.0.1:${port}`, expect.stringMatching(/^MLFLOW_TRACKING_TOKEN=btk_/)]);
    expect(second.output().err).toMatch(/already serves/);
    const secondToken = second.output().out.split('\n')[1].split('=')[1];
    expect((await fetch(`http://127.0.0.1:${port}/api/2.0/mlflow/experiments/search`, { method: 'POST', headers: { authorization: `Bearer ${secondToken}` } })).status).toBe(200);

    first.stop();
    expect(await first.exit).toBe(0);
    expect(first.output().out.split('\n').filter(Boolean)).toHaveLength(2);
  }, 60_000);

  it('refuses anything but `serve`', async () => {
    const home = mkdtempSync(join(tmpdir(), 'benchtop-cli-tracking-'));
    homes.push(home);
    let err = '';
    const io = { stdout: { write: () => true } as unknown as NodeJS.WritableStream, stderr: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream, env: { BENCHTOP_HOME: home } };
    expect(await runCli(['tracking', 'start'], io, new AbortController().signal)).toBe(2);
    expect(err).toMatch(/benchtop tracking has no subcommand "start"\. It has serve/);
  });
});
