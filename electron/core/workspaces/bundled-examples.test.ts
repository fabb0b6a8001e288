import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.ts';
import { createPipelineHarness, type PipelineHarness } from '../pipelines/test-support.ts';
import { bundledExamplesDir, copyExamples } from './bundled-examples.ts';
import { createWorkspaceHandlers } from './handlers.ts';

describe('the bundled examples (real folders, real sqlite store)', () => {
  let harness: PipelineHarness;
  let home: string;

  beforeEach(() => {
    harness = createPipelineHarness();
    home = mkdtempSync(join(tmpdir(), 'benchtop-examples-'));
  });
  afterEach(() => {
    harness.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('are found beside the source tree', () => {
    const dir = bundledExamplesDir();
    expect(dir).not.toBeNull();
    expect(readdirSync(dir!)).toContain('busybox-select');
  });

  it('are copied into <home>/examples, added as a workspace folder, and their pipelines listed', async () => {
    const handlers = createWorkspaceHandlers({ store: harness.store, pipelines: harness.service, home });
    const added = await handlers['workspaces.addExamples']({});
    const folder = join(home, 'examples');
    expect(added.folder).toBe(folder);
    expect(added.written).toBeGreaterThan(3);
    expect(added.folders).toEqual([{ path: folder, exists: true }]);
    expect(readFileSync(join(folder, 'busybox-select', 'pipeline.yaml'), 'utf8')).toBe(readFileSync(join(bundledExamplesDir()!, 'busybox-select', 'pipeline.yaml'), 'utf8'));
    const { files } = await handlers['workspaces.files']({});
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['busybox-select', 'train-and-select']));
    expect(files.find((f) => f.name === 'busybox-select')?.valid).toBe(true);
  });

  it('never overwrite an edited copy, and a second click adds nothing twice', async () => {
    const handlers = createWorkspaceHandlers({ store: harness.store, pipelines: harness.service, home });
    await handlers['workspaces.addExamples']({});
    const edited = join(home, 'examples', 'busybox-select', 'pipeline.yaml');
    writeFileSync(edited, '# mine\n');
    const again = await handlers['workspaces.addExamples']({});
    expect(again.written).toBe(0);
    expect(again.folders).toHaveLength(1);
    expect(readFileSync(edited, 'utf8')).toBe('# mine\n');
  });

  it('say so precisely when the install lacks them, and write nothing', async () => {
    const handlers = createWorkspaceHandlers({ store: harness.store, pipelines: harness.service, home, examplesDir: join(home, 'gone') });
    const error = await handlers['workspaces.addExamples']({}).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('not_found');
    expect((error as ApiError).message).toMatch(/reinstall Benchtop/);
    expect(existsSync(join(home, 'examples'))).toBe(false);
    expect(harness.store.getSetting('workspaces.folders')).toBeNull();
  });

  it('copy file by file from any folder (read-only sources are fine)', () => {
    const source = mkdtempSync(join(tmpdir(), 'benchtop-examples-src-'));
    try {
      writeFileSync(join(source, 'a.yaml'), 'a');
      chmodSync(source, 0o555);
      expect(copyExamples(source, join(home, 'copy'))).toBe(1);
      expect(readFileSync(join(home, 'copy', 'a.yaml'), 'utf8')).toBe('a');
    } finally {
      chmodSync(source, 0o755);
      rmSync(source, { recursive: true, force: true });
    }
  });
});
