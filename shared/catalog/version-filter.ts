/**
 * The search box's filter language for model versions, a subset of MLflow's:
 *
 *   accuracy > 0.9 AND params.kind = 'forest' AND tags.team = "vision" AND alias = champion
 *
 * A bare name is a metric (`metrics.` is optional). `params.K`, `tags.K`, `name`, `alias`, `run`,
 * `step` and `version` are the other fields. Clauses are joined with AND (case-insensitive).
 * Strings may be quoted with ' or " (needed when they hold spaces); numbers compare numerically.
 */

export type FilterField =
  | { kind: 'metric'; key: string }
  | { kind: 'param'; key: string }
  | { kind: 'tag'; key: string }
  | { kind: 'name' }
  | { kind: 'alias' }
  | { kind: 'run' }
  | { kind: 'step' }
  | { kind: 'version' };

export type FilterOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

export interface FilterClause {
  field: FilterField;
  op: FilterOperator;
  value: string | number;
  /** 1-based column where the clause starts. */
  column: number;
}

export type FilterResult = { ok: true; clauses: FilterClause[] } | { ok: false; error: { message: string; column: number } };

interface Token {
  type: 'word' | 'string' | 'number' | 'op';
  text: string;
  column: number;
}

const OPERATORS = ['!=', '<=', '>=', '==', '=', '<', '>'];
const WORD = /[A-Za-z0-9_.\-/:@]/;

class FilterSyntaxError extends Error {
  readonly column: number;
  constructor(message: string, column: number) {
    super(message);
    this.column = column;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const column = i + 1;
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ type: 'op', text: op === '==' ? '=' : op, column });
      i += op.length;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) throw new FilterSyntaxError(`Unclosed ${ch} string: close it with ${ch}.`, column);
      tokens.push({ type: 'string', text: text.slice(i + 1, end), column });
      i = end + 1;
      continue;
    }
    if (WORD.test(ch) || ch === '+') {
      let j = i + 1;
      while (j < text.length && WORD.test(text[j])) j++;
      const word = text.slice(i, j);
      const isNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(word);
      tokens.push({ type: isNumber ? 'number' : 'word', text: word, column });
      i = j;
      continue;
    }
    throw new FilterSyntaxError(`Unexpected "${ch}": a clause looks like accuracy > 0.9 or tags.team = 'vision'.`, column);
  }
  return tokens;
}

function parseField(token: Token): FilterField {
  const text = token.text;
  const dot = text.indexOf('.');
  if (dot > 0) {
    const prefix = text.slice(0, dot).toLowerCase();
    const key = text.slice(dot + 1);
    const kind = prefix === 'metrics' || prefix === 'metric' ? 'metric' : prefix === 'params' || prefix === 'param' ? 'param' : prefix === 'tags' || prefix === 'tag' ? 'tag' : null;
    if (kind) {
      if (!key) throw new FilterSyntaxError(`Name the ${kind} after "${prefix}.".`, token.column + dot + 1);
      return { kind, key };
    }
  }
  const lower = text.toLowerCase();
  if (lower === 'name' || lower === 'alias' || lower === 'run' || lower === 'step' || lower === 'version') return { kind: lower };
  return { kind: 'metric', key: text };
}

/** Parses a filter; an error names the 1-based column where it went wrong. Empty text → no clauses. */
export function parseVersionFilter(text: string): FilterResult {
  try {
    const tokens = tokenize(text);
    const clauses: FilterClause[] = [];
    let i = 0;
    const end = text.length + 1;
    while (i < tokens.length) {
      if (clauses.length > 0) {
        const joiner = tokens[i];
        if (joiner.type !== 'word' || joiner.text.toUpperCase() !== 'AND') {
          throw new FilterSyntaxError(`Expected AND between clauses, found "${joiner.text}" (only AND is supported).`, joiner.column);
        }
        i++;
        if (i >= tokens.length) throw new FilterSyntaxError('A clause must follow AND.', end);
      }
      const fieldToken = tokens[i];
      if (fieldToken.type !== 'word') throw new FilterSyntaxError(`Expected a field name (a metric, params.K, tags.K, name, alias), found "${fieldToken.text}".`, fieldToken.column);
      const field = parseField(fieldToken);
      const opToken = tokens[i + 1];
      if (!opToken) throw new FilterSyntaxError(`Expected an operator (=, !=, <, <=, >, >=, LIKE) after "${fieldToken.text}".`, end);
      const isLike = opToken.type === 'word' && opToken.text.toUpperCase() === 'LIKE';
      if (opToken.type !== 'op' && !isLike) throw new FilterSyntaxError(`Expected an operator (=, !=, <, <=, >, >=, LIKE), found "${opToken.text}".`, opToken.column);
      const op = (isLike ? 'LIKE' : opToken.text) as FilterOperator;
      const valueToken = tokens[i + 2];
      if (!valueToken || valueToken.type === 'op') throw new FilterSyntaxError(`Expected a value after "${op}".`, valueToken?.column ?? end);
      let value: string | number;
      if (field.kind === 'metric' || field.kind === 'version') {
        if (valueToken.type !== 'number') throw new FilterSyntaxError(`${field.kind === 'metric' ? `Metric "${field.key}"` : 'version'} compares with a number, found "${valueToken.text}".`, valueToken.column);
        if (op === 'LIKE') throw new FilterSyntaxError('LIKE works on text fields (name, params, tags), not numbers.', opToken.column);
        value = Number(valueToken.text);
      } else {
        if (op !== '=' && op !== '!=' && op !== 'LIKE' && field.kind !== 'param') {
          throw new FilterSyntaxError(`${field.kind} takes =, != or LIKE, not ${op}.`, opToken.column);
        }
        value = valueToken.type === 'number' && field.kind === 'param' && op !== '=' && op !== '!=' && op !== 'LIKE' ? Number(valueToken.text) : valueToken.text;
      }
      clauses.push({ field, op, value, column: fieldToken.column });
      i += 3;
    }
    return { ok: true, clauses };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, error: { message: error.message, column: error.column } };
    throw error;
  }
}

/** "column 12: Expected …" — the form the CLI and UI show. */
export function describeFilterError(text: string, error: { message: string; column: number }): string {
  return `Filter "${text}", column ${error.column}: ${error.message}`;
}
