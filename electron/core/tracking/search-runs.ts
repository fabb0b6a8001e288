import type { SQLInputValue } from 'node:sqlite';
import { parseRunFilter, parseRunOrderBy, type RunFilterClause } from '../../../shared/tracking/run-filter.ts';
import type { ViewType } from './entities.ts';
import { invalid } from './errors.ts';

/** Offset page tokens, base64 JSON as MLflow's SQL store writes them (`{"offset": N}`). */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

export function decodePageToken(token: string | null | undefined): number {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through
  }
  throw invalid(`Invalid page token, could not base64-decode: ${token}`);
}

/** A case-sensitive LIKE pattern (MLflow's LIKE) as a GLOB pattern. */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (const c of pattern) {
    if (c === '%') out += '*';
    else if (c === '_') out += '?';
    else if (c === '*' || c === '?' || c === '[') out += `[${c}]`;
    else out += c;
  }
  return out;
}

const STRING_ATTRIBUTES: Readonly<Record<string, string>> = {
  run_id: 'r.run_id',
  run_name: 'r.run_name',
  status: 'r.status',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  lifecycle_stage: 'r.lifecycle_stage',
};
const NUMBER_ATTRIBUTES: Readonly<Record<string, string>> = { start_time: 'r.start_time', end_time: 'r.end_time' };

function stringComparison(column: string, op: string, value: string, args: SQLInputValue[]): string {
  if (op === 'LIKE') {
    args.push(likeToGlob(value));
    return `${column} GLOB ?`;
  }
  if (op === 'ILIKE') {
    args.push(value.toLowerCase());
    return `lower(${column}) LIKE ?`;
  }
  args.push(value);
  return `${column} ${op} ?`;
}

function clauseSql(clause: RunFilterClause, args: SQLInputValue[]): string {
  const { entity, key, op, value } = clause;
  if (entity === 'metric') {
    if (op === 'IS NULL' || op === 'IS NOT NULL') {
      args.push(key);
      return `${op === 'IS NULL' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM mlflow_run_latest_metrics m WHERE m.run_id = r.run_id AND m.key = ?)`;
    }
    args.push(key, value as number);
    // The matching runs as a set read from the (key, value) index, not a lookup per run: with
    // 10,000 runs the search walks them newest first against that set (12 ms → 2 ms here).
    return `r.run_id IN (SELECT m.run_id FROM mlflow_run_latest_metrics m WHERE m.key = ? AND m.is_nan = 0 AND m.value ${op} ?)`;
  }
  if (entity === 'param' || entity === 'tag') {
    const table = entity === 'param' ? 'mlflow_run_params' : 'mlflow_run_tags';
    if (op === 'IS NULL' || op === 'IS NOT NULL') {
      args.push(key);
      return `${op === 'IS NULL' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${table} p WHERE p.run_id = r.run_id AND p.key = ?)`;
    }
    args.push(key);
    const comparison = stringComparison('p.value', op, value as string, args);
    return `EXISTS (SELECT 1 FROM ${table} p WHERE p.run_id = r.run_id AND p.key = ? AND ${comparison})`;
  }
  if (entity === 'attribute') {
    const numeric = NUMBER_ATTRIBUTES[key];
    if (numeric) {
      if (op === 'IS NULL' || op === 'IS NOT NULL') return `${numeric} ${op}`;
      args.push(value as number);
      return `${numeric} ${op} ?`;
    }
    const column = STRING_ATTRIBUTES[key];
    if (op === 'IS NULL' || op === 'IS NOT NULL') return `${column} ${op}`;
    if (op === 'IN' || op === 'NOT IN') {
      args.push(JSON.stringify(value));
      return `${column} ${op} (SELECT value FROM json_each(?))`;
    }
    return stringComparison(column, op, value as string, args);
  }
  // datasets
  const column = key === 'context' ? "(i.tags_json ->> '$.\"mlflow.data.context\"')" : `i.${key}`;
  let comparison: string;
  if (op === 'IN' || op === 'NOT IN') {
    args.push(JSON.stringify(value));
    comparison = `${column} ${op} (SELECT value FROM json_each(?))`;
  } else if (op === 'IS NULL' || op === 'IS NOT NULL') comparison = `${column} ${op}`;
  else comparison = stringComparison(column, op, value as string, args);
  return `EXISTS (SELECT 1 FROM mlflow_run_inputs i WHERE i.run_id = r.run_id AND ${comparison})`;
}

function orderSql(entries: string[], args: SQLInputValue[]): string {
  const parts: string[] = [];
  let hasStartTime = false;
  for (const entry of entries) {
    const parsed = parseRunOrderBy(entry);
    if (!parsed.ok) throw invalid(parsed.message);
    const { entity, key, ascending } = parsed.order;
    const direction = ascending ? 'ASC' : 'DESC';
    let expression: string;
    if (entity === 'metric') {
      // Runs without the metric come last, NaN after numbers (as MLflow's SQL store sorts).
      args.push(key, key, key);
      parts.push(`(SELECT 1 FROM mlflow_run_latest_metrics m WHERE m.run_id = r.run_id AND m.key = ?) IS NULL`);
      parts.push(`coalesce((SELECT m.is_nan FROM mlflow_run_latest_metrics m WHERE m.run_id = r.run_id AND m.key = ?), 0)`);
      expression = `(SELECT m.value FROM mlflow_run_latest_metrics m WHERE m.run_id = r.run_id AND m.key = ?)`;
    } else if (entity === 'param' || entity === 'tag') {
      const table = entity === 'param' ? 'mlflow_run_params' : 'mlflow_run_tags';
      args.push(key, key);
      parts.push(`(SELECT 1 FROM ${table} p WHERE p.run_id = r.run_id AND p.key = ?) IS NULL`);
      expression = `(SELECT p.value FROM ${table} p WHERE p.run_id = r.run_id AND p.key = ?)`;
    } else {
      if (key === 'start_time') hasStartTime = true;
      expression = NUMBER_ATTRIBUTES[key] ?? STRING_ATTRIBUTES[key];
      parts.push(`${expression} IS NULL`);
    }
    parts.push(`${expression} ${direction}`);
  }
  if (!hasStartTime) parts.push('r.start_time DESC');
  parts.push('r.run_id ASC');
  return parts.join(', ');
}

/** search-runs as one SELECT over mlflow_runs (without LIMIT/OFFSET). */
export function compileRunSearch(search: { experimentIds: string[]; filter?: string; viewType: ViewType; orderBy?: string[] }): { sql: string; args: SQLInputValue[] } {
  const parsed = parseRunFilter(search.filter ?? '');
  if (!parsed.ok) throw invalid(`Error on parsing filter '${search.filter ?? ''}': ${parsed.message}`);
  const args: SQLInputValue[] = [JSON.stringify(search.experimentIds.map(String))];
  const where = ['r.experiment_id IN (SELECT value FROM json_each(?))'];
  if (search.viewType === 'ACTIVE_ONLY') where.push("r.lifecycle_stage = 'active'");
  else if (search.viewType === 'DELETED_ONLY') where.push("r.lifecycle_stage = 'deleted'");
  for (const clause of parsed.clauses) where.push(clauseSql(clause, args));
  const orderArgs: SQLInputValue[] = [];
  const order = orderSql(search.orderBy ?? [], orderArgs);
  return { sql: `SELECT r.* FROM mlflow_runs r WHERE ${where.join(' AND ')} ORDER BY ${order}`, args: [...args, ...orderArgs] };
}
