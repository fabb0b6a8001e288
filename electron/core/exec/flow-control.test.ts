import { describe, expect, it } from 'vitest';
import { FlowControl } from './flow-control.ts';

function setup() {
  const calls: string[] = [];
  const flow = new FlowControl({ pause: () => calls.push('pause'), resume: () => calls.push('resume'), high: 100, low: 40 });
  return { flow, calls };
}

describe('FlowControl', () => {
  it('pauses once past the high watermark and resumes only below the low one', () => {
    const { flow, calls } = setup();
    flow.sent(60);
    flow.sent(40);
    expect(calls).toEqual([]);
    flow.sent(1);
    flow.sent(500);
    expect(calls).toEqual(['pause']);
    expect(flow.paused).toBe(true);
    flow.acked(500);
    expect(flow.inFlight).toBe(101);
    flow.acked(61);
    expect(calls).toEqual(['pause']);
    flow.acked(1);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.paused).toBe(false);
  });

  it('never goes below zero and tolerates acks for more than was sent', () => {
    const { flow, calls } = setup();
    flow.sent(10);
    flow.acked(50);
    expect(flow.inFlight).toBe(0);
    expect(calls).toEqual([]);
  });

  it('reset forgets what was in flight', () => {
    const { flow } = setup();
    flow.sent(1000);
    flow.reset();
    expect(flow.inFlight).toBe(0);
    expect(flow.paused).toBe(false);
  });

  it('rejects a low watermark above the high one', () => {
    expect(() => new FlowControl({ pause() {}, resume() {}, high: 10, low: 20 })).toThrow(/low watermark/);
  });
});
