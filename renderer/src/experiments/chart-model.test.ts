import { describe, expect, it } from 'vitest';
import { layoutChart, niceTicks, smooth, type ChartOptions } from './chart-model.ts';

const options: ChartOptions = { x: 'step', smoothing: 0, logScale: false, width: 110, height: 110, pad: { left: 10, right: 0, top: 0, bottom: 10 } };
const points = (values: number[]) => values.map((value, step) => ({ step, timestamp: 1000 + step * 500, value }));

describe('chart model', () => {
  it('smooths like TensorBoard: a debiased moving average, so a constant stays constant from the first point', () => {
    expect(smooth([5, 5, 5], 0.9)).toEqual([5, 5, 5].map(() => expect.closeTo(5, 10)));
    const s = smooth([0, 10, 0, 10], 0.5);
    expect(s[0]).toBe(0);
    expect(s[1]).toBeCloseTo(10 * 0.5 / 0.75, 10);
    expect(smooth([1, 2], 0)).toEqual([1, 2]);
  });

  it('lays out by step on a linear scale: first point bottom-left, last top-right', () => {
    const model = layoutChart([{ id: 'a', label: 'a', points: points([0, 5, 10]) }], options);
    expect(model.series[0].path).toBe('10.0,100.0 60.0,50.0 110.0,0.0');
    expect(model.series[0].last).toEqual({ x: 110, y: 0, value: 10 });
    expect(model.xTicks.map((t) => t.label)).toEqual(['0', '1', '2']);
  });

  it('lays out by time relative to the first point, and overlays several runs on one scale', () => {
    const model = layoutChart(
      [
        { id: 'a', label: 'a', points: points([1, 2]) },
        { id: 'b', label: 'b', points: [{ step: 0, timestamp: 2000, value: 3 }] },
      ],
      { ...options, x: 'time' },
    );
    expect(model.series.map((s) => s.count)).toEqual([2, 1]);
    expect(model.series[1].path).toBe('110.0,0.0');
  });

  it('on a log scale leaves out values ≤ 0 and says how many, with ticks at powers of ten', () => {
    const model = layoutChart([{ id: 'a', label: 'a', points: points([0, 1, 10, 100]) }], { ...options, logScale: true });
    expect(model.droppedNonPositive).toBe(1);
    expect(model.series[0].count).toBe(3);
    expect(model.yTicks.map((t) => t.label)).toEqual(['1', '10', '100']);
  });

  it('is empty without points, and draws the raw line under a smoothed one', () => {
    expect(layoutChart([{ id: 'a', label: 'a', points: [] }], options).empty).toBe(true);
    const model = layoutChart([{ id: 'a', label: 'a', points: points([1, 3, 2]) }], { ...options, smoothing: 0.6 });
    expect(model.series[0].rawPath).not.toBeNull();
    expect(model.series[0].rawPath).not.toBe(model.series[0].path);
  });

  it('picks round ticks', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 49, 5)).toEqual([0, 10, 20, 30, 40]);
  });
});
