/**
 * A small, tolerant XML reader for nvidia-smi `-q -x`: elements, attributes and text, nothing more.
 * Skips the prolog, DOCTYPE, comments and processing instructions; keeps CDATA as text. It never
 * throws on odd input: an unclosed element is closed at the end of the document.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (trimmed of surrounding whitespace), entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? whole;
  });
}

const ATTRIBUTE = /([^\s=/]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (source.trim() === '') return attributes;
  for (const match of source.matchAll(ATTRIBUTE)) attributes[match[1]!] = decode(match[3] ?? match[4] ?? '');
  return attributes;
}

/** Parses a document and returns its root element (a synthetic `#document` holding every top-level element). */
export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const textParts: string[][] = [[]];
  let position = 0;
  const length = source.length;

  while (position < length) {
    const open = source.indexOf('<', position);
    if (open === -1) {
      textParts[textParts.length - 1]!.push(source.slice(position));
      break;
    }
    if (open > position) textParts[textParts.length - 1]!.push(source.slice(position, open));
    const next = source.charCodeAt(open + 1);

    if (next === 33 /* ! */) {
      if (source.startsWith('<!--', open)) {
        const end = source.indexOf('-->', open + 4);
        position = end === -1 ? length : end + 3;
      } else if (source.startsWith('<![CDATA[', open)) {
        const end = source.indexOf(']]>', open + 9);
        const stop = end === -1 ? length : end;
        textParts[textParts.length - 1]!.push(source.slice(open + 9, stop).replace(/&/g, '&amp;'));
        position = end === -1 ? length : end + 3;
      } else {
        position = skipDeclaration(source, open);
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const end = source.indexOf('?>', open + 2);
      position = end === -1 ? length : end + 2;
      continue;
    }
    const close = source.indexOf('>', open + 1);
    if (close === -1) break;

    if (next === 47 /* / */) {
      const name = source.slice(open + 2, close).trim();
      // Close up to the matching element; a stray closing tag is ignored.
      for (let depth = stack.length - 1; depth > 0; depth--) {
        if (stack[depth]!.name === name) {
          while (stack.length > depth) finish(stack, textParts);
          break;
        }
      }
      position = close + 1;
      continue;
    }

    const selfClosing = source.charCodeAt(close - 1) === 47;
    const inner = source.slice(open + 1, selfClosing ? close - 1 : close);
    const nameEnd = inner.search(/[\s]/);
    const name = nameEnd === -1 ? inner : inner.slice(0, nameEnd);
    const element: XmlElement = {
      name,
      attributes: nameEnd === -1 ? {} : parseAttributes(inner.slice(nameEnd)),
      children: [],
      text: '',
    };
    stack[stack.length - 1]!.children.push(element);
    if (!selfClosing) {
      stack.push(element);
      textParts.push([]);
    }
    position = close + 1;
  }
  while (stack.length > 1) finish(stack, textParts);
  return root;
}

function finish(stack: XmlElement[], textParts: string[][]): void {
  const element = stack.pop()!;
  const parts = textParts.pop()!;
  element.text = parts.length === 0 ? '' : decode((parts.length === 1 ? parts[0]! : parts.join('')).trim());
}

/** `<!DOCTYPE … [ … ]>` may hold an internal subset with its own `>`. */
function skipDeclaration(source: string, open: number): number {
  let depth = 0;
  for (let i = open + 2; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 91 /* [ */) depth++;
    else if (c === 93 /* ] */) depth--;
    else if (c === 62 /* > */ && depth <= 0) return i + 1;
  }
  return source.length;
}

/** The first direct child with this name (never a descendant). */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const c of element.children) if (c.name === name) return c;
  return undefined;
}

/** Every direct child with this name. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** Text at a path of direct children (`childText(gpu, 'fb_memory_usage', 'total')`); undefined when absent. */
export function childText(element: XmlElement | undefined, ...path: string[]): string | undefined {
  let current = element;
  for (const name of path) current = child(current, name);
  return current?.text;
}
