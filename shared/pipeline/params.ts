import type { ParamSpec, PipelineSpec } from './schema.ts';

export type ParamValues = Record<string, string>;

/** Why `value` is not acceptable for the param (one sentence), or null when it is. */
export function paramValueProblem(name: string, param: ParamSpec, value: string): string | null {
  const wrong =
    (param.type === 'int' && !/^-?\d+$/.test(value)) ||
    (param.type === 'float' && !(value.trim() !== '' && Number.isFinite(Number(value)))) ||
    (param.type === 'bool' && value !== 'true' && value !== 'false');
  if (wrong) return `Param "${name}" is a ${param.type}; "${value}" is not.`;
  if (param.enum && !param.enum.some((allowed) => String(allowed) === value)) {
    return `Param "${name}" must be one of ${param.enum.map(String).join(', ')}; got "${value}".`;
  }
  return null;
}

/**
 * The values a run uses: each given value, else the default. Returns problems (one sentence each)
 * instead of values when one is unknown, missing, of the wrong type or not in its enum.
 */
export function resolveParams(spec: PipelineSpec, given: Readonly<Record<string, string>>): { ok: true; values: ParamValues } | { ok: false; problems: string[] } {
  const declared = spec.params ?? {};
  const problems: string[] = [];
  const values: ParamValues = {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(declared, name)) {
      problems.push(`Unknown param "${name}"; this pipeline declares ${Object.keys(declared).length ? Object.keys(declared).join(', ') : 'no params'}.`);
    }
  }
  for (const [name, param] of Object.entries(declared)) {
    const value = Object.hasOwn(given, name) ? given[name] : param.default === undefined ? undefined : String(param.default);
    if (value === undefined) {
      problems.push(`Param "${name}" has no default: give it a value (--param ${name}=VALUE).`);
      continue;
    }
    const problem = paramValueProblem(name, param, value);
    if (problem) problems.push(problem);
    values[name] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}
