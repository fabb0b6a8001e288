import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** More distinct SQL texts than any store builds; past it the cache starts over rather than grow. */
const MAX_STATEMENTS = 256;

/**
 * Prepares each SQL text once and hands the same statement back afterwards. Preparing costs more
 * than running a small statement (it was a third of a fully cached pipeline re-run's CPU), so
 * stores that run the same queries over and over prepare through this. Statements are used
 * synchronously and never held across an await, so sharing one is safe.
 */
export class StatementCache {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.clear();
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
