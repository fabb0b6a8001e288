import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRotatingLog } from './rotating-log.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'benchtop-log-'));
  dirs.push(dir);
  return path.join(dir, 'logs');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createRotatingLog', () => {
  it('writes timestamped lines to <name>.log', () => {
    const dir = tempDir();
    const log = createRotatingLog({ dir, name: 'app', now: () => new Date('2025-01-02T03:04:05.000Z') });
    log.info('started');
    log.error('boom\n');
    log.close();
    log.warn('after close is dropped');
    expect(readFileSync(path.join(dir, 'app.log'), 'utf8')).toBe(
      '2025-01-02T03:04:05.000Z INFO started\n2025-01-02T03:04:05.000Z ERROR boom\n',
    );
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = tempDir();
    const log = createRotatingLog({ dir, name: 'app', maxBytes: 1024, keep: 2 });
    const line = 'x'.repeat(299);
    for (let i = 0; i < 40; i += 1) log.write(`${String(i).padStart(2, '0')}${line}`);
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['app.1.log', 'app.2.log', 'app.log']);
    for (const file of readdirSync(dir)) expect(statSync(path.join(dir, file)).size).toBeLessThanOrEqual(1024);
    const current = readFileSync(path.join(dir, 'app.log'), 'utf8');
    expect(current.trimEnd().split('\n').at(-1)?.slice(0, 2)).toBe('39');
    const older = readFileSync(path.join(dir, 'app.1.log'), 'utf8');
    expect(Number(older.trimEnd().split('\n').at(-1)?.slice(0, 2))).toBeLessThan(39);
  });

  it('appends to an existing file across restarts', () => {
    const dir = tempDir();
    const first = createRotatingLog({ dir });
    first.write('one');
    first.close();
    const second = createRotatingLog({ dir });
    second.write('two');
    second.close();
    expect(readFileSync(second.file, 'utf8')).toBe('one\ntwo\n');
  });

  it('keeps only the current file when keep is 0', () => {
    const dir = tempDir();
    const log = createRotatingLog({ dir, maxBytes: 1024, keep: 0 });
    for (let i = 0; i < 10; i += 1) log.write('y'.repeat(500));
    log.close();
    expect(readdirSync(dir)).toEqual(['benchtop.log']);
  });
});
