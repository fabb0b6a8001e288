import { Cron } from 'croner';
import { findCycle, upstreamOf } from './dag.ts';
import { findPlaceholders } from './placeholders.ts';
import type { PipelineProblem } from './problems.ts';
import { ARTIFACT_REF, pipelineSchema, type PipelineSpec } from './schema.ts';
import { describeIssue } from './schema-issues.ts';
import { whenSyntaxError } from './when.ts';
import { parseYamlWithPositions, type DocumentPath } from './yaml-positions.ts';

export type PipelineParse = { ok: true; spec: PipelineSpec } | { ok: false; problems: PipelineProblem[] };

interface Finding {
  path: DocumentPath;
  message: string;
}

/** Parses and checks a pipeline file: YAML, the schema, then the rules the schema cannot express. */
export function parsePipeline(text: string): PipelineParse {
  const parsed = parseYamlWithPositions(text);
  if (!parsed.ok) return parsed;
  const { yaml } = parsed;
  const place = (finding: Finding): PipelineProblem => ({ ...yaml.positionOf(finding.path), path: [...finding.path], message: finding.message });
  const byPosition = (a: PipelineProblem, b: PipelineProblem) => a.line - b.line || a.column - b.column;

  if (yaml.value === null || typeof yaml.value !== 'object' || Array.isArray(yaml.value)) {
    return { ok: false, problems: [place({ path: [], message: 'A pipeline file is a YAML mapping that starts with apiVersion: benchtop/v1 and kind: Pipeline.' })] };
  }
  const result = pipelineSchema.safeParse(yaml.value);
  if (!result.success) {
    return { ok: false, problems: result.error.issues.flatMap(describeIssue).map(place).sort(byPosition) };
  }
  const findings = checkSemantics(result.data);
  if (findings.length > 0) return { ok: false, problems: findings.map(place).sort(byPosition) };
  return { ok: true, spec: result.data };
}

