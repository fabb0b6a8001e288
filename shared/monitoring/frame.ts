/**
 * A table of data as the drift report reads it: one entry per column, numbers in a Float64Array
 * (NaN where the cell is empty or not a number) and, only where some cell is not a number, that
 * text dictionary-encoded (as Arrow's dictionary columns): an Int32Array of codes into `labels`.
 * Readers (CSV, Parquet, an endpoint's capture) build one; no per-row objects.
 */
export interface FrameColumn {
  name: string;
  numbers: Float64Array;
  /** Cells that are not numbers: codes[i] indexes labels, −1 where the cell is a number or empty. Null when no cell is text. */
  text: { codes: Int32Array; labels: string[] } | null;
}

/** The text of cell i, or undefined when it is a number or empty. */
export function cellText(column: FrameColumn, i: number): string | undefined {
  const code = column.text ? column.text.codes[i] : -1;
  return code >= 0 ? (column.text as { labels: string[] }).labels[code] : undefined;
}

export interface Frame {
  rowCount: number;
  columns: FrameColumn[];
}

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A cell as text (CSV) → a number when it reads as one, else null (empty) or the text. */
export function parseCell(text: string): number | string | null {
  if (text === '' || text === 'NA' || text === 'null' || text === 'NaN' || text === 'nan' || text === 'None') return null;
  if (NUMBER.test(text)) return Number(text);
  if (text === 'true' || text === 'True' || text === 'TRUE') return 1;
  if (text === 'false' || text === 'False' || text === 'FALSE') return 0;
  return text;
}

/** Builds a column from values of any JSON kind (numbers, booleans, strings, null). */
export class FrameColumnBuilder {
  readonly name: string;
  #numbers: Float64Array;
  #codes: Int32Array | null = null;
  readonly #labels: string[] = [];
  readonly #index = new Map<string, number>();
  #length = 0;

  constructor(name: string, capacity = 1024) {
    this.name = name;
    this.#numbers = new Float64Array(Math.max(capacity, 16));
  }

  push(value: unknown): void {
    if (this.#length === this.#numbers.length) {
      const grown = new Float64Array(this.#numbers.length * 2);
      grown.set(this.#numbers);
      this.#numbers = grown;
      if (this.#codes) {
        const codes = new Int32Array(grown.length).fill(-1);
        codes.set(this.#codes);
        this.#codes = codes;
      }
    }
    const index = this.#length++;
    if (typeof value === 'number') this.#numbers[index] = value;
    else if (typeof value === 'boolean') this.#numbers[index] = value ? 1 : 0;
    else if (typeof value === 'string') {
      const parsed = parseCell(value);
      if (typeof parsed === 'number') this.#numbers[index] = parsed;
      else {
        this.#numbers[index] = Number.NaN;
        if (parsed !== null) {
          this.#codes ??= new Int32Array(this.#numbers.length).fill(-1);
          let code = this.#index.get(parsed);
          if (code === undefined) {
            code = this.#labels.length;
            this.#labels.push(parsed);
            this.#index.set(parsed, code);
          }
          this.#codes[index] = code;
        }
      }
    } else this.#numbers[index] = Number.NaN;
  }

  build(): FrameColumn {
    return { name: this.name, numbers: this.#numbers.slice(0, this.#length), text: this.#codes ? { codes: this.#codes.slice(0, this.#length), labels: [...this.#labels] } : null };
  }
}

/** A frame from row-major values (an endpoint's capture, a JSON body). */
export function frameFromRows(names: readonly string[], rows: readonly (readonly unknown[])[]): Frame {
  const builders = names.map((name) => new FrameColumnBuilder(name, rows.length));
  for (const row of rows) builders.forEach((builder, index) => builder.push(row[index]));
  return { rowCount: rows.length, columns: builders.map((b) => b.build()) };
}

/** A frame from columns of values. */
export function frameFromColumns(columns: Record<string, readonly unknown[]>): Frame {
  const entries = Object.entries(columns);
  const rowCount = entries[0]?.[1].length ?? 0;
  return {
    rowCount,
    columns: entries.map(([name, values]) => {
      const builder = new FrameColumnBuilder(name, values.length);
      for (const value of values) builder.push(value);
      return builder.build();
    }),
  };
}

export function frameColumn(frame: Frame, name: string): FrameColumn | undefined {
  return frame.columns.find((c) => c.name === name);
}
