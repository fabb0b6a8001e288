import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../api/dispatcher.ts';
import { openStore } from '../store/database.ts';
import { createCatalogHandlers } from './handlers.ts';
import { CatalogService } from './service.ts';

// The catalog's API methods through the real dispatcher, every output checked against the contract.
const home = mkdtempSync(join(tmpdir(), 'benchtop-catalog-api-'));
const store = openStore(join(home, 'benchtop.db'));
const catalog = new CatalogService(store, home);
const dispatcher = createDispatcher(createCatalogHandlers({ catalog }) as unknown as Handlers, { validateOutputs: true });
afterAll(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

async function ok(method: string, input: unknown): Promise<unknown> {
  const envelope = await dispatcher.invoke(method as never, input as never);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value;
}

describe('catalog API', () => {
  it('registers by path and by upload, and answers every query in the contract shape', async () => {
    const dir = join(home, 'model');
    mkdirSync(dir);
    writeFileSync(join(dir, 'model.bin'), 'weights');
    await ok('models.register', { name: 'iris', path: dir, metrics: { accuracy: 0.9 }, aliases: ['champion'] });
    const uploaded = (await ok('models.upload', { name: 'iris', files: [{ path: 'sub/model.bin', base64: Buffer.from('other weights').toString('base64') }], tags: { via: 'drop' } })) as { version: number; fileCount: number };
    expect(uploaded).toMatchObject({ version: 2, fileCount: 1 });
    expect(await ok('models.list', {})).toMatchObject([{ name: 'iris', versionCount: 2, headline: { version: 1 } }]);
    expect(await ok('models.get', { name: 'iris' })).toMatchObject({ versions: [{ version: 2 }, { version: 1 }] });
    expect(await ok('models.version', { name: 'iris', version: 2 })).toMatchObject({ files: [{ path: 'sub/model.bin', size: 13 }], tags: { via: 'drop' } });
    expect(await ok('models.lineage', { name: 'iris', version: 'champion' })).toMatchObject({ nodes: [{ kind: 'model_version', label: 'iris v1' }], edges: [] });
    expect(await ok('models.search', { filter: 'accuracy >= 0.9' })).toMatchObject([{ version: 1 }]);
    expect(await ok('models.setTags', { name: 'iris', version: 1, tags: { stage: 'prod' } })).toEqual({ name: 'iris', version: 1, tags: { stage: 'prod' } });
    expect(await ok('models.setDescription', { name: 'iris', description: '# Iris' })).toEqual({ name: 'iris', version: null, description: '# Iris' });
    expect(await ok('models.setAlias', { name: 'iris', alias: 'challenger', version: 2 })).toMatchObject({ aliases: ['challenger'] });
    expect(await ok('models.deleteAlias', { name: 'iris', alias: 'challenger' })).toEqual({ name: 'iris', alias: 'challenger' });
    expect(await ok('models.delete', { name: 'iris', version: 2 })).toEqual({ name: 'iris', version: 2 });
    expect(await ok('catalog.gc', { dryRun: true })).toEqual({ dryRun: true, blobs: 1, bytes: 13, trees: 1, purged: 1 });
    expect(await ok('features.list', {})).toEqual([]);
  });

  it('refuses an upload path that climbs out, and a bad filter, with invalid_input', async () => {
    const climb = await dispatcher.invoke('models.upload', { name: 'x', files: [{ path: '../etc/passwd', base64: '' }] });
    expect(climb).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '"../etc/passwd" is not a relative file path: drop the files again.' } });
    const filter = await dispatcher.invoke('models.search', { filter: 'accuracy > ' });
    expect(filter).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { column: 12 } } });
  });
});
