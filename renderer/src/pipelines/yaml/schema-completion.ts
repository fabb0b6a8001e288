/** A JSON Schema node, as much of it as completion reads. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
}

export interface Completion {
  /** What is inserted at the cursor in place of the word being typed. */
  insert: string;
  label: string;
  kind: 'key' | 'value';
  detail: string | null;
}

export interface CompletionContext {
  /** Key path of the mapping the cursor is in (for a value: the key whose value it is). */
  path: string[];
  kind: 'key' | 'value';
  /** The partial word before the cursor, replaced by the chosen completion. */
  prefix: string;
  /** Keys already present in that mapping. */
  present: string[];
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const KEY_LINE = /^(\s*)(?:-\s+)?([A-Za-z0-9_.-]+)\s*:(.*)$/;

/** Where the cursor is in a block-style YAML document: the key path, and whether a key or a value is being typed. */
export function completionContext(text: string, offset: number): CompletionContext {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const current = before.slice(lineStart);
  const valueMatch = /^(\s*)(?:-\s+)?([A-Za-z0-9_.-]+):\s+(\S*)$/.exec(current);
  const kind: 'key' | 'value' = valueMatch ? 'value' : 'key';
  const indent = valueMatch ? valueMatch[1].length : indentOf(current);
  const prefix = valueMatch ? valueMatch[3] : current.trimStart().replace(/^-\s+/, '');
  const lines = text.slice(0, lineStart).split('\n');
  const path: string[] = [];
  let limit = indent;
  for (let i = lines.length - 1; i >= 0 && limit > 0; i--) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = KEY_LINE.exec(line);
    const lineIndent = indentOf(line);
    if (lineIndent < limit && match && match[3].trim() === '') {
      path.unshift(match[2]);
      limit = lineIndent;
    } else if (lineIndent < limit && line.trimStart().startsWith('- ')) {
      limit = lineIndent;
    }
  }
  if (valueMatch) path.push(valueMatch[2]);
  const present: string[] = [];
  if (kind === 'key') {
    const all = text.split('\n');
    const currentIndex = lines.length - 1;
    const sibling = (line: string) => KEY_LINE.exec(line) && indentOf(line) === indent;
    for (let i = currentIndex; i >= 0 && (all[i].trim() === '' || indentOf(all[i]) >= indent); i--) if (sibling(all[i])) present.push((KEY_LINE.exec(all[i]) as RegExpExecArray)[2]);
    for (let i = currentIndex + 1; i < all.length && (all[i].trim() === '' || indentOf(all[i]) >= indent); i++) if (sibling(all[i])) present.push((KEY_LINE.exec(all[i]) as RegExpExecArray)[2]);
  }
  return { path, kind, prefix, present };
}

function alternatives(node: SchemaNode): SchemaNode[] {
  const list = node.anyOf ?? node.oneOf;
  return list ? list.flatMap(alternatives) : [node];
}

/** The schema nodes that may describe the value at `path` (a union gives several). */
export function schemaAt(root: SchemaNode, path: readonly string[]): SchemaNode[] {
  let nodes = alternatives(root);
  for (const key of path) {
    nodes = nodes.flatMap((node) => {
      if (node.properties && Object.hasOwn(node.properties, key)) return alternatives(node.properties[key]);
      if (node.additionalProperties && typeof node.additionalProperties === 'object') return alternatives(node.additionalProperties);
      if (node.items) return alternatives(node.items).flatMap((item) => (item.properties?.[key] ? alternatives(item.properties[key]) : []));
      return [];
    });
  }
  return nodes;
}

/** Keys valid in the mapping at the cursor (not yet written there), or the enum/const/boolean values of the key being filled in. */
export function completionsAt(root: SchemaNode, text: string, offset: number): { context: CompletionContext; items: Completion[] } {
  const context = completionContext(text, offset);
  const nodes = schemaAt(root, context.path);
  const items: Completion[] = [];
  const seen = new Set<string>();
  const push = (item: Completion) => {
    if (seen.has(item.label) || !item.label.startsWith(context.prefix)) return;
    seen.add(item.label);
    items.push(item);
  };
  for (const node of nodes) {
    if (context.kind === 'key') {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!context.present.includes(key)) push({ insert: `${key}: `, label: key, kind: 'key', detail: child.description ?? describeType(child) });
      }
    } else {
      for (const value of node.enum ?? []) push({ insert: String(value), label: String(value), kind: 'value', detail: null });
      if (node.const !== undefined) push({ insert: String(node.const), label: String(node.const), kind: 'value', detail: null });
      if (node.type === 'boolean') for (const value of ['true', 'false']) push({ insert: value, label: value, kind: 'value', detail: null });
    }
  }
  return { context, items };
}

function describeType(node: SchemaNode): string | null {
  const types = alternatives(node).map((n) => (Array.isArray(n.type) ? n.type.join(' | ') : (n.type ?? (n.enum ? 'enum' : n.const !== undefined ? String(n.const) : null)))).filter(Boolean);
  return types.length ? [...new Set(types)].join(' | ') : null;
}
