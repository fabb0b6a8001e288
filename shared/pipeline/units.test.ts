import { describe, expect, it } from 'vitest';
import { durationMs, quantityBytes } from './units.ts';

describe('units', () => {
  it('reads durations', () => {
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs('1.5s')).toBe(1500);
  });
  it('reads sizes like docker (m, g binary) and Kubernetes (Mi binary, M decimal)', () => {
    expect(quantityBytes('32m')).toBe(32 * 1024 * 1024);
    expect(quantityBytes('1Gi')).toBe(1024 ** 3);
    expect(quantityBytes('1G')).toBe(1e9);
    expect(quantityBytes(4096)).toBe(4096);
  });
});
