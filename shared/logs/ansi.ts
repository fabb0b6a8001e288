/**
 * ANSI escape handling for the log viewer: SGR (`ESC[…m`) becomes styled spans, every other
 * escape (cursor moves, erase-line, OSC titles and links, charset switches) is dropped.
 */

/** A palette index (0–7 normal, 8–15 bright, 16–255 xterm cube and greys), `#rrggbb`, or the default. */
export type AnsiColor = number | `#${string}` | null;

export interface AnsiStyle {
  fg: AnsiColor;
  bg: AnsiColor;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

export interface AnsiSpan extends AnsiStyle {
  text: string;
}

export const DEFAULT_ANSI_STYLE: Readonly<AnsiStyle> = Object.freeze({
  fg: null,
  bg: null,
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  inverse: false,
});

const ESC = 0x1b;
const BEL = 0x07;
const CSI_8BIT = 0x9b;

/**
 * Splits a line into styled spans. Adjacent text with the same style is one span; the spans'
 * texts joined equal `stripAnsi(text)`, so match offsets from search apply to both.
 */
export function parseAnsi(text: string, initial: Readonly<AnsiStyle> = DEFAULT_ANSI_STYLE): AnsiSpan[] {
  const spans: AnsiSpan[] = [];
  const style: AnsiStyle = { ...initial };
  scanEscapes(
    text,
    (chunk) => {
      const last = spans[spans.length - 1];
      if (last !== undefined && sameStyle(last, style)) last.text += chunk;
      else spans.push({ text: chunk, ...style });
    },
    (params) => applySgr(style, params),
  );
  return spans;
}

/** The text a person sees: every escape sequence removed. */
export function stripAnsi(text: string): string {
  if (!hasEscape(text)) return text;
  let out = '';
  scanEscapes(
    text,
    (chunk) => {
      out += chunk;
    },
    () => {},
  );
  return out;
}

function hasEscape(text: string): boolean {
  return text.indexOf('\x1b') !== -1 || text.indexOf('\x9b') !== -1 || text.indexOf('\x07') !== -1;
}

/** Walks `text`, handing plain runs to `onText` and SGR parameter strings to `onSgr`. */
function scanEscapes(text: string, onText: (chunk: string) => void, onSgr: (params: string) => void): void {
  const n = text.length;
  let runStart = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c !== ESC && c !== CSI_8BIT && c !== BEL) {
      i++;
      continue;
    }
    if (i > runStart) onText(text.slice(runStart, i));
    i = c === BEL ? i + 1 : skipEscape(text, i, onSgr);
    runStart = i;
  }
  if (runStart < n) onText(text.slice(runStart));
}

/** Returns the index just after the escape sequence that starts at `start`. */
function skipEscape(text: string, start: number, onSgr: (params: string) => void): number {
  const n = text.length;
  let i: number;
  if (text.charCodeAt(start) === CSI_8BIT) {
    i = start + 1;
  } else {
    if (start + 1 >= n) return n;
    const kind = text[start + 1];
    if (kind === '[') {
      i = start + 2;
    } else if (kind === ']' || kind === 'P' || kind === 'X' || kind === '^' || kind === '_') {
      return skipStringSequence(text, start + 2);
    } else {
      // ESC, optional intermediates (0x20–0x2F), one final byte: `ESC ( B`, `ESC =`, `ESC 7`…
      i = start + 1;
      while (i < n && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
      return Math.min(i + 1, n);
    }
  }
  // CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, final 0x40–0x7E.
  const paramsStart = i;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0x40 && c <= 0x7e) {
      if (c === 0x6d /* m */ && !hasPrivateMarker(text, paramsStart, i)) onSgr(text.slice(paramsStart, i));
      return i + 1;
    }
    if (c < 0x20 || c > 0x3f) return i; // malformed: drop what was read, keep the rest as text
    i++;
  }
  return n;
}

function hasPrivateMarker(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c || c === 0x3d || c === 0x3e || c === 0x3f || (c >= 0x20 && c <= 0x2f)) return true;
  }
  return false;
}

/** OSC, DCS, SOS, PM, APC: run until BEL or ST (`ESC \`). */
function skipStringSequence(text: string, from: number): number {
  const n = text.length;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === BEL) return i + 1;
    if (c === ESC) return text[i + 1] === '\\' ? i + 2 : i;
  }
  return n;
}

