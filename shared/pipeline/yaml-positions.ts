import { LineCounter, parseDocument } from 'yaml';
import { indexPositions, sentence, yamlErrorSentence, type Position, type YamlPath } from '../yaml/positions.ts';
import type { PipelineProblem } from './problems.ts';

export type DocumentPath = YamlPath;
export type { Position };

export interface PositionedYaml {
  value: unknown;
  /** The key's position for a map entry, the item's for a list item; the nearest ancestor's when absent. */
  positionOf(path: DocumentPath): Position;
}

export type PositionedParse = { ok: true; yaml: PositionedYaml } | { ok: false; problems: PipelineProblem[] };

/** Parses YAML and remembers where every key and list item sits. */
export function parseYamlWithPositions(text: string): PositionedParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const positions = indexPositions(doc, lineCounter);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({ ...positions.at(error.pos[0]), path: [], message: `${yamlErrorSentence(error.message)} Fix the YAML syntax here.` })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { ok: false, problems: [{ ...positions.start, path: [], message: `${sentence(error instanceof Error ? error.message : String(error))} Simplify the anchors and aliases.` }] };
  }
  return { ok: true, yaml: { value: value ?? null, positionOf: positions.positionOf } };
}
