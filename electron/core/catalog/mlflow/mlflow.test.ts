import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openStore, type Store } from '../../store/database.ts';
import { CatalogStore } from '../catalog-store.ts';
import { FeatureCatalog } from '../feature-catalog.ts';
import { exportMlflow } from './export.ts';
import { importMlflow, type ImportSummary } from './import.ts';
import { formatPythonFloat, parsePythonFloat } from './python-float.ts';

const FIXTURES = fileURLToPath(new URL('../../../../../shared/fixtures/mlflow/', import.meta.url));
const FILE_STORES = ['hpt-1x-trash-nested', 'pdl-1x-pytorch-steps', 'pycaret-1x-spaced-keys', 'countryguess-2x-registry-aliases', 'creditrisk-3x-logged-models'];
const DATABASES = ['psystock-1x-sqlite', 'mlewp2-2x-registry-sqlite', 'mlewp2-2x-latest-schema-sqlite'];
const source = (name: string) => join(FIXTURES, name, DATABASES.includes(name) ? 'mlflow.db' : 'mlruns');

const cleanups: string[] = [];
afterEach(() => {
  for (const dir of cleanups.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshCatalog(): { store: Store; catalog: CatalogStore; home: string } {
  const home = mkdtempSync(join(tmpdir(), 'benchtop-mlflow-'));
  cleanups.push(home);
  const store = openStore(join(home, 'benchtop.db'));
  return { store, catalog: new CatalogStore(store, home), home };
}

/** Every row of every table, sorted: two equal dumps mean the same catalog. */
function dump(store: Store): Record<string, unknown[]> {
  const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => {
      const rows = (store.db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r)).sort();
      return [name, rows];
    }),
  );
}

