/**
 * Parity with Evidently (the real evidently 0.7.23 from .venv-peers, as a child process): the same
 * reference and current CSV files give the same per-column test, the same drift verdicts and the
 * same dataset verdict as its default DataDriftPreset, on 10 seeded cases around the 1,000-row switch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDriftReport } from '../../../shared/monitoring/drift-report.ts';
import { readCsvFrame } from './csv-frame.ts';
import { peerPython, runPeer } from './python-peer.ts';

interface EvidentlyCase {
  case: number;
  referenceRows: number;
  currentRows: number;
  reference: string;
  current: string;
  columns: Record<string, { test: string; score: number; threshold: number; drifted: boolean }>;
  share: number;
  datasetDrifted: boolean;
}

const python = peerPython();

describe.skipIf(!python)('drift verdicts agree with Evidently DataDriftPreset', () => {
  const folder = mkdtempSync(join(tmpdir(), 'benchtop-evidently-'));
  let cases: EvidentlyCase[];
  beforeAll(async () => {
    cases = await runPeer(python as string, join(import.meta.dirname, 'peers', 'evidently_cases.py'), [folder]);
  }, 180_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('10 seeded cases: same test, same score, same verdict per column, same dataset verdict', async () => {
    expect(cases).toHaveLength(10);
    expect(cases.map((c) => c.referenceRows)).toEqual(expect.arrayContaining([999, 1000, 1001]));
    const verdicts = new Set<boolean>();
    for (const c of cases) {
      const report = computeDriftReport(await readCsvFrame(c.reference), await readCsvFrame(c.current));
      expect(report.problems, `case ${c.case}`).toEqual([]);
      for (const [name, expected] of Object.entries(c.columns)) {
        const column = report.columns.find((col) => col.name === name);
        expect(column?.test, `case ${c.case} ${name}: test`).toBe(expected.test);
        const score = column?.pValue ?? column?.statistic;
        expect(Math.abs((score as number) - expected.score), `case ${c.case} ${name}: score`).toBeLessThan(1e-9);
        expect(column?.threshold).toBe(expected.threshold);
        expect(column?.drifted, `case ${c.case} ${name}: verdict`).toBe(expected.drifted);
      }
      expect(report.testedColumns).toBe(Object.keys(c.columns).length);
      expect(report.driftShare).toBeCloseTo(c.share, 12);
      expect(report.datasetDrifted, `case ${c.case}: dataset verdict`).toBe(c.datasetDrifted);
      verdicts.add(c.datasetDrifted);
    }
    expect([...verdicts].sort()).toEqual([false, true]);
  });
});
