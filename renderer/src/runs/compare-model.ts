import type { RunComparison } from '../../../shared/pipeline/run-model.ts';

/** A column of the compare table: the run itself, one param, or one metric (`step.metric`). */
export type CompareColumn = { kind: 'run' | 'state' | 'created' } | { kind: 'param'; name: string } | { kind: 'metric'; name: string };
export type Cell = string | number | null;

export const columnKey = (column: CompareColumn) => ('name' in column ? `${column.kind}:${column.name}` : column.kind);

export interface CompareTable {
  params: string[];
  metrics: string[];
  /** Params whose value is not the same in every run (a missing value counts as different). */
  differing: Set<string>;
}

export function compareTable(runs: readonly RunComparison[]): CompareTable {
  const params = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  const differing = new Set(params.filter((name) => new Set(runs.map((r) => (Object.hasOwn(r.params, name) ? r.params[name] : '\u0000missing'))).size > 1));
  return { params, metrics, differing };
}

/** The value in a cell; null when the run has no such param or metric (shown as "—", never as 0). */
export function cellOf(run: RunComparison, column: CompareColumn): Cell {
  switch (column.kind) {
    case 'run':
      return run.id;
    case 'state':
      return run.state;
    case 'created':
      return run.createdAt;
    case 'param':
      return Object.hasOwn(run.params, column.name) ? run.params[column.name] : null;
    case 'metric':
      return Object.hasOwn(run.metrics, column.name) ? run.metrics[column.name] : null;
  }
}

export const MISSING = '—';
export const formatCell = (cell: Cell) => (cell === null ? MISSING : typeof cell === 'number' ? String(Number(cell.toPrecision(6))) : cell);

const asNumber = (cell: Cell) => (typeof cell === 'number' ? cell : cell !== null && cell.trim() !== '' && Number.isFinite(Number(cell)) ? Number(cell) : null);

/** Sorted by a column; numbers as numbers (also numeric params), text as text; missing values always last. */
export function sortRuns(runs: readonly RunComparison[], column: CompareColumn, direction: 'asc' | 'desc'): RunComparison[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...runs].sort((a, b) => {
    const [x, y] = [cellOf(a, column), cellOf(b, column)];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const [nx, ny] = [asNumber(x), asNumber(y)];
    if (nx !== null && ny !== null) return sign * (nx - ny);
    return sign * String(x).localeCompare(String(y));
  });
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV: run, pipeline, state, created, then params and metrics; a missing value is an empty field. */
export function toCsv(runs: readonly RunComparison[], table: CompareTable): string {
  const header = ['run', 'pipeline', 'state', 'created', ...table.params.map((p) => `param:${p}`), ...table.metrics.map((m) => `metric:${m}`)];
  const lines = runs.map((run) => [
    run.id,
    run.pipeline,
    run.state,
    run.createdAt,
    ...table.params.map((p) => cellOf(run, { kind: 'param', name: p }) ?? ''),
    ...table.metrics.map((m) => String(cellOf(run, { kind: 'metric', name: m }) ?? '')),
  ]);
  return [header, ...lines].map((line) => line.map((v) => csvField(String(v))).join(',')).join('\r\n') + '\r\n';
}
