import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { EngineEvents, type DockerEvent, type EventsState, type OpenEventStreamRequest } from './events.ts';

// Unit tests drive a fake stream: the test decides when an open succeeds, fails or drops, which a
// real engine cannot do on cue. events.int.test.ts covers the real engine.
function fakeEngine() {
  const opens: Array<{ request: OpenEventStreamRequest; stream: PassThrough }> = [];
  let failuresLeft = 0;
  const open = vi.fn(async (request: OpenEventStreamRequest) => {
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });
    }
    const stream = new PassThrough();
    opens.push({ request, stream });
    return stream;
  });
  return {
    open,
    opens,
    failNext(count: number) {
      failuresLeft = count;
    },
    get current() {
      return opens[opens.length - 1].stream;
    },
  };
}

const event = (Type: string, Action: string, ID: string) => ({ Type, Action, Actor: { ID, Attributes: { name: ID } }, scope: 'local', time: 1700000000, timeNano: 1700000000123456789 });
const line = (value: unknown) => `${JSON.stringify(value)}\n`;

describe('EngineEvents', () => {
  it('shares one stream between subscribers and closes it when the last one leaves', async () => {
    const engine = fakeEngine();
    const events = new EngineEvents({ open: engine.open });
    const first: DockerEvent[] = [];
    const second: DockerEvent[] = [];
    const leaveFirst = events.subscribe((e) => first.push(e));
    const leaveSecond = events.subscribe((e) => second.push(e));
    await vi.waitFor(() => expect(engine.opens).toHaveLength(1));
    expect(engine.opens[0].request.filters).toEqual({ type: ['container', 'image', 'volume', 'network'] });

    engine.current.write(line(event('container', 'start', 'c1')));
    await vi.waitFor(() => expect(second).toHaveLength(1));
    expect(first).toEqual([{ Type: 'container', Action: 'start', Actor: { ID: 'c1', Attributes: { name: 'c1' } }, time: 1700000000, timeNano: 1700000000123456789 }]);

    leaveFirst();
    expect(engine.opens[0].request.signal.aborted).toBe(false);
    leaveSecond();
    expect(engine.opens[0].request.signal.aborted).toBe(true);
    expect(engine.current.destroyed).toBe(true);
    expect(events.state).toBeNull();
    expect(engine.open).toHaveBeenCalledTimes(1);
  });

  it('parses events split across chunks and delivers only the types each subscriber asked for', async () => {
    const engine = fakeEngine();
    const events = new EngineEvents({ open: engine.open });
    const containers: string[] = [];
    const others: string[] = [];
    events.subscribe((e) => containers.push(`${e.Type}:${e.Action}`));
    events.subscribe((e) => others.push(`${e.Type}:${e.Action}`), undefined, { types: ['image', 'volume', 'network'] });
    await vi.waitFor(() => expect(engine.opens).toHaveLength(1));

    const text = line(event('container', 'create', 'a')) + line(event('image', 'pull', 'busybox')) + line(event('network', 'connect', 'n')) + line(event('daemon', 'reload', 'd'));
    for (let i = 0; i < text.length; i += 7) engine.current.write(text.slice(i, i + 7));
    await vi.waitFor(() => expect(others).toEqual(['image:pull', 'network:connect']));
    expect(containers).toEqual(['container:create']);
    events.close();
  });

  it('reconnects with doubling, capped backoff after failures and resets it after success', async () => {
    const engine = fakeEngine();
    const events = new EngineEvents({ open: engine.open, initialRetryMs: 10, maxRetryMs: 30, random: () => 0.5 });
    const states: EventsState[] = [];
    engine.failNext(4);
    events.subscribe(() => {}, (state) => states.push(state));
    await vi.waitFor(() => expect(states.at(-1)?.state).toBe('connected'), { timeout: 2_000 });
    expect(states.map((s) => s.retryInMs ?? 'connected')).toEqual([10, 20, 30, 30, 'connected']);
    expect(states[0].message).toContain('ECONNREFUSED');

    engine.current.end();
    await vi.waitFor(() => expect(states).toHaveLength(7), { timeout: 2_000 });
    expect(states.slice(5).map((s) => s.retryInMs ?? 'connected')).toEqual([10, 'connected']);
    expect(states[5].message).toBe('The engine closed the event stream.');
    expect(engine.open).toHaveBeenCalledTimes(6);
    events.close();
  });

  it('keeps the jitter within ±20% and never above the cap', async () => {
    for (const [random, expected] of [
      [0, 8],
      [0.999, 12],
    ] as const) {
      const engine = fakeEngine();
      const events = new EngineEvents({ open: engine.open, initialRetryMs: 10, maxRetryMs: 11, random: () => random });
      const states: EventsState[] = [];
      engine.failNext(1);
      events.subscribe(() => {}, (state) => states.push(state));
      await vi.waitFor(() => expect(states.length).toBeGreaterThan(0));
      expect(states[0].retryInMs).toBe(Math.min(11, expected));
      events.close();
    }
  });

  it('reports a stream error as a disconnect and reconnects', async () => {
    const engine = fakeEngine();
    const events = new EngineEvents({ open: engine.open, initialRetryMs: 5 });
    const states: EventsState[] = [];
    events.subscribe(() => {}, (state) => states.push(state));
    await vi.waitFor(() => expect(states).toEqual([{ state: 'connected' }]));
    engine.current.destroy(new Error('read ECONNRESET'));
    await vi.waitFor(() => expect(states.map((s) => s.state)).toEqual(['connected', 'disconnected', 'connected']));
    expect(states[1].message).toBe('The engine event stream failed: read ECONNRESET');
    events.close();
  });

  it('tells a late subscriber the current state once', async () => {
    const engine = fakeEngine();
    const events = new EngineEvents({ open: engine.open });
    events.subscribe(() => {});
    await vi.waitFor(() => expect(events.state).toEqual({ state: 'connected' }));
    const late: EventsState[] = [];
    events.subscribe(() => {}, (state) => late.push(state));
    await Promise.resolve();
    expect(late).toEqual([{ state: 'connected' }]);
    events.close();
  });

  it('stops retrying once the last subscriber leaves', async () => {
    const engine = fakeEngine();
    const events = new EngineEvents({ open: engine.open, initialRetryMs: 20 });
    engine.failNext(100);
    const leave = events.subscribe(() => {});
    await vi.waitFor(() => expect(engine.open).toHaveBeenCalledTimes(1));
    leave();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(engine.open).toHaveBeenCalledTimes(1);
  });

  it('closes a stream that opens after everyone left', async () => {
    let release: (stream: PassThrough) => void = () => {};
    const stream = new PassThrough();
    const events = new EngineEvents({ open: () => new Promise((resolve) => (release = resolve)) });
    const leave = events.subscribe(() => {});
    leave();
    release(stream);
    await vi.waitFor(() => expect(stream.destroyed).toBe(true));
  });

  it('keeps delivering to others when one listener throws', async () => {
    const engine = fakeEngine();
    const failures: unknown[] = [];
    const events = new EngineEvents({ open: engine.open, onListenerError: (error) => failures.push(error) });
    const seen: string[] = [];
    events.subscribe(() => {
      throw new Error('listener bug');
    });
    events.subscribe((e) => seen.push(e.Actor.ID));
    await vi.waitFor(() => expect(engine.opens).toHaveLength(1));
    engine.current.write(line(event('container', 'die', 'x')));
    await vi.waitFor(() => expect(seen).toEqual(['x']));
    expect(failures).toHaveLength(1);
    events.close();
  });
});
