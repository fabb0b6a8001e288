import { parse } from 'yaml';

/** `[ a, b ]` and `[a, b]` (and `{ }` likewise) compare equal: the printer picks one padding for the whole file. */
const normalise = (line: string): string => line.replace(/([[{]) +/g, '$1').replace(/ +([\]}])/g, '$1');

/**
 * The printed document with every line that differs from the original only in flow-collection
 * padding put back as the user wrote it, so that an edit changes only the lines it touches.
 * Falls back to `printed` if the merge would not mean the same data.
 */
export function keepOriginalLines(original: string, printed: string): string {
  const before = original.split('\n');
  const after = printed.split('\n');
  const a = before.map(normalise);
  const b = after.map(normalise);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const style = { maps: prefersPadding(original, '{', '}'), seqs: prefersPadding(original, '[', ']') };
  const middle = alignMiddle(before.slice(prefix, before.length - suffix), after.slice(prefix, after.length - suffix), style);
  const merged = [...before.slice(0, prefix), ...middle, ...before.slice(before.length - suffix)];
  const text = merged.join('\n');
  try {
    return JSON.stringify(parse(text)) === JSON.stringify(parse(printed)) ? text : printed;
  } catch {
    return printed;
  }
}

/** Inside the changed window: an LCS over normalised lines keeps the original of each matched line. */
function alignMiddle(before: string[], after: string[], style: { maps: boolean; seqs: boolean }): string[] {
  if (before.length === 0 || after.length === 0 || before.length * after.length > 4_000_000) return after.map((line) => restyle(line, style));
  const a = before.map(normalise);
  const b = after.map(normalise);
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && a[i] === b[j]) {
      out.push(before[i]);
      i++;
      j++;
    } else if (i < a.length && table[(i + 1) * width + j] >= table[i * width + j + 1]) i++;
    else {
      out.push(restyle(after[j], style));
      j++;
    }
  }
  return out;
}

/** Whether the file writes `{ a: 1 }` (padded) rather than `{a: 1}`, by majority; padded when it has none. */
function prefersPadding(text: string, open: string, close: string): boolean {
  const o = open === '{' ? '\\{' : '\\[';
  const c = close === '}' ? '\\}' : '\\]';
  const padded = text.match(new RegExp(`${o} \\S|\\S ${c}`, 'g'))?.length ?? 0;
  const tight = text.match(new RegExp(`${o}[^\\s${c.slice(-1)}]|[^\\s${o.slice(-1)}]${c}`, 'g'))?.length ?? 0;
  return padded >= tight;
}

/** Pads or unpads the flow brackets of a printed line (outside quotes) to the file's style. */
function restyle(line: string, style: { maps: boolean; seqs: boolean }): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    if (ch === '#' && (i === 0 || line[i - 1] === ' ')) return out + line.slice(i);
    const pad = ch === '{' || ch === '}' ? style.maps : ch === '[' || ch === ']' ? style.seqs : null;
    if (pad && (ch === '{' || ch === '[') && line[i + 1] !== undefined && line[i + 1] !== ' ' && line[i + 1] !== '}' && line[i + 1] !== ']') out += `${ch} `;
    else if (pad && (ch === '}' || ch === ']') && out.length > 0 && !out.endsWith(' ') && !out.endsWith('{') && !out.endsWith('[')) out += ` ${ch}`;
    else out += ch;
  }
  return out;
}
