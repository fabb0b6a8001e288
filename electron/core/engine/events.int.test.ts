import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineConnection } from './connection.ts';
import type { DockerEvent, EventsState } from './events.ts';

// Against the real engine: a busybox container labelled benchtop.test=1, removed at the end.
const engine = new EngineConnection({ env: process.env });
let containerId: string | null = null;

beforeAll(async () => {
  expect((await engine.connect()).connected).toBe(true);
});
afterAll(async () => {
  if (containerId) await (await engine.client()).getContainer(containerId).remove({ force: true }).catch(() => {});
  engine.close();
});

describe('EngineEvents against the real engine', () => {
  it('delivers start, die and destroy within a second of each action', async () => {
    const seen: Array<{ event: DockerEvent; at: number }> = [];
    const states: EventsState[] = [];
    const unsubscribe = engine.events.subscribe(
      (event) => seen.push({ event, at: performance.now() }),
      (state) => states.push(state),
    );
    await expect.poll(() => states.at(-1)?.state, { timeout: 5_000 }).toBe('connected');

    const docker = await engine.client();
    const container = await docker.createContainer({
      Image: 'benchtop-test/busybox',
      Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'],
      Labels: { 'benchtop.test': '1' },
    });
    containerId = container.id;

    // Measured from the moment the engine confirmed the action: under load the action itself may be slow.
    const arrival = async (action: string, act: () => Promise<unknown>) => {
      await act();
      const before = performance.now();
      await expect
        .poll(() => seen.find(({ event }) => event.Actor.ID === container.id && event.Action === action), { timeout: 1_000, interval: 10 })
        .toBeTruthy();
      const match = seen.find(({ event }) => event.Actor.ID === container.id && event.Action === action);
      expect(match!.at - before).toBeLessThan(1_000);
      return match!.event;
    };

    const started = await arrival('start', () => container.start());
    expect(started).toMatchObject({ Type: 'container', Actor: { Attributes: { image: 'benchtop-test/busybox', 'benchtop.test': '1' } } });
    expect(started.timeNano).toBeGreaterThan(started.time * 1e9 - 1);
    await arrival('die', () => container.stop({ t: 1 }));
    await arrival('destroy', () => container.remove());
    containerId = null;

    unsubscribe();
    expect(engine.events.state).toBeNull();
  });
});
