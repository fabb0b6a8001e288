import type { TrackingMetricPoint } from '../../../shared/api/methods/tracking.ts';

export type XAxis = 'step' | 'time';

export interface ChartOptions {
  x: XAxis;
  /** 0 (none) to 0.99: TensorBoard's debiased exponential moving average weight. */
  smoothing: number;
  logScale: boolean;
  width: number;
  height: number;
  pad: { left: number; right: number; top: number; bottom: number };
}

export interface ChartSeriesInput {
  id: string;
  label: string;
  points: readonly TrackingMetricPoint[];
}

export interface PlottedSeries {
  id: string;
  label: string;
  /** SVG polyline points of the (smoothed) values. */
  path: string;
  /** The raw values' path, drawn faintly under a smoothed line; null without smoothing. */
  rawPath: string | null;
  last: { x: number; y: number; value: number } | null;
  count: number;
}

export interface ChartModel {
  series: PlottedSeries[];
  xTicks: { at: number; label: string }[];
  yTicks: { at: number; label: string }[];
  /** Points left out because the log scale cannot show values ≤ 0. */
  droppedNonPositive: number;
  empty: boolean;
}

/**
 * TensorBoard's smoothing: an exponential moving average debiased for its start, so the first
 * points are not pulled toward zero. NaN values pass through unsmoothed.
 */
export function smooth(values: readonly number[], weight: number): number[] {
  if (weight <= 0) return [...values];
  let last = 0;
  let count = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    last = last * weight + (1 - weight) * value;
    count += 1;
    return last / (1 - weight ** count);
  });
}

/** Round tick values: 1, 2 or 5 × 10^n steps, about `count` of them across [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

export function formatValue(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(4)));
}

function formatElapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

/**
 * Lays out metric histories as lines: x by step or by wall time (relative to the earliest point),
 * y linear or log10 (values ≤ 0 are left out and counted), optional smoothing. Pure: the SVG
 * component draws what this returns.
 */
export function layoutChart(inputs: readonly ChartSeriesInput[], options: ChartOptions): ChartModel {
  let dropped = 0;
  const prepared = inputs.map((input) => {
    const sorted = [...input.points].sort((a, b) => (options.x === 'step' ? a.step - b.step || a.timestamp - b.timestamp : a.timestamp - b.timestamp));
    const usable = sorted.filter((p) => {
      if (!Number.isFinite(p.value)) return false;
      if (options.logScale && p.value <= 0) {
        dropped += 1;
        return false;
      }
      return true;
    });
    const ys = usable.map((p) => (options.logScale ? Math.log10(p.value) : p.value));
    return { input, usable, raw: ys, smoothed: smooth(ys, options.smoothing) };
  });
  const t0 = Math.min(...prepared.flatMap((s) => s.usable.map((p) => p.timestamp)));
  const xOf = (p: TrackingMetricPoint) => (options.x === 'step' ? p.step : p.timestamp - t0);
  const xs = prepared.flatMap((s) => s.usable.map(xOf));
  const ys = prepared.flatMap((s) => [...s.raw, ...s.smoothed]).filter(Number.isFinite);
  if (xs.length === 0 || ys.length === 0) return { series: [], xTicks: [], yTicks: [], droppedNonPositive: dropped, empty: true };
  let [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  let [yMin, yMax] = [Math.min(...ys), Math.max(...ys)];
  if (xMin === xMax) [xMin, xMax] = [xMin - 1, xMax + 1];
  if (yMin === yMax) [yMin, yMax] = [yMin - (Math.abs(yMin) || 1) * 0.1, yMax + (Math.abs(yMax) || 1) * 0.1];
  const { width, height, pad } = options;
  const sx = (x: number) => pad.left + ((x - xMin) / (xMax - xMin)) * (width - pad.left - pad.right);
  const sy = (y: number) => height - pad.bottom - ((y - yMin) / (yMax - yMin)) * (height - pad.top - pad.bottom);
  const fmt = (n: number) => n.toFixed(1);
  const series = prepared.map(({ input, usable, raw, smoothed }): PlottedSeries => {
    const path = usable.map((p, i) => `${fmt(sx(xOf(p)))},${fmt(sy(smoothed[i]))}`).join(' ');
    const rawPath = options.smoothing > 0 ? usable.map((p, i) => `${fmt(sx(xOf(p)))},${fmt(sy(raw[i]))}`).join(' ') : null;
    const lastIndex = usable.length - 1;
    const last = lastIndex >= 0 ? { x: sx(xOf(usable[lastIndex])), y: sy(smoothed[lastIndex]), value: usable[lastIndex].value } : null;
    return { id: input.id, label: input.label, path, rawPath, last, count: usable.length };
  });
  const xTicks = (options.x === 'step' ? niceTicks(xMin, xMax, 5).filter((t) => Number.isInteger(t)) : niceTicks(xMin, xMax, 5)).map((t) => ({
    at: sx(t),
    label: options.x === 'step' ? String(t) : formatElapsed(t),
  }));
  const yTickValues = options.logScale ? niceTicks(Math.floor(yMin), Math.ceil(yMax), 4).filter((t) => Number.isInteger(t) && t >= yMin && t <= yMax) : niceTicks(yMin, yMax, 4);
  const yTicks = yTickValues.map((t) => ({ at: sy(t), label: options.logScale ? formatValue(10 ** t) : formatValue(t) }));
  return { series, xTicks, yTicks, droppedNonPositive: dropped, empty: false };
}
