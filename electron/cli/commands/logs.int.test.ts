import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../core/api/dispatcher.ts';
import { streamContainerLogs } from '../../core/logs/stream-logs.ts';
import { testEngine } from '../../core/logs/test-support/busybox.ts';
import type { CliContext } from '../command.ts';
import logs from './logs.ts';
import { runCommand } from './test-support.ts';

const engine = testEngine();
afterAll(() => engine.removeAll());

function run(args: string[], flags: CliContext['flags'] = {}) {
  const handlers = { 'containers.logs': (input, sink, signal) => streamContainerLogs(engine.docker, input, sink, signal) } as Pick<Handlers, 'containers.logs'>;
  return runCommand(logs, createDispatcher(handlers as Handlers, { validateOutputs: true }), args, flags);
}

describe('benchtop logs (real engine)', () => {
  it('prints the last N lines of a container, stderr on stderr', async () => {
    // The pause keeps the engine's two log copiers (stdout, stderr) from reordering the last lines under load.
    const c = await engine.runToEnd('seq 1 50; sleep 1; echo problem >&2');
    const all = await run([c.id]);
    expect(all.code).toBe(0);
    expect(all.out).toBe(Array.from({ length: 50 }, (_, i) => `${i + 1}\n`).join(''));
    expect(all.err).toBe('problem\n');
    const tail = await run([c.id], { tail: '3' });
    // The engine keeps stdout and stderr in one history; the last 3 lines are 49, 50 and "problem".
    expect(tail.out).toBe('49\n50\n');
    expect(tail.err).toBe('problem\n');
  });

  it('fails with exit code 1 and one line for an unknown container', async () => {
    const result = await run(['benchtop-no-such-container']);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^No container named "benchtop-no-such-container" exists[^\n]*$/);
  });
});
