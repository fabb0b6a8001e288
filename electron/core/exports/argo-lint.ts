import { CronWorkflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/CronWorkflow';
import { Workflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow';
import { WorkflowTemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/WorkflowTemplate';
import { isTimeZone } from '../../../shared/pipeline/validate.ts';
import type { ArgoObject } from './argo-export.ts';

/**
 * Checks Argo objects before they are written: the structural schema of
 * `@kubernetes-models/argo-workflows` (generated from Argo v4's types), then the rules that schema
 * cannot carry (the CRD's CEL rules and Argo's validate.go): names and their lengths, template and
 * task references, `depends` syntax and operands, no `depends` beside `dependencies`, and every
 * `{{…}}` variable resolving. Returns one sentence per problem, each with where it is.
 */
export function lintArgo(objects: readonly ArgoObject[]): string[] {
  const problems: string[] = [];
  const templatesByName = new Map<string, ArgoObject>();
  for (const object of objects) {
    const where = `${object.kind} ${String(object.metadata.name ?? object.metadata.generateName ?? '')}`.trim();
    const report = (path: string, message: string) => problems.push(`${where}: ${path}: ${message}`);
    const schemaProblems = modelProblems(object);
    problems.push(...schemaProblems.map((message) => `${where}: ${message}`));
    // The semantic rules read the object's shape, which only a schema-valid object is sure to have.
    if (schemaProblems.length > 0) continue;
    checkObjectName(object, report);
    if (object.kind === 'WorkflowTemplate') templatesByName.set(String(object.metadata.name), object);
    if (object.kind === 'WorkflowTemplate' || object.kind === 'Workflow') lintWorkflowSpec(object.spec as WorkflowSpecJson, report);
    if (object.kind === 'CronWorkflow') lintCron(object, templatesByName, report);
  }
  return problems;
}

const MODELS: Record<string, (data: never) => { validate(): void }> = {
  WorkflowTemplate: (data) => new WorkflowTemplate(data),
  CronWorkflow: (data) => new CronWorkflow(data),
  Workflow: (data) => new Workflow(data),
};

function modelProblems(object: ArgoObject): string[] {
  const model = MODELS[object.kind];
  if (!model) return [`kind ${object.kind} is not an Argo object this export writes.`];
  try {
    model(object as never).validate();
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.split(/,\s*(?=data\/)/).map((part) => `schema: ${part.replace(/^data\//, '').trim()}`);
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const TEMPLATE_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
const IO_NAME = /^[-a-zA-Z0-9_]+$/;
const PHASES = new Set(['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted', 'Daemoned', 'AnySucceeded', 'AllFailed']);

function checkObjectName(object: ArgoObject, report: (path: string, message: string) => void): void {
  const name = object.metadata.name;
  const generateName = object.metadata.generateName;
  if (typeof name === 'string') {
    // validate.go: a Workflow name ≤ 63; a CronWorkflow ≤ 52, as the controller appends a timestamp.
    const limit = object.kind === 'CronWorkflow' ? 52 : 63;
    if (name.length > limit) report('metadata.name', `"${name}" has ${name.length} characters; a ${object.kind} name has at most ${limit}.`);
    if (!DNS_SUBDOMAIN.test(name)) report('metadata.name', `"${name}" is not a DNS-1123 name (lowercase letters, digits, "-" and ".").`);
  } else if (typeof generateName === 'string') {
    if (!DNS_SUBDOMAIN.test(`${generateName}x`)) report('metadata.generateName', `"${generateName}" is not a DNS-1123 prefix.`);
    if (generateName.length > 58) report('metadata.generateName', `"${generateName}" leaves no room for the 5 random characters within 63.`);
  } else report('metadata', 'has neither name nor generateName.');
  const namespace = object.metadata.namespace;
  if (namespace !== undefined && (typeof namespace !== 'string' || !DNS_LABEL.test(namespace) || namespace.length > 63)) {
    report('metadata.namespace', `"${String(namespace)}" is not a DNS-1123 label.`);
  }
}

interface ParameterJson {
  name: string;
  value?: string;
  default?: string;
}
interface TaskJson {
  name: string;
  template?: string;
  inline?: TemplateJson;
  depends?: string;
  dependencies?: string[];
  when?: string;
  arguments?: { parameters?: ParameterJson[]; artifacts?: { name: string; from?: string }[] };
}
interface TemplateJson {
  name: string;
  dag?: { tasks: TaskJson[] };
  inputs?: { parameters?: ParameterJson[]; artifacts?: { name: string }[] };
  outputs?: { parameters?: { name: string }[]; artifacts?: { name: string }[] };
  memoize?: { cache?: { configMap?: { name?: string } } };
  [key: string]: unknown;
}
interface WorkflowSpecJson {
  entrypoint?: string;
  arguments?: { parameters?: ParameterJson[] };
  templates?: TemplateJson[];
  workflowTemplateRef?: { name: string };
}

function lintWorkflowSpec(spec: WorkflowSpecJson, report: (path: string, message: string) => void): void {
  const templates = spec.templates ?? [];
  const byName = new Map<string, TemplateJson>();
  const globals = new Set((spec.arguments?.parameters ?? []).map((p) => p.name));
  (spec.arguments?.parameters ?? []).forEach((p, i) => {
    if (!IO_NAME.test(p.name)) report(`spec.arguments.parameters[${i}].name`, `"${p.name}" is not a valid parameter name ([-a-zA-Z0-9_]+).`);
  });
  templates.forEach((template, i) => {
    if (!TEMPLATE_NAME.test(template.name) || template.name.length > 128) report(`spec.templates[${i}].name`, `"${template.name}" is not a valid template name ([a-zA-Z0-9][-a-zA-Z0-9]*, ≤ 128).`);
    if (byName.has(template.name)) report(`spec.templates[${i}].name`, `template "${template.name}" is defined twice.`);
    byName.set(template.name, template);
  });
  if (!spec.entrypoint || !byName.has(spec.entrypoint)) report('spec.entrypoint', `"${spec.entrypoint ?? ''}" names no template.`);

  templates.forEach((template, i) => {
    const at = `spec.templates[${i}]`;
    if (template.dag) lintDag(template, at, byName, globals, report);
    else lintContainerTemplate(template, at, globals, report);
  });
}

function lintContainerTemplate(template: TemplateJson, at: string, globals: Set<string>, report: (path: string, message: string) => void): void {
  for (const [kind, list] of [['inputs.parameters', template.inputs?.parameters], ['inputs.artifacts', template.inputs?.artifacts], ['outputs.parameters', template.outputs?.parameters], ['outputs.artifacts', template.outputs?.artifacts]] as const) {
    const names = new Set<string>();
    (list ?? []).forEach((item, j) => {
      if (!IO_NAME.test(item.name)) report(`${at}.${kind}[${j}].name`, `"${item.name}" is not a valid name ([-a-zA-Z0-9_]+).`);
      if (names.has(item.name)) report(`${at}.${kind}[${j}].name`, `"${item.name}" is declared twice.`);
      names.add(item.name);
    });
  }
  const configMap = template.memoize?.cache?.configMap?.name;
  if (template.memoize && (typeof configMap !== 'string' || !DNS_SUBDOMAIN.test(configMap) || configMap.length > 253)) {
    report(`${at}.memoize.cache.configMap.name`, `"${String(configMap)}" is not a valid ConfigMap name.`);
  }
  const inputs = new Set((template.inputs?.parameters ?? []).map((p) => p.name));
  const inputArtifacts = new Set((template.inputs?.artifacts ?? []).map((a) => a.name));
  const { name: _name, ...rest } = template;
  walkStrings(rest, at, (path, text) => {
    for (const variable of variablesIn(text)) {
      const problem = resolveInTemplate(variable, globals, inputs, inputArtifacts);
      if (problem) report(path, problem);
    }
  });
}

function lintDag(template: TemplateJson, at: string, templates: Map<string, TemplateJson>, globals: Set<string>, report: (path: string, message: string) => void): void {
  const tasks = template.dag?.tasks ?? [];
  const taskByName = new Map(tasks.map((task) => [task.name, task]));
  const parents = new Map<string, string[]>();
  tasks.forEach((task, i) => {
    const path = `${at}.dag.tasks[${i}]`;
    if (!TEMPLATE_NAME.test(task.name) || task.name.length > 128) report(`${path}.name`, `"${task.name}" is not a valid task name.`);
    if (tasks.findIndex((t) => t.name === task.name) !== i) report(`${path}.name`, `task "${task.name}" is defined twice.`);
    if (task.depends !== undefined && task.dependencies !== undefined) report(path, 'uses both depends and dependencies; Argo accepts only one of them.');
    const referenced = task.depends !== undefined ? dependsOperands(task.depends, `${path}.depends`, report) : (task.dependencies ?? []);
    for (const other of referenced) if (!taskByName.has(other)) report(`${path}.depends`, `names task "${other}", which this DAG does not have.`);
    parents.set(task.name, referenced);
    if (task.inline) {
      if (task.template !== undefined) report(path, 'has both template and inline; Argo accepts one of them.');
      lintContainerTemplate({ ...task.inline, name: task.name }, `${path}.inline`, globals, report);
    } else if (!task.template || !templates.has(task.template)) report(`${path}.template`, `"${task.template ?? ''}" names no template.`);
  });

  const ancestors = (task: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(parents.get(task) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(parents.get(next) ?? []));
    }
    return seen;
  };
  tasks.forEach((task, i) => {
    const path = `${at}.dag.tasks[${i}]`;
    const before = ancestors(task.name);
    if (before.has(task.name)) report(`${path}.depends`, `task "${task.name}" depends on itself through a cycle.`);
    const target = task.inline ? { ...task.inline, name: `${task.name} (inline)` } : task.template ? templates.get(task.template) : undefined;
    const given = new Set((task.arguments?.parameters ?? []).map((p) => p.name));
    const givenArtifacts = new Set((task.arguments?.artifacts ?? []).map((a) => a.name));
    for (const input of target?.inputs?.parameters ?? []) {
      if (!given.has(input.name) && input.value === undefined && input.default === undefined) report(`${path}.arguments.parameters`, `gives no value for input parameter "${input.name}" of template "${target?.name}".`);
    }
    for (const input of target?.inputs?.artifacts ?? []) {
      if (!givenArtifacts.has(input.name)) report(`${path}.arguments.artifacts`, `gives no artifact "${input.name}" for template "${target?.name}".`);
    }
    for (const name of given) if (!(target?.inputs?.parameters ?? []).some((p) => p.name === name)) report(`${path}.arguments.parameters`, `passes "${name}", which template "${task.template}" does not declare.`);
    walkStrings({ when: task.when, arguments: task.arguments }, path, (fieldPath, text) => {
      for (const variable of variablesIn(text)) {
        const problem = resolveInDag(variable, globals, before, taskByName, templates);
        if (problem) report(fieldPath, problem);
      }
    });
  });
}

function lintCron(object: ArgoObject, templates: Map<string, ArgoObject>, report: (path: string, message: string) => void): void {
  const spec = object.spec as { schedules?: string[]; timezone?: string; workflowSpec?: WorkflowSpecJson };
  if (!spec.schedules || spec.schedules.length === 0) report('spec.schedules', 'lists no cron expression.');
  if (spec.timezone !== undefined && !isTimeZone(spec.timezone)) report('spec.timezone', `"${spec.timezone}" is not an IANA time zone.`);
  const ref = spec.workflowSpec?.workflowTemplateRef?.name;
  if (ref !== undefined && templates.size > 0 && !templates.has(ref)) report('spec.workflowSpec.workflowTemplateRef.name', `"${ref}" is not the WorkflowTemplate written with it.`);
  if (ref === undefined && spec.workflowSpec) lintWorkflowSpec(spec.workflowSpec, report);
}

/** The task names a `depends` expression reads; reports syntax it does not follow. */
function dependsOperands(expression: string, path: string, report: (path: string, message: string) => void): string[] {
  const tokens = expression.match(/&&|\|\||!|\(|\)|[A-Za-z0-9][-A-Za-z0-9.]*|\S/g) ?? [];
  const operands: string[] = [];
  const fail = (message: string) => {
    report(path, message);
    return operands;
  };
  let depth = 0;
  let expectOperand = true;
  for (const token of tokens) {
    if (token === '(' || token === '!') {
      if (!expectOperand) return fail(`unexpected "${token}" in "${expression}".`);
      if (token === '(') depth++;
    } else if (token === ')') {
      if (expectOperand || --depth < 0) return fail(`unbalanced ")" in "${expression}".`);
    } else if (token === '&&' || token === '||') {
      if (expectOperand) return fail(`"${token}" needs an operand before it in "${expression}".`);
      expectOperand = true;
    } else if (/^[A-Za-z0-9]/.test(token)) {
      if (!expectOperand) return fail(`"${token}" follows an operand without an operator in "${expression}".`);
      const dot = token.lastIndexOf('.');
      const task = dot === -1 ? token : token.slice(0, dot);
      const phase = dot === -1 ? null : token.slice(dot + 1);
      if (phase !== null && !PHASES.has(phase)) report(path, `"${phase}" is not a task result Argo knows (${[...PHASES].join(', ')}).`);
      operands.push(task);
      expectOperand = false;
    } else return fail(`unexpected "${token}" in "${expression}".`);
  }
  if (expectOperand || depth !== 0) report(path, `"${expression}" is not complete.`);
  return [...new Set(operands)];
}

interface Variable {
  text: string;
  /** Plain `{{a.b.c}}` → ['a.b.c']; an expression `{{=…}}` → every `x.parameters['y']` / `x.y.z` it reads. */
  references: string[];
}

function variablesIn(text: string): Variable[] {
  const found: Variable[] = [];
  for (const match of text.matchAll(/\{\{(.*?)\}\}/gs)) {
    const inner = match[1].trim();
    if (inner.startsWith('=')) {
      const references = [...inner.matchAll(/\b(workflow|inputs|tasks)\.([A-Za-z]+)\[\s*'([^']+)'\s*\]/g)].map((m) => `${m[1]}.${m[2]}.${m[3]}`);
      found.push({ text: match[0], references });
    } else found.push({ text: match[0], references: [inner] });
  }
  return found;
}

function resolveInTemplate(variable: Variable, globals: Set<string>, inputs: Set<string>, inputArtifacts: Set<string>): string | null {
  for (const reference of variable.references) {
    const parts = reference.split('.');
    if (parts[0] === 'workflow' && parts[1] === 'parameters' && parts.length === 3) {
      if (!globals.has(parts[2])) return `${variable.text} names workflow parameter "${parts[2]}", which spec.arguments does not declare.`;
    } else if (parts[0] === 'inputs' && parts[1] === 'parameters' && parts.length === 3) {
      if (!inputs.has(parts[2])) return `${variable.text} names input parameter "${parts[2]}", which the template does not declare.`;
    } else if (parts[0] === 'inputs' && parts[1] === 'artifacts' && parts.length >= 3) {
      if (!inputArtifacts.has(parts[2])) return `${variable.text} names input artifact "${parts[2]}", which the template does not declare.`;
    } else return `${variable.text} is not a variable this export writes in a container template.`;
  }
  return null;
}

function resolveInDag(variable: Variable, globals: Set<string>, ancestors: Set<string>, tasks: Map<string, TaskJson>, templates: Map<string, TemplateJson>): string | null {
  for (const reference of variable.references) {
    const parts = reference.split('.');
    if (parts[0] === 'workflow' && parts[1] === 'parameters' && parts.length === 3) {
      if (!globals.has(parts[2])) return `${variable.text} names workflow parameter "${parts[2]}", which spec.arguments does not declare.`;
      continue;
    }
    if (parts[0] === 'tasks' && parts.length === 5 && parts[2] === 'outputs' && (parts[3] === 'parameters' || parts[3] === 'artifacts')) {
      const [, task, , kind, name] = parts;
      const producer = tasks.get(task);
      if (!producer) return `${variable.text} names task "${task}", which this DAG does not have.`;
      if (!ancestors.has(task)) return `${variable.text} reads task "${task}", which this task does not depend on.`;
      const outputs = producer.inline ? producer.inline.outputs : producer.template ? templates.get(producer.template)?.outputs : undefined;
      if (!(outputs?.[kind as 'parameters' | 'artifacts'] ?? []).some((o) => o.name === name)) return `${variable.text}: the template of task "${task}" declares no output ${kind === 'parameters' ? 'parameter' : 'artifact'} "${name}".`;
      continue;
    }
    return `${variable.text} is not a variable this export writes in a DAG task.`;
  }
  return null;
}

function walkStrings(value: unknown, path: string, visit: (path: string, text: string) => void): void {
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, `${path}[${i}]`, visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walkStrings(item, `${path}.${key}`, visit);
  }
}
