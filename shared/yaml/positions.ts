import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type YamlPath = readonly (string | number)[];

/** 1-based, as editors show them. */
export interface Position {
  line: number;
  column: number;
}

export interface PositionIndex {
  /** The document's first position (1:1 for an empty one). */
  start: Position;
  at(offset: number): Position;
  /** The key's position for a map entry, the item's for a list item; the nearest ancestor's when absent, else `start`. */
  positionOf(path: YamlPath): Position;
}

/** Remembers where every key and list item of a parsed document sits. `<<` merge keys are skipped when asked. */
export function indexPositions(doc: Document, lineCounter: LineCounter, options: { skipMergeKeys?: boolean } = {}): PositionIndex {
  const at = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const positions = new Map<string, Position>();
  const index = (node: Node | null | undefined, path: (string | number)[]) => {
    if (!node || isAlias(node)) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        if (options.skipMergeKeys && key === '<<') continue;
        const childPath = [...path, key];
        if (keyNode?.range) positions.set(JSON.stringify(childPath), at(keyNode.range[0]));
        index(pair.value as Node | null, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const itemNode = item as Node | null;
        if (itemNode?.range) positions.set(JSON.stringify([...path, i]), at(itemNode.range[0]));
        index(itemNode, [...path, i]);
      });
    }
  };
  index(doc.contents as Node | null, []);
  const start = doc.contents?.range ? at(doc.contents.range[0]) : { line: 1, column: 1 };
  return {
    start,
    at,
    positionOf(path) {
      for (let length = path.length; length > 0; length--) {
        const found = positions.get(JSON.stringify(path.slice(0, length)));
        if (found) return found;
      }
      return start;
    },
  };
}

/** A parser message as one sentence, without the "at line L, column C" the position already says. */
export function yamlErrorSentence(message: string): string {
  return sentence(message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
}

export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
