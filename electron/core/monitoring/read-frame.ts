import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors.ts';
import type { Frame } from '../../../shared/monitoring/frame.ts';
import { readCsvFrame } from './csv-frame.ts';
import { readParquetFrame } from './parquet-frame.ts';

const TABLE_EXTENSIONS = ['.csv', '.parquet', '.pq'];

/** The table file at `path`, or the first .csv/.parquet (sorted by name) inside a folder. */
export async function findTableFile(path: string): Promise<string> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ApiError('not_found', `${path} does not exist: give a CSV or Parquet file (or a folder holding one).`);
  if (info.isFile()) return path;
  const entries = (await readdir(path, { recursive: true })).map(String).sort();
  const found = entries.find((entry) => TABLE_EXTENSIONS.includes(extname(entry).toLowerCase()));
  if (!found) throw new ApiError('invalid_input', `${path} holds no .csv or .parquet file.`);
  return join(path, found);
}

/** Reads a CSV or Parquet file (by extension, or `format` for extension-less blobs; a folder → its first table file). */
export async function readTableFrame(path: string, signal?: AbortSignal, format?: string): Promise<Frame> {
  const file = await findTableFile(path);
  const extension = format ?? extname(file).toLowerCase();
  try {
    if (extension === '.parquet' || extension === '.pq') return await readParquetFrame(file);
    if (extension === '.csv' || extension === '.txt' || extension === '') return await readCsvFrame(file, signal);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('invalid_input', `Could not read ${file}: ${(error as Error).message}`);
  }
  throw new ApiError('invalid_input', `${file}: only CSV and Parquet files can be monitored (got ${extension}).`);
}
