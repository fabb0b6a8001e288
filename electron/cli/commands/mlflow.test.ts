import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';

const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/mlflow/', import.meta.url));
const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function newHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'benchtop-cli-mlflow-'));
  homes.push(home);
  return home;
}

async function cli(home: string, args: string[], options: { abortOnOutput?: boolean } = {}): Promise<{ code: number; out: string; err: string }> {
  const controller = new AbortController();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (options.abortOnOutput) controller.abort();
  });
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(args, { stdout, stderr, env: { ...process.env, BENCHTOP_HOME: home } }, controller.signal);
  return { code, out, err };
}

const runCount = (home: string) => {
  const db = new DatabaseSync(join(home, 'benchtop.db'), { readOnly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM mlflow_runs').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('benchtop mlflow', () => {
  it('imports, says nothing changed the second time, prints --json, and exports', async () => {
    const home = newHome();
    const source = join(FIXTURES, 'countryguess-2x-registry-aliases', 'mlruns');
    const first = await cli(home, ['mlflow', 'import', source]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/runs\s+2 added\s+0 updated\s+0 unchanged/);
    expect(first.out).toMatch(/model versions\s+2 added/);
    const again = await cli(home, ['mlflow', 'import', source, '--json']);
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.out) as { runs: unknown; versions: unknown; metricPointsAdded: number };
    expect(summary.runs).toEqual({ added: 0, updated: 0, unchanged: 2 });
    expect(summary.versions).toEqual({ added: 0, updated: 0, unchanged: 2 });
    expect(summary.metricPointsAdded).toBe(0);
    const out = join(home, 'export');
    const exported = await cli(home, ['mlflow', 'export', out]);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('Exported 2 experiments, 2 runs');
    expect(readFileSync(join(out, 'models', 'triplet_model', 'aliases', 'champion'), 'utf8')).toBe('1');
    const refused = await cli(home, ['mlflow', 'export', out]);
    expect(refused).toMatchObject({ code: 1, err: `benchtop: ${out} is not empty: export into a new or empty folder (nothing was written).\n` });
  });

  it('fails with one line and exit 2 on bad input or usage, writing nothing', async () => {
    const home = newHome();
    const bad = join(home, 'mlflow.db');
    writeFileSync(bad, 'hello');
    const result = await cli(home, ['mlflow', 'import', bad]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`benchtop: ${bad} is not an SQLite database (its first bytes are not "SQLite format 3"). Name MLflow's mlflow.db file or an mlruns folder.\n`);
    expect((await cli(home, ['mlflow', 'import'])).code).toBe(2);
    expect((await cli(home, ['mlflow', 'sync', bad])).code).toBe(2);
    expect(runCount(home)).toBe(0);
  });

  it('Ctrl-C during the import cancels it (exit 130) before anything is written', async () => {
    const home = newHome();
    const result = await cli(home, ['mlflow', 'import', join(FIXTURES, 'pycaret-1x-spaced-keys', 'mlruns')], { abortOnOutput: true });
    expect(result.code).toBe(130);
    expect(result.err).toContain('import cancelled');
    expect(runCount(home)).toBe(0);
  });
});
