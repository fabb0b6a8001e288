import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface FeatureTableInfo {
  /** column → inferred dtype (int64, float64, bool, timestamp, string). */
  schema: Record<string, string>;
  rowCount: number;
  /** The largest value of the event-time column (ISO 8601 when it parses as a date), if one was named and found. */
  newestEventTime: string | null;
}

/**
 * Reads a CSV feature table (the file, or the first .csv in a folder) once, streaming: infers each
 * column's dtype, counts rows and finds the newest event time. Other formats → null (declare a
 * schema in the pipeline instead).
 */
export async function scanFeatureTable(path: string, eventTimeColumn: string | null): Promise<FeatureTableInfo | null> {
  const file = await findCsv(path);
  if (!file) return null;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: string[] | null = null;
  const kinds: Kind[] = [];
  let rowCount = 0;
  let newest: { at: number; text: string } | null = null;
  let eventIndex = -1;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    if (!header) {
      header = cells;
      eventIndex = eventTimeColumn ? header.indexOf(eventTimeColumn) : -1;
      continue;
    }
    rowCount++;
    cells.forEach((cell, index) => {
      kinds[index] = widen(kinds[index] ?? 'unknown', kindOf(cell));
    });
    if (eventIndex >= 0) {
      const text = cells[eventIndex] ?? '';
      const at = eventTimeMs(text);
      if (at !== null && (newest === null || at > newest.at)) newest = { at, text };
    }
  }
  if (!header) return null;
  const schema = Object.fromEntries(header.map((name, index) => [name, DTYPES[kinds[index] ?? 'unknown']]));
  return { schema, rowCount, newestEventTime: newest ? new Date(newest.at).toISOString() : null };
}

type Kind = 'unknown' | 'int' | 'float' | 'bool' | 'time' | 'string';
const DTYPES: Record<Kind, string> = { unknown: 'string', int: 'int64', float: 'float64', bool: 'bool', time: 'timestamp', string: 'string' };

function kindOf(cell: string): Kind {
  if (cell === '') return 'unknown';
  if (/^[+-]?\d+$/.test(cell)) return 'int';
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) || /^(nan|inf|-inf)$/i.test(cell)) return 'float';
  if (/^(true|false)$/i.test(cell)) return 'bool';
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(cell) && !Number.isNaN(Date.parse(cell))) return 'time';
  return 'string';
}

function widen(a: Kind, b: Kind): Kind {
  if (a === 'unknown') return b;
  if (b === 'unknown' || a === b) return a;
  if ((a === 'int' && b === 'float') || (a === 'float' && b === 'int')) return 'float';
  return 'string';
}

/** Event times as dates (ISO) or as epoch seconds / milliseconds. */
function eventTimeMs(text: string): number | null {
  if (/^\d{9,10}(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (/^\d{12,13}$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed;
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  return cells.map((c) => c.trim());
}

async function findCsv(path: string): Promise<string | null> {
  const info = await stat(path);
  if (info.isFile()) return path.toLowerCase().endsWith('.csv') ? path : null;
  const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
  return names.length > 0 ? join(path, names[0]) : null;
}
