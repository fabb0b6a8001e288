import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import { ApiError } from '../../../../shared/api/errors.ts';

/**
 * A parsed meta.yaml that remembers where each key sits, so that a wrong value is reported as
 * `file:line:column`. Reads are typed: a key of the wrong type is an error, a missing one is null.
 */
export class MetaYaml {
  readonly file: string;
  readonly values: Record<string, unknown>;
  private readonly doc: Document;
  private readonly lines: LineCounter;

  constructor(file: string, doc: Document, lines: LineCounter) {
    this.file = file;
    this.doc = doc;
    this.lines = lines;
    this.values = (doc.toJS() ?? {}) as Record<string, unknown>;
  }

  /** `file:line:column` of a key (or of the file when the key is absent). */
  where(key?: string): string {
    const map = this.doc.contents;
    if (key && isMap(map)) {
      const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
      const range = isScalar(pair?.key) ? pair.key.range : undefined;
      if (range) {
        const pos = this.lines.linePos(range[0]);
        return `${this.file}:${pos.line}:${pos.col}`;
      }
    }
    return `${this.file}:1:1`;
  }

  fail(key: string | undefined, message: string): never {
    const at = this.where(key);
    throw new ApiError('invalid_input', `${at}: ${message}`, { file: this.file, at });
  }

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.values, key);
  }

  string(key: string): string | null {
    const value = this.values[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.fail(key, `"${key}" must be a text value, found ${describe(value)}.`);
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === null) this.fail(key, `"${key}" is missing; an MLflow meta.yaml always has it. Restore the file from a backup or remove its folder.`);
    return value;
  }

  /** Integers (times, versions, steps). Accepts quoted digits as MLflow's reader does. */
  integer(key: string): number | null {
    const value = this.values[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
    return this.fail(key, `"${key}" must be a whole number, found ${describe(value)}.`);
  }

  mapping(key: string): Record<string, unknown> {
    const value = this.values[key];
    if (value === undefined || value === null) return {};
    if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    return this.fail(key, `"${key}" must be a mapping, found ${describe(value)}.`);
  }

  /** Keys outside `known`, to keep for the export. */
  extra(known: ReadonlySet<string>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.values).filter(([key]) => !known.has(key)));
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export function parseMetaYaml(file: string, text: string): MetaYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, version: '1.1', uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const at = pos ? `${file}:${pos.line}:${pos.col}` : `${file}:1:1`;
    const reason = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ApiError('invalid_input', `${at}: not valid YAML (${reason}). Fix or restore this meta.yaml; nothing was imported.`, { file, at });
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new ApiError('invalid_input', `${file}:1:1: meta.yaml is empty (a write was interrupted?). Restore it or remove its folder; nothing was imported.`, { file, at: `${file}:1:1` });
  }
  if (!isMap(doc.contents)) {
    throw new ApiError('invalid_input', `${file}:1:1: meta.yaml must be a mapping of keys to values. Restore it or remove its folder; nothing was imported.`, { file, at: `${file}:1:1` });
  }
  return new MetaYaml(file, doc, lines);
}

export function readMetaYaml(file: string): MetaYaml {
  return parseMetaYaml(file, readFileSync(file, 'utf8'));
}

/**
 * meta.yaml text as MLflow writes it (`yaml.safe_dump(..., default_flow_style=False)`): keys
 * sorted, block style, YAML 1.1 quoting (so '0' and 'None'-like strings keep their type).
 */
export function formatMetaYaml(values: Record<string, unknown>): string {
  return stringify(values, { version: '1.1', singleQuote: true, lineWidth: 0, sortMapEntries: true, nullStr: 'null', indentSeq: false });
}
