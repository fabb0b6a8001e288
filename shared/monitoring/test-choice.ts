import type { ColumnKind, DriftTest } from './report-model.ts';

/**
 * Evidently 0.7's default drift test for a column (legacy/calculations/stattests/registry.py,
 * `_get_default_stattest`), from its type, the reference's row count and the number of distinct
 * values in reference and current together:
 *
 * | type        | reference ≤ 1000 rows                          | reference > 1000 rows                 |
 * |-------------|------------------------------------------------|---------------------------------------|
 * | numerical   | ≤ 2 values: z-test; 3–5: chi-squared; > 5: KS   | ≤ 5 values: Jensen–Shannon; else Wasserstein |
 * | categorical | ≤ 2 values: z-test; else chi-squared            | Jensen–Shannon                        |
 *
 * Thresholds (Evidently's defaults): p < 0.05 (KS: p ≤ 0.05) for tests; distance ≥ 0.1 for
 * Wasserstein (normalised by the reference's standard deviation) and Jensen–Shannon.
 */
export const LARGE_REFERENCE_ROWS = 1000;
export const P_VALUE_THRESHOLD = 0.05;
export const DISTANCE_THRESHOLD = 0.1;
/** Evidently's dataset rule: drifted when at least this share of columns drifted. */
export const DEFAULT_DRIFT_SHARE = 0.5;
/** Integer columns with at most this many distinct values are categorical (Evidently's INTEGER_CARDINALITY_LIMIT). */
export const INTEGER_CATEGORY_LIMIT = 10;
/** The minimum-sample rule: fewer valid values than this in reference or current → no verdict. */
export const DEFAULT_MIN_ROWS = 30;

export type ColumnType = 'numerical' | 'categorical';

export interface TestChoice {
  test: DriftTest;
  kind: ColumnKind;
  threshold: number;
}

export function chooseTest(type: ColumnType, referenceRows: number, distinctValues: number): TestChoice {
  const binary = distinctValues <= 2;
  if (referenceRows <= LARGE_REFERENCE_ROWS) {
    if (binary) return { test: 'ztest', kind: 'binary', threshold: P_VALUE_THRESHOLD };
    if (type === 'categorical' || distinctValues <= 5) return { test: 'chisquare', kind: type, threshold: P_VALUE_THRESHOLD };
    return { test: 'ks', kind: 'numerical', threshold: P_VALUE_THRESHOLD };
  }
  if (type === 'categorical' || distinctValues <= 5) return { test: 'jensenshannon', kind: binary ? 'binary' : type, threshold: DISTANCE_THRESHOLD };
  return { test: 'wasserstein', kind: 'numerical', threshold: DISTANCE_THRESHOLD };
}

/** Whether a test's outcome is drift: p-value tests below the threshold (KS at or below), distances at or above. */
export function isDrift(test: DriftTest, statistic: number, pValue: number | null, threshold: number): boolean {
  switch (test) {
    case 'ks':
      return (pValue as number) <= threshold;
    case 'chisquare':
    case 'ztest':
      return (pValue as number) < threshold;
    default:
      return statistic >= threshold;
  }
}
