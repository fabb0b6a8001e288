import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api/errors.ts';
import type { PrunePreview } from '../../../shared/domain/disk-usage.ts';
import type { Core } from '../../core/app.ts';
import type { CliContext } from '../command.ts';
import prune from './prune.ts';

// A fake core: the dispatcher answers prune calls from a canned preview (the real engine is covered
// by core/system/prune.int.test.ts); these tests are about what the command prints and refuses.
const preview: PrunePreview = {
  scope: 'volumes',
  items: [{ target: 'volumes', id: 'old-data', name: 'old-data', size: 2_500_000 }],
  bytes: 2_500_000,
};

function context(args: string[], flags: CliContext['flags']) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk) => (out += chunk));
  const calls: string[] = [];
  const core = {
    dispatcher: {
      invoke: async (method: string): Promise<Envelope<unknown>> => {
        calls.push(method);
        return method === 'system.prunePreview'
          ? { ok: true, value: preview }
          : { ok: true, value: { scope: 'volumes', removed: [{ target: 'volumes', id: 'old-data', name: 'old-data' }], bytesReclaimed: 2_500_000 } };
      },
    },
  } as unknown as Core;
  const ctx: CliContext = { args, flags, io: { stdout, stderr, env: {} }, core: async () => core, signal: new AbortController().signal };
  return { ctx, output: () => out, calls };
}

describe('benchtop prune', () => {
  it('--dry-run prints what would go and the bytes, and removes nothing', async () => {
    const { ctx, output, calls } = context(['volumes'], { 'dry-run': true });
    expect(await prune.run(ctx)).toBe(0);
    expect(output()).toContain('old-data');
    expect(output()).toContain('1 item, 2.5 MB');
    expect(calls).toEqual(['system.prunePreview']);
  });

  it('refuses to prune without a terminal unless --force', async () => {
    const { ctx, calls } = context(['volumes'], {});
    await expect(prune.run(ctx)).rejects.toThrow('--force');
    expect(calls).toEqual(['system.prunePreview']);
  });

  it('--force prunes and says what it reclaimed', async () => {
    const { ctx, output } = context(['volumes'], { force: true });
    expect(await prune.run(ctx)).toBe(0);
    expect(output()).toContain('removed volume old-data');
    expect(output()).toContain('Reclaimed 2.5 MB (1 removed)');
  });

  it('names the valid scopes for an unknown one', async () => {
    await expect(prune.run(context(['everything'], {}).ctx)).rejects.toThrow('containers|images|volumes|networks|build-cache|all');
  });
});
