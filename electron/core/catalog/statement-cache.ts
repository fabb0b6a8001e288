import type { StatementSync } from 'node:sqlite';
import type { Store } from '../store/database.ts';

/** Prepared statements of the catalog, once per SQL text, reused across calls. */
export class StatementCache {
  readonly #store: Store;
  readonly #statements = new Map<string, StatementSync>();

  constructor(store: Store) {
    this.#store = store;
  }

  prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      // Search texts vary with the filter's shape; keep the cache bounded.
      if (this.#statements.size > 256) this.#statements.clear();
      statement = this.#store.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
