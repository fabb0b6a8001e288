import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/database.ts';

/** What a token may touch: everything, one experiment, or one run and its child runs. */
export type TokenScope = { kind: 'all' } | { kind: 'experiment'; experimentId: string } | { kind: 'run'; runId: string };

export function describeScope(scope: TokenScope): string {
  if (scope.kind === 'all') return 'all experiments';
  return scope.kind === 'experiment' ? `experiment ${scope.experimentId}` : `run ${scope.runId} and its child runs`;
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Bearer tokens for the tracking server. A token is 32 random bytes (`btk_` + base64url); only its
 * sha256 is kept (table `tracking_tokens`), so tokens survive restarts and the database never holds
 * one in the clear. Lookups are cached in memory per process.
 */
export class TokenIssuer {
  readonly #store: Store;
  readonly #cache = new Map<string, TokenScope | null>();

  constructor(store: Store) {
    this.#store = store;
  }

  issue(scope: TokenScope, label = ''): string {
    const token = `btk_${randomBytes(32).toString('base64url')}`;
    const scopeId = scope.kind === 'all' ? null : scope.kind === 'experiment' ? scope.experimentId : scope.runId;
    this.#store.db
      .prepare('INSERT INTO tracking_tokens (token_hash, scope_kind, scope_id, label, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(hash(token), scope.kind, scopeId, label, Date.now());
    this.#cache.set(token, scope);
    return token;
  }

  /** The scope of a live token, or null for an unknown or revoked one. */
  resolve(token: string): TokenScope | null {
    if (this.#cache.has(token)) return this.#cache.get(token) ?? null;
    const row = this.#store.db.prepare('SELECT scope_kind, scope_id, revoked_at FROM tracking_tokens WHERE token_hash = ?').get(hash(token)) as
      | { scope_kind: string; scope_id: string | null; revoked_at: number | null }
      | undefined;
    let scope: TokenScope | null = null;
    if (row && row.revoked_at === null) {
      if (row.scope_kind === 'all') scope = { kind: 'all' };
      else if (row.scope_kind === 'experiment' && row.scope_id) scope = { kind: 'experiment', experimentId: row.scope_id };
      else if (row.scope_kind === 'run' && row.scope_id) scope = { kind: 'run', runId: row.scope_id };
    }
    if (this.#cache.size > 10_000) this.#cache.clear();
    if (scope) this.#cache.set(token, scope);
    return scope;
  }

  revoke(token: string): void {
    this.#store.db.prepare('UPDATE tracking_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(Date.now(), hash(token));
    this.#cache.delete(token);
  }
}
