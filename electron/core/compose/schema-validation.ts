import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import composeSpec from '../../../resources/schemas/compose-spec.json' with { type: 'json' };
import type { ComposeProblem } from '../../../shared/domain/compose-model.ts';
import { problem } from './compose-problem.ts';
import type { YamlFile, YamlPath } from './yaml-file.ts';

let compiled: ValidateFunction | null = null;

/** The vendored compose-spec schema (resources/schemas, pinned commit), compiled once. */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  // Custom formats (expose, duration) are not checked; `id` is stripped above.
  const { $schema: _dialect, ...schema } = withoutLegacyIds(composeSpec) as Record<string, unknown>;
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
  compiled = ajv.compile(schema);
  return compiled;
}

/** Drops draft-04 `id` keywords (ajv reads them as misplaced `$id`); no compose property is named "id". */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).filter(([key, value]) => !(key === 'id' && typeof value === 'string')).map(([key, value]) => [key, withoutLegacyIds(value)]));
}

/** Checks one file's interpolated value against the Compose Specification; problems carry file:line:column. */
export function validateAgainstSchema(file: YamlFile, value: unknown): ComposeProblem[] {
  const validate = validator();
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const best = pickMostUseful(errors);
  if (!best) return [problem(file.path, null, 'The file does not match the Compose Specification.')];
  const path = toPath(best.instancePath);
  const unknownKey = best.keyword === 'additionalProperties' ? String((best.params as { additionalProperty: string }).additionalProperty) : null;
  const position = file.positionOf(unknownKey === null ? path : [...path, unknownKey]);
  return [problem(file.path, position, describe(best, path, unknownKey))];
}

/** oneOf failures list every branch: the deepest error, an unknown key first, says the most. */
function pickMostUseful(errors: ErrorObject[]): ErrorObject | undefined {
  const candidates = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  return [...(candidates.length > 0 ? candidates : errors)].sort((a, b) => {
    const byDepth = depth(b) - depth(a);
    if (byDepth !== 0) return byDepth;
    const rank = (e: ErrorObject) => (e.keyword === 'additionalProperties' ? 0 : e.keyword === 'required' ? 1 : e.keyword === 'enum' ? 2 : 3);
    return rank(a) - rank(b);
  })[0];
}

function toPath(pointer: string): YamlPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describe(error: ErrorObject, path: YamlPath, unknownKey: string | null): string {
  const where = path.length > 0 ? path.join('.') : 'the top level';
  switch (error.keyword) {
    case 'additionalProperties':
      return `"${unknownKey}" is not a Compose key in ${where}: check its spelling, or remove it (extension keys must start with "x-").`;
    case 'required':
      return `${where} needs "${(error.params as { missingProperty: string }).missingProperty}": add it.`;
    case 'enum':
      return `${where} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}: change the value.`;
    case 'type':
      return `${where} must be ${String((error.params as { type: string | string[] }).type).replace(/,/g, ' or ')}: change the value.`;
    case 'uniqueItems':
      return `${where} lists the same item twice: remove the duplicate.`;
    default:
      return `${where} ${error.message ?? 'is not valid'}: fix it as the Compose Specification describes.`;
  }
}
