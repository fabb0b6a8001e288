import type Docker from 'dockerode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppHealth, LaunchedApp } from '../../../shared/environments/apps.ts';
import { ENV_LABEL } from '../../../shared/environments/labels.ts';
import type { DockerEvent } from '../engine/events.ts';
import { createAppHealthMonitor, type ProbeResult } from './app-health.ts';

// Pure scheduling logic: the engine is a stand-in (the real engine is in
// electron/webhost/notebook-apps.int.test.ts and e2e/notebook.spec.ts).
const app: LaunchedApp = { name: 'demo', label: 'Demo', port: 7860, path: '', tokenEnv: null, token: null, basePath: null, health: { path: 'healthz', startupSeconds: 30, intervalSeconds: 10 } };

/** `listedRunning`: what the list says, when it lags behind the container (engine 20.10 right after a die). */
function fakeEngine(state: { running: boolean; startedAt: string; listedRunning?: boolean }) {
  const calls = { list: 0 };
  const docker = {
    listContainers: async () => {
      calls.list++;
      return [{ Id: 'c1', State: (state.listedRunning ?? state.running) ? 'running' : 'exited', Labels: { [ENV_LABEL.apps]: JSON.stringify([app]) }, Ports: [{ PrivatePort: 7860, PublicPort: 17860, Type: 'tcp' }] }];
    },
    getContainer: () => ({ inspect: async () => ({ State: { StartedAt: state.startedAt, Running: state.running } }), logs: async () => Buffer.from('line one\nline two\n') }),
  } as unknown as Docker;
  return { docker, calls };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('app health monitor', () => {
  it('backs off while starting, turns unhealthy after startupSeconds with log lines, and stops probing when nobody watches', async () => {
    const state = { running: true, startedAt: '2026-01-01T00:00:00Z' };
    const engine = fakeEngine(state);
    const probes: number[] = [];
    let answer: ProbeResult = { ok: false, reason: 'connection refused' };
    const monitor = createAppHealthMonitor({ docker: async () => engine.docker, probe: async () => (probes.push(Date.now()), answer) });
    const seen: AppHealth[][] = [];
    const stop = monitor.watch('0123456789ab', (apps) => seen.push(apps));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.map((apps) => apps[0]?.state)).toEqual(['starting']);
    // 0, 0.5, 1.5, 3.5, 7.5 s: doubling from 0.5 s, capped at 5 s.
    const gaps = probes.slice(1).map((t, i) => t - (probes[i] as number));
    expect(gaps.slice(0, 4)).toEqual([500, 1000, 2000, 4000]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(seen.at(-1)?.[0]).toMatchObject({ state: 'unhealthy', reason: 'Demo did not answer its health check within 30 s (connection refused).', logTail: ['line one', 'line two'] });
    answer = { ok: true, reason: null };
    await vi.advanceTimersByTimeAsync(31_000);
    expect(seen.at(-1)?.[0]?.state).toBe('healthy');
    stop();
    const before = { probes: probes.length, list: engine.calls.list };
    await vi.advanceTimersByTimeAsync(120_000);
    expect({ probes: probes.length, list: engine.calls.list }).toEqual(before);
  });

  it('a stopped environment is not probed; a container event wakes the watch at once', async () => {
    const state = { running: false, startedAt: '2026-01-01T00:00:00Z' };
    const engine = fakeEngine(state);
    let emit: (event: DockerEvent) => void = () => {};
    const probes: number[] = [];
    const monitor = createAppHealthMonitor({ docker: async () => engine.docker, probe: async () => (probes.push(Date.now()), { ok: true, reason: null }), subscribeEvents: (listener) => ((emit = listener), () => {}) });
    const seen: string[] = [];
    const stop = monitor.watch('0123456789ab', (apps) => seen.push(apps[0]?.state ?? 'none'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(seen).toEqual(['stopped']);
    expect(probes).toEqual([]);
    expect(engine.calls.list).toBe(1);
    state.running = true;
    state.startedAt = '2026-01-01T00:00:20Z';
    emit({ Type: 'container', Action: 'start', Actor: { ID: 'c1', Attributes: { [ENV_LABEL.id]: '0123456789ab' } }, time: 0, timeNano: 0 });
    await vi.advanceTimersByTimeAsync(10);
    expect(seen).toEqual(['stopped', 'healthy']);
    stop();
    monitor.close();
  });

  it('a die the list has not caught up with yet reads stopped, not unhealthy', async () => {
    const state = { running: true, startedAt: '2026-01-01T00:00:00Z', listedRunning: undefined as boolean | undefined };
    const engine = fakeEngine(state);
    let emit: (event: DockerEvent) => void = () => {};
    const probes: number[] = [];
    const monitor = createAppHealthMonitor({ docker: async () => engine.docker, probe: async () => (probes.push(Date.now()), { ok: state.running, reason: state.running ? null : 'connection refused' }), subscribeEvents: (listener) => ((emit = listener), () => {}) });
    const seen: string[] = [];
    const stop = monitor.watch('0123456789ab', (apps) => seen.push(apps[0]?.state ?? 'none'));
    await vi.advanceTimersByTimeAsync(10);
    expect(seen).toEqual(['healthy']);
    state.running = false;
    state.listedRunning = true;
    emit({ Type: 'container', Action: 'die', Actor: { ID: 'c1', Attributes: { [ENV_LABEL.id]: '0123456789ab' } }, time: 0, timeNano: 0 });
    await vi.advanceTimersByTimeAsync(10);
    expect(seen).toEqual(['healthy', 'stopped']);
    expect(probes).toHaveLength(1);
    stop();
    monitor.close();
  });
});
