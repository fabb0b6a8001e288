import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.ts';
import { openStore, type Store } from '../store/database.ts';
import { CatalogStore } from './catalog-store.ts';
import { FeatureCatalog } from './feature-catalog.ts';

let home: string;
let store: Store;
let catalog: CatalogStore;

function folder(name: string, files: Record<string, string>): string {
  const dir = join(home, 'input', name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function blobFiles(): string[] {
  const root = join(home, 'catalog', 'blobs', 'sha256');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((prefix) => readdirSync(join(root, prefix)).map((rest) => `sha256:${prefix}${rest}`)).sort();
}

const MLMODEL = `artifact_path: model
flavors:
  python_function:
    loader_module: mlflow.sklearn
  sklearn:
    sklearn_version: 1.3.0
signature:
  inputs: '[{"type": "double", "name": "x", "required": true}]'
  outputs: '[{"type": "long", "required": true}]'
  params: null
`;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'benchtop-catalog-'));
  store = openStore(join(home, 'benchtop.db'));
  catalog = new CatalogStore(store, home);
});
afterEach(() => {
  store.close();
  rmSync(home, { recursive: true, force: true, maxRetries: 3 });
});

describe('CatalogStore (real sqlite in a temp BENCHTOP_HOME)', () => {
  it('registers versions with files, metrics, params, tags, inputs and the MLmodel signature', async () => {
    const v1 = await catalog.createVersion({
      name: 'iris',
      files: { path: folder('a', { MLmodel: MLMODEL, 'model.pkl': 'weights-a' }) },
      source: { type: 'pipeline', runId: 'r1', step: 'train-a', attempt: 2, imageDigest: 'sha256:img' },
      metrics: { accuracy: 0.91, loss: Number.NaN },
      params: { seed: '7' },
      tags: { team: 'vision' },
      description: '# Iris\nA model card.',
      inputs: [{ name: 'table', digest: 'sha256:abc', runId: 'r1', step: 'features', artifact: 'table' }],
    });
    expect(v1).toMatchObject({
      name: 'iris',
      version: 1,
      source: { type: 'pipeline', runId: 'r1', step: 'train-a', attempt: 2, imageDigest: 'sha256:img', uri: null },
      metrics: { accuracy: 0.91, loss: null },
      params: { seed: '7' },
      tags: { team: 'vision' },
      description: '# Iris\nA model card.',
      flavor: 'sklearn',
      signature: { inputs: [{ type: 'double', name: 'x', required: true }], outputs: [{ type: 'long', required: true }], params: null },
      fileCount: 2,
      inputs: [{ name: 'table', digest: 'sha256:abc' }],
      aliases: [],
    });
    expect(v1.treeDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const v2 = await catalog.createVersion({ name: 'iris', files: { path: folder('b', { 'model.pkl': 'weights-b' }) }, metrics: { accuracy: 0.95 } });
    expect(v2.version).toBe(2);
    expect(catalog.getModel('iris')).toMatchObject({ latestVersion: 2, versionCount: 2, aliases: {} });
    expect(catalog.getVersion('iris', 'latest').version).toBe(2);
    expect(catalog.getVersion('iris', 'v1').version).toBe(1);
    expect(catalog.versionFiles('iris', 1).map((f) => f.path)).toEqual(['MLmodel', 'model.pkl']);
  });

  it('keeps one version per alias, moves it, refuses reserved names, and drops aliases of deleted versions', async () => {
    await catalog.createVersion({ name: 'm', files: { path: folder('a', { f: '1' }) }, aliases: ['champion'] });
    await catalog.createVersion({ name: 'm', files: { path: folder('b', { f: '2' }) } });
    expect(catalog.getModel('m')?.aliases).toEqual({ champion: 1 });
    catalog.setAlias('m', 'champion', 2);
    expect(catalog.getModel('m')?.aliases).toEqual({ champion: 2 });
    expect(catalog.getVersion('m', 'champion').version).toBe(2);
    expect(() => catalog.setAlias('m', 'latest', 1)).toThrow(/reserved/);
    expect(() => catalog.setAlias('m', 'v3', 1)).toThrow(/reserved/);
    expect(() => catalog.setAlias('m', 'no way', 1)).toThrow(/not an alias/);
    expect(() => catalog.setAlias('m', 'x', 9)).toThrow(ApiError);
    catalog.deleteVersion('m', 2);
    expect(catalog.getModel('m')).toMatchObject({ aliases: {}, latestVersion: 1, versionCount: 1 });
    const v3 = await catalog.createVersion({ name: 'm', files: { path: folder('c', { f: '3' }) } });
    expect(v3.version).toBe(3);
  });

  it('is idempotent by external id and finds a run’s identical content', async () => {
    const made = await catalog.createVersion({ name: 'x', files: { path: folder('a', { f: 'same' }) }, externalId: 'mlflow:store:x/1', version: 4, source: { type: 'mlflow', runId: 'run9' } });
    expect(made.version).toBe(4);
    expect(catalog.findVersionByExternalId('mlflow:store:x/1')?.id).toBe(made.id);
    await expect(catalog.createVersion({ name: 'x', externalId: 'mlflow:store:x/1' })).rejects.toThrow(/exists already/);
    const copy = await catalog.putTree(folder('copy', { f: 'same' }));
    expect(copy.digest).toBe(made.treeDigest);
    expect(catalog.findVersionByContent('x', 'run9', copy.digest)?.version).toBe(4);
    expect(catalog.findVersionByContent('x', 'other-run', copy.digest)).toBeNull();
  });

  it('searches by metric filters, tags, params, alias and name, newest first', async () => {
    await catalog.createVersion({ name: 'a', metrics: { accuracy: 0.8 }, tags: { team: 'x' }, params: { depth: '3' } });
    await catalog.createVersion({ name: 'a', metrics: { accuracy: 0.93, loss: 0.2 }, tags: { team: 'y' }, params: { depth: '10' }, aliases: ['champion'] });
    await catalog.createVersion({ name: 'b', metrics: { accuracy: 0.97 }, tags: { team: 'y' } });
    const names = (filter: string, extra = {}) => catalog.searchVersions({ filter, ...extra }).map((v) => `${v.name}/${v.version}`);
    expect(names('accuracy > 0.9')).toEqual(['b/1', 'a/2']);
    expect(names("accuracy > 0.9 AND tags.team = 'y' AND loss < 0.5")).toEqual(['a/2']);
    expect(names('params.depth > 5')).toEqual(['a/2']);
    expect(names("params.depth = '3'")).toEqual(['a/1']);
    expect(names('alias = champion')).toEqual(['a/2']);
    expect(names('alias = latest')).toEqual(['b/1', 'a/2']);
    expect(names("tags.team != 'y'")).toEqual(['a/1']);
    expect(names('', { name: 'a' })).toEqual(['a/2', 'a/1']);
    expect(names("name LIKE 'b%'")).toEqual(['b/1']);
    try {
      catalog.searchVersions({ filter: 'accuracy >> 0.9' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('invalid_input');
      expect((error as ApiError).message).toBe('Filter "accuracy >> 0.9", column 11: Expected a value after ">".');
      expect((error as ApiError).details).toEqual({ column: 11 });
    }
  });

  it('lists models with the champion (else latest) as headline; soft-deleted models disappear', async () => {
    await catalog.createVersion({ name: 'a', metrics: { auc: 0.9 }, aliases: ['champion'] });
    await catalog.createVersion({ name: 'a', metrics: { auc: 0.8 } });
    await catalog.createVersion({ name: 'b', metrics: { auc: 0.7 } });
    const list = catalog.listModels();
    // Most recently changed first; versions made within one millisecond tie and fall back to the name.
    expect(list.map((m) => [m.name, m.headline?.version, m.latestVersion]).sort()).toEqual([
      ['a', 1, 2],
      ['b', 1, 1],
    ]);
    catalog.setModelTags('a', { touched: 'yes' });
    await new Promise((resolve) => setTimeout(resolve, 2));
    catalog.setModelTags('a', { touched: 'again' });
    expect(catalog.listModels()[0].name).toBe('a');
    catalog.deleteModel('b');
    expect(catalog.listModels().map((m) => m.name)).toEqual(['a']);
    expect(catalog.getModel('b')).toBeNull();
    expect(() => catalog.ensureModel('bad/name')).toThrow(/not a model name/);
  });

  it('keeps each model\'s version count and latest version through creates, deletes, a brought-back model and a hard delete', async () => {
    const summary = (name: string) => {
      const model = catalog.listModels().find((m) => m.name === name);
      return model && [model.versionCount, model.latestVersion];
    };
    for (let i = 0; i < 3; i++) await catalog.createVersion({ name: 'm', metrics: { i } });
    expect(summary('m')).toEqual([3, 3]);
    catalog.deleteVersion('m', 3);
    expect(summary('m')).toEqual([2, 2]);
    expect(catalog.getModel('m')).toMatchObject({ versionCount: 2, latestVersion: 2 });
    catalog.deleteVersion('m', 1);
    expect(summary('m')).toEqual([1, 2]);
    catalog.deleteModel('m');
    expect(catalog.getModel('m', { includeDeleted: true })).toMatchObject({ versionCount: 0, latestVersion: null });
    await catalog.createVersion({ name: 'm', metrics: {} });
    expect(summary('m')).toEqual([1, 4]);
    // A restore or a hard delete done straight in SQL (as an import or a repair would) is counted too.
    store.db.prepare('UPDATE model_versions SET deleted_at = NULL WHERE name = ? AND version = 2').run('m');
    expect(summary('m')).toEqual([2, 4]);
    store.db.prepare('DELETE FROM model_versions WHERE name = ? AND version = 4').run('m');
    expect(summary('m')).toEqual([1, 2]);
  });

  it('records lineage and walks it upstream from a version', async () => {
    const v = await catalog.createVersion({ name: 'm' });
    catalog.addLineage(
      [
        { id: 'artifact:r/pull/raw', kind: 'dataset', label: 'pull.raw', runId: 'r', step: 'pull', digest: 'sha256:1' },
        { id: 'step:r/pull', kind: 'step', label: 'pull', runId: 'r', step: 'pull', digest: null },
        { id: 'step:r/train', kind: 'step', label: 'train', runId: 'r', step: 'train', digest: null },
        { id: 'step:r/unrelated', kind: 'step', label: 'unrelated', runId: 'r', step: 'unrelated', digest: null },
        { id: `model_version:${v.id}`, kind: 'model_version', label: 'm v1', runId: 'r', step: 'train', digest: null },
      ],
      [
        { source: 'step:r/pull', target: 'artifact:r/pull/raw', relation: 'produced' },
        { source: 'artifact:r/pull/raw', target: 'step:r/train', relation: 'consumed' },
        { source: 'step:r/train', target: `model_version:${v.id}`, relation: 'registered' },
      ],
    );
    const graph = catalog.versionLineage('m', 1);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(['artifact:r/pull/raw', `model_version:${v.id}`, 'step:r/pull', 'step:r/train']);
    expect(graph.edges).toHaveLength(3);
  });
});

describe('content store', () => {
  it('stores each content once, read-only, and verifies integrity', async () => {
    const a = await catalog.createVersion({ name: 'm', files: { path: folder('a', { 'w.bin': 'same bytes', 'x.txt': 'one' }) } });
    const b = await catalog.createVersion({ name: 'm', files: { path: folder('b', { 'w.bin': 'same bytes', 'x.txt': 'two' }) } });
    expect(blobFiles()).toHaveLength(3);
    const shared = catalog.versionFiles('m', 1).find((f) => f.path === 'w.bin');
    expect(catalog.versionFiles('m', 2).find((f) => f.path === 'w.bin')?.digest).toBe(shared?.digest);
    expect(a.treeDigest).not.toBe(b.treeDigest);
    const path = catalog.files.blobPath(shared?.digest ?? '');
    expect(statSync(path).mode & 0o777).toBe(0o444);
    expect(await catalog.files.verify(shared?.digest ?? '')).toBe(true);
    chmodSync(path, 0o644);
    writeFileSync(path, 'tampered');
    expect(await catalog.files.verify(shared?.digest ?? '')).toBe(false);
    expect(readdirSync(join(home, 'catalog', 'tmp'))).toEqual([]);
  });

  it('refuses a path that does not exist or holds no files, changing nothing', async () => {
    await expect(catalog.createVersion({ name: 'm', files: { path: join(home, 'nope') } })).rejects.toThrow(/does not exist/);
    mkdirSync(join(home, 'empty'));
    await expect(catalog.createVersion({ name: 'm', files: { path: join(home, 'empty') } })).rejects.toThrow(/holds no files/);
    expect(catalog.getModel('m')).toBeNull();
  });
});

describe('gc', () => {
  it('frees exactly the blobs nothing live reaches; dry run previews and changes nothing', async () => {
    await catalog.createVersion({ name: 'm', files: { path: folder('a', { shared: 'S', onlyA: 'AAAA' }) } });
    await catalog.createVersion({ name: 'm', files: { path: folder('b', { shared: 'S', onlyB: 'BB' }) } });
    const features = new FeatureCatalog(store, catalog);
    await features.register({ name: 'rows', files: { path: folder('f', { 'table.csv': 'id\n1\n', onlyB: 'BB' }) } });
    const before = blobFiles();
    expect(before).toHaveLength(4);
    expect(await catalog.gc({ dryRun: true })).toEqual({ dryRun: true, blobs: 0, bytes: 0, trees: 0, purged: 0 });

    catalog.deleteVersion('m', 1);
    const preview = await catalog.gc({ dryRun: true });
    expect(preview).toEqual({ dryRun: true, blobs: 1, bytes: 4, trees: 1, purged: 1 });
    expect(blobFiles()).toEqual(before);
    expect(catalog.treeEntries(catalog.searchVersions({ includeDeleted: true, name: 'm' }).find((v) => v.version === 1)?.treeDigest ?? '')).toHaveLength(2);

    expect(await catalog.gc()).toEqual({ dryRun: false, blobs: 1, bytes: 4, trees: 1, purged: 1 });
    const onlyA = before.filter((d) => !blobFiles().includes(d));
    expect(onlyA).toHaveLength(1);
    expect(blobFiles()).toHaveLength(3);
    expect(catalog.versionFiles('m', 2)).toHaveLength(2);
    expect(await catalog.gc({ dryRun: true })).toEqual({ dryRun: true, blobs: 0, bytes: 0, trees: 0, purged: 0 });

    features.delete('rows');
    catalog.deleteModel('m');
    expect(await catalog.gc()).toMatchObject({ blobs: 3, trees: 2, purged: 2 });
    expect(blobFiles()).toEqual([]);
    // Version numbers are never reused after their files are freed.
    expect((await catalog.createVersion({ name: 'm' })).version).toBe(3);
  });

  it('keeps trees held by an artifact root until it is deleted', async () => {
    const tree = await catalog.putTree(folder('run', { 'metrics.json': '{}' }));
    expect(await catalog.gc({ dryRun: true })).toMatchObject({ blobs: 1, trees: 1 });
    catalog.setArtifactRoot('mlflow_run', 'abc', tree.digest);
    expect(await catalog.gc({ dryRun: true })).toMatchObject({ blobs: 0, trees: 0 });
    catalog.deleteArtifactRoot('mlflow_run', 'abc');
    expect(await catalog.gc()).toMatchObject({ blobs: 1, trees: 1, purged: 1 });
  });
});
