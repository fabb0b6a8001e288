import {
  distinctSorted,
  histogramCounts,
  LabelDictionary,
  labelCounts,
  labelValues,
  numericValueCounts,
  numericValues,
  sturgesEdges,
  type NumericValues,
} from './column-data.ts';
import { chiSquareTest, jensenShannonDistance, normalisedWasserstein, populationStabilityIndex, proportionZTest, standardDeviation, type TestOutcome } from './drift-tests.ts';
import { frameColumn, type Frame, type FrameColumn } from './frame.ts';
import { ksTwoSample } from './ks-two-sample.ts';
import type { ColumnDrift, Distribution, DriftReport, Quality, SampleSummary } from './report-model.ts';
import { chooseTest, DEFAULT_DRIFT_SHARE, DEFAULT_MIN_ROWS, INTEGER_CATEGORY_LIMIT, isDrift, type ColumnType } from './test-choice.ts';

/** A column to test, with the type its model signature declares (MLflow: double, float, long, integer, boolean, string). */
export interface ColumnSpec {
  name: string;
  type?: string | null;
}

export interface DriftOptions {
  /** Columns to test (default: the reference's); with types from the model's signature. */
  columns?: readonly ColumnSpec[];
  minRows?: number;
  driftShareThreshold?: number;
  referenceSource?: string;
  currentSource?: string;
  model?: string | null;
  quality?: Quality | null;
  now?: number;
}

const NUMERIC_TYPES = new Set(['double', 'float', 'float32', 'float64', 'number']);
const INTEGER_TYPES = new Set(['long', 'integer', 'int', 'int32', 'int64']);
const TEXT_TYPES = new Set(['string', 'str', 'object', 'category', 'boolean', 'bool', 'binary']);
const MAX_BARS = 20;

/** JSON has no ∞: a chi-squared made infinite by a category the reference never had is reported as null (p = 0, drift). */
const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);

function emptySummary(): SampleSummary {
  return { rows: 0, missing: 0, invalid: 0, invalidExamples: [], distinct: 0, mean: null, std: null };
}

/** Column type as Evidently infers it (float → numerical; integers → categorical at ≤ 10 values; text → categorical, or free text). */
export function inferColumnType(column: FrameColumn, declared: string | null | undefined, numeric: (column: FrameColumn) => NumericValues = numericValues): ColumnType | 'text' {
  const declaredType = declared?.toLowerCase() ?? null;
  let numbers = 0;
  let texts = 0;
  let integers = true;
  for (let i = 0; i < column.numbers.length; i++) {
    const v = column.numbers[i];
    if (Number.isFinite(v)) {
      numbers++;
      if (integers && !Number.isInteger(v)) integers = false;
    } else if (column.text && column.text.codes[i] >= 0) texts++;
  }
  const missing = column.numbers.length - numbers - texts;
  const distinct = () => {
    if (texts === 0) return distinctSorted(numeric(column).sorted);
    if (numbers === 0) return (column.text as { labels: string[] }).labels.length;
    const dictionary = new LabelDictionary();
    labelValues(column, dictionary);
    return dictionary.labels.length;
  };
  if (declaredType && NUMERIC_TYPES.has(declaredType)) return 'numerical';
  if (declaredType && INTEGER_TYPES.has(declaredType)) return distinct() <= INTEGER_CATEGORY_LIMIT ? 'categorical' : 'numerical';
  const looksNumeric = numbers > 0 && texts <= 0.1 * (numbers + texts);
  if (!(declaredType && TEXT_TYPES.has(declaredType)) && looksNumeric) {
    // pandas reads a whole-number column without gaps as int64; with gaps or fractions as float64.
    if (integers && missing === 0 && texts === 0) return distinct() <= INTEGER_CATEGORY_LIMIT ? 'categorical' : 'numerical';
    return 'numerical';
  }
  if (numbers + texts === 0) return 'categorical';
  if (declaredType === 'boolean' || declaredType === 'bool') return 'categorical';
  return distinct() > 0.5 * (numbers + texts) ? 'text' : 'categorical';
}

function numericSummary(values: NumericValues): SampleSummary {
  const n = values.sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values.sorted[i];
  return {
    rows: n,
    missing: values.missing,
    invalid: values.invalid,
    invalidExamples: values.invalidExamples,
    distinct: distinctSorted(values.sorted),
    mean: n ? sum / n : null,
    std: n ? standardDeviation(values.sorted) : null,
  };
}

function shares(counts: Float64Array, total: number): Float64Array {
  return counts.map((c) => c / total);
}

