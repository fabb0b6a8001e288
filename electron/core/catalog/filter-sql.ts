import type { SQLInputValue } from 'node:sqlite';
import type { FilterClause } from '../../../shared/catalog/version-filter.ts';

/**
 * Filter clauses → SQL conditions over `model_versions v`. Each metric, param, tag or alias clause
 * is a correlated EXISTS on its (version_id, key) primary key, so a search walks versions newest
 * first (index on created_at) and stops at its limit: its cost follows the limit and the filter's
 * selectivity, not the size of the catalog.
 */
export function compileFilter(clauses: readonly FilterClause[]): { where: string[]; args: SQLInputValue[] } {
  const where: string[] = [];
  const args: SQLInputValue[] = [];
  for (const clause of clauses) {
    const op = clause.op === 'LIKE' ? "LIKE ? ESCAPE '\\'" : `${clause.op} ?`;
    const value = clause.value;
    switch (clause.field.kind) {
      case 'metric':
        where.push(`EXISTS (SELECT 1 FROM model_version_metrics m WHERE m.version_id = v.id AND m.key = ? AND m.value ${op})`);
        args.push(clause.field.key, value);
        break;
      case 'param':
      case 'tag': {
        const table = clause.field.kind === 'param' ? 'model_version_params' : 'model_version_tags';
        const column = typeof value === 'number' ? 'CAST(t.value AS REAL)' : 't.value';
        if (clause.op === '!=') {
          where.push(`NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.version_id = v.id AND t.key = ? AND ${column} = ?)`);
        } else {
          where.push(`EXISTS (SELECT 1 FROM ${table} t WHERE t.version_id = v.id AND t.key = ? AND ${column} ${op})`);
        }
        args.push(clause.field.key, value);
        break;
      }
      case 'alias':
        if (clause.op === '!=') where.push('NOT EXISTS (SELECT 1 FROM model_aliases a WHERE a.version_id = v.id AND a.alias = ?)');
        else if (String(value) === 'latest' && clause.op === '=') {
          where.push('v.version = (SELECT MAX(l.version) FROM model_versions l WHERE l.name = v.name AND l.deleted_at IS NULL) AND ? IS NOT NULL');
        } else where.push(`EXISTS (SELECT 1 FROM model_aliases a WHERE a.version_id = v.id AND a.alias ${op})`);
        args.push(value);
        break;
      case 'name':
        where.push(`v.name ${op}`);
        args.push(value);
        break;
      case 'run':
        where.push(`v.run_id ${op}`);
        args.push(value);
        break;
      case 'step':
        where.push(`v.step ${op}`);
        args.push(value);
        break;
      case 'version':
        where.push(`v.version ${op}`);
        args.push(value);
        break;
    }
  }
  return { where, args };
}
