/**
 * Splits the start of a CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF, new lines inside
 * quotes) into rows. `complete` says whether the text ended at the file's end: if not, the last row
 * (maybe cut in half) is dropped. The delimiter is `,` unless the first line has more `;` or tabs.
 */
export function csvRows(text: string, maxRows: number, complete: boolean): { rows: string[][]; more: boolean } {
  const delimiter = guessDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      if (rows.length > maxRows) return { rows: rows.slice(0, maxRows), more: true };
    } else field += c;
    i++;
  }
  const tail = field !== '' || row.length > 0;
  if (tail && complete) endRow();
  const more = !complete || rows.length > maxRows;
  return { rows: rows.slice(0, maxRows), more };
}

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  const comma = count(',');
  const semicolon = count(';');
  const tab = count('\t');
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}
