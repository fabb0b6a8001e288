/**
 * MLflow's search_runs filter grammar (pure; the tracking server compiles it to SQL and the UI's
 * filter box reuses it):
 *
 *   metrics.acc > 0.9 and params.lr = '0.01' and tags."mlflow.runName" LIKE 'cnn%'
 *   and attributes.status = 'FINISHED' and attributes.run_id IN ('a', 'b')
 *
 * Clauses are joined with AND (MLflow has no OR for runs). Entity prefixes: metric(s), param(s),
 * parameter(s), tag(s), attribute(s)/attr/run, dataset(s). Keys may be quoted with " or `.
 * Metrics and the time attributes compare with numbers; params, tags and string attributes with
 * quoted strings (=, !=, LIKE, ILIKE; IN/NOT IN for attributes and datasets).
 */

export type RunFilterEntity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';
export type RunFilterOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | 'IS NULL' | 'IS NOT NULL';

export interface RunFilterClause {
  entity: RunFilterEntity;
  key: string;
  op: RunFilterOperator;
  /** A number (metrics, time attributes), a string, a list (IN), or null (IS NULL). */
  value: number | string | string[] | null;
  /** 1-based column where the clause starts. */
  column: number;
}

export type RunFilterResult = { ok: true; clauses: RunFilterClause[] } | { ok: false; message: string; column: number };

/** Attributes runs can be filtered on, and whether they are numeric. */
export const RUN_ATTRIBUTES: Readonly<Record<string, 'string' | 'number'>> = {
  run_id: 'string',
  run_name: 'string',
  status: 'string',
  user_id: 'string',
  artifact_uri: 'string',
  lifecycle_stage: 'string',
  start_time: 'number',
  end_time: 'number',
  created: 'number',
  Created: 'number',
};

const ATTRIBUTE_ALIASES: Readonly<Record<string, string>> = { created: 'start_time', Created: 'start_time', run_uuid: 'run_id' };

const ENTITY_PREFIXES: Readonly<Record<string, RunFilterEntity>> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

const DATASET_KEYS = new Set(['name', 'digest', 'context']);

interface Token {
  type: 'ident' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma';
  text: string;
  column: number;
  /** For an identifier made of a prefix and a quoted key. */
  quotedKey?: string;
}

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
    const c = text[i];
    const column = i + 1;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(') {
      tokens.push({ type: 'lparen', text: c, column });
      i++;
      continue;
    }
    if (c === ')') {
      tokens.push({ type: 'rparen', text: c, column });
      i++;
      continue;
    }
    if (c === ',') {
      tokens.push({ type: 'comma', text: c, column });
      i++;
      continue;
    }
    const op = ['!=', '<=', '>=', '==', '=', '<', '>'].find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ type: 'op', text: op === '==' ? '=' : op, column });
      i += op.length;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new FilterSyntaxError(`Unterminated quote ${c} starting at column ${column}.`, column);
      tokens.push({ type: 'string', text: text.slice(i + 1, end), column, quotedKey: c });
      i = end + 1;
      continue;
    }
    const number = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(text.slice(i));
    if (number && (c === '-' || /\d|\./.test(c)) && !/[A-Za-z_]/.test(text[i + number[0].length] ?? '')) {
      tokens.push({ type: 'number', text: number[0], column });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][\w]*(?:\.(?:[\w\-:/]+(?:\.[\w\-:/]+)*)?)?/.exec(text.slice(i));
    if (word) {
      let ident = word[0];
      i += ident.length;
      let quotedKey: string | undefined;
      // prefix."quoted key" / prefix.`quoted key`
      if (ident.endsWith('.') && (text[i] === '"' || text[i] === '`')) {
        const end = text.indexOf(text[i], i + 1);
        if (end < 0) throw new FilterSyntaxError(`Unterminated quote ${text[i]} starting at column ${i + 1}.`, i + 1);
        quotedKey = text.slice(i + 1, end);
        i = end + 1;
        ident = ident.slice(0, -1);
      }
      tokens.push({ type: 'ident', text: ident, column, quotedKey });
      continue;
    }
    throw new FilterSyntaxError(`Unexpected character "${c}" at column ${column}.`, column);
  }
  return tokens;
}