/** Rules over the whole document: references, the graph, expressions, schedules. */
export function checkSemantics(spec: PipelineSpec): Finding[] {
  const findings: Finding[] = [];
  const steps = spec.steps;
  const params = spec.params ?? {};
  const depends = Object.fromEntries(Object.entries(steps).map(([name, step]) => [name, step.depends ?? []]));

  for (const [name, param] of Object.entries(params)) {
    const values = [...(param.default === undefined ? [] : [['default', param.default] as const]), ...(param.enum ?? []).map((v, i) => [i, v] as const)];
    for (const [key, value] of values) {
      const problem = typeProblem(param.type, value);
      const path = key === 'default' ? ['params', name, 'default'] : ['params', name, 'enum', key];
      if (problem) findings.push({ path, message: `${JSON.stringify(value)} ${problem} (param "${name}" has type ${param.type}).` });
    }
    if (param.default !== undefined && param.enum && !param.enum.some((v) => String(v) === String(param.default))) {
      findings.push({ path: ['params', name, 'default'], message: `The default of param "${name}" is not one of its enum values: add it to enum or change the default.` });
    }
  }

  for (const [name, step] of Object.entries(steps)) {
    (step.depends ?? []).forEach((upstream, index) => {
      const path = ['steps', name, 'depends', index];
      if (upstream === name) findings.push({ path, message: `Step "${name}" depends on itself: remove it from its own depends.` });
      else if (!Object.hasOwn(steps, upstream)) findings.push({ path, message: `Step "${name}" depends on "${upstream}", which is not a step of this pipeline. Known steps: ${Object.keys(steps).join(', ')}.` });
    });
    if ((step.depends ?? []).length !== new Set(step.depends).size) {
      findings.push({ path: ['steps', name, 'depends'], message: `Step "${name}" lists a dependency twice: list each step once.` });
    }
  }

  const cycle = findCycle(Object.fromEntries(Object.entries(depends).map(([name, list]) => [name, list.filter((d) => d !== name)])));
  if (cycle) {
    const closing = cycle.at(-1) as string;
    const before = cycle.at(-2) as string;
    const index = (steps[closing].depends ?? []).indexOf(before);
    findings.push({ path: ['steps', closing, 'depends', index], message: `Steps form a cycle: ${cycle.join(' → ')}. Remove one of these dependencies.` });
  }

  for (const [name, step] of Object.entries(steps)) {
    const upstream = cycle ? new Set(step.depends ?? []) : upstreamOf(depends, name);
    for (const [input, artifact] of Object.entries(step.inputs?.artifacts ?? {})) {
      const path = ['steps', name, 'inputs', 'artifacts', input, 'from'];
      const [, producer, output] = ARTIFACT_REF.exec(artifact.from) ?? [];
      if (!Object.hasOwn(steps, producer)) findings.push({ path, message: `Artifact "${input}" comes from step "${producer}", which does not exist.` });
      else if (!Object.hasOwn(steps[producer].outputs?.artifacts ?? {}, output)) {
        const declared = Object.keys(steps[producer].outputs?.artifacts ?? {});
        findings.push({ path, message: `Step "${producer}" has no output artifact "${output}"${declared.length ? ` (it declares: ${declared.join(', ')})` : ''}: declare it under steps.${producer}.outputs.artifacts.` });
      } else if (!upstream.has(producer)) findings.push({ path, message: `Step "${name}" reads an artifact of "${producer}" but does not wait for it: add "${producer}" to its depends.` });
    }
    const texts: [DocumentPath, string][] = [
      [['steps', name, 'image'], step.image],
      ...step.command.map((text, i): [DocumentPath, string] => [['steps', name, 'command', i], text]),
      ...(step.args ?? []).map((text, i): [DocumentPath, string] => [['steps', name, 'args', i], text]),
      ...Object.entries(step.env ?? {}).map(([key, value]): [DocumentPath, string] => [['steps', name, 'env', key], String(value)]),
      ...(step.when ? [[['steps', name, 'when'], step.when] as [DocumentPath, string]] : []),
    ];
    for (const [path, text] of texts) {
      for (const placeholder of findPlaceholders(text)) {
        if (placeholder.kind === 'unknown') {
          findings.push({ path, message: `${placeholder.text} is not a placeholder Benchtop knows: write \${params.NAME} or \${steps.STEP.outputs.params.NAME}.` });
        } else if (placeholder.kind === 'param') {
          if (!Object.hasOwn(params, placeholder.name)) {
            const known = Object.keys(params);
            findings.push({ path, message: `${placeholder.text} names an unknown param "${placeholder.name}": declare it under params${known.length ? ` (declared: ${known.join(', ')})` : ''}.` });
          }
        } else if (!Object.hasOwn(steps, placeholder.step)) {
          findings.push({ path, message: `${placeholder.text} names step "${placeholder.step}", which does not exist.` });
        } else if (!Object.hasOwn(steps[placeholder.step].outputs?.params ?? {}, placeholder.name)) {
          findings.push({ path, message: `${placeholder.text}: step "${placeholder.step}" declares no output param "${placeholder.name}"; declare it under steps.${placeholder.step}.outputs.params.` });
        } else if (!upstream.has(placeholder.step)) {
          findings.push({ path, message: `${placeholder.text} reads an output of "${placeholder.step}" but step "${name}" does not wait for it: add "${placeholder.step}" to its depends.` });
        }
      }
    }
    if (step.when) {
      const problem = whenSyntaxError(step.when);
      if (problem) findings.push({ path: ['steps', name, 'when'], message: `The when expression of "${name}" is not valid: ${problem}.` });
    }
  }

  if (spec.schedule) {
    const timezone = spec.schedule.timezone;
    if (timezone !== undefined && !isTimeZone(timezone)) {
      findings.push({ path: ['schedule', 'timezone'], message: `"${timezone}" is not an IANA time zone: write one such as Europe/Paris, America/New_York or UTC.` });
    }
    spec.schedule.cron.forEach((expression, index) => {
      const problem = cronProblem(expression);
      if (problem) findings.push({ path: ['schedule', 'cron', index], message: `"${expression}" is not a valid cron expression (${problem}): write five fields, minute hour day-of-month month day-of-week, e.g. "0 3 * * *".` });
    });
  }
  return findings;
}

function typeProblem(type: 'string' | 'int' | 'float' | 'bool', value: string | number | boolean): string | null {
  if (type === 'int') return Number.isInteger(typeof value === 'string' ? Number(value) : value) && typeof value !== 'boolean' ? null : 'is not a whole number';
  if (type === 'float') return typeof value !== 'boolean' && Number.isFinite(Number(value)) && String(value).trim() !== '' ? null : 'is not a number';
  if (type === 'bool') return typeof value === 'boolean' || value === 'true' || value === 'false' ? null : 'is not true or false';
  return null;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function cronProblem(expression: string): string | null {
  try {
    new Cron(expression, { paused: true });
    return null;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  }
}
