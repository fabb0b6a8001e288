import { open, readdir, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { LogBatcher } from './log-batcher.ts';
import type { LogDecoder } from './log-decoder.ts';

export interface JsonFileLogInput {
  /** The container's `LogPath`: the engine's json-file log, one JSON record per line. */
  path: string;
  /** Records from the end of the file, as the engine's `tail` counts them, or all of them. */
  tail: number | 'all';
  timestamps: boolean;
  /** A TTY container's records are all stdout. */
  tty: boolean;
}

const READ_BYTES = 1024 * 1024;
const TAIL_BLOCK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Reads a container's history from the engine's own json-file log instead of asking the engine,
 * which re-encodes every record as its own HTTP chunk and costs more than the whole read here.
 * The records go through `decoder` exactly as the engine's frames would (the same timestamp
 * prefix, line splitting and collapsing), so the lines are the ones `/containers/{id}/logs` gives.
 *
 * Resolves false, having sent nothing, when the file cannot stand in for the engine: it cannot be
 * opened or read (an engine in a VM or on another host, or no permission: only root and rootless
 * engines can read it), the history asked for reaches into rotated files, or its first record is
 * not a json-file record. The caller then asks the engine. Resolves true once the history was sent or
 * `signal` aborted. A snapshot: records written after the read began are not included.
 */
export async function readJsonFileLog(input: JsonFileLogInput, decoder: LogDecoder, batcher: LogBatcher, signal: AbortSignal): Promise<boolean> {
  let file: FileHandle;
  try {
    file = await open(input.path, 'r');
  } catch {
    return false;
  }
  try {
    let range: ByteRange;
    try {
      range = await historyRange(file, (await file.stat()).size, input.tail);
    } catch {
      return false;
    }
    if (range.fromStart && (await hasRotatedFiles(input.path))) return false;
    return await sendRecords(file, range, input, decoder, batcher, signal);
  } finally {
    await file.close();
  }
}

interface ByteRange {
  start: number;
  /** Just past the last complete record: a record still being written is left out. */
  end: number;
  /** The range begins at the file's start, so older records may sit in rotated files. */
  fromStart: boolean;
}

/** Where the last `tail` records begin, found by reading the file backwards a block at a time. */
async function historyRange(file: FileHandle, size: number, tail: number | 'all'): Promise<ByteRange> {
  const block = Buffer.allocUnsafe(TAIL_BLOCK_BYTES);
  let end = -1;
  let records = 0;
  for (let position = size; position > 0; ) {
    const from = Math.max(0, position - block.length);
    const { bytesRead } = await file.read(block, 0, position - from, from);
    for (let i = bytesRead - 1; i >= 0; i--) {
      if (block[i] !== NEWLINE) continue;
      if (end === -1) {
        end = from + i + 1;
        if (tail === 'all') return { start: 0, end, fromStart: true };
        if (tail === 0) return { start: end, end, fromStart: false };
      } else if (++records === tail) {
        return { start: from + i + 1, end, fromStart: false };
      }
    }
    position = from;
  }
  return { start: 0, end: Math.max(end, 0), fromStart: true };
}

/** The engine rotates `ID-json.log` to `ID-json.log.1` (`.1.gz` when compressed), `.2`, … */
async function hasRotatedFiles(path: string): Promise<boolean> {
  const prefix = `${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  return names.some((name) => name.startsWith(prefix));
}

interface JsonFileRecord {
  log: string;
  stream: string;
  time: string;
}

async function sendRecords(file: FileHandle, range: ByteRange, input: JsonFileLogInput, decoder: LogDecoder, batcher: LogBatcher, signal: AbortSignal): Promise<boolean> {
  const buffer = Buffer.allocUnsafe(Math.min(READ_BYTES, Math.max(range.end - range.start, 1)));
  const utf8 = new TextDecoder('utf-8');
  let carried = '';
  let checked = false;
  for (let position = range.start; position < range.end; ) {
    if (signal.aborted) break;
    const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, range.end - position), position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const text = carried + utf8.decode(buffer.subarray(0, bytesRead), { stream: position < range.end });
    let lineStart = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', lineStart)) {
      const record = parseRecord(text.slice(lineStart, newline));
      lineStart = newline + 1;
      if (!checked) {
        if (record === null) return false;
        checked = true;
      }
      if (record === null) continue;
      const stream = input.tty || record.stream !== 'stderr' ? 'stdout' : 'stderr';
      decoder.pushText(stream, input.timestamps ? `${engineTimestamp(record.time)} ${record.log}` : record.log, batcher.lines);
      if (signal.aborted) break;
      batcher.settle();
    }
    carried = text.slice(lineStart);
  }
  if (signal.aborted) {
    batcher.discard();
    return true;
  }
  decoder.end(batcher.lines);
  batcher.flush();
  return true;
}

function parseRecord(line: string): JsonFileRecord | null {
  try {
    const record = JSON.parse(line) as Partial<JsonFileRecord> | null;
    return typeof record?.log === 'string' && typeof record.stream === 'string' && typeof record.time === 'string' ? (record as JsonFileRecord) : null;
  } catch {
    return null;
  }
}

/**
 * The file keeps Go's RFC 3339 with trailing zeros dropped (`…:32.52578295Z`); the engine's log
 * endpoint writes nine fraction digits (`…:32.525782950Z`), and so does this.
 */
export function engineTimestamp(time: string): string {
  if (time.length === 30 || !time.endsWith('Z')) return time;
  const dot = time.indexOf('.', 19);
  const fraction = dot === -1 ? '' : time.slice(dot + 1, -1);
  return `${time.slice(0, 19)}.${fraction.padEnd(9, '0')}Z`;
}
