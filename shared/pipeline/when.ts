/**
 * `when` expressions, evaluated after placeholders are substituted (as Argo does):
 * `==`, `!=`, `<`, `<=`, `>`, `>=`, `&&`, `||`, `!`, parentheses, 'quoted' or "quoted" strings,
 * numbers, true/false and bare words. Equality compares numbers when both sides are numbers,
 * else text.
 */
type Token = { type: 'op'; value: string } | { type: 'value'; value: string; quoted: boolean };
type Value = string | boolean;

const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')'];
const BARE = /^[A-Za-z0-9_.\-/:+]+/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    if (/^\s/.test(rest)) {
      i++;
      continue;
    }
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (op) {
      tokens.push({ type: 'op', value: op });
      i += op.length;
      continue;
    }
    if (rest[0] === "'" || rest[0] === '"') {
      const end = rest.indexOf(rest[0], 1);
      if (end === -1) throw new Error(`the string starting at character ${i + 1} is not closed`);
      tokens.push({ type: 'value', value: rest.slice(1, end), quoted: true });
      i += end + 1;
      continue;
    }
    const bare = BARE.exec(rest);
    if (!bare) throw new Error(`unexpected "${rest[0]}" at character ${i + 1}`);
    tokens.push({ type: 'value', value: bare[0], quoted: false });
    i += bare[0].length;
  }
  return tokens;
}

const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text));

function asBoolean(value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`"${value}" is not true or false; compare it, e.g. ${value} == 'x'`);
}

function compare(op: string, left: Value, right: Value): boolean {
  const l = String(left);
  const r = String(right);
  if (op === '==' || op === '!=') {
    const equal = isNumber(l) && isNumber(r) ? Number(l) === Number(r) : l === r;
    return op === '==' ? equal : !equal;
  }
  if (!isNumber(l) || !isNumber(r)) throw new Error(`${op} compares numbers, got "${l}" and "${r}"`);
  const a = Number(l);
  const b = Number(r);
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

/**
 * Resolves a bare word that names an outside value (e.g. `monitors.credit.drift_share`, a monitor's
 * latest result) to that value; returns undefined for words it does not own (they stay text).
 * Throws with a message when the word is its own but has no value.
 */
export type WhenResolver = (word: string) => string | number | boolean | undefined;

/** Bare words of the form monitors.NAME.FIELD read a monitor's latest result. */
export const MONITOR_REFERENCE = /^monitors\.([a-z0-9][a-z0-9_-]*)\.([A-Za-z0-9_]+)$/;

/** Throws an Error whose message says what is wrong with the expression. */
export function evaluateWhen(expression: string, resolve?: WhenResolver): boolean {
  const tokens = tokenize(expression);
  let position = 0;
  const peek = () => tokens[position];
  const isOp = (value: string) => peek()?.type === 'op' && peek()?.value === value;

  const parseOr = (): Value => {
    let left = parseAnd();
    while (isOp('||')) {
      position++;
      const right = parseAnd();
      left = asBoolean(left) || asBoolean(right);
    }
    return left;
  };
  const parseAnd = (): Value => {
    let left = parseNot();
    while (isOp('&&')) {
      position++;
      const right = parseNot();
      left = asBoolean(left) && asBoolean(right);
    }
    return left;
  };
  const parseNot = (): Value => {
    if (isOp('!')) {
      position++;
      return !asBoolean(parseNot());
    }
    return parseComparison();
  };
  const parseComparison = (): Value => {
    const left = parseAtom();
    const next = peek();
    if (next?.type === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(next.value)) {
      position++;
      return compare(next.value, left, parseAtom());
    }
    return left;
  };
  const parseAtom = (): Value => {
    const token = tokens[position++];
    if (!token) throw new Error('the expression ends too early');
    if (token.type === 'op') {
      if (token.value !== '(') throw new Error(`unexpected "${token.value}"`);
      const inner = parseOr();
      if (!isOp(')')) throw new Error('a "(" is not closed');
      position++;
      return inner;
    }
    if (!token.quoted && (token.value === 'true' || token.value === 'false')) return token.value === 'true';
    if (!token.quoted && resolve) {
      const resolved = resolve(token.value);
      if (resolved !== undefined) return typeof resolved === 'boolean' ? resolved : String(resolved);
    }
    return token.value;
  };

  const result = parseOr();
  if (position < tokens.length) throw new Error(`unexpected "${tokens[position].value}"`);
  return asBoolean(result);
}

/** Syntax check without values: placeholders become a neutral word. Returns the problem or null. */
export function whenSyntaxError(expression: string): string | null {
  try {
    const tokens = tokenize(expression.replace(/\$\{[^}]*\}/g, 'x'));
    if (tokens.length === 0) return 'the expression is empty';
    let depth = 0;
    let expectValue = true;
    for (const token of tokens) {
      if (token.type === 'value') {
        if (!expectValue) return `"${token.value}" follows a value without an operator between them`;
        expectValue = false;
      } else if (token.value === '(' || token.value === '!') {
        if (!expectValue) return `unexpected "${token.value}"`;
        if (token.value === '(') depth++;
      } else if (token.value === ')') {
        if (expectValue || --depth < 0) return 'unbalanced ")"';
      } else {
        if (expectValue) return `"${token.value}" needs a value before it`;
        expectValue = true;
      }
    }
    if (expectValue) return 'the expression ends too early';
    if (depth !== 0) return 'a "(" is not closed';
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
