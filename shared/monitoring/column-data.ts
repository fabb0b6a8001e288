import type { FrameColumn } from './frame.ts';
import { sortFloat64 } from './radix-sort.ts';

/** A numeric column ready for the tests: finite values sorted once, plus what was left out. */
export interface NumericValues {
  sorted: Float64Array;
  missing: number;
  invalid: number;
  invalidExamples: string[];
}

/** Finite numbers sorted ascending; NaN/±∞ count as missing (as Evidently drops them), text as invalid. */
export function numericValues(column: FrameColumn): NumericValues {
  const { numbers, text } = column;
  let finite = 0;
  for (let i = 0; i < numbers.length; i++) if (Number.isFinite(numbers[i])) finite++;
  const sorted = new Float64Array(finite);
  let k = 0;
  for (let i = 0; i < numbers.length; i++) if (Number.isFinite(numbers[i])) sorted[k++] = numbers[i];
  sortFloat64(sorted);
  let invalid = 0;
  const invalidExamples: string[] = [];
  if (text) {
    for (let i = 0; i < text.codes.length; i++) {
      const code = text.codes[i];
      if (code < 0) continue;
      invalid++;
      if (invalidExamples.length < 3 && !invalidExamples.includes(text.labels[code])) invalidExamples.push(text.labels[code]);
    }
  }
  return { sorted, missing: numbers.length - finite - invalid, invalid, invalidExamples };
}

/** Categories as codes into a dictionary shared by reference and current. */
export interface LabelValues {
  codes: Int32Array;
  missing: number;
}

export class LabelDictionary {
  readonly labels: string[] = [];
  /** Whether every label came from a number (then categories sort numerically). */
  numeric = true;
  readonly #index = new Map<string, number>();

  code(label: string): number {
    let code = this.#index.get(label);
    if (code === undefined) {
      code = this.labels.length;
      this.labels.push(label);
      this.#index.set(label, code);
    }
    return code;
  }

  /** Codes in ascending label order (numbers numerically, text by code point). */
  sortedCodes(): number[] {
    const codes = this.labels.map((_, i) => i);
    if (this.numeric) return codes.sort((a, b) => Number(this.labels[a]) - Number(this.labels[b]));
    return codes.sort((a, b) => (this.labels[a] < this.labels[b] ? -1 : this.labels[a] > this.labels[b] ? 1 : 0));
  }
}

export function labelValues(column: FrameColumn, dictionary: LabelDictionary): LabelValues {
  const { numbers, text } = column;
  const codes = new Int32Array(numbers.length);
  // The column's own text codes → the shared dictionary's, once per distinct label.
  const remap = text ? new Int32Array(text.labels.length).fill(-1) : null;
  const byNumber = new Map<number, number>();
  let missing = 0;
  let kept = 0;
  for (let i = 0; i < numbers.length; i++) {
    const value = numbers[i];
    if (Number.isFinite(value)) {
      let code = byNumber.get(value);
      if (code === undefined) {
        code = dictionary.code(String(value));
        byNumber.set(value, code);
      }
      codes[kept++] = code;
      continue;
    }
    const local = text ? text.codes[i] : -1;
    if (local < 0) {
      missing++;
      continue;
    }
    const map = remap as Int32Array;
    if (map[local] < 0) {
      dictionary.numeric = false;
      map[local] = dictionary.code((text as { labels: string[] }).labels[local]);
    }
    codes[kept++] = map[local];
  }
  return { codes: codes.slice(0, kept), missing };
}

/** Count of distinct values in a sorted array. */
export function distinctSorted(sorted: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) n++;
  return n;
}

/** Aligned counts of each distinct value of two sorted samples (values ascending). */
export function numericValueCounts(a: ArrayLike<number>, b: ArrayLike<number>): { values: number[]; a: Float64Array; b: Float64Array } {
  const values: number[] = [];
  const ca: number[] = [];
  const cb: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    let na = 0;
    let nb = 0;
    while (i < a.length && a[i] === value) {
      i++;
      na++;
    }
    while (j < b.length && b[j] === value) {
      j++;
      nb++;
    }
    values.push(value);
    ca.push(na);
    cb.push(nb);
  }
  return { values, a: Float64Array.from(ca), b: Float64Array.from(cb) };
}

/** Aligned counts of the categories seen in either sample, in ascending label order. */
export function labelCounts(a: Int32Array, b: Int32Array, dictionary: LabelDictionary): { labels: string[]; a: Float64Array; b: Float64Array } {
  const size = dictionary.labels.length;
  const countA = new Float64Array(size);
  const countB = new Float64Array(size);
  for (let i = 0; i < a.length; i++) countA[a[i]]++;
  for (let i = 0; i < b.length; i++) countB[b[i]]++;
  const order = dictionary.sortedCodes().filter((code) => countA[code] > 0 || countB[code] > 0);
  return {
    labels: order.map((code) => dictionary.labels[code]),
    a: Float64Array.from(order, (code) => countA[code]),
    b: Float64Array.from(order, (code) => countB[code]),
  };
}

/** Index of the first element ≥ value (side 'left') or > value (side 'right') in a sorted array. */
export function searchSorted(sorted: ArrayLike<number>, value: number, side: 'left' | 'right'): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (side === 'left' ? sorted[mid] < value : sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** numpy.histogram_bin_edges(concat(a, b), bins='sturges') for two sorted samples. */
export function sturgesEdges(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const n = a.length + b.length;
  const min = Math.min(a.length ? a[0] : Infinity, b.length ? b[0] : Infinity);
  const max = Math.max(a.length ? a[a.length - 1] : -Infinity, b.length ? b[b.length - 1] : -Infinity);
  const width = (max - min) / (Math.log2(n) + 1);
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const bins = width ? Math.ceil((last - first) / width) : 1;
  const step = (last - first) / bins;
  const edges: number[] = [];
  for (let i = 0; i < bins; i++) edges.push(i * step + first);
  edges.push(last);
  return edges;
}

/** numpy.histogram(sorted, edges) counts: [e_i, e_{i+1}), the last bin closed. */
export function histogramCounts(sorted: ArrayLike<number>, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length - 1);
  let previous = searchSorted(sorted, edges[0], 'left');
  for (let i = 1; i < edges.length; i++) {
    const next = i === edges.length - 1 ? searchSorted(sorted, edges[i], 'right') : searchSorted(sorted, edges[i], 'left');
    counts[i - 1] = next - previous;
    previous = next;
  }
  return counts;
}
