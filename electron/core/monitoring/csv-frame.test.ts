import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellText } from '../../../shared/monitoring/frame.ts';
import { readCsvFrame } from './csv-frame.ts';

const dir = mkdtempSync(join(tmpdir(), 'benchtop-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cells = (frame: Awaited<ReturnType<typeof readCsvFrame>>, name: string) => {
  const column = frame.columns.find((c) => c.name === name)!;
  return Array.from(column.numbers, (n, i) => (Number.isNaN(n) ? (cellText(column, i) ?? null) : n));
};

describe('readCsvFrame', () => {
  const text = 'id,note,score\r\n1,"a, b",0.5\r\n2,"say ""hi""",\r\n3,plain,1e3\r\n4,"line\nbreak",NA\r\n';
  const path = join(dir, 'quoted.csv');
  writeFileSync(path, text);

  it.each([1 << 20, 7, 3, 1])('reads quotes, escaped quotes, CRLF, newlines in quotes and empty cells (chunks of %i)', async (chunk) => {
    const frame = await readCsvFrame(path, undefined, chunk);
    expect(frame.rowCount).toBe(4);
    expect(cells(frame, 'id')).toEqual([1, 2, 3, 4]);
    expect(cells(frame, 'note')).toEqual(['a, b', 'say "hi"', 'plain', 'line\nbreak']);
    expect(cells(frame, 'score')).toEqual([0.5, null, 1000, null]);
  });

  it('a row with the wrong number of cells names its line', async () => {
    writeFileSync(join(dir, 'ragged.csv'), 'a,b\n1,2\n3\n');
    await expect(readCsvFrame(join(dir, 'ragged.csv'))).rejects.toThrow('ragged.csv:3: 1 cells, the header has 2 columns');
  });
});
