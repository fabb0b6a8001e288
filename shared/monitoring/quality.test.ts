import { describe, expect, it } from 'vitest';
import { computeQuality, rocAuc } from './quality.ts';

describe('quality metrics', () => {
  it('binary classification with scores: accuracy, precision, recall, F1, ROC AUC, log loss', () => {
    const labels = Array.from({ length: 40 }, (_, i) => (i % 2 ? 1 : 0));
    const scores = labels.map((y, i) => (y ? 0.6 + (i % 5) * 0.05 : 0.1 + (i % 7) * 0.05));
    const quality = computeQuality(labels, scores, { accuracy: 0.9 });
    expect(quality.task).toBe('classification');
    expect(quality.metrics.accuracy).toBe(1);
    expect(quality.metrics.f1).toBe(1);
    expect(quality.metrics.roc_auc).toBe(1);
    expect(quality.metrics.log_loss).toBeGreaterThan(0);
    expect(quality.training).toEqual({ accuracy: 0.9 });
  });

  it('regression: MAE, RMSE, R²', () => {
    const labels = Array.from({ length: 50 }, (_, i) => i * 1.5);
    const predictions = labels.map((y, i) => y + (i % 2 ? 1 : -1));
    const quality = computeQuality(labels, predictions);
    expect(quality.task).toBe('regression');
    expect(quality.metrics.mae).toBeCloseTo(1, 12);
    expect(quality.metrics.rmse).toBeCloseTo(1, 12);
    expect(quality.metrics.r2).toBeGreaterThan(0.99);
  });

  it('too few labelled rows: a refusal, not numbers', () => {
    const quality = computeQuality([1, 0, null], [1, 0, 1]);
    expect(quality.refusal).toBe('need ≥ 30 labelled rows, have 2');
  });

  it('ROC AUC with ties is the Mann–Whitney statistic', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });
});