const rowCount = (store: Store, table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const nothingChanged = (s: ImportSummary) =>
  [s.experiments, s.runs, s.loggedModels, s.registeredModels, s.versions, s.aliases].every((c) => c.added === 0 && c.updated === 0) && s.metricPointsAdded === 0;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/** The keys of a meta.yaml in file order, with the YAML type of each value. */
function shape(file: string): [string, string][] {
  const text = readFileSync(file, 'utf8');
  const values = parse(text, { version: '1.1' }) as Record<string, unknown>;
  const order = text.split('\n').filter((l) => /^[A-Za-z_]/.test(l)).map((l) => l.slice(0, l.indexOf(':')));
  return order.map((key) => [key, values[key] === null ? 'null' : Array.isArray(values[key]) ? 'list' : typeof values[key]]);
}

describe('MLflow import', () => {
  it.each([...FILE_STORES, ...DATABASES])('imports %s, and importing it again changes nothing', async (name) => {
    const { store, catalog } = freshCatalog();
    const first = await importMlflow(store, catalog, source(name));
    expect(first.runs.added).toBeGreaterThan(0);
    expect(first.experiments.added).toBeGreaterThan(0);
    expect(rowCount(store, 'mlflow_runs')).toBe(first.runs.added);
    const before = dump(store);
    const again = await importMlflow(store, catalog, source(name));
    expect(nothingChanged(again)).toBe(true);
    expect(again.runs.unchanged).toBe(first.runs.added);
    expect(dump(store)).toEqual(before);
  });

  it('reads what each fixture holds', async () => {
    const { store, catalog } = freshCatalog();
    const hpt = await importMlflow(store, catalog, source('hpt-1x-trash-nested'));
    expect(hpt.experiments.added).toBe(7);
    expect(hpt.runs.added).toBe(19);
    expect(hpt.skipped.map((s) => s.path)).toContain('.trash/5/.ipynb_checkpoints');
    const trashed = store.db.prepare("SELECT COUNT(*) AS n FROM mlflow_experiments WHERE lifecycle_stage = 'deleted'").get() as { n: number };
    expect(trashed.n).toBe(5);
    const running = store.db.prepare("SELECT status, lifecycle_stage, end_time FROM mlflow_runs WHERE run_id = 'bb55f3cea2cd4a61bfaa09714f19f792'").get();
    expect(running).toEqual({ status: 'RUNNING', lifecycle_stage: 'deleted', end_time: null });
    expect(rowCount(store, 'mlflow_runs WHERE parent_run_id IS NOT NULL')).toBe(6);

    const pycaret = await importMlflow(store, catalog, source('pycaret-1x-spaced-keys'));
    expect(pycaret.runs.added).toBe(20);
    expect(rowCount(store, "mlflow_run_tags WHERE key = 'Run ID'")).toBe(20);
    expect(rowCount(store, "mlflow_run_params WHERE key = 'CPU Jobs'")).toBe(1);
    expect(rowCount(store, "mlflow_metrics WHERE key = 'Prec.'")).toBeGreaterThan(0);

    const country = await importMlflow(store, catalog, source('countryguess-2x-registry-aliases'));
    expect(country.versions.added).toBe(2);
    expect(catalog.requireModel('default').aliases).toEqual({ champion: 1 });
    const champion = catalog.getVersion('triplet_model', 'champion');
    expect(champion.source.type).toBe('mlflow');
    expect(champion.flavor).not.toBeNull();
    expect(champion.fileCount).toBeGreaterThan(0);
    expect(champion.metrics.loss).toBeTypeOf('number');

    const credit = await importMlflow(store, catalog, source('creditrisk-3x-logged-models'));
    expect(credit.loggedModels.added).toBe(8);
    expect(rowCount(store, 'mlflow_run_outputs')).toBe(8);
    // Each run metric line appears twice in the files; the history keeps one point.
    expect(rowCount(store, "mlflow_metrics WHERE run_id = '08ec0df56a864e42ac5acb009fd03cbf' AND key = 'accuracy'")).toBe(1);

    const registry = await importMlflow(store, catalog, source('mlewp2-2x-registry-sqlite'));
    expect(registry.registeredModels.added).toBe(5);
    expect(registry.versions.added).toBe(21);
    expect(catalog.getModel('prophet-retail-forecaster-store-{store_id}')).not.toBeNull();
    const stages = store.db.prepare('SELECT DISTINCT current_stage FROM mlflow_model_versions ORDER BY 1').all() as { current_stage: string }[];
    expect(stages.map((s) => s.current_stage)).toEqual(expect.arrayContaining(['Archived', 'None', 'Production', 'Staging']));
  });

  it('stores artifacts once in the content store', async () => {
    const { store, catalog } = freshCatalog();
    const summary = await importMlflow(store, catalog, source('creditrisk-3x-logged-models'));
    const blobs = store.db.prepare('SELECT digest FROM catalog_blobs').all() as { digest: string }[];
    expect(summary.artifactFiles).toBe(32);
    expect(blobs.length).toBeLessThan(summary.artifactFiles);
    for (const { digest } of blobs) expect(catalog.files.has(digest)).toBe(true);
    // Imported runs and logged models keep their files alive: gc frees nothing.
    expect(await catalog.gc()).toMatchObject({ blobs: 0, trees: 0 });
    for (const { digest } of blobs) expect(catalog.files.has(digest)).toBe(true);
  });

  it('imports the largest fixture in well under a few seconds', async () => {
    const { store, catalog } = freshCatalog();
    const started = performance.now();
    await importMlflow(store, catalog, source('pycaret-1x-spaced-keys'));
    const took = performance.now() - started;
    console.info(`pycaret-1x-spaced-keys (784 files) imported in ${took.toFixed(0)} ms`);
    expect(took).toBeLessThan(3000);
  });
});

describe('malformed sources change nothing', () => {
  async function copyFixture(name: string): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'benchtop-mlflow-src-'));
    cleanups.push(dir);
    cpSync(source(name), join(dir, 'mlruns'), { recursive: true });
    return join(dir, 'mlruns');
  }

  it('names the file and line of a corrupted meta.yaml', async () => {
    const { store, catalog } = freshCatalog();
    await importMlflow(store, catalog, source('hpt-1x-trash-nested'));
    const before = dump(store);
    const root = await copyFixture('countryguess-2x-registry-aliases');
    const meta = join(root, '0', '73a1c9a8038c4ad8bb32cf6ddfa937e7', 'meta.yaml');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace('status: 3', 'status: [3'));
    await expect(importMlflow(store, catalog, root)).rejects.toThrow(`${meta}:`);
    await expect(importMlflow(store, catalog, root)).rejects.toThrow(/not valid YAML/);
    expect(dump(store)).toEqual(before);
  });

  it('names the key of a wrongly typed field and the line of a bad metric', async () => {
    const { store, catalog } = freshCatalog();
    const root = await copyFixture('countryguess-2x-registry-aliases');
    const meta = join(root, '0', '73a1c9a8038c4ad8bb32cf6ddfa937e7', 'meta.yaml');
    const original = readFileSync(meta, 'utf8');
    writeFileSync(meta, original.replace('start_time: ', 'start_time: yesterday #'));
    const line = original.split('\n').findIndex((l) => l.startsWith('start_time')) + 1;
    await expect(importMlflow(store, catalog, root)).rejects.toThrow(`${meta}:${line}:1: "start_time" must be a whole number`);
    writeFileSync(meta, original);
    const metric = join(root, '0', '73a1c9a8038c4ad8bb32cf6ddfa937e7', 'metrics', 'loss');
    writeFileSync(metric, readFileSync(metric, 'utf8') + '1745053744507 lots 3\n');
    const bad = readFileSync(metric, 'utf8').split('\n').length - 1;
    await expect(importMlflow(store, catalog, root)).rejects.toThrow(`${metric}:${bad}:1: the value "lots" is not a number`);
    expect(rowCount(store, 'mlflow_runs')).toBe(0);
    expect(rowCount(store, 'registered_models')).toBe(0);
  });

  it('gives an experiment whose id is taken by another name the next id, past 2^53', async () => {
    const { store, catalog } = freshCatalog();
    await importMlflow(store, catalog, source('countryguess-2x-registry-aliases'));
    const root = await copyFixture('countryguess-2x-registry-aliases');
    const meta = join(root, '465006048865488539', 'meta.yaml');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace('name: triplet', 'name: triplet-copy'));
    const summary = await importMlflow(store, catalog, root);
    expect(summary.experiments).toEqual({ added: 1, updated: 0, unchanged: 1 });
    const row = store.db.prepare("SELECT experiment_id FROM mlflow_experiments WHERE name = 'triplet-copy'").get();
    expect(row).toEqual({ experiment_id: '465006048865488540' });
  });

  it('refuses a file that is not an MLflow database', async () => {
    const { store, catalog, home } = freshCatalog();
    const text = join(home, 'mlflow.db');
    writeFileSync(text, 'not a database');
    await expect(importMlflow(store, catalog, text)).rejects.toThrow(`${text} is not an SQLite database`);
    const other = join(home, 'other.db');
    const db = new DatabaseSync(other);
    db.exec('CREATE TABLE runs (id TEXT)');
    db.close();
    await expect(importMlflow(store, catalog, other)).rejects.toThrow(/not an MLflow tracking store: it lacks the tables alembic_version, experiments, metrics, params, tags/);
    await expect(importMlflow(store, catalog, join(home, 'missing'))).rejects.toThrow(/does not exist/);
    expect(rowCount(store, 'mlflow_experiments')).toBe(0);
  });
});

