import { describe, expect, it } from 'vitest';
import type { TaskChange, TaskInfo } from '../../../shared/domain/tasks.ts';
import { streamTaskChanges } from './changes.ts';
import { runAsTask, TaskRegistry } from './registry.ts';

describe('TaskRegistry', () => {
  it('tracks progress, lines and the end state; cancel aborts the signal', async () => {
    const registry = new TaskRegistry({ now: () => 1000 });
    const seen: TaskInfo[] = [];
    registry.subscribe((t) => seen.push(t));
    const task = registry.start({ kind: 'pull', title: 'Pull x' });
    task.progress(0.25);
    task.progress(2);
    for (let i = 0; i < 7; i++) task.line(`line ${i}`);
    expect(registry.get(task.id)).toMatchObject({ state: 'running', progress: 1, lines: ['line 2', 'line 3', 'line 4', 'line 5', 'line 6'] });
    expect(registry.cancel(task.id)).toBe(true);
    expect(task.signal.aborted).toBe(true);
    task.cancelled();
    task.succeed();
    expect(registry.get(task.id)).toMatchObject({ state: 'cancelled', endedAt: 1000 });
    expect(registry.cancel(task.id)).toBe(false);
    expect(seen.at(-1)?.state).toBe('cancelled');
  });

  it('runAsTask: succeeded, failed with the message, cancelled when the outer signal aborts', async () => {
    const registry = new TaskRegistry();
    await runAsTask(registry, { kind: 'k', title: 'ok' }, async () => 3, (v) => `got ${v}`);
    await expect(runAsTask(registry, { kind: 'k', title: 'bad' }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const outer = new AbortController();
    const cancelled = runAsTask(registry, { kind: 'k', title: 'slow', signal: outer.signal }, (task) =>
      new Promise((_, reject) => task.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    outer.abort();
    await expect(cancelled).rejects.toThrow('aborted');
    expect(registry.list().map((t) => [t.title, t.state, t.error, t.lines.at(-1)])).toEqual([
      ['ok', 'succeeded', null, 'got 3'],
      ['bad', 'failed', 'boom', undefined],
      ['slow', 'cancelled', null, undefined],
    ]);
  });

  it('tasks.changes: a snapshot, then state changes at once and progress coalesced', async () => {
    const registry = new TaskRegistry();
    registry.start({ kind: 'k', title: 'before' });
    const changes: TaskChange[] = [];
    const controller = new AbortController();
    const done = streamTaskChanges(registry, { next: (c) => changes.push(c), end: () => {} }, controller.signal);
    const task = registry.start({ kind: 'k', title: 'during' });
    for (let i = 1; i <= 50; i++) task.progress(i / 100);
    expect(changes.map((c) => c.type)).toEqual(['snapshot', 'upsert']);
    await new Promise((r) => setTimeout(r, 150));
    expect(changes).toHaveLength(3);
    expect(changes[2]).toMatchObject({ type: 'upsert', item: { progress: 0.5 } });
    task.succeed();
    expect(changes.at(-1)).toMatchObject({ type: 'upsert', item: { state: 'succeeded' } });
    controller.abort();
    await done;
  });
});