function applySgr(style: AnsiStyle, params: string): void {
  const codes = params.length === 0 ? [''] : params.split(';');
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k];
    if (code.includes(':')) {
      applyColonForm(style, code.split(':'));
      continue;
    }
    const n = code === '' ? 0 : Number(code);
    if (n === 38 || n === 48) {
      const consumed = applyExtendedColor(style, n === 38 ? 'fg' : 'bg', codes, k + 1);
      k += consumed;
      continue;
    }
    applySimple(style, n);
  }
}

function applySimple(style: AnsiStyle, n: number): void {
  if (n === 0) Object.assign(style, DEFAULT_ANSI_STYLE);
  else if (n === 1) style.bold = true;
  else if (n === 2) style.dim = true;
  else if (n === 3) style.italic = true;
  else if (n === 4 || n === 21) style.underline = true;
  else if (n === 7) style.inverse = true;
  else if (n === 22) style.bold = style.dim = false;
  else if (n === 23) style.italic = false;
  else if (n === 24) style.underline = false;
  else if (n === 27) style.inverse = false;
  else if (n >= 30 && n <= 37) style.fg = n - 30;
  else if (n === 39) style.fg = null;
  else if (n >= 40 && n <= 47) style.bg = n - 40;
  else if (n === 49) style.bg = null;
  else if (n >= 90 && n <= 97) style.fg = n - 90 + 8;
  else if (n >= 100 && n <= 107) style.bg = n - 100 + 8;
}

/** `38;5;n` / `38;2;r;g;b` (and 48 for background); returns how many extra codes it consumed. */
function applyExtendedColor(style: AnsiStyle, target: 'fg' | 'bg', codes: string[], at: number): number {
  const mode = Number(codes[at]);
  if (mode === 5) {
    const index = toByte(codes[at + 1]);
    if (index !== null) style[target] = index;
    return 2;
  }
  if (mode === 2) {
    const color = rgb(codes[at + 1], codes[at + 2], codes[at + 3]);
    if (color !== null) style[target] = color;
    return 4;
  }
  return codes[at] === undefined ? 0 : 1;
}

/** `38:5:n`, `38:2::r:g:b` / `38:2:r:g:b`, `4:0`…`4:5`. */
function applyColonForm(style: AnsiStyle, parts: string[]): void {
  const head = Number(parts[0]);
  if (head === 4) {
    style.underline = Number(parts[1] || '1') !== 0;
    return;
  }
  if (head !== 38 && head !== 48) return;
  const target = head === 38 ? 'fg' : 'bg';
  if (parts[1] === '5') {
    const index = toByte(parts[2]);
    if (index !== null) style[target] = index;
  } else if (parts[1] === '2') {
    const channels = parts.length >= 6 ? parts.slice(3, 6) : parts.slice(2, 5);
    const color = rgb(channels[0], channels[1], channels[2]);
    if (color !== null) style[target] = color;
  }
}

function toByte(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 255 ? n : null;
}

function rgb(r: string | undefined, g: string | undefined, b: string | undefined): `#${string}` | null {
  const channels = [toByte(r), toByte(g), toByte(b)];
  if (channels.some((c) => c === null)) return null;
  return `#${channels.map((c) => (c as number).toString(16).padStart(2, '0')).join('')}`;
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  return (
    a.fg === b.fg &&
    a.bg === b.bg &&
    a.bold === b.bold &&
    a.dim === b.dim &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.inverse === b.inverse
  );
}

/** `#rrggbb` for a palette index of 16–255 (the xterm cube and grey ramp); 0–15 are the theme's. */
export function xterm256ToHex(index: number): `#${string}` | null {
  if (!Number.isInteger(index) || index < 16 || index > 255) return null;
  if (index >= 232) {
    const level = 8 + (index - 232) * 10;
    return rgb(String(level), String(level), String(level));
  }
  const cube = index - 16;
  const step = (v: number) => String(v === 0 ? 0 : 55 + v * 40);
  return rgb(step(Math.floor(cube / 36)), step(Math.floor(cube / 6) % 6), step(cube % 6));
}
