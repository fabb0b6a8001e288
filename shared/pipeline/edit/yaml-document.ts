import { keepOriginalLines } from './keep-formatting.ts';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';

/** Thrown when an edit cannot be applied; the message says what to do. */
export class PipelineEditError extends Error {
  override name = 'PipelineEditError';
}

/** Parses text for editing; refuses text the YAML parser cannot read (fix the YAML first). */
export function openDocument(text: string): Document.Parsed {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const at = first.linePos?.[0];
    throw new PipelineEditError(`The YAML cannot be read${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${first.message.split('\n')[0]} Fix it in the editor first.`);
  }
  return doc;
}

/** Writes the edited document back; lines the edit did not touch stay byte for byte as in `original`. */
export function printDocument(doc: Document.Parsed, original: string): string {
  return keepOriginalLines(original, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
}

export function stepsMap(doc: Document.Parsed): YAMLMap {
  const steps = doc.getIn(['steps'], true);
  if (!isMap(steps)) throw new PipelineEditError('This file has no steps mapping: add "steps:" with at least one step.');
  return steps;
}

export function stepMap(doc: Document.Parsed, step: string): YAMLMap {
  const node = stepsMap(doc).get(step, true);
  if (!isMap(node)) throw new PipelineEditError(`There is no step "${step}" in this file.`);
  return node;
}

/** Key order Benchtop writes new step keys in; existing keys keep their place. */
export const STEP_KEY_ORDER = ['image', 'depends', 'trigger', 'when', 'command', 'args', 'env', 'inputs', 'outputs', 'retry', 'timeout', 'resources', 'pool', 'cache'] as const;

/**
 * Sets `key` of a mapping to `node`: an existing key keeps its position and comments (a scalar keeps
 * its node, a collection keeps flow/block style); a new key goes after the keys that come before it in `order`.
 */
export function setKey(doc: Document.Parsed, map: YAMLMap, key: string, value: unknown, order: readonly string[] = []): void {
  const existing = map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
  if (existing) {
    const old = existing.value as Node | null;
    if (isScalar(old) && (value === null || typeof value !== 'object')) {
      old.value = value;
      return;
    }
    const created = doc.createNode(value) as Node;
    if ((isSeq(old) || isMap(old)) && (isSeq(created) || isMap(created))) {
      created.flow = old.flow;
      created.comment = old.comment;
      created.commentBefore = old.commentBefore;
    }
    existing.value = created;
    return;
  }
  const pair = doc.createPair(key, value);
  // A new list of plain values is written inline, as the examples write command, args and depends.
  if (isSeq(pair.value) && pair.value.items.every((item) => isScalar(item))) pair.value.flow = true;
  const rank = order.indexOf(key);
  if (rank === -1) {
    map.items.push(pair);
    return;
  }
  const after = new Set(order.slice(rank + 1));
  const index = map.items.findIndex((item) => isScalar(item.key) && after.has(String(item.key.value)));
  if (index === -1) map.items.push(pair);
  else map.items.splice(index, 0, pair);
}

export function deleteKey(map: YAMLMap, key: string): boolean {
  return map.delete(key);
}

export function readKey(map: YAMLMap, key: string): unknown {
  const value = map.get(key, true) as Node | undefined;
  if (value === undefined || value === null) return undefined;
  return isScalar(value) ? value.value : (value as Node).toJSON();
}
