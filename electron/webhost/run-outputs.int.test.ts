import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { downloadUrl, type OutputFile } from '../../shared/outputs/output-file.ts';
import type { RunEvent } from '../../shared/pipeline/run-model.ts';
import { createCore, type Core } from '../core/app.ts';
import { pipeline, TEST_IMAGE } from '../core/pipelines/test-support.ts';
import { startWebHost } from './server.ts';

// core/outputs end to end: a busybox pipeline on the real engine writes text, CSV, a PNG, a binary file and a symlink out of
// its folder; the core lists, previews and (through a real web host) downloads them.
const home = mkdtempSync(join(tmpdir(), 'benchtop-outputs-'));
let core: Core;
afterAll(async () => {
  await core?.close();
  rmSync(home, { recursive: true, force: true });
});

/** A 2×2 red PNG, made here so its bytes are known. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const octal = (bytes: Buffer) => [...bytes].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
const png = tinyPng();

function collect<T>(method: string, input: unknown): Promise<{ values: T[]; error: unknown }> {
  return new Promise((resolve) => {
    const values: T[] = [];
    core.dispatcher.open(method, input, { next: (value) => values.push(value as T), end: (error) => resolve({ values, error }) });
  });
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.invoke(method, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { payload: result.error });
  return result.value as T;
}

const script = [
  'mkdir -p /out/notes /model',
  'echo "hello from the step" > /out/notes/readme.txt',
  'printf "name,score\\nalpha,0.9\\nbeta,0.7\\n" > /out/table.csv',
  `printf "${octal(png)}" > /out/dot.png`,
  'printf "\\000\\001\\002binary" > /out/blob.bin',
  'ln -s /etc/hostname /out/escape',
  'echo "weights" > /model/weights.txt',
].join(' && ');

describe('outputs of a run', { timeout: 180_000 }, () => {
  it('lists, previews and downloads a step’s artifacts and a registered version’s files; names and renames runs', async () => {
    core = await createCore({ transport: 'cli', home, env: process.env, validateOutputs: true });
    const text = pipeline(
      'it-outputs',
      `  labels: { benchtop.test: '1' }\nsteps:\n  make:\n    image: ${TEST_IMAGE}\n    command: [sh, -c]\n    args: ['${script}']\n    outputs:\n      artifacts: { out: { path: /out }, model: { path: /model } }\n      model: { name: it-outputs-model, path: /model }\n`,
    );
    const { runId } = await call<{ runId: string }>('pipelines.run', { text, name: 'first try' });
    const { values } = await collect<RunEvent>('runs.events', { id: runId });
    expect(values.at(-1)).toMatchObject({ type: 'run', state: 'succeeded' });

    // Names: the given one, a generated one, unique per pipeline; rename; the list finds by name.
    expect(await call('runs.get', { id: runId })).toMatchObject({ name: 'first try' });
    expect(await core.dispatcher.invoke('pipelines.run', { text, name: 'first try', detach: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const second = await call<{ runId: string }>('pipelines.run', { text, detach: true });
    expect((await call<{ name: string }>('runs.get', { id: second.runId })).name).toMatch(/^it-outputs [a-z]+-[a-z]+$/);
    expect(await call('runs.rename', { id: runId, name: '  tuned   run ' })).toMatchObject({ id: runId, name: 'tuned run' });
    expect(await call('runs.list', { text: 'tuned' })).toMatchObject([{ id: runId, name: 'tuned run' }]);
    expect(await core.dispatcher.invoke('runs.rename', { id: second.runId, name: 'tuned run' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // The artifact folders: regular files only (the symlink is left out), sorted.
    const listing = await call<{ name: string; present: boolean; files: { path: string; size: number }[] }[]>('outputs.stepArtifacts', { runId, step: 'make' });
    const out = listing.find((a) => a.name === 'out');
    expect(out?.present).toBe(true);
    expect(out?.files.map((f) => f.path)).toEqual(['blob.bin', 'dot.png', 'notes/readme.txt', 'table.csv']);
    expect(out?.files.find((f) => f.path === 'dot.png')?.size).toBe(png.length);

    const file = (path: string): OutputFile => ({ kind: 'run', runId, step: 'make', artifact: 'out', path });
    expect(await call('outputs.preview', { file: file('notes/readme.txt') })).toEqual({ kind: 'text', text: 'hello from the step\n', size: 20, truncated: false });
    expect(await call('outputs.preview', { file: file('table.csv'), maxRows: 1 })).toEqual({ kind: 'csv', columns: ['name', 'score'], rows: [['alpha', '0.9']], size: 30, truncated: true });
    expect(await call('outputs.preview', { file: file('dot.png') })).toEqual({ kind: 'image', mimeType: 'image/png', base64: png.toString('base64'), size: png.length });
    expect(await core.dispatcher.invoke('outputs.preview', { file: file('blob.bin') })).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { reason: 'binary' } } });
    expect(await core.dispatcher.invoke('outputs.preview', { file: file('escape') })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('points outside') } });
    expect(await core.dispatcher.invoke('outputs.preview', { file: file('../../../../benchtop.db') })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.dispatcher.invoke('outputs.preview', { file: file('nope.txt') })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // The model version the step registered, found by its run, and its file.
    const versions = await call<{ name: string; version: number; source: { step: string } }[]>('models.search', { runId });
    expect(versions).toMatchObject([{ name: 'it-outputs-model', version: 1, source: { step: 'make' } }]);
    const weights: OutputFile = { kind: 'model', name: 'it-outputs-model', version: 1, path: 'weights.txt' };
    expect(await call('outputs.preview', { file: weights })).toMatchObject({ kind: 'text', text: 'weights\n' });

    // Downloads through a real web host: the cookie, the bytes, the name; traversal refused.
    const staticDir = mkdtempSync(join(tmpdir(), 'benchtop-outputs-ui-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    const host = await startWebHost({ dispatcher: core.dispatcher, staticDir, downloads: core.outputs });
    try {
      const origin = `http://127.0.0.1:${host.port}`;
      const cookie = { cookie: `benchtop_token=${host.token}` };
      const pngResponse = await fetch(origin + downloadUrl(file('dot.png')), { headers: cookie });
      expect(pngResponse.status).toBe(200);
      expect(pngResponse.headers.get('content-disposition')).toBe(`attachment; filename="dot.png"; filename*=UTF-8''dot.png`);
      expect(pngResponse.headers.get('content-length')).toBe(String(png.length));
      expect(Buffer.from(await pngResponse.arrayBuffer()).equals(png)).toBe(true);
      const model = await fetch(origin + downloadUrl(weights), { headers: cookie });
      expect(await model.text()).toBe('weights\n');
      expect((await fetch(origin + downloadUrl(file('../../../../benchtop.db')), { headers: cookie })).status).toBe(400);
      expect((await fetch(origin + downloadUrl(file('escape')), { headers: cookie })).status).toBe(400);
      expect((await fetch(origin + downloadUrl(file('nope.txt')), { headers: cookie })).status).toBe(404);
      expect((await fetch(`${origin}/download?file=%7Bnot-json`, { headers: cookie })).status).toBe(400);
      expect((await fetch(origin + downloadUrl(file('dot.png')))).status).toBe(401);
    } finally {
      await host.close();
      rmSync(staticDir, { recursive: true, force: true });
    }
  });
});
