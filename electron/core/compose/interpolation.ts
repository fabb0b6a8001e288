/** Looks a variable up: undefined when unset (an empty string is set). */
export type VariableLookup = (name: string) => string | undefined;

export class InterpolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

type Part = { kind: 'text'; text: string } | { kind: 'var'; name: string; operator: Operator | null; argument: Part[] };
type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';

const NAME = /[_a-zA-Z][_a-zA-Z0-9]*/y;
const OPERATORS: readonly Operator[] = [':-', ':?', ':+', '-', '?', '+'];

/**
 * Compose interpolation (compose-go template): `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`,
 * `${VAR:?e}`, `${VAR?e}`, `${VAR:+a}`, `${VAR+a}`, nesting in the argument, `$$` for a literal `$`.
 * An unset variable with no default becomes "" and is reported through onUnset.
 */
export function interpolate(text: string, lookup: VariableLookup, onUnset: (name: string) => void = () => {}): string {
  if (!text.includes('$')) return text;
  const [parts] = parse(text, 0, false);
  return evaluate(parts, lookup, onUnset);
}

function parse(text: string, start: number, inBraces: boolean): [Part[], number] {
  const parts: Part[] = [];
  let literal = '';
  let i = start;
  const flush = () => {
    if (literal) parts.push({ kind: 'text', text: literal });
    literal = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (inBraces && ch === '}') {
      flush();
      return [parts, i + 1];
    }
    if (ch !== '$') {
      literal += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      literal += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      NAME.lastIndex = i + 2;
      const name = NAME.exec(text)?.[0];
      if (!name) throw invalid(text);
      let j = i + 2 + name.length;
      if (text[j] === '}') {
        flush();
        parts.push({ kind: 'var', name, operator: null, argument: [] });
        i = j + 1;
        continue;
      }
      const operator = OPERATORS.find((op) => text.startsWith(op, j));
      if (!operator) throw invalid(text);
      j += operator.length;
      const [argument, end] = parse(text, j, true);
      if (end > text.length || text[end - 1] !== '}') throw invalid(text);
      flush();
      parts.push({ kind: 'var', name, operator, argument });
      i = end;
      continue;
    }
    NAME.lastIndex = i + 1;
    const name = NAME.exec(text)?.[0];
    if (!name) {
      // compose-go leaves a `$` that starts no name and no `{` as it is: `$(cmd)`, `$1`, a trailing `$`.
      literal += '$';
      i++;
      continue;
    }
    flush();
    parts.push({ kind: 'var', name, operator: null, argument: [] });
    i += 1 + name.length;
  }
  if (inBraces) throw invalid(text);
  flush();
  return [parts, i];
}

function invalid(text: string): InterpolationError {
  return new InterpolationError(`invalid interpolation format in "${text}": write \${NAME}, \${NAME:-default} or similar, and $$ for a literal $`);
}

function evaluate(parts: Part[], lookup: VariableLookup, onUnset: (name: string) => void): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = lookup(part.name);
    const argument = () => evaluate(part.argument, lookup, onUnset);
    switch (part.operator) {
      case null:
        if (value === undefined) onUnset(part.name);
        out += value ?? '';
        break;
      case ':-':
        out += value === undefined || value === '' ? argument() : value;
        break;
      case '-':
        out += value === undefined ? argument() : value;
        break;
      case ':?':
        if (value === undefined || value === '') throw new InterpolationError(`required variable ${part.name} is missing a value: ${argument() || 'set it in the shell or in .env'}`);
        out += value;
        break;
      case '?':
        if (value === undefined) throw new InterpolationError(`required variable ${part.name} is missing a value: ${argument() || 'set it in the shell or in .env'}`);
        out += value;
        break;
      case ':+':
        out += value !== undefined && value !== '' ? argument() : '';
        break;
      case '+':
        out += value !== undefined ? argument() : '';
        break;
    }
  }
  return out;
}
