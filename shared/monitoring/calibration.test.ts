/**
 * Calibration of the drift verdicts: with no shift, over 500 seeded resamples the share of false
 * alarms stays within α + 0.02 for each p-value test Evidently's default picks (KS, chi-squared,
 * z-test); a 0.3σ mean shift at n = 5,000 is detected (normalised Wasserstein, and KS too).
 */
import { describe, expect, it } from 'vitest';
import { computeDriftReport } from './drift-report.ts';
import { frameFromColumns } from './frame.ts';
import { ksTwoSample } from './ks-two-sample.ts';
import { seededRandom } from './seeded-random.ts';
import { P_VALUE_THRESHOLD } from './test-choice.ts';

const RESAMPLES = 500;

function falsePositiveRate(draw: (random: ReturnType<typeof seededRandom>) => number | string, n: number, test: string, currentRows = n): number {
  let alarms = 0;
  for (let seed = 0; seed < RESAMPLES; seed++) {
    const random = seededRandom(10_000 + seed);
    const reference = Array.from({ length: n }, () => draw(random));
    const current = Array.from({ length: currentRows }, () => draw(random));
    const report = computeDriftReport(frameFromColumns({ x: reference }), frameFromColumns({ x: current }));
    expect(report.columns[0].test).toBe(test);
    if (report.columns[0].drifted) alarms++;
  }
  return alarms / RESAMPLES;
}

describe('calibration', () => {
  it('KS on a continuous column: false-positive rate ≤ α + 0.02', () => {
    const rate = falsePositiveRate((r) => r.normal(), 300, 'ks');
    expect(rate).toBeLessThanOrEqual(P_VALUE_THRESHOLD + 0.02);
  });

  // Evidently's chi-squared is a goodness-of-fit test against the reference's shares taken as exact:
  // calibrated when the reference is much larger than the window (the monitoring case), not when both
  // are samples of the same size (variance doubled: about 25% false alarms at α = 0.05; see README).
  it('chi-squared on a categorical column, reference 10× the window: false-positive rate ≤ α + 0.02', () => {
    const labels = ['a', 'b', 'c', 'd'];
    const rate = falsePositiveRate((r) => labels[Math.floor(r.uniform() ** 1.5 * 4)], 1000, 'chisquare', 100);
    expect(rate).toBeLessThanOrEqual(P_VALUE_THRESHOLD + 0.02);
  });

  it('chi-squared with equal sizes over-alarms, as Evidently does (documented, not hidden)', () => {
    const labels = ['a', 'b', 'c', 'd'];
    const rate = falsePositiveRate((r) => labels[Math.floor(r.uniform() ** 1.5 * 4)], 400, 'chisquare');
    expect(rate).toBeGreaterThan(0.15);
  });

  it('z-test on a binary column: false-positive rate ≤ α + 0.02', () => {
    const rate = falsePositiveRate((r) => (r.uniform() < 0.3 ? 'yes' : 'no'), 500, 'ztest');
    expect(rate).toBeLessThanOrEqual(P_VALUE_THRESHOLD + 0.02);
  });

  it('a 0.3σ mean shift at n = 5,000 is detected', () => {
    const random = seededRandom(42);
    const reference = Array.from({ length: 5000 }, () => random.normal(0, 1));
    const current = Array.from({ length: 5000 }, () => random.normal(0.3, 1));
    const report = computeDriftReport(frameFromColumns({ x: reference }), frameFromColumns({ x: current }));
    const column = report.columns[0];
    expect(column.test).toBe('wasserstein');
    expect(column.drifted).toBe(true);
    expect(column.effectSize).toBeGreaterThan(0.2);
    const ks = ksTwoSample(Float64Array.from(reference).sort(), Float64Array.from(current).sort());
    expect(ks.pValue).toBeLessThan(1e-6);
  });

  it('the minimum-sample rule refuses a verdict on a tiny window, and the dataset rule counts only verdicts', () => {
    const random = seededRandom(7);
    const reference = frameFromColumns({ x: Array.from({ length: 200 }, () => random.normal()), y: Array.from({ length: 200 }, () => (random.uniform() < 0.5 ? 'a' : 'b')) });
    const tiny = frameFromColumns({ x: [0.1, 0.2, 5, 'oops', null], y: ['a', 'b', 'a', 'a', 'b'] });
    const report = computeDriftReport(reference, tiny);
    expect(report.columns.map((c) => c.refusal)).toEqual(['need ≥ 30 rows in the current window, have 3', 'need ≥ 30 rows in the current window, have 5']);
    expect(report.columns.every((c) => c.drifted === null)).toBe(true);
    expect(report.driftShare).toBeNull();
    expect(report.datasetDrifted).toBeNull();
    expect(report.columns[0].current.invalid).toBe(1);
    expect(report.problems).toContain('x: 1 non-numeric value in the current data ("oops"), left out');
  });

  it('columns that do not match are named', () => {
    const random = seededRandom(8);
    const reference = frameFromColumns({ a: Array.from({ length: 50 }, () => random.normal()), b: Array.from({ length: 50 }, () => random.normal()) });
    const current = frameFromColumns({ a: Array.from({ length: 50 }, () => random.normal()), c: Array.from({ length: 50 }, () => random.normal()) });
    const report = computeDriftReport(reference, current);
    expect(report.problems).toEqual(['the current data has column the reference lacks: c (not tested)', 'column b is missing from the current data']);
    expect(report.columns[1].refusal).toBe('missing from the current data');
  });
});
