import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ComposeProblem } from '../../../shared/domain/compose-model.ts';
import { problem } from './compose-problem.ts';
import { mergeTags } from './merge-tags.ts';

export type YamlPath = readonly (string | number)[];
export interface Position {
  line: number;
  column: number;
}

/** One parsed compose file: its plain value plus where each key and value sits in the text. */
export interface YamlFile {
  path: string;
  value: unknown;
  /** The key's position for a path (the value's when the path ends at a list item), else the nearest ancestor's. */
  positionOf(path: YamlPath): Position | null;
}

export type YamlParseResult = { ok: true; file: YamlFile } | { ok: false; problems: ComposeProblem[] };

/** Parses YAML (anchors, aliases and `<<` merge keys resolved) and indexes positions. */
export function parseYamlFile(path: string, text: string): YamlParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { merge: true, lineCounter, prettyErrors: false, uniqueKeys: true, customTags: mergeTags });
  const toPosition = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        return problem(path, toPosition(error.pos[0]), `${sentence(message)} Fix the YAML syntax here.`);
      }),
    };
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) {
    return {
      ok: false,
      problems: [problem(path, toPosition(unknownTag.pos[0]), `${sentence(unknownTag.message.split('\n')[0])} Compose files know only the tags !reset and !override: remove this one.`)],
    };
  }
  const positions = new Map<string, Position>();
  const index = (node: Node | null | undefined, path: (string | number)[]) => {
    if (!node || isAlias(node)) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        if (key === '<<') continue;
        const childPath = [...path, key];
        if (keyNode?.range) positions.set(JSON.stringify(childPath), toPosition(keyNode.range[0]));
        index(pair.value as Node | null, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const childPath = [...path, i];
        const itemNode = item as Node | null;
        if (itemNode?.range) positions.set(JSON.stringify(childPath), toPosition(itemNode.range[0]));
        index(itemNode, childPath);
      });
    }
  };
  index(doc.contents as Node | null, []);
  const start = doc.contents?.range ? toPosition(doc.contents.range[0]) : { line: 1, column: 1 };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    return { ok: false, problems: [problem(path, start, `${sentence(error instanceof Error ? error.message : String(error))} Simplify the anchors and aliases.`)] };
  }
  return {
    ok: true,
    file: {
      path,
      value: value ?? {},
      positionOf(target) {
        for (let length = target.length; length > 0; length--) {
          const found = positions.get(JSON.stringify(target.slice(0, length)));
          if (found) return found;
        }
        return start;
      },
    },
  };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
