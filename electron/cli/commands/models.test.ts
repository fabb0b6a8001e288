import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from './test-support.ts';

// The real CLI on a temp BENCHTOP_HOME: sqlite and the content store for real; no engine needed.
const home = mkdtempSync(join(tmpdir(), 'benchtop-cli-models-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const benchtop = (...argv: string[]) => runCliCaptured(argv, { ...process.env, BENCHTOP_HOME: home });

function modelFolder(name: string, content: string): string {
  const dir = join(home, 'src', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.bin'), content);
  return dir;
}

describe('benchtop models / features / gc', { timeout: 60_000 }, () => {
  it('registers, lists, shows, moves aliases, searches, deletes and collects', async () => {
    writeFileSync(join(home, 'card.md'), '# Iris\nThe card.');
    expect(await benchtop('models', 'register', 'iris', modelFolder('a', 'AAAA'), '--alias', 'champion', '--metric', 'accuracy=0.91,loss=0.3', '--tag', 'team=vision', '--description', join(home, 'card.md'))).toEqual({
      code: 0,
      out: 'registered iris v1 (1 files, 4 B) as champion\n',
      err: '',
    });
    expect((await benchtop('models', 'register', 'iris', modelFolder('b', 'BB'), '--metric', 'accuracy=0.95')).code).toBe(0);

    const list = JSON.parse((await benchtop('models', 'ls', '--json')).out) as { name: string; versionCount: number; latestVersion: number; aliases: Record<string, number>; headline: { version: number } }[];
    expect(list).toMatchObject([{ name: 'iris', versionCount: 2, latestVersion: 2, aliases: { champion: 1 }, headline: { version: 1 } }]);

    const shown = await benchtop('models', 'show', 'iris', 'champion');
    expect(shown.out).toContain('iris v1  (champion)  4 B in 1 files');
    expect(shown.out).toContain('metrics  accuracy=0.91 loss=0.3');
    expect(shown.out).toContain('# Iris\nThe card.');

    expect((await benchtop('models', 'alias', 'iris', 'champion', '2')).out).toBe('iris@champion → v2\n');
    const found = JSON.parse((await benchtop('models', 'ls', '--filter', 'accuracy > 0.92', '--json')).out) as { version: number; aliases: string[] }[];
    expect(found.map((v) => [v.version, v.aliases])).toEqual([[2, ['champion']]]);
    expect(await benchtop('models', 'ls', '--filter', 'accuracy >> 1')).toEqual({ code: 2, out: '', err: 'benchtop: Filter "accuracy >> 1", column 11: Expected a value after ">".\n' });

    expect((await benchtop('models', 'delete', 'iris', '1')).out).toBe('deleted iris v1; run benchtop gc to free its files\n');
    expect((await benchtop('gc', '--dry-run')).out).toBe('would free 4 B in 1 files (1 trees, 1 deleted entries)\n');
    expect(JSON.parse((await benchtop('gc', '--json')).out)).toEqual({ dryRun: false, blobs: 1, bytes: 4, trees: 1, purged: 1 });
    expect(JSON.parse((await benchtop('gc', '--json')).out)).toEqual({ dryRun: false, blobs: 0, bytes: 0, trees: 0, purged: 0 });
  });

  it('fails with one line and the right exit code', async () => {
    expect(await benchtop('models', 'register', 'x', join(home, 'missing'))).toMatchObject({ code: 2, err: expect.stringMatching(/^benchtop: .*missing does not exist: give the path of a model file or folder on this machine\.\n$/) });
    expect(await benchtop('models', 'register', 'x', modelFolder('c', 'C'), '--metric', 'auc=high')).toEqual({ code: 2, out: '', err: 'benchtop: --metric auc=high: a metric is a number.\n' });
    expect(await benchtop('models', 'show', 'nope')).toEqual({ code: 1, out: '', err: 'benchtop: No model "nope": list models with benchtop models ls.\n' });
    expect(await benchtop('models', 'alias', 'iris', 'latest', '2')).toMatchObject({ code: 2, err: expect.stringContaining('reserved') });
    expect(await benchtop('features', 'show', 'nope')).toEqual({ code: 1, out: '', err: 'benchtop: No feature set "nope": list them with benchtop features ls.\n' });
    expect((await benchtop('features', '--json')).out).toBe('[]\n');
  });
});
