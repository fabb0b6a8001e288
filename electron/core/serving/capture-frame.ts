import type { Store } from '../store/database.ts';
import { CaptureStore } from './capture-store.ts';

/** The capture of an endpoint as a table: one row per input row of every successful request. */
export interface CaptureFrame {
  /** Every column seen, in order of first appearance. */
  columns: string[];
  /** Values aligned to `columns` (null where a request did not send that column). */
  rows: unknown[][];
  /** The prediction for each row (null when the response did not carry one per row). */
  predictions: unknown[];
  requestIds: string[];
  times: number[];
  versions: (number | null)[];
}

/**
 * What monitoring reads: the captured requests of `endpoint` between `sinceMs` (inclusive) and
 * `untilMs` (exclusive) that were answered 200 and not truncated, inputs flattened to one row per
 * input row (all four JSON forms and CSV), each with its prediction.
 */
export function captureFrame(store: Store, endpoint: string, range: { sinceMs?: number; untilMs?: number } = {}): CaptureFrame {
  const records = CaptureStore.for(store).range(endpoint, range.sinceMs ?? 0, range.untilMs ?? Number.MAX_SAFE_INTEGER);
  const frame: CaptureFrame = { columns: [], rows: [], predictions: [], requestIds: [], times: [], versions: [] };
  const index = new Map<string, number>();
  const columnOf = (name: string): number => {
    let at = index.get(name);
    if (at === undefined) {
      at = frame.columns.length;
      index.set(name, at);
      frame.columns.push(name);
    }
    return at;
  };
  for (const record of records) {
    if (record.status !== 200 || record.input === null) continue;
    const table = parseScoringInput(record.input, record.contentType);
    if (!table) continue;
    let predictions: unknown[] = [];
    try {
      const parsed = JSON.parse(record.output ?? 'null') as { predictions?: unknown } | null;
      if (Array.isArray(parsed?.predictions)) predictions = parsed.predictions;
    } catch {
      predictions = [];
    }
    const positions = table.columns.map(columnOf);
    table.rows.forEach((row, r) => {
      const values: unknown[] = [];
      positions.forEach((at, c) => {
        values[at] = row[c];
      });
      frame.rows.push(values);
      frame.predictions.push(predictions.length === table.rows.length ? predictions[r] : null);
      frame.requestIds.push(record.requestId);
      frame.times.push(record.time);
      frame.versions.push(record.version);
    });
  }
  const width = frame.columns.length;
  for (const row of frame.rows) for (let c = 0; c < width; c++) if (row[c] === undefined) row[c] = null;
  return frame;
}

/** A scoring request body (dataframe_split, dataframe_records, instances, inputs, or CSV) as columns and rows. */
export function parseScoringInput(body: string, contentType: string | null): { columns: string[]; rows: unknown[][] } | null {
  if ((contentType ?? '').toLowerCase().startsWith('text/csv')) return parseCsv(body);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
  if (doc.dataframe_split && typeof doc.dataframe_split === 'object') {
    const split = doc.dataframe_split as { columns?: unknown[]; data?: unknown[][] };
    const rows = Array.isArray(split.data) ? split.data.filter(Array.isArray) : [];
    const columns = Array.isArray(split.columns) ? split.columns.map(String) : (rows[0] ?? []).map((_, i) => String(i));
    return { columns, rows };
  }
  const data = doc.dataframe_records ?? doc.instances ?? doc.inputs;
  if (data === undefined) return null;
  if (Array.isArray(data) && data.every((item) => item && typeof item === 'object' && !Array.isArray(item))) return fromRecords(data as Record<string, unknown>[]);
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const columns = Object.keys(data);
    const lists = columns.map((c) => {
      const v = (data as Record<string, unknown>)[c];
      return Array.isArray(v) ? v : [v];
    });
    const length = Math.max(0, ...lists.map((l) => l.length));
    return { columns, rows: Array.from({ length }, (_, r) => lists.map((l) => l[r] ?? null)) };
  }
  if (Array.isArray(data)) {
    const rows = data.map((item) => (Array.isArray(item) ? item : [item]));
    const width = Math.max(0, ...rows.map((r) => r.length));
    return { columns: Array.from({ length: width }, (_, i) => String(i)), rows };
  }
  return null;
}

function fromRecords(records: Record<string, unknown>[]): { columns: string[]; rows: unknown[][] } {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return { columns, rows: records.map((record) => columns.map((c) => record[c] ?? null)) };
}

function parseCsv(text: string): { columns: string[]; rows: unknown[][] } | null {
  const lines = splitCsv(text);
  if (lines.length === 0) return null;
  const [header, ...rest] = lines;
  return { columns: header, rows: rest.filter((r) => r.length > 1 || r[0] !== '').map((r) => r.map(csvValue)) };
}

function csvValue(text: string): unknown {
  if (text === '') return null;
  const n = Number(text);
  return Number.isNaN(n) ? text : n;
}

/** RFC 4180 fields (quotes, doubled quotes, CRLF). */
function splitCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
