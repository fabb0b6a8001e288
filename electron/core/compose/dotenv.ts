import { interpolate, type VariableLookup } from './interpolation.ts';

export interface DotenvEntry {
  name: string;
  /** null for a bare `NAME` (unset it / take it from the host). */
  value: string | null;
  line: number;
}

export class DotenvError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'DotenvError';
    this.line = line;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', $: '$' };

/**
 * The env-file format (compose-go dotenv): `NAME[=[VALUE]]`, `export ` prefix, `#` comments, an
 * inline comment only after whitespace when unquoted, double quotes interpolate and understand
 * escapes, single quotes are literal. Values may reference earlier entries, then `lookup`.
 */
export function parseDotenv(text: string, lookup: VariableLookup = () => undefined, options: { raw?: boolean } = {}): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const seen = new Map<string, string>();
  const resolve: VariableLookup = (name) => (seen.has(name) ? seen.get(name) : lookup(name));
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    let line = lines[index].trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trim();
    const eq = line.indexOf('=');
    const name = (eq === -1 ? line : line.slice(0, eq)).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
      throw new DotenvError(`"${name}" is not a variable name: write NAME=value`, lineNo);
    }
    if (eq === -1) {
      entries.push({ name, value: null, line: lineNo });
      continue;
    }
    let rest = line.slice(eq + 1).trimStart();
    let value: string;
    if (rest.startsWith("'") || rest.startsWith('"')) {
      const quote = rest[0];
      // A quoted value may span lines.
      while (!hasClosingQuote(rest, quote) && index + 1 < lines.length) rest += '\n' + lines[++index];
      const close = closingQuoteIndex(rest, quote);
      if (close === -1) throw new DotenvError(`the value of ${name} opens a ${quote} quote that never closes`, lineNo);
      const inner = rest.slice(1, close);
      if (quote === "'") value = inner;
      else {
        const unescaped = inner.replace(/\\(.)/g, (whole, ch: string) => (ch in ESCAPES ? (ch === '$' ? '$$' : ESCAPES[ch]) : whole));
        value = options.raw ? unescaped : interpolate(unescaped, resolve);
      }
    } else {
      const comment = rest.search(/\s#/);
      const bare = (comment === -1 ? rest : rest.slice(0, comment)).trim();
      value = options.raw ? bare : interpolate(bare, resolve);
    }
    seen.set(name, value);
    entries.push({ name, value, line: lineNo });
  }
  return entries;
}

function closingQuoteIndex(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return -1;
}

function hasClosingQuote(text: string, quote: string): boolean {
  return closingQuoteIndex(text, quote) !== -1;
}
