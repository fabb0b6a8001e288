import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrations as defaultMigrations, type Migration } from './migrations.ts';

export interface Store {
  readonly path: string;
  readonly db: DatabaseSync;
  schemaVersion(): number;
  getSetting(key: string): unknown;
  setSetting(key: string, value: unknown): void;
  /** Runs fn in one transaction; rolls back if it throws. Inside another transaction, fn simply joins it. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export function openStore(path: string, migrations: readonly Migration[] = defaultMigrations): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');

  let depth = 0;
  const transaction = <T>(fn: () => T): T => {
    // Nested: the outer transaction commits (or rolls back) everything at once.
    if (depth > 0 || db.isTransaction === true) return fn();
    db.exec('BEGIN IMMEDIATE');
    depth++;
    try {
      const result = fn();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    } finally {
      depth--;
    }
  };

  migrate(db, migrations, transaction);

  const select = db.prepare('SELECT value FROM settings WHERE key = ?');
  const upsert = db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  );

  return {
    path,
    db,
    schemaVersion: () => readVersion(db),
    getSetting(key) {
      const row = select.get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as unknown) : null;
    },
    setSetting(key, value) {
      upsert.run(key, JSON.stringify(value ?? null));
    },
    transaction,
    close: () => db.close(),
  };
}

function readVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

function migrate(db: DatabaseSync, migrations: readonly Migration[], transaction: <T>(fn: () => T) => T): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3… without gaps; found ${migration.version} at position ${index + 1}.`);
    }
  });
  const current = readVersion(db);
  if (current > sorted.length) {
    throw new Error(
      `The database ${db.location() ?? ''} has schema version ${current}, newer than this Benchtop knows (${sorted.length}). Update Benchtop.`,
    );
  }
  for (const migration of sorted.slice(current)) {
    transaction(() => {
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
    });
  }
}
