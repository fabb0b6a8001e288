import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { PipelineProblem } from './problems.ts';

export type DocumentPath = readonly (string | number)[];
export interface Position {
  line: number;
  column: number;
}

export interface PositionedYaml {
  value: unknown;
  /** The key's position for a map entry, the item's for a list item; the nearest ancestor's when absent. */
  positionOf(path: DocumentPath): Position;
}

export type PositionedParse = { ok: true; yaml: PositionedYaml } | { ok: false; problems: PipelineProblem[] };

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Parses YAML and remembers where every key and list item sits. */
export function parseYamlWithPositions(text: string): PositionedParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        ...at(error.pos[0]),
        path: [],
        message: `${sentence(error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''))} Fix the YAML syntax here.`,
      })),
    };
  }
  const positions = new Map<string, Position>();
  const index = (node: Node | null | undefined, path: (string | number)[]) => {
    if (!node || isAlias(node)) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const childPath = [...path, isScalar(keyNode) ? String(keyNode.value) : String(keyNode)];
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
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { ok: false, problems: [{ ...start, path: [], message: `${sentence(error instanceof Error ? error.message : String(error))} Simplify the anchors and aliases.` }] };
  }
  return {
    ok: true,
    yaml: {
      value: value ?? null,
      positionOf(path) {
        for (let length = path.length; length > 0; length--) {
          const found = positions.get(JSON.stringify(path.slice(0, length)));
          if (found) return found;
        }
        return start;
      },
    },
  };
}
