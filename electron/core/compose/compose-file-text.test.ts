import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readComposeFile, saveComposeFile } from './compose-file-text.ts';
import { createComposeService } from './service.ts';

const dir = mkdtempSync(join(tmpdir(), 'benchtop-compose-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// validateText never touches the engine: a client that throws proves it.
const service = createComposeService({
  client: async () => {
    throw new Error('no engine needed');
  },
  events: { subscribe: () => () => {} },
  env: {},
});

describe('compose file text', () => {
  it('validates unsaved text with line:column, and saves only over the version it read', async () => {
    const file = join(dir, 'compose.yaml');
    writeFileSync(file, 'services:\n  web:\n    image: busybox\n');
    const read = await readComposeFile(file);
    expect(service.validateText(file, read.text, [])).toEqual([]);
    const bad = 'services:\n  web:\n    image: busybox\n    imagee: typo\n';
    const problems = service.validateText(file, bad, []);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file, line: 4 });
    expect(readFileSync(file, 'utf8')).toBe(read.text);

    const saved = await saveComposeFile(file, bad, read.version);
    expect(readFileSync(file, 'utf8')).toBe(bad);
    await expect(saveComposeFile(file, 'services: {}\n', read.version)).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(file, 'utf8')).toBe(bad);
    await saveComposeFile(file, read.text, saved.version);
    await expect(readComposeFile('relative.yaml')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
