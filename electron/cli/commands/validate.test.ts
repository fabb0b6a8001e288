import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../command.ts';
import { paramsFrom } from './run.ts';
import validate from './validate.ts';

const dir = mkdtempSync(join(tmpdir(), 'benchtop-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function validateFile(text: string, json = false): Promise<{ code: number; out: string }> {
  const file = join(dir, 'p.yaml');
  writeFileSync(file, text);
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const ctx = { args: [file], flags: json ? { json: true } : {}, io: { stdout, stderr: new PassThrough(), env: {} }, signal: new AbortController().signal, core: () => Promise.reject(new Error('validate needs no core')) } as CliContext;
  const code = await validate.run(ctx);
  return { code, out: out.replaceAll(file, 'p.yaml') };
}

describe('benchtop validate', () => {
  it('prints FILE:LINE:COL lines and exits 1', async () => {
    const result = await validateFile('apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: x\nsteps:\n  a:\n    image: x\n    command: [x]\n    depends: [b]\n');
    expect(result).toEqual({ code: 1, out: 'p.yaml:9:15: Step "a" depends on "b", which is not a step of this pipeline. Known steps: a.\n' });
  });

  it('says valid and exits 0; --json has stable fields', async () => {
    const text = 'apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: x\nsteps:\n  a: { image: x, command: [x] }\n';
    expect(await validateFile(text)).toEqual({ code: 0, out: 'p.yaml: valid pipeline "x" with 1 steps\n' });
    expect(JSON.parse((await validateFile(text, true)).out)).toEqual({ file: 'p.yaml', valid: true, problems: [] });
  });
});

describe('run --param', () => {
  it('reads repeated NAME=VALUE pairs, values may hold "="', () => {
    // The parser collects a repeatable flag's values (args.test.ts: `--param a=1 --param b=x=y`).
    expect(paramsFrom({ param: ['a=1', 'b=x=y'] })).toEqual({ a: '1', b: 'x=y' });
    expect(paramsFrom({ param: 'a=1' })).toEqual({ a: '1' });
    expect(() => paramsFrom({ param: ['oops'] })).toThrow('--param takes NAME=VALUE, got "oops".');
  });
});
