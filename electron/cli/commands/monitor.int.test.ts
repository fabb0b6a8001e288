/**
 * `benchtop monitor` through the whole CLI on a temporary BENCHTOP_HOME (real SQLite, real files):
 * report --json / --html, a Parquet file (written by the real pandas/pyarrow peer) read like its CSV,
 * add + run exiting non-zero on an alert (for CI), ls and show.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerPython } from '../../core/monitoring/python-peer.ts';
import { writeCreditCsv } from '../../core/monitoring/test-data.ts';
import { runCliCaptured } from './test-support.ts';

describe('benchtop monitor', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'benchtop-monitor-cli-'));
    env = { ...process.env, BENCHTOP_HOME: home };
    writeCreditCsv(join(home, 'reference.csv'), 800, 1);
    writeCreditCsv(join(home, 'shifted.csv'), 600, 3, 0.6);
    writeFileSync(join(home, 'bad.csv'), 'income,age,plan,region\n' + Array.from({ length: 40 }, (_, i) => `${i % 7 === 0 ? 'n/a' : 50 + i},${30 + i},basic,north`).join('\n') + '\n');
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('report --json prints reference/current rows, driftShare, datasetDrifted and per-column details', async () => {
    const { code, out } = await runCliCaptured(['monitor', 'report', '--reference', join(home, 'reference.csv'), '--current', join(home, 'shifted.csv'), '--json'], env);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.reference.rows).toBe(800);
    expect(report.current.rows).toBe(600);
    expect(report.driftShare).toBe(0.75);
    expect(report.datasetDrifted).toBe(true);
    const income = report.columns.find((c: { name: string }) => c.name === 'income');
    expect(Object.keys(income)).toEqual(expect.arrayContaining(['name', 'kind', 'test', 'statistic', 'pValue', 'effectSize', 'psi', 'threshold', 'drifted', 'refusal']));
    expect(income).toMatchObject({ kind: 'numerical', test: 'ks', threshold: 0.05, drifted: true, refusal: null });
    expect(report.columns.find((c: { name: string }) => c.name === 'plan')).toMatchObject({ kind: 'binary', test: 'ztest' });
    expect(report.columns.find((c: { name: string }) => c.name === 'region')).toMatchObject({ kind: 'categorical', test: 'chisquare', drifted: false });
  });

  it('report --html writes one self-contained file; the table form names non-numeric values', async () => {
    const html = join(home, 'report.html');
    const { code, out } = await runCliCaptured(['monitor', 'report', '--reference', join(home, 'reference.csv'), '--current', join(home, 'bad.csv'), '--html', html], env);
    expect(code).toBe(0);
    expect(out).toContain('! income: 6 non-numeric values in the current data ("n/a"), left out');
    const text = readFileSync(html, 'utf8');
    expect(text).toMatch(/^<!doctype html>/);
    expect(text).toContain('<svg');
    expect(text).not.toMatch(/<script|src=|href=/);
  });

  it.skipIf(!peerPython())('reads Parquet as it reads CSV', async () => {
    const parquet = join(home, 'shifted.parquet');
    execFileSync(peerPython() as string, ['-c', `import pandas as pd; pd.read_csv(${JSON.stringify(join(home, 'shifted.csv'))}).to_parquet(${JSON.stringify(parquet)})`]);
    const fromCsv = JSON.parse((await runCliCaptured(['monitor', 'report', '--reference', join(home, 'reference.csv'), '--current', join(home, 'shifted.csv'), '--json'], env)).out);
    const fromParquet = JSON.parse((await runCliCaptured(['monitor', 'report', '--reference', join(home, 'reference.csv'), '--current', parquet, '--json'], env)).out);
    expect(fromParquet.current.rows).toBe(600);
    for (const [i, column] of fromCsv.columns.entries()) {
      expect(fromParquet.columns[i]).toMatchObject({ name: column.name, test: column.test, drifted: column.drifted });
      expect(fromParquet.columns[i].statistic).toBeCloseTo(column.statistic, 12);
    }
  });

  it('add + run: an alert exits 1 (CI), ls and show list it; bad input exits 2 with the reason', async () => {
    const file = join(home, 'credit.yaml');
    writeFileSync(file, `name: credit\nreference: { kind: file, path: ${join(home, 'reference.csv')} }\ncurrent: { kind: file, path: ${join(home, 'shifted.csv')} }\nschedule: { cron: "0 * * * *" }\n`);
    expect((await runCliCaptured(['monitor', 'add', file], env)).out).toMatch(/^saved monitor credit, next run /);
    const run = await runCliCaptured(['monitor', 'run', 'credit'], env);
    expect(run.code).toBe(1);
    expect(run.out).toContain('ALERT drift in 3 of 4 columns');
    const ls = await runCliCaptured(['monitor', 'ls'], env);
    expect(ls.out).toMatch(/credit\s+.*shifted\.csv\s+0 \* \* \* \*\s+alert\s+0\.75/);
    const show = await runCliCaptured(['monitor', 'show', 'credit', '--json'], env);
    expect(JSON.parse(show.out).results).toHaveLength(1);
    const missing = await runCliCaptured(['monitor', 'report', '--reference', join(home, 'nope.csv'), '--current', join(home, 'shifted.csv')], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.csv does not exist');
    const usage = await runCliCaptured(['monitor', 'report', '--reference', join(home, 'reference.csv')], env);
    expect(usage.code).toBe(2);
    expect(existsSync(join(home, 'benchtop.db'))).toBe(true);
  });

  it('add reads a relative file path from the monitor file\'s folder, whatever the terminal\'s folder', async () => {
    const file = join(home, 'relative.yaml');
    writeFileSync(file, 'name: relative\nreference: { kind: file, path: reference.csv }\ncurrent: { kind: file, path: ./shifted.csv }\n');
    const added = await runCliCaptured(['monitor', 'add', file, '--json'], env);
    expect(added.code).toBe(0);
    const saved = JSON.parse(added.out);
    expect(saved.spec.reference.path).toBe(join(home, 'reference.csv'));
    expect(saved.spec.current.path).toBe(join(home, 'shifted.csv'));
    const missing = join(home, 'missing.yaml');
    writeFileSync(missing, 'name: missing\nreference: { kind: file, path: nope.csv }\ncurrent: { kind: file, path: shifted.csv }\n');
    const refused = await runCliCaptured(['monitor', 'add', missing], env);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain(`the reference file ${join(home, 'nope.csv')} does not exist`);
  });
});
