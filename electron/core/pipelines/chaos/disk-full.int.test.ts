import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineConnection } from '../../engine/connection.ts';
import { openStore, type Store } from '../../store/database.ts';
import { freeBytes } from '../disk-full.ts';
import { attemptDir } from '../run-paths.ts';
import { PipelineService } from '../service.ts';
import { TEST_IMAGE } from '../test-support.ts';

// Chaos 5: a small filesystem (a 20 MiB tmpfs of our own, mounted on the runs folder where steps
// write their artifacts and logs) filled during a step, on the real engine. The database stays on
// the ordinary disk. Needs root to mount.
const home = mkdtempSync(join(tmpdir(), 'benchtop-chaos-disk-'));
const runs = join(home, 'runs');
let mounted = false;
let store: Store;
let engine: EngineConnection;
let pipelines: PipelineService;

function tryMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  mkdirSync(runs, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'benchtop-chaos-tmpfs', runs], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const text = `apiVersion: benchtop/v1
kind: Pipeline
metadata: { name: chaos-disk, labels: { benchtop.test: '1' } }
params: { mib: { default: '40' } }
steps:
  fill:
    image: ${TEST_IMAGE}
    command: [sh, -c, 'dd if=/dev/zero of=/out/data bs=1M count=\${params.mib} && echo wrote \${params.mib} MiB']
    outputs: { artifacts: { out: { path: /out } } }
  after:
    image: ${TEST_IMAGE}
    depends: [fill]
    command: ['true']
`;

mounted = tryMount();

describe.skipIf(!mounted)('chaos: the disk fills up during a step', () => {
  beforeAll(() => {
    store = openStore(join(home, 'benchtop.db'));
    engine = new EngineConnection({ env: process.env });
    pipelines = new PipelineService({ store, docker: () => engine.client(), home });
  });
  afterAll(() => {
    engine?.close();
    store?.close();
    if (mounted) execFileSync('umount', [runs]);
    rmSync(home, { recursive: true, force: true });
  });

  it('fails the step with "disk full" naming the folder, keeps nothing half-written, then a run succeeds once space is free', async () => {
    const first = pipelines.startRun({ text, params: { mib: '40' } });
    expect(await first.done).toBe('failed');
    const failed = pipelines.get(first.runId);
    const fill = failed.steps.find((s) => s.name === 'fill');
    const folder = attemptDir(home, first.runId, 'fill', 1);
    console.log(`chaos 5 (disk full): run ${failed.state}: ${failed.message}; fill: ${fill?.message}; free after: ${await freeBytes(runs)} bytes`);
    expect(fill?.state).toBe('failed');
    expect(fill?.message).toBe(fill?.attempts[0].reason);
    expect(fill?.message).toMatch(new RegExp(`^disk full: ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has no space left`));
    // The run's own message (the Runs page header, the notification, `benchtop run`'s last line) names the full folder too.
    expect(failed.message).toMatch(new RegExp(`^disk full: ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has no space left.*; 0 of 2 steps succeeded; fill failed$`));
    // Nothing half-written is registered: no artifacts recorded, the partial folder is gone, no cache entry.
    expect(fill?.artifacts).toEqual([]);
    expect(existsSync(join(folder, 'artifacts', 'out', 'data'))).toBe(false);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM cache_entries WHERE run_id = ?').get(first.runId)).toEqual({ n: 0 });
    expect(failed.steps.find((s) => s.name === 'after')?.state).toBe('upstream_failed');
    // The database is consistent and usable.
    expect(store.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });

    const second = pipelines.startRun({ text, params: { mib: '5' } });
    expect(await second.done).toBe('succeeded');
    const ok = pipelines.get(second.runId).steps.find((s) => s.name === 'fill');
    console.log(`chaos 5 (space freed): run succeeded; fill artifact ${ok?.artifacts[0]?.size} bytes`);
    expect(ok?.artifacts[0]?.size).toBe(5 * 1024 * 1024);
  }, 60_000);
});
