import { describe, expect, it } from 'vitest';
import { AckCounter } from './ack-counter.ts';

describe('AckCounter', () => {
  it('acknowledges in batches once enough bytes were written, and flushes the rest on demand', () => {
    const acks: number[] = [];
    const counter = new AckCounter((bytes) => acks.push(bytes), 100);
    counter.written(60);
    expect(acks).toEqual([]);
    counter.written(60);
    expect(acks).toEqual([120]);
    counter.written(5);
    counter.flush();
    counter.flush();
    expect(acks).toEqual([120, 5]);
    counter.written(7);
    counter.reset();
    counter.flush();
    expect(acks).toEqual([120, 5]);
  });
});
