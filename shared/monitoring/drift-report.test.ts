import { describe, expect, it } from 'vitest';
import { computeDriftReport } from './drift-report.ts';
import { frameFromColumns } from './frame.ts';
import { reportHtml } from './report-html.ts';
import { driftReportSchema } from './report-model.ts';
import { seededRandom } from './seeded-random.ts';

describe('computeDriftReport', () => {
  const random = seededRandom(5);
  const reference = frameFromColumns({
    amount: Array.from({ length: 300 }, () => random.normal(100, 20)),
    channel: Array.from({ length: 300 }, () => ['web', 'store', 'phone'][Math.floor(random.uniform() * 3)]),
    id: Array.from({ length: 300 }, (_, i) => `user-${i}`),
  });
  const current = frameFromColumns({
    amount: Array.from({ length: 200 }, () => random.normal(100, 20)),
    channel: Array.from({ length: 200 }, () => ['web', 'store', 'app'][Math.floor(random.uniform() * 3)]),
    id: Array.from({ length: 200 }, (_, i) => `user-${1000 + i}`),
  });
  const report = computeDriftReport(reference, current, { now: 0 });

  it('fits the contract schema (JSON-safe: an infinite chi-squared is null)', () => {
    expect(driftReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
    const channel = report.columns.find((c) => c.name === 'channel');
    expect(channel).toMatchObject({ test: 'chisquare', statistic: null, pValue: 0, drifted: true });
  });

  it('refuses a verdict on identifier-like text and counts only verdicts in the share', () => {
    expect(report.columns.find((c) => c.name === 'id')?.refusal).toBe('free text or an identifier (more than half the values distinct): no drift test');
    expect(report.testedColumns).toBe(2);
    expect(report.driftShare).toBe(0.5);
    expect(report.datasetDrifted).toBe(true);
  });

  it('renders one self-contained HTML page naming each column and its verdict', () => {
    const html = reportHtml(report, 'Payments');
    expect(html).toContain('<title>Payments</title>');
    expect(html).toContain('<td>amount</td><td>numerical</td><td>Kolmogorov–Smirnov</td>');
    expect(html).toContain('no verdict: free text or an identifier');
    expect(html).not.toMatch(/<script|<link|src=/);
  });
});