function parseField(token: Token): { entity: RunFilterEntity; key: string } {
  if (token.type !== 'ident') throw new FilterSyntaxError(`Expected a field such as metrics.accuracy at column ${token.column}, found "${token.text}".`, token.column);
  let prefix: string;
  let key: string;
  if (token.quotedKey !== undefined) {
    prefix = token.text;
    key = token.quotedKey;
  } else {
    const dot = token.text.indexOf('.');
    if (dot < 0) {
      throw new FilterSyntaxError(
        `Invalid identifier "${token.text}" at column ${token.column}: use a prefix (metrics., params., tags., attributes.), e.g. metrics.${token.text}.`,
        token.column,
      );
    }
    prefix = token.text.slice(0, dot);
    key = token.text.slice(dot + 1);
  }
  const entity = ENTITY_PREFIXES[prefix];
  if (!entity) {
    throw new FilterSyntaxError(`Invalid entity type "${prefix}" at column ${token.column}: use metrics., params., tags., attributes. or datasets.`, token.column);
  }
  if (key === '') throw new FilterSyntaxError(`Missing key after "${prefix}." at column ${token.column}.`, token.column);
  if (entity === 'attribute') {
    if (!(key in RUN_ATTRIBUTES) && key !== 'run_uuid') {
      throw new FilterSyntaxError(`Invalid attribute key "${key}" at column ${token.column}: valid keys are ${Object.keys(RUN_ATTRIBUTES).filter((k) => k !== 'Created').join(', ')}.`, token.column);
    }
    key = ATTRIBUTE_ALIASES[key] ?? key;
  }
  if (entity === 'dataset' && !DATASET_KEYS.has(key)) {
    throw new FilterSyntaxError(`Invalid dataset key "${key}" at column ${token.column}: valid keys are name, digest, context.`, token.column);
  }
  return { entity, key };
}

function isNumericField(entity: RunFilterEntity, key: string): boolean {
  return entity === 'metric' || (entity === 'attribute' && RUN_ATTRIBUTES[key] === 'number');
}

/** Parses a filter string; an empty string is no clause. */
export function parseRunFilter(text: string | null | undefined): RunFilterResult {
  try {
    return { ok: true, clauses: parseClauses(text ?? '') };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, message: error.message, column: error.column };
    throw error;
  }
}

