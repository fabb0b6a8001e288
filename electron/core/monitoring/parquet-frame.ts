import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { FrameColumnBuilder, type Frame } from '../../../shared/monitoring/frame.ts';

/**
 * Reads a Parquet file into a Frame with hyparquet (pure JavaScript): column chunks go into each
 * column's typed array in row order. Nested columns are left out; bigint values become numbers.
 */
export async function readParquetFrame(path: string): Promise<Frame> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const names = parquetSchema(metadata)
    .children.filter((child) => child.children.length === 0)
    .map((child) => child.element.name);
  const rowCount = Number(metadata.num_rows);
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>(names.map((n) => [n, []]));
  await parquetRead({
    file,
    metadata,
    columns: names,
    onChunk: (chunk) => chunks.get(chunk.columnName)?.push({ rowStart: chunk.rowStart, data: chunk.columnData }),
  });
  const columns = names.map((name) => {
    const builder = new FrameColumnBuilder(name, rowCount);
    const parts = (chunks.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
    let next = 0;
    for (const part of parts) {
      for (let i = Math.max(0, next - part.rowStart); i < part.data.length && part.rowStart + i < rowCount; i++) {
        const value = part.data[i];
        builder.push(typeof value === 'bigint' ? Number(value) : value instanceof Date ? value.getTime() : value);
      }
      next = Math.max(next, part.rowStart + part.data.length);
    }
    return builder.build();
  });
  return { rowCount, columns };
}
