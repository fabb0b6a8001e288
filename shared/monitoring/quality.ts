import type { Quality } from './report-model.ts';

/**
 * Model quality on a window where labels exist. Classification (labels with at most 10 distinct
 * values, or text): accuracy, precision, recall, F1 (binary: of the positive class, the larger
 * label; multiclass: macro averages), ROC AUC and log loss when predictions are scores in [0, 1].
 * Regression: MAE, RMSE, R². Pairs with a missing label or prediction are left out.
 */
export function computeQuality(labels: readonly unknown[], predictions: readonly unknown[], training: Record<string, number | null> = {}, minRows = 30): Quality {
  const pairs: [unknown, unknown][] = [];
  for (let i = 0; i < Math.min(labels.length, predictions.length); i++) {
    if (labels[i] === null || labels[i] === undefined || labels[i] === '' || predictions[i] === null || predictions[i] === undefined) continue;
    pairs.push([labels[i], scalar(predictions[i])]);
  }
  const numericLabels = pairs.every(([y]) => isNumeric(y));
  const distinct = new Set(pairs.map(([y]) => String(y)));
  const regression = numericLabels && (distinct.size > 10 || pairs.some(([y]) => !Number.isInteger(Number(y))));
  const task = regression ? 'regression' : 'classification';
  if (pairs.length < minRows) return { task, rows: pairs.length, metrics: {}, training, refusal: `need ≥ ${minRows} labelled rows, have ${pairs.length}` };
  const metrics = regression ? regressionMetrics(pairs.map(([y, p]) => [Number(y), Number(p)])) : classificationMetrics(pairs);
  return { task, rows: pairs.length, metrics, training, refusal: null };
}

function scalar(value: unknown): unknown {
  // A prediction may be a one-element list ([0.7]) or {prediction: …} as served models return.
  if (Array.isArray(value)) return value.length === 1 ? scalar(value[0]) : value.length === 2 && value.every((v) => typeof v === 'number') ? value[1] : value;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['prediction', 'predictions', 'score', 'probability']) if (key in record) return scalar(record[key]);
  }
  return value;
}

const isNumeric = (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) || typeof v === 'boolean';
const asNumber = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));

function regressionMetrics(pairs: [number, number][]): Record<string, number> {
  const n = pairs.length;
  let abs = 0;
  let sq = 0;
  let mean = 0;
  for (const [y] of pairs) mean += y / n;
  let total = 0;
  for (const [y, p] of pairs) {
    abs += Math.abs(y - p);
    sq += (y - p) ** 2;
    total += (y - mean) ** 2;
  }
  return { mae: abs / n, rmse: Math.sqrt(sq / n), r2: total === 0 ? (sq === 0 ? 1 : 0) : 1 - sq / total };
}

function classificationMetrics(pairs: [unknown, unknown][]): Record<string, number | null> {
  const key = (v: unknown) => (isNumeric(v) ? String(asNumber(v)) : String(v));
  const classes = [...new Set(pairs.map(([y]) => key(y)))].sort((a, b) => (isNumeric(a) && isNumeric(b) ? Number(a) - Number(b) : a < b ? -1 : 1));
  const binary = classes.length <= 2;
  const positive = classes.at(-1) as string;
  const scores = binary && pairs.every(([, p]) => typeof p === 'number' && p >= 0 && p <= 1) && pairs.some(([, p]) => !Number.isInteger(p)) ? pairs.map(([, p]) => p as number) : null;
  const predicted = pairs.map(([, p], i) => (scores ? (scores[i] >= 0.5 ? positive : (classes[0] ?? positive)) : key(p)));
  const actual = pairs.map(([y]) => key(y));
  const n = pairs.length;
  const accuracy = actual.filter((y, i) => y === predicted[i]).length / n;
  const perClass = (c: string) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < n; i++) {
      if (predicted[i] === c && actual[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (actual[i] === c) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  };
  const averaged = binary ? perClass(positive) : average(classes.map(perClass));
  const metrics: Record<string, number | null> = { accuracy, ...averaged, roc_auc: null, log_loss: null };
  if (binary && classes.length === 2) {
    const positives = actual.map((y) => (y === positive ? 1 : 0));
    const s = scores ?? predicted.map((p) => (p === positive ? 1 : 0));
    metrics.roc_auc = rocAuc(positives, s);
    if (scores) metrics.log_loss = logLoss(positives, scores);
  }
  return metrics;
}

function average(rows: { precision: number; recall: number; f1: number }[]) {
  const n = rows.length || 1;
  return { precision: rows.reduce((s, r) => s + r.precision, 0) / n, recall: rows.reduce((s, r) => s + r.recall, 0) / n, f1: rows.reduce((s, r) => s + r.f1, 0) / n };
}

/** ROC AUC by ranks (ties get their mean rank): the Mann–Whitney U over positives × negatives. */
export function rocAuc(positives: number[], scores: number[]): number | null {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Float64Array(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const nPos = positives.reduce((s, v) => s + v, 0);
  const nNeg = positives.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  let rankSum = 0;
  positives.forEach((y, i) => {
    if (y) rankSum += ranks[i];
  });
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Mean binary cross-entropy, probabilities clipped to [ε, 1 − ε] as scikit-learn does (ε = float64 eps). */
export function logLoss(positives: number[], probabilities: number[]): number {
  const eps = 2.220446049250313e-16;
  let total = 0;
  positives.forEach((y, i) => {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]));
    total -= y ? Math.log(p) : Math.log(1 - p);
  });
  return total / positives.length;
}
