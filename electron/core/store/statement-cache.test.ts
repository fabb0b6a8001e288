import { describe, expect, it } from 'vitest';
import { openStore } from './database.ts';
import { StatementCache } from './statement-cache.ts';

describe('StatementCache', () => {
  it('prepares a SQL text once and reuses the statement', () => {
    const store = openStore(':memory:');
    try {
      const cache = new StatementCache(store.db);
      const first = cache.prepare('SELECT ? AS v');
      expect(cache.prepare('SELECT ? AS v')).toBe(first);
      expect(cache.prepare('SELECT ? AS w')).not.toBe(first);
      expect(first.get(7)).toEqual({ v: 7 });
    } finally {
      store.close();
    }
  });
});

describe('store.transaction nested', () => {
  it('joins the outer transaction: one rollback undoes both', () => {
    const store = openStore(':memory:');
    try {
      store.db.exec('CREATE TABLE t (v INTEGER)');
      expect(() =>
        store.transaction(() => {
          store.db.prepare('INSERT INTO t VALUES (1)').run();
          store.transaction(() => store.db.prepare('INSERT INTO t VALUES (2)').run());
          throw new Error('outer fails');
        }),
      ).toThrow('outer fails');
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
      store.transaction(() => store.transaction(() => store.db.prepare('INSERT INTO t VALUES (3)').run()));
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
      expect(store.db.isTransaction).toBe(false);
    } finally {
      store.close();
    }
  });
});
