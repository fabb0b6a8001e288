import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './database.ts';
import { migrations } from './migrations.ts';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'benchtop.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('store', () => {
  it('creates the file in WAL mode and applies every migration once', () => {
    const path = tempDb();
    const store = openStore(path);
    expect(store.schemaVersion()).toBe(migrations.length);
    const mode = store.db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    expect(mode.journal_mode).toBe('wal');
    store.close();
    const again = openStore(path);
    expect(again.schemaVersion()).toBe(migrations.length);
    again.close();
  });

  it('keeps settings across reopenings as JSON values', () => {
    const path = tempDb();
    const store = openStore(path);
    expect(store.getSetting('theme')).toBeNull();
    store.setSetting('theme', 'dark');
    store.setSetting('layout', { sidebar: 240, panels: ['logs'] });
    store.setSetting('theme', 'light');
    store.close();
    const reopened = openStore(path);
    expect(reopened.getSetting('theme')).toBe('light');
    expect(reopened.getSetting('layout')).toEqual({ sidebar: 240, panels: ['logs'] });
    reopened.close();
  });

  it('applies new migrations on top and rolls back a failing one without changing the version', () => {
    const path = tempDb();
    openStore(path, migrations.slice(0, 1)).close();
    const extra = [
      { version: 1, name: 'settings', sql: 'CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT)' },
      { version: 2, name: 'runs', sql: 'CREATE TABLE runs (id TEXT PRIMARY KEY)' },
      { version: 3, name: 'broken', sql: 'CREATE TABLE half (id TEXT); THIS IS NOT SQL' },
    ];
    expect(() => openStore(path, extra)).toThrow();
    const store = openStore(path, extra.slice(0, 2));
    expect(store.schemaVersion()).toBe(2);
    const half = store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get();
    expect(half).toBeUndefined();
    store.close();
  });

  it('refuses a database written by a newer Benchtop', () => {
    const path = tempDb();
    const store = openStore(path);
    store.db.exec('PRAGMA user_version = 99');
    store.close();
    expect(() => openStore(path)).toThrow(/schema version 99, newer than this Benchtop knows/);
  });

  it('rejects migrations with gaps', () => {
    expect(() => openStore(':memory:', [{ version: 2, name: 'x', sql: 'SELECT 1' }])).toThrow(/without gaps/);
  });
});
