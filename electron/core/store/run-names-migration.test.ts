import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './database.ts';
import { migrations } from './migrations.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the run names migration', () => {
  it('names every existing run "<pipeline> <adjective>-<noun>" on a real SQLite file, twins told apart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'benchtop-run-names-'));
    dirs.push(dir);
    const path = join(dir, 'benchtop.db');
    const named = migrations.findIndex((m) => m.sql.includes('ADD COLUMN name'));
    expect(named).toBeGreaterThan(0);
    const before = openStore(path, migrations.slice(0, named));
    const insert = before.db.prepare("INSERT INTO pipeline_runs (id, pipeline, file, spec, state, use_cache, created_at) VALUES (?, ?, NULL, '{}', 'succeeded', 1, ?)");
    insert.run('20261207-010203-1a2b3c', 'train-and-select', '2026-12-07T01:02:03.000Z');
    insert.run('20261207-010204-9f8e7d', 'train-and-select', '2026-12-07T01:02:04.000Z');
    // Same id tail, same pipeline: the same words, so the later one gets -2.
    insert.run('20261207-020000-1a2b3c', 'train-and-select', '2026-12-07T02:00:00.000Z');
    insert.run('old-style', 'other', '2026-12-06T00:00:00.000Z');
    before.close();

    const after = openStore(path);
    const rows = after.db.prepare('SELECT id, name FROM pipeline_runs ORDER BY created_at').all() as { id: string; name: string }[];
    after.close();
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.name]));
    expect(byId['20261207-010203-1a2b3c']).toMatch(/^train-and-select [a-z]+-[a-z]+$/);
    expect(byId['20261207-010204-9f8e7d']).toMatch(/^train-and-select [a-z]+-[a-z]+$/);
    expect(byId['20261207-020000-1a2b3c']).toBe(`${byId['20261207-010203-1a2b3c']}-2`);
    expect(byId['old-style']).toMatch(/^other [a-z]+-[a-z]+$/);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });
});
