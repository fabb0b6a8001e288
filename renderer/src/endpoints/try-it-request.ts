import type { SignatureColumn } from '../../../shared/serving/endpoint.ts';

/** A starting value per column for the "Try it" form: 0 for numbers, false for booleans, '' for text. */
export function defaultValue(column: SignatureColumn): string {
  if (column.type === 'boolean') return 'false';
  if (column.type === 'string' || column.type === 'binary' || column.type === 'datetime') return '';
  return '0';
}

/**
 * One row typed by the signature, as the body of a `dataframe_split` request. A value that does not
 * parse as its column's type is sent as typed, so the endpoint answers with its own 400 naming it.
 */
export function buildTryItBody(columns: readonly SignatureColumn[], values: Readonly<Record<string, string>>): string {
  const row = columns.map((column) => {
    const text = values[column.name] ?? defaultValue(column);
    switch (column.type) {
      case 'double':
      case 'float':
      case 'long':
      case 'integer': {
        const n = Number(text);
        return text.trim() === '' || Number.isNaN(n) ? text : n;
      }
      case 'boolean':
        return text === 'true' ? true : text === 'false' ? false : text;
      default:
        return text;
    }
  });
  return JSON.stringify({ dataframe_split: { columns: columns.map((c) => c.name), data: [row] } });
}
