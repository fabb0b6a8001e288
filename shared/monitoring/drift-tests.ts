import { chiSquaredSurvival, normalCdf } from './special-functions.ts';

/**
 * The drift tests on prepared data: aligned category counts (one entry per value seen in either
 * sample) or ascending-sorted numbers. Each follows the SciPy function Evidently calls, so the
 * numbers agree with scipy.stats / scipy.spatial to rounding.
 */

export interface TestOutcome {
  statistic: number;
  pValue: number | null;
}

/**
 * Pearson's chi-squared of current counts against reference counts scaled to the current total
 * (Evidently's `chisquare`: f_exp = ref × n_cur/n_ref); df = categories − 1. A category absent from
 * the reference gives an infinite statistic and p = 0, as SciPy.
 */
export function chiSquareTest(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>, nRef: number, nCur: number): TestOutcome {
  const k = refCounts.length;
  const scale = nCur / nRef;
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const expected = refCounts[i] * scale;
    const diff = curCounts[i] - expected;
    statistic += expected === 0 ? (diff === 0 ? Number.NaN : Infinity) : (diff * diff) / expected;
  }
  const pValue = k <= 1 ? Number.NaN : chiSquaredSurvival(statistic, k - 1);
  return { statistic, pValue };
}

/**
 * Two-proportion z-test (Evidently's `z`): the first category in sorted order against the rest,
 * pooled variance, two-sided p = 2(1 − Φ(|z|)). Both samples holding the same single value → p = 1.
 */
export function proportionZTest(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>, nRef: number, nCur: number): TestOutcome {
  const refValues = countNonZero(refCounts);
  const curValues = countNonZero(curCounts);
  if (refValues === 1 && curValues === 1 && firstNonZero(refCounts) === firstNonZero(curCounts)) return { statistic: 0, pValue: 1 };
  const p1 = (nRef - refCounts[0]) / nRef;
  const p2 = (nCur - curCounts[0]) / nCur;
  const pooled = (p1 * nRef + p2 * nCur) / (nRef + nCur);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / nRef + 1 / nCur));
  return { statistic: z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}

function countNonZero(counts: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) n++;
  return n;
}

function firstNonZero(counts: ArrayLike<number>): number {
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) return i;
  return -1;
}

/** Population standard deviation (numpy.std, ddof = 0), two passes. */
export function standardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / n);
}

/**
 * First Wasserstein distance between two ascending-sorted samples (scipy.stats.wasserstein_distance):
 * ∫|F_a − F_b|, summed over the merged values one element at a time (equal values add zero width).
 */
export function wassersteinDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let previous = a[0] < b[0] ? a[0] : b[0];
  let total = 0;
  while (i < n1 && j < n2) {
    const x = a[i];
    const y = b[j];
    const value = x <= y ? x : y;
    const diff = i / n1 - j / n2;
    total += (diff < 0 ? -diff : diff) * (value - previous);
    previous = value;
    if (x <= y) i++;
    else j++;
  }
  for (; i < n1; i++) {
    total += (1 - i / n1) * (a[i] - previous);
    previous = a[i];
  }
  for (; j < n2; j++) {
    total += (1 - j / n2) * (b[j] - previous);
    previous = b[j];
  }
  return total;
}

/** Evidently's "wasserstein" test statistic: the distance over max(std(reference), 0.001). */
export function normalisedWasserstein(sortedRef: ArrayLike<number>, sortedCur: ArrayLike<number>): number {
  return wassersteinDistance(sortedRef, sortedCur) / Math.max(standardDeviation(sortedRef), 0.001);
}

/** Jensen–Shannon distance (natural log) between two distributions (scipy.spatial.distance.jensenshannon). */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sumP = 0;
  let sumQ = 0;
  for (let i = 0; i < p.length; i++) {
    sumP += p[i];
    sumQ += q[i];
  }
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / sumP;
    const qi = q[i] / sumQ;
    const m = (pi + qi) / 2;
    if (pi > 0) js += pi * Math.log(pi / m);
    if (qi > 0) js += qi * Math.log(qi / m);
  }
  return Math.sqrt(Math.max(js, 0) / 2);
}

/** Evidently's zero filling before PSI: empty bins get min(non-zero)/10⁶ when that is ≤ 1e-4, else 1e-4. */
export function fillZeroShares(shares: Float64Array): Float64Array {
  let minimum = Infinity;
  for (const s of shares) if (s !== 0 && s < minimum) minimum = s;
  const fill = minimum <= 0.0001 ? minimum / 1e6 : 0.0001;
  return shares.map((s) => (s === 0 ? fill : s));
}

/** Population stability index Σ (r − c) ln(r / c) over zero-filled shares. */
export function populationStabilityIndex(refShares: Float64Array, curShares: Float64Array): number {
  const r = fillZeroShares(refShares);
  const c = fillZeroShares(curShares);
  let psi = 0;
  for (let i = 0; i < r.length; i++) psi += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  return psi;
}