describe('MLflow export', () => {
  it('re-imports to the same catalog (round trip)', async () => {
    const { store, catalog, home } = freshCatalog();
    for (const name of [...FILE_STORES, ...DATABASES]) await importMlflow(store, catalog, source(name));
    const before = dump(store);
    const out = join(home, 'export', 'mlruns');
    const exported = await exportMlflow(store, catalog, out);
    expect(exported.runs).toBe(rowCount(store, 'mlflow_runs'));
    const again = await importMlflow(store, catalog, out);
    expect(again.skipped).toEqual([]);
    expect(nothingChanged(again)).toBe(true);
    expect(dump(store)).toEqual(before);

    // Into an empty catalog: the same runs, metrics, params, tags, versions and aliases.
    const fresh = freshCatalog();
    await importMlflow(fresh.store, fresh.catalog, out);
    for (const table of ['mlflow_run_params', 'mlflow_run_tags', 'mlflow_metrics', 'mlflow_experiment_tags', 'mlflow_logged_model_metrics', 'registered_model_tags', 'model_version_tags', 'catalog_blobs']) {
      expect(dump(fresh.store)[table].map((r) => JSON.parse(r as string).created_at === undefined ? r : '')).toEqual(
        dump(store)[table].map((r) => JSON.parse(r as string).created_at === undefined ? r : ''),
      );
    }
    const runs = (s: Store) => s.db.prepare('SELECT run_id, experiment_id, run_name, user_id, status, start_time, end_time, lifecycle_stage, deleted_time, parent_run_id, artifacts_tree FROM mlflow_runs ORDER BY run_id').all();
    expect(runs(fresh.store)).toEqual(runs(store));
    const versions = (c: CatalogStore) => c.listModels({ limit: 100 }).map((m) => ({ name: m.name, aliases: m.aliases, latest: m.latestVersion, tags: m.tags })).sort((a, b) => a.name.localeCompare(b.name));
    expect(versions(fresh.catalog)).toEqual(versions(catalog));
  });

  it('writes the layout of the real files, field by field', async () => {
    const { store, catalog, home } = freshCatalog();
    await importMlflow(store, catalog, source('countryguess-2x-registry-aliases'));
    await importMlflow(store, catalog, source('creditrisk-3x-logged-models'));
    const out = join(home, 'mlruns');
    await exportMlflow(store, catalog, out);
    const fixture = source('countryguess-2x-registry-aliases');
    const run = join('465006048865488539', '0bfb6c1fe2c14d78b6e0b4b8146270de');
    // The same files, and byte for byte the same params, tags, metrics and artifacts.
    expect(filesUnder(join(out, run))).toEqual(filesUnder(join(fixture, run)));
    for (const file of filesUnder(join(fixture, run)).filter((f) => f !== 'meta.yaml')) {
      expect(readFileSync(join(out, run, file), 'utf8'), file).toBe(readFileSync(join(fixture, run, file), 'utf8'));
    }
    // meta.yaml: same keys, same order, same types; values equal but for the re-rooted locations.
    for (const meta of [join(run, 'meta.yaml'), join('465006048865488539', 'meta.yaml'), join('models', 'default', 'meta.yaml')]) {
      expect(shape(join(out, meta)), meta).toEqual(shape(join(fixture, meta)));
    }
    const runMeta = parse(readFileSync(join(out, run, 'meta.yaml'), 'utf8')) as Record<string, unknown>;
    const fixtureRunMeta = parse(readFileSync(join(fixture, run, 'meta.yaml'), 'utf8')) as Record<string, unknown>;
    expect({ ...runMeta, artifact_uri: '' }).toEqual({ ...fixtureRunMeta, artifact_uri: '' });
    expect(runMeta.artifact_uri).toBe(`file://${join(out, run, 'artifacts')}`);
    // The version meta: same keys and types; MLflow writes the version's aliases as a list.
    const versionShape = shape(join(out, 'models', 'default', 'version-1', 'meta.yaml'));
    expect(versionShape.map(([k]) => k)).toEqual(shape(join(fixture, 'models', 'default', 'version-1', 'meta.yaml')).map(([k]) => k));
    expect(readFileSync(join(out, 'models', 'default', 'aliases', 'champion'), 'utf8')).toBe('1');
    expect(readFileSync(join(out, 'models', 'default', 'meta.yaml'), 'utf8')).toContain("aliases:\n  champion: '1'\n");
    const version = parse(readFileSync(join(out, 'models', 'default', 'version-1', 'meta.yaml'), 'utf8')) as Record<string, unknown>;
    expect(version.storage_location).toBe(`file://${join(out, '0', '73a1c9a8038c4ad8bb32cf6ddfa937e7', 'artifacts', 'model')}`);
    expect(existsSync(join(out, '0', '73a1c9a8038c4ad8bb32cf6ddfa937e7', 'artifacts', 'model', 'MLmodel'))).toBe(true);

    // MLflow 3: logged models and run outputs as the fixture has them.
    const credit = source('creditrisk-3x-logged-models');
    const model = join('0', 'models', 'm-05409e0e3f3e488c838e1967a5ae2742');
    expect(shape(join(out, model, 'meta.yaml'))).toEqual(shape(join(credit, model, 'meta.yaml')));
    expect(filesUnder(join(out, model))).toEqual(filesUnder(join(credit, model)).filter((f) => f !== join('artifacts', 'model.pkl')));
    expect(readFileSync(join(out, model, 'params', 'C'), 'utf8')).toBe(readFileSync(join(credit, model, 'params', 'C'), 'utf8'));
    const output = join('0', '08ec0df56a864e42ac5acb009fd03cbf', 'outputs', 'm-6a8c77f50c434a668a647c420c32e666', 'meta.yaml');
    expect(readFileSync(join(out, output), 'utf8')).toBe(readFileSync(join(credit, output), 'utf8'));
  });

  it('writes deleted experiments to .trash and a deleted run with the reference meta.yaml fields', async () => {
    const { store, catalog, home } = freshCatalog();
    await importMlflow(store, catalog, source('hpt-1x-trash-nested'));
    const out = join(home, 'mlruns');
    await exportMlflow(store, catalog, out);
    expect(readdirSync(join(out, '.trash')).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(parse(readFileSync(join(out, '.trash', '3', 'meta.yaml'), 'utf8'))).toMatchObject({ experiment_id: '3', lifecycle_stage: 'deleted' });
    // Reference §3: run meta.yaml = run_id, run_uuid, run_name, experiment_id, user_id, status, start_time, end_time,
    // artifact_uri, lifecycle_stage, deleted_time, source_type, source_name, entry_point_name, source_version, tags.
    const run = shape(join(out, '0', 'bb55f3cea2cd4a61bfaa09714f19f792', 'meta.yaml'));
    expect(Object.fromEntries(run)).toEqual({
      artifact_uri: 'string', end_time: 'null', entry_point_name: 'string', experiment_id: 'string', lifecycle_stage: 'string', run_id: 'string',
      run_name: 'string', run_uuid: 'string', source_name: 'string', source_type: 'number', source_version: 'string', start_time: 'number',
      status: 'number', tags: 'list', user_id: 'string',
    });
    expect(run.map(([key]) => key)).toEqual([...run.map(([key]) => key)].sort());
    // 1.x wrote no run_name: the export takes mlflow.runName when there is one, and keeps the tag.
    const child = join(out, '6', 'f7d034672fce496d891b6f054749ea99');
    expect(readFileSync(join(child, 'tags', 'mlflow.parentRunId'), 'utf8')).toBe('a3112407148b4966b929bc9f8784a3d3');
    const deleted = join('0', 'bb55f3cea2cd4a61bfaa09714f19f792', 'metrics', 'foo');
    expect(readFileSync(join(out, deleted), 'utf8')).toBe(readFileSync(join(source('hpt-1x-trash-nested'), deleted), 'utf8'));
  });

  it('writes Feast bridge tags for versions trained on feature sets, and links them back on import', async () => {
    const { store, catalog, home } = freshCatalog();
    const features = new FeatureCatalog(store, catalog);
    const { versionId } = await features.register({ name: 'driver_stats', schema: { conv_rate: 'float64', avg_daily_trips: 'int64' } });
    const modelDir = join(home, 'model');
    mkdirSync(modelDir);
    writeFileSync(join(modelDir, 'model.txt'), 'weights');
    await catalog.createVersion({ name: 'eta', files: { path: modelDir }, featureVersionIds: [versionId], source: { type: 'pipeline', runId: 'run-1', step: 'train' } });
    const out = join(home, 'mlruns');
    await exportMlflow(store, catalog, out);
    const tags = join(out, 'models', 'eta', 'version-1', 'tags');
    expect(readFileSync(join(tags, 'feast.feature_views'), 'utf8')).toBe('driver_stats');
    expect(readFileSync(join(tags, 'feast.feature_refs'), 'utf8')).toBe('driver_stats:avg_daily_trips,driver_stats:conv_rate');

    // An MLflow store whose version carries the tag links to the catalog's feature set of that name.
    const fresh = freshCatalog();
    const freshFeatures = new FeatureCatalog(fresh.store, fresh.catalog);
    await freshFeatures.register({ name: 'driver_stats', schema: { conv_rate: 'float64' } });
    await importMlflow(fresh.store, fresh.catalog, out);
    expect(fresh.catalog.getVersion('eta', 1).features).toEqual([{ name: 'driver_stats', version: 1 }]);
  });

  it('does not bring back a version deleted in the catalog after an import', async () => {
    const { store, catalog } = freshCatalog();
    await importMlflow(store, catalog, source('countryguess-2x-registry-aliases'));
    catalog.deleteVersion('default', 1);
    const before = dump(store);
    const again = await importMlflow(store, catalog, source('countryguess-2x-registry-aliases'));
    expect(again.skipped.map((s) => s.path)).toContain('default/version-1');
    expect(dump(store)).toEqual(before);
  });

  it('refuses a folder that is not empty and leaves it untouched', async () => {
    const { store, catalog, home } = freshCatalog();
    writeFileSync(join(home, 'keep.txt'), 'mine');
    await expect(exportMlflow(store, catalog, home)).rejects.toThrow(/is not empty/);
    expect(readFileSync(join(home, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('Python float text', () => {
  it('formats as str(float) does', () => {
    expect([85, 0.0921957219640414, 1e-5, 0.0001, 1e16, 1e15, 123456789.123, -0.5, 2.5e-7, 1.7976931348623157e308].map(formatPythonFloat)).toEqual([
      '85.0', '0.0921957219640414', '1e-05', '0.0001', '1e+16', '1000000000000000.0', '123456789.123', '-0.5', '2.5e-07', '1.7976931348623157e+308',
    ]);
    expect([NaN, Infinity, -Infinity].map(formatPythonFloat)).toEqual(['nan', 'inf', '-inf']);
  });
  it('parses what MLflow writes', () => {
    expect(parsePythonFloat('85.0')).toBe(85);
    expect(parsePythonFloat('-inf')).toBe(-Infinity);
    expect(Number.isNaN(parsePythonFloat('nan'))).toBe(true);
    expect(parsePythonFloat('1e-05')).toBe(1e-5);
    expect(parsePythonFloat('lots')).toBeNull();
  });
});
