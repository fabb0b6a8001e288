import { paramValueProblem } from '../../../../shared/pipeline/params.ts';
import type { PipelineSpec, ParamSpec } from '../../../../shared/pipeline/schema.ts';

/** One input of the run form, derived from a declared param. */
export interface ParamField {
  name: string;
  param: ParamSpec;
  /** No default: the person must give a value. */
  required: boolean;
  control: 'text' | 'number' | 'checkbox' | 'select';
}

export function paramFields(spec: PipelineSpec): ParamField[] {
  return Object.entries(spec.params ?? {}).map(([name, param]) => ({
    name,
    param,
    required: param.default === undefined,
    control: param.enum ? 'select' : param.type === 'bool' ? 'checkbox' : param.type === 'int' || param.type === 'float' ? 'number' : 'text',
  }));
}

/** The form's starting values: each default as text; a bool without default starts false, an enum at its first value. */
export function initialParamValues(fields: readonly ParamField[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const fallback = field.param.enum ? String(field.param.enum[0]) : field.control === 'checkbox' ? 'false' : '';
    values[field.name] = field.param.default === undefined ? fallback : String(field.param.default);
  }
  return values;
}

/** Field name → what is wrong with its value, for the fields that have a problem. */
export function paramErrors(fields: readonly ParamField[], values: Readonly<Record<string, string>>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.name] ?? '';
    if (value === '' && field.param.type !== 'string') {
      errors[field.name] = field.required ? `Required: give a ${field.param.type}.` : `Give a ${field.param.type} (the default is ${String(field.param.default)}).`;
      continue;
    }
    if (value === '' && field.required) {
      errors[field.name] = 'Required.';
      continue;
    }
    const problem = paramValueProblem(field.name, field.param, value);
    if (problem) errors[field.name] = problem;
  }
  return errors;
}
