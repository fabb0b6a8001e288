import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMlmodel } from './mlmodel.ts';
import { scanFeatureTable } from './feature-table.ts';

const dir = mkdtempSync(join(tmpdir(), 'benchtop-features-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scanFeatureTable', () => {
  it('infers dtypes, counts rows and finds the newest event time (ISO or epoch seconds)', async () => {
    const file = join(dir, 'table.csv');
    writeFileSync(file, 'id,score,label,flag,ts,epoch\n1,0.5,"a, quoted",true,2026-01-02T00:00:00Z,1767225600\n2,3,b,false,2026-03-01 12:00:00Z,1767312000\n\n3,,c,true,2025-12-31T00:00:00Z,1767139200\n');
    expect(await scanFeatureTable(file, 'ts')).toEqual({
      schema: { id: 'int64', score: 'float64', label: 'string', flag: 'bool', ts: 'timestamp', epoch: 'int64' },
      rowCount: 3,
      newestEventTime: '2026-03-01T12:00:00.000Z',
    });
    expect((await scanFeatureTable(file, 'epoch'))?.newestEventTime).toBe('2026-01-02T00:00:00.000Z');
    expect((await scanFeatureTable(file, 'missing'))?.newestEventTime).toBeNull();
  });

  it('reads the first CSV of a folder and ignores other formats', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'table.parquet'), 'PAR1');
    expect(await scanFeatureTable(folder, null)).toBeNull();
    writeFileSync(join(folder, 'b.csv'), 'x\n1\n');
    expect(await scanFeatureTable(folder, null)).toEqual({ schema: { x: 'int64' }, rowCount: 1, newestEventTime: null });
  });
});

describe('parseMlmodel', () => {
  it('takes the first flavor other than python_function and parses the signature JSON strings', () => {
    const info = parseMlmodel(
      "artifact_path: model\nflavors:\n  python_function: {loader_module: mlflow.sklearn}\n  sklearn: {sklearn_version: 1.3.0}\nsignature:\n  inputs: '[{\"type\": \"double\", \"name\": \"x\"}]'\n  outputs: '[{\"type\": \"long\"}]'\n  params: null\n",
    );
    expect(info).toEqual({ flavor: 'sklearn', signature: { inputs: [{ type: 'double', name: 'x' }], outputs: [{ type: 'long' }], params: null } });
    expect(parseMlmodel('flavors:\n  python_function: {}\n')).toEqual({ flavor: 'python_function', signature: null });
  });
});
