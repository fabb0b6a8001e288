import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { onEngineReturn } from './engine-return.ts';
import { EngineEvents } from './events.ts';

// A fake /events opener: the test drops the stream on cue, which a real engine cannot do
// (the chaos suite stops a real dockerd for the pipelines' side of outages).
describe('onEngineReturn', () => {
  it('fires when the event stream reconnects after a drop, not on the first connect', async () => {
    const streams: PassThrough[] = [];
    const events = new EngineEvents({
      open: async () => {
        const stream = new PassThrough();
        streams.push(stream);
        return stream;
      },
      initialRetryMs: 10,
      random: () => 0.5,
    });
    const returns: number[] = [];
    const stop = onEngineReturn(events, (ms) => returns.push(ms));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(returns).toEqual([]);
    streams[0].destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(streams.length).toBe(2);
    expect(returns).toHaveLength(1);
    stop();
    events.close();
  });
});
