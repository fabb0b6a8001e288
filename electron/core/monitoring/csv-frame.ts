import { createReadStream } from 'node:fs';
import { FrameColumnBuilder, type Frame } from '../../../shared/monitoring/frame.ts';

/**
 * Reads a CSV file (header row, comma separated, RFC 4180 quotes, LF or CRLF) into a Frame in one
 * streaming pass: cells go straight into each column's typed array, no per-row objects.
 */
export async function readCsvFrame(path: string, signal?: AbortSignal, chunkSize = 1 << 20): Promise<Frame> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: chunkSize, signal });
  let header: string[] | null = null;
  let builders: FrameColumnBuilder[] = [];
  let rowCount = 0;
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let afterQuote = false;
  let lineNumber = 1;
  const endRow = () => {
    cells.push(cell);
    cell = '';
    if (!header) {
      header = cells.map((c) => c.trim());
      if (header.length === 0 || header.every((h) => h === '')) throw new Error(`${path}: the first line must name the columns`);
      builders = header.map((name) => new FrameColumnBuilder(name, 4096));
    } else if (!(cells.length === 1 && cells[0] === '')) {
      if (cells.length !== builders.length) throw new Error(`${path}:${lineNumber}: ${cells.length} cells, the header has ${builders.length} columns`);
      for (let i = 0; i < builders.length; i++) builders[i].push(cells[i]);
      rowCount++;
    }
    cells = [];
    lineNumber++;
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk.charCodeAt(i);
      if (inQuotes) {
        if (ch === 34 /* " */) {
          if (chunk.charCodeAt(i + 1) === 34) {
            cell += chunk.slice(start, i + 1);
            i++;
            start = i + 1;
          } else if (i + 1 === chunk.length) {
            // A quote at the end of a chunk: decide when the next chunk comes.
            cell += chunk.slice(start, i);
            start = i + 1;
            inQuotes = false;
            afterQuote = true;
          } else {
            cell += chunk.slice(start, i);
            start = i + 1;
            inQuotes = false;
          }
        }
        continue;
      }
      if (afterQuote) {
        afterQuote = false;
        if (ch === 34 && i === 0) {
          cell += '"';
          inQuotes = true;
          start = i + 1;
          continue;
        }
      }
      if (ch === 44 /* , */) {
        cells.push(cell + chunk.slice(start, i));
        cell = '';
        start = i + 1;
      } else if (ch === 10 /* \n */) {
        const end = i > start && chunk.charCodeAt(i - 1) === 13 ? i - 1 : i;
        cell += chunk.slice(start, end);
        if (cell.endsWith('\r')) cell = cell.slice(0, -1);
        endRow();
        start = i + 1;
      } else if (ch === 34 && i === start && cell === '') {
        inQuotes = true;
        start = i + 1;
      }
    }
    cell += chunk.slice(start);
  }
  if (cell !== '' || cells.length > 0) {
    if (cell.endsWith('\r')) cell = cell.slice(0, -1);
    endRow();
  }
  if (!header) throw new Error(`${path} is empty: a CSV file needs a header row naming the columns`);
  return { rowCount, columns: builders.map((b) => b.build()) };
}
