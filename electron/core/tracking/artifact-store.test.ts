import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../catalog/catalog-store.ts';
import { openStore, type Store } from '../store/database.ts';
import { ArtifactStore } from './artifact-store.ts';
import { MlflowError } from './errors.ts';
import { TrackingStore } from './tracking-store.ts';

let home: string;
let store: Store;
let catalog: CatalogStore;
let tracking: TrackingStore;
let artifacts: ArtifactStore;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'benchtop-tracking-artifacts-'));
  store = openStore(join(home, 'benchtop.db'));
  catalog = new CatalogStore(store, home);
  tracking = new TrackingStore(store);
  artifacts = new ArtifactStore(store, catalog);
});
afterEach(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

describe('run artifacts in the content store', () => {
  it('stores, lists, replaces and deletes files of a run; refuses paths that escape', async () => {
    const run = tracking.createRun({ experimentId: '0' }).info.run_id;
    const put = (path: string, text: string) => artifacts.put(artifacts.resolve(`0/${run}/artifacts/${path}`), Readable.from([Buffer.from(text)]));
    await put('model/MLmodel', 'flavors: {}');
    await put('model/data/weights.bin', 'abc');
    await put('notes.txt', 'v1');
    await put('notes.txt', 'v2');
    const owner = { kind: 'run' as const, id: run };
    expect(artifacts.list(owner, '', { fullPaths: false })).toEqual([
      { path: 'model', is_dir: true },
      { path: 'notes.txt', is_dir: false, file_size: 2 },
    ]);
    expect(artifacts.list(owner, 'model', { fullPaths: true })).toEqual([
      { path: 'model/MLmodel', is_dir: false, file_size: 11 },
      { path: 'model/data', is_dir: true },
    ]);
    const notes = artifacts.file(artifacts.resolve(`0/${run}/artifacts/notes.txt`))!;
    expect((await catalog.files.read(notes.digest)).toString()).toBe('v2');
    artifacts.delete(artifacts.resolve(`0/${run}/artifacts/model`));
    expect(artifacts.entries(owner).map((e) => e.path)).toEqual(['notes.txt']);
    expect(() => artifacts.resolve(`0/${run}/artifacts/../../x`)).toThrow(MlflowError);
    expect(() => artifacts.resolve('0/ffffffffffffffffffffffffffffffff/artifacts/x')).toThrow(/not found/);
  });

  it('benchtop gc frees the files of a deleted run, not of a restored one', async () => {
    const kept = tracking.createRun({ experimentId: '0' }).info.run_id;
    const dropped = tracking.createRun({ experimentId: '0' }).info.run_id;
    await artifacts.put(artifacts.resolve(`0/${kept}/artifacts/a.txt`), Readable.from([Buffer.from('kept')]));
    await artifacts.put(artifacts.resolve(`0/${dropped}/artifacts/b.txt`), Readable.from([Buffer.from('dropped')]));
    const keptBlob = catalog.files.blobPath(artifacts.entries({ kind: 'run', id: kept })[0].digest);
    const droppedBlob = catalog.files.blobPath(artifacts.entries({ kind: 'run', id: dropped })[0].digest);
    tracking.deleteRun(kept);
    tracking.restoreRun(kept);
    tracking.deleteRun(dropped);
    const report = await catalog.gc();
    expect(report.blobs).toBe(1);
    expect(existsSync(keptBlob)).toBe(true);
    expect(existsSync(droppedBlob)).toBe(false);
    tracking.restoreRun(dropped);
    expect(artifacts.entries({ kind: 'run', id: dropped })).toEqual([]);
  });
});