function barDistribution(labels: string[], a: Float64Array, b: Float64Array, nA: number, nB: number): Distribution {
  const order = labels.map((_, i) => i);
  if (labels.length > MAX_BARS) order.sort((x, y) => a[y] / nA + b[y] / nB - (a[x] / nA + b[x] / nB));
  const kept = order.slice(0, MAX_BARS);
  const reference = kept.map((i) => a[i] / nA);
  const current = kept.map((i) => b[i] / nB);
  const names = kept.map((i) => labels[i]);
  if (labels.length > MAX_BARS) {
    names.push('(other)');
    reference.push(1 - reference.reduce((s, v) => s + v, 0));
    current.push(1 - current.reduce((s, v) => s + v, 0));
  }
  return { type: 'bars', labels: names, reference, current };
}

function refused(name: string, kind: ColumnDrift['kind'], refusal: string, reference = emptySummary(), current = emptySummary()): ColumnDrift {
  return { name, kind, test: null, statistic: null, pValue: null, effectSize: null, effectSizeName: '', psi: null, threshold: null, drifted: null, refusal, reference, current, distribution: null };
}

function minimumRule(reference: number, current: number, minRows: number): string | null {
  if (reference < minRows) return `need ≥ ${minRows} rows in the reference, have ${reference}`;
  if (current < minRows) return `need ≥ ${minRows} rows in the current window, have ${current}`;
  return null;
}

function numericalColumn(name: string, ref: FrameColumn, cur: FrameColumn, minRows: number, problems: string[], numeric: (column: FrameColumn) => NumericValues): ColumnDrift {
  const a = numeric(ref);
  const b = numeric(cur);
  const refSummary = numericSummary(a);
  const curSummary = numericSummary(b);
  if (b.invalid > 0) problems.push(`${name}: ${b.invalid} non-numeric value${b.invalid === 1 ? '' : 's'} in the current data (${b.invalidExamples.map((e) => JSON.stringify(e)).join(', ')}), left out`);
  if (a.invalid > 0) problems.push(`${name}: ${a.invalid} non-numeric value${a.invalid === 1 ? '' : 's'} in the reference (${a.invalidExamples.map((e) => JSON.stringify(e)).join(', ')}), left out`);
  const refusal = minimumRule(a.sorted.length, b.sorted.length, minRows);
  if (refusal) return refused(name, 'numerical', refusal, refSummary, curSummary);
  const counts = refSummary.distinct <= 20 || distinctAtMost(b.sorted, a.sorted, 5) ? numericValueCounts(a.sorted, b.sorted) : null;
  const distinct = counts ? counts.values.length : 6;
  const choice = chooseTest('numerical', a.sorted.length, distinct);
  const effectSize = normalisedWasserstein(a.sorted, b.sorted);
  let outcome: TestOutcome;
  if (choice.test === 'ks') {
    const ks = ksTwoSample(a.sorted, b.sorted);
    outcome = { statistic: ks.statistic, pValue: ks.pValue };
  } else if (choice.test === 'wasserstein') outcome = { statistic: effectSize, pValue: null };
  else outcome = countTest(choice.test, (counts as NonNullable<typeof counts>).a, (counts as NonNullable<typeof counts>).b, a.sorted.length, b.sorted.length);
  let psi: number;
  let distribution: Distribution;
  if (refSummary.distinct > 20) {
    const edges = sturgesEdges(a.sorted, b.sorted);
    const ra = shares(histogramCounts(a.sorted, edges), a.sorted.length);
    const rb = shares(histogramCounts(b.sorted, edges), b.sorted.length);
    psi = populationStabilityIndex(ra, rb);
    distribution = { type: 'histogram', edges, reference: Array.from(ra), current: Array.from(rb) };
  } else {
    const vc = counts ?? numericValueCounts(a.sorted, b.sorted);
    psi = populationStabilityIndex(shares(vc.a, a.sorted.length), shares(vc.b, b.sorted.length));
    distribution = barDistribution(vc.values.map(String), vc.a, vc.b, a.sorted.length, b.sorted.length);
  }
  return {
    name,
    kind: choice.kind,
    test: choice.test,
    statistic: finiteOrNull(outcome.statistic),
    pValue: outcome.pValue,
    effectSize,
    effectSizeName: 'Wasserstein / σ(reference)',
    psi,
    threshold: choice.threshold,
    drifted: isDrift(choice.test, outcome.statistic, outcome.pValue, choice.threshold),
    refusal: null,
    reference: refSummary,
    current: curSummary,
    distribution,
  };
}

/** Whether the union of two sorted samples has at most `limit` distinct values (stops early). */
function distinctAtMost(a: Float64Array, b: Float64Array, limit: number): boolean {
  const seen = new Set<number>();
  for (const sample of [a, b]) {
    for (let i = 0; i < sample.length; i++) {
      if (i > 0 && sample[i] === sample[i - 1]) continue;
      seen.add(sample[i]);
      if (seen.size > limit) return false;
    }
  }
  return true;
}

function countTest(test: string, a: Float64Array, b: Float64Array, nA: number, nB: number): TestOutcome {
  if (test === 'chisquare') return chiSquareTest(a, b, nA, nB);
  if (test === 'ztest') return proportionZTest(a, b, nA, nB);
  return { statistic: jensenShannonDistance(shares(a, nA), shares(b, nB)), pValue: null };
}