function parseClauses(text: string): RunFilterClause[] {
  const tokens = tokenize(text);
  const clauses: RunFilterClause[] = [];
  let i = 0;
  const peekWord = (word: string) => tokens[i]?.type === 'ident' && tokens[i].text.toUpperCase() === word && tokens[i].quotedKey === undefined;
  while (i < tokens.length) {
    if (clauses.length > 0) {
      if (!peekWord('AND')) {
        const t = tokens[i];
        const hint = t.type === 'ident' && t.text.toUpperCase() === 'OR' ? ': MLflow run filters join clauses with AND only' : '';
        throw new FilterSyntaxError(`Expected AND at column ${t.column}, found "${t.text}"${hint}.`, t.column);
      }
      i++;
      if (i >= tokens.length) throw new FilterSyntaxError('The filter ends after AND: add a clause.', text.length + 1);
    }
    const fieldToken = tokens[i++];
    const { entity, key } = parseField(fieldToken);
    const numeric = isNumericField(entity, key);
    let op: RunFilterOperator;
    const opToken = tokens[i];
    if (!opToken) throw new FilterSyntaxError(`Expected a comparison after "${fieldToken.text}" at column ${fieldToken.column}.`, fieldToken.column);
    if (opToken.type === 'op') {
      op = opToken.text as RunFilterOperator;
      i++;
    } else if (opToken.type === 'ident') {
      const word = opToken.text.toUpperCase();
      i++;
      if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') op = word;
      else if (word === 'NOT' && tokens[i]?.type === 'ident' && tokens[i].text.toUpperCase() === 'IN') {
        i++;
        op = 'NOT IN';
      } else if (word === 'IS') {
        if (peekWord('NOT')) {
          i++;
          op = 'IS NOT NULL';
        } else op = 'IS NULL';
        if (!peekWord('NULL')) throw new FilterSyntaxError(`Expected NULL at column ${tokens[i]?.column ?? text.length + 1}.`, tokens[i]?.column ?? text.length + 1);
        i++;
        clauses.push({ entity, key, op, value: null, column: fieldToken.column });
        continue;
      } else throw new FilterSyntaxError(`Invalid comparator "${opToken.text}" at column ${opToken.column}.`, opToken.column);
    } else throw new FilterSyntaxError(`Expected a comparator at column ${opToken.column}, found "${opToken.text}".`, opToken.column);

    if (op === 'IN' || op === 'NOT IN') {
      if (numeric || entity === 'metric') throw new FilterSyntaxError(`${op} works on string attributes and datasets, not on ${entity === 'metric' ? 'metrics' : key} (column ${opToken.column}).`, opToken.column);
      if (tokens[i]?.type !== 'lparen') throw new FilterSyntaxError(`Expected "(" after ${op} at column ${tokens[i]?.column ?? text.length + 1}.`, tokens[i]?.column ?? text.length + 1);
      i++;
      const values: string[] = [];
      while (true) {
        const v = tokens[i++];
        if (!v || v.type !== 'string' || v.quotedKey === '`') throw new FilterSyntaxError(`Expected a quoted string in the ${op} list at column ${v?.column ?? text.length + 1}.`, v?.column ?? text.length + 1);
        values.push(v.text);
        const next = tokens[i++];
        if (next?.type === 'rparen') break;
        if (next?.type !== 'comma') throw new FilterSyntaxError(`Expected "," or ")" at column ${next?.column ?? text.length + 1}.`, next?.column ?? text.length + 1);
      }
      clauses.push({ entity, key, op, value: values, column: fieldToken.column });
      continue;
    }
    const valueToken = tokens[i++];
    if (!valueToken) throw new FilterSyntaxError(`Expected a value after ${op} at column ${opToken.column}.`, opToken.column);
    if (numeric) {
      if (op === 'LIKE' || op === 'ILIKE') throw new FilterSyntaxError(`${op} compares strings; ${entity === 'metric' ? 'metrics' : key} are numbers (column ${opToken.column}).`, opToken.column);
      if (valueToken.type !== 'number') throw new FilterSyntaxError(`Expected a number for ${entity === 'metric' ? `metrics.${key}` : key} at column ${valueToken.column}, found "${valueToken.text}".`, valueToken.column);
      clauses.push({ entity, key, op, value: Number(valueToken.text), column: fieldToken.column });
    } else {
      if (valueToken.type !== 'string' || valueToken.quotedKey === '`') {
        throw new FilterSyntaxError(`Expected a quoted string at column ${valueToken.column}, found "${valueToken.text}": write '${valueToken.text}'.`, valueToken.column);
      }
      if (!['=', '!=', 'LIKE', 'ILIKE'].includes(op)) throw new FilterSyntaxError(`${op} does not compare strings (column ${opToken.column}): use =, !=, LIKE or ILIKE.`, opToken.column);
      clauses.push({ entity, key, op, value: valueToken.text, column: fieldToken.column });
    }
  }
  return clauses;
}

export interface RunOrderBy {
  entity: RunFilterEntity;
  key: string;
  ascending: boolean;
}

/** One `order_by` entry: `metrics.acc DESC`, `params.lr`, `attributes.start_time ASC`, `start_time`. */
export function parseRunOrderBy(text: string): { ok: true; order: RunOrderBy } | { ok: false; message: string } {
  const match = /^\s*(.+?)(?:\s+(ASC|DESC))?\s*$/i.exec(text);
  if (!match) return { ok: false, message: `Invalid order_by clause "${text}".` };
  const fieldText = match[1];
  const ascending = (match[2] ?? 'ASC').toUpperCase() === 'ASC';
  try {
    const tokens = tokenize(fieldText);
    if (tokens.length !== 1) return { ok: false, message: `Invalid order_by clause "${text}": expected one field and ASC or DESC.` };
    const token = tokens[0];
    if (token.type === 'ident' && !token.text.includes('.') && token.quotedKey === undefined) {
      const key = ATTRIBUTE_ALIASES[token.text] ?? token.text;
      if (!(key in RUN_ATTRIBUTES)) return { ok: false, message: `Invalid order_by clause "${text}": unknown attribute "${token.text}".` };
      return { ok: true, order: { entity: 'attribute', key, ascending } };
    }
    const { entity, key } = parseField(token);
    if (entity === 'dataset') return { ok: false, message: `Invalid order_by clause "${text}": datasets cannot order runs.` };
    return { ok: true, order: { entity, key, ascending } };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, message: `Invalid order_by clause "${text}": ${error.message}` };
    throw error;
  }
}
