import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { STEP_NAME } from '../schema.ts';
import { deleteKey, openDocument, PipelineEditError, printDocument, setKey, STEP_KEY_ORDER, stepMap, stepsMap } from './yaml-document.ts';

/** The fields of a step the form edits, as JSON values; `undefined` removes the key. */
export type StepField = (typeof STEP_KEY_ORDER)[number];

export interface NewStep {
  name: string;
  image: string;
  command: string[];
  args?: string[];
  depends?: string[];
}

function checkName(name: string): void {
  if (!STEP_NAME.test(name) || name.length > 63) {
    throw new PipelineEditError(`"${name}" is not a valid step name: use lowercase letters, digits and "-", starting with a letter or digit (at most 63 characters).`);
  }
}

/** Appends a step at the end of `steps`, in flow style for short lists as the examples write them. */
export function addStep(text: string, step: NewStep): string {
  checkName(step.name);
  const doc = openDocument(text);
  const steps = stepsMap(doc);
  if (steps.has(step.name)) throw new PipelineEditError(`A step named "${step.name}" already exists: choose another name.`);
  const body: Record<string, unknown> = { image: step.image };
  if (step.depends && step.depends.length > 0) body.depends = step.depends;
  body.command = step.command;
  if (step.args) body.args = step.args;
  const node = doc.createNode(body) as YAMLMap;
  for (const pair of node.items) {
    if (isSeq(pair.value)) pair.value.flow = true;
  }
  steps.set(doc.createNode(step.name), node);
  return printDocument(doc, text);
}

/** Sets one top-level field of a step (keeping its place and comments), or removes it with `undefined`. */
export function setStepField(text: string, step: string, field: StepField, value: unknown): string {
  const doc = openDocument(text);
  const map = stepMap(doc, step);
  if (value === undefined || (Array.isArray(value) && value.length === 0 && field !== 'command')) deleteKey(map, field);
  else setKey(doc, map, field, value, STEP_KEY_ORDER);
  return printDocument(doc, text);
}

/** Steps that name `step` in their depends or read one of its artifacts. */
export function dependentsOf(text: string, step: string): string[] {
  const doc = openDocument(text);
  const result: string[] = [];
  for (const pair of stepsMap(doc).items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const name = String(pair.key.value);
    const depends = pair.value.get('depends', true);
    const waits = isSeq(depends) && depends.items.some((item) => isScalar(item) && item.value === step);
    const reads = JSON.stringify(pair.value.getIn(['inputs', 'artifacts']) ?? {}).includes(`steps.${step}.outputs.`);
    if (name !== step && (waits || reads)) result.push(name);
  }
  return result;
}

/** Removes a step and every `depends` entry naming it (artifact inputs from it are left for validation to point at). */
export function removeStep(text: string, step: string): string {
  const doc = openDocument(text);
  const steps = stepsMap(doc);
  if (!steps.delete(step)) throw new PipelineEditError(`There is no step "${step}" in this file.`);
  for (const pair of steps.items) {
    if (!isMap(pair.value)) continue;
    const depends = pair.value.get('depends', true);
    if (!isSeq(depends)) continue;
    depends.items = depends.items.filter((item) => !(isScalar(item) && item.value === step));
    if (depends.items.length === 0) pair.value.delete('depends');
  }
  return printDocument(doc, text);
}

/** Renames a step in place and rewrites every reference: depends, artifact `from`, `${steps.X.…}` placeholders and `when`. */
export function renameStep(text: string, from: string, to: string): string {
  checkName(to);
  if (from === to) return text;
  const doc = openDocument(text);
  const steps = stepsMap(doc);
  if (steps.has(to)) throw new PipelineEditError(`A step named "${to}" already exists: choose another name.`);
  const pair = steps.items.find((item) => isScalar(item.key) && item.key.value === from);
  if (!pair || !isScalar(pair.key)) throw new PipelineEditError(`There is no step "${from}" in this file.`);
  pair.key.value = to;
  const escaped = from.replace(/[-]/g, '\\-');
  const reference = new RegExp(`(?<![-a-z0-9])steps\\.${escaped}(?=\\.)`, 'g');
  const rewrite = (node: Node | null | undefined, inDepends: boolean): void => {
    if (isScalar(node)) {
      if (typeof node.value !== 'string') return;
      if (inDepends && node.value === from) node.value = to;
      else node.value = node.value.replace(reference, `steps.${to}`);
    } else if (isSeq(node)) node.items.forEach((item) => rewrite(item as Node, inDepends));
    else if (isMap(node)) node.items.forEach((item) => rewrite(item.value as Node, isScalar(item.key) && item.key.value === 'depends'));
  };
  for (const item of steps.items) rewrite(item.value as Node, false);
  return printDocument(doc, text);
}

/**
 * Sets a nested value of a step, e.g. ['retry', 'limit'] → 2, creating missing mappings, or removes it
 * with `undefined` (a mapping it leaves empty goes too). Siblings keep their place and comments.
 */
export function setStepValue(text: string, step: string, path: readonly [StepField, ...string[]], value: unknown): string {
  if (path.length === 1) return setStepField(text, step, path[0], value);
  const doc = openDocument(text);
  const chain: YAMLMap[] = [stepMap(doc, step)];
  for (const key of path.slice(0, -1)) {
    const parent = chain.at(-1) as YAMLMap;
    let child = parent.get(key, true) as Node | undefined;
    if (!isMap(child)) {
      if (value === undefined) return text;
      setKey(doc, parent, key, {}, parent === chain[0] ? STEP_KEY_ORDER : []);
      child = parent.get(key, true) as Node;
      // A new small mapping is written inline, as the examples write retry and resources.
      if (isMap(child)) child.flow = true;
    }
    chain.push(child as YAMLMap);
  }
  const last = path.at(-1) as string;
  const target = chain.at(-1) as YAMLMap;
  if (value === undefined) {
    deleteKey(target, last);
    for (let i = chain.length - 1; i > 0 && chain[i].items.length === 0; i--) chain[i - 1].delete(path[i - 1]);
  } else {
    setKey(doc, target, last, value);
  }
  return printDocument(doc, text);
}
