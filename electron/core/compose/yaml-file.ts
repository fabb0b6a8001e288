import { LineCounter, parseDocument } from 'yaml';
import type { ComposeProblem } from '../../../shared/domain/compose-model.ts';
import { indexPositions, sentence, yamlErrorSentence, type Position, type YamlPath } from '../../../shared/yaml/positions.ts';
import { problem } from './compose-problem.ts';
import { mergeTags } from './merge-tags.ts';

export type { Position, YamlPath };

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
  const positions = indexPositions(doc, lineCounter, { skipMergeKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => problem(path, positions.at(error.pos[0]), `${yamlErrorSentence(error.message)} Fix the YAML syntax here.`)),
    };
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) {
    return {
      ok: false,
      problems: [problem(path, positions.at(unknownTag.pos[0]), `${sentence(unknownTag.message.split('\n')[0])} Compose files know only the tags !reset and !override: remove this one.`)],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    return { ok: false, problems: [problem(path, positions.start, `${sentence(error instanceof Error ? error.message : String(error))} Simplify the anchors and aliases.`)] };
  }
  return { ok: true, file: { path, value: value ?? {}, positionOf: positions.positionOf } };
}