function categoricalColumn(name: string, ref: FrameColumn, cur: FrameColumn, minRows: number): ColumnDrift {
  const dictionary = new LabelDictionary();
  const a = labelValues(ref, dictionary);
  const b = labelValues(cur, dictionary);
  const counts = labelCounts(a.codes, b.codes, dictionary);
  const distinctIn = (c: Float64Array) => c.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
  const summary = (codes: Int32Array, missing: number, c: Float64Array): SampleSummary => ({ rows: codes.length, missing, invalid: 0, invalidExamples: [], distinct: distinctIn(c), mean: null, std: null });
  const refSummary = summary(a.codes, a.missing, counts.a);
  const curSummary = summary(b.codes, b.missing, counts.b);
  const nA = a.codes.length;
  const nB = b.codes.length;
  const kind = counts.labels.length <= 2 ? 'binary' : 'categorical';
  const refusal = minimumRule(nA, nB, minRows);
  if (refusal) return refused(name, kind, refusal, refSummary, curSummary);
  const choice = chooseTest('categorical', nA, counts.labels.length);
  const outcome = countTest(choice.test, counts.a, counts.b, nA, nB);
  const shareA = shares(counts.a, nA);
  const shareB = shares(counts.b, nB);
  return {
    name,
    kind: choice.kind,
    test: choice.test,
    statistic: finiteOrNull(outcome.statistic),
    pValue: outcome.pValue,
    effectSize: jensenShannonDistance(shareA, shareB),
    effectSizeName: 'Jensen–Shannon distance',
    psi: populationStabilityIndex(shareA, shareB),
    threshold: choice.threshold,
    drifted: isDrift(choice.test, outcome.statistic, outcome.pValue, choice.threshold),
    refusal: null,
    reference: refSummary,
    current: curSummary,
    distribution: barDistribution(counts.labels, counts.a, counts.b, nA, nB),
  };
}

/**
 * Drift of every column of `current` against `reference`: Evidently's default test per column
 * (test-choice.ts), PSI and an effect size for all, the minimum-sample rule, and one dataset rule
 * (share of drifted columns among those with a verdict ≥ threshold). Columns missing on either
 * side, extra columns and non-numeric values are named in `problems`.
 */
export function computeDriftReport(reference: Frame, current: Frame, options: DriftOptions = {}): DriftReport {
  const minRows = options.minRows ?? DEFAULT_MIN_ROWS;
  const threshold = options.driftShareThreshold ?? DEFAULT_DRIFT_SHARE;
  const specs: readonly ColumnSpec[] = options.columns ?? reference.columns.map((c) => ({ name: c.name }));
  const problems: string[] = [];
  const wanted = new Set(specs.map((s) => s.name));
  const extra = current.columns.filter((c) => !wanted.has(c.name)).map((c) => c.name);
  if (extra.length && options.columns === undefined) problems.push(`the current data has column${extra.length === 1 ? '' : 's'} the reference lacks: ${extra.join(', ')} (not tested)`);
  const columns: ColumnDrift[] = [];
  // Each column is sorted once per report, however many steps read it.
  const sortedColumns = new Map<FrameColumn, NumericValues>();
  const numeric = (column: FrameColumn) => {
    let values = sortedColumns.get(column);
    if (!values) sortedColumns.set(column, (values = numericValues(column)));
    return values;
  };
  for (const spec of specs) {
    const ref = frameColumn(reference, spec.name);
    const cur = frameColumn(current, spec.name);
    if (!ref || !cur) {
      const side = !ref && !cur ? 'reference and current data' : !ref ? 'reference' : 'current data';
      problems.push(`column ${spec.name} is missing from the ${side}`);
      columns.push(refused(spec.name, 'numerical', `missing from the ${side}`));
      continue;
    }
    const type = inferColumnType(ref, spec.type, numeric);
    if (type === 'text') {
      columns.push(refused(spec.name, 'categorical', 'free text or an identifier (more than half the values distinct): no drift test'));
      continue;
    }
    columns.push(type === 'numerical' ? numericalColumn(spec.name, ref, cur, minRows, problems, numeric) : categoricalColumn(spec.name, ref, cur, minRows));
  }
  const tested = columns.filter((c) => c.drifted !== null);
  const drifted = tested.filter((c) => c.drifted).length;
  const driftShare = tested.length ? drifted / tested.length : null;
  return {
    createdAt: options.now ?? Date.now(),
    reference: { source: options.referenceSource ?? 'reference', rows: reference.rowCount },
    current: { source: options.currentSource ?? 'current', rows: current.rowCount },
    model: options.model ?? null,
    driftShare,
    driftedColumns: drifted,
    testedColumns: tested.length,
    driftShareThreshold: threshold,
    datasetDrifted: driftShare === null ? null : driftShare >= threshold,
    minRows,
    problems,
    columns,
    quality: options.quality ?? null,
  };
}
