import { createHash } from 'node:crypto';
import { normaliseCache } from '../../../shared/pipeline/cache-settings.ts';
import { upstreamOf } from '../../../shared/pipeline/dag.ts';
import { findPlaceholders } from '../../../shared/pipeline/placeholders.ts';
import { ARTIFACT_REF, type PipelineSpec, type RetrySpec, type StepSpec, type TriggerRule } from '../../../shared/pipeline/schema.ts';
import { durationMs, quantityBytes } from '../../../shared/pipeline/units.ts';
import { canonicalJson } from '../pipelines/cache-key.ts';
import type { ExportNotes } from './export-notes.ts';

/** The Kubernetes objects an Argo export writes, as plain JSON. */
export type ArgoObject = Record<string, unknown> & { apiVersion: string; kind: string; metadata: Record<string, unknown> };

export interface ArgoExportOptions {
  namespace?: string;
  /** The ConfigMap (and key) that names the cluster's artifact repository. */
  artifactRepositoryRef?: { configMap: string; key?: string };
}

export interface ArgoExport {
  workflowTemplate: ArgoObject;
  /** Present when the pipeline has a schedule. */
  cronWorkflow: ArgoObject | null;
}

const API_VERSION = 'argoproj.io/v1alpha1';
/** The ConfigMap Argo reads the namespace's default artifact repository from (docs/artifact-repository-ref.md). */
export const DEFAULT_ARTIFACT_REPOSITORY = 'artifact-repositories';
const SHM_VOLUME = 'dshm';
/** Argo's CRD allows at most 200 templates per workflow and 200 tasks per DAG. */
export const MAX_ARGO_ITEMS = 200;
/** Local cache entries never expire; Argo needs a maxAge, so ten years stands for "no limit". */
const NO_MAX_AGE = '87600h';

/** An input parameter that carries `${steps.S.outputs.params.p}` into a step's template (step names have no "_"). */
export const outputInputName = (step: string, param: string) => `${step}__${param}`;

/** A Go duration Argo accepts ("1h30m" → "90m", "2d" → "48h"). */
export function goDuration(text: string): string {
  const ms = durationMs(text);
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

const seconds = (text: string) => Math.ceil(durationMs(text) / 1000);

/** A Kubernetes quantity from our size: docker-style "512m" is binary (512Mi); numbers are bytes. */
export function kubeQuantity(value: number | string): string {
  if (typeof value === 'string' && /^\d+(\.\d+)?([KMGT]i?)?$/.test(value)) return value;
  const bytes = quantityBytes(value);
  for (const [unit, factor] of [['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
    if (bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return String(bytes);
}

function cpuQuantity(cpu: number): string {
  return Number.isInteger(cpu) ? String(cpu) : `${Math.round(cpu * 1000)}m`;
}

/** `depends` per trigger rule (docs/ARCHITECTURE.md §6.3); evaluated by Argo once every named task is done, as locally. */
export function dependsExpression(rule: TriggerRule, upstream: readonly string[]): string {
  const each = (phases: string[]) => upstream.map((task) => (phases.length === 1 ? `${task}.${phases[0]}` : `(${phases.map((p) => `${task}.${p}`).join(' || ')})`));
  const all = (parts: string[]) => parts.join(' && ');
  switch (rule) {
    case 'all_success':
      return all(each(['Succeeded']));
    case 'all_done':
      return all(each(['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted']));
    case 'all_done_min_one_success': {
      const anySuccess = upstream.map((task) => `${task}.Succeeded`).join(' || ');
      return `${all(each(['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted']))} && ${upstream.length > 1 ? `(${anySuccess})` : anySuccess}`;
    }
    case 'none_failed':
      return all(each(['Succeeded', 'Skipped']));
  }
}

interface StepTexts {
  image: string;
  command: string[];
  args: string[];
  env: [string, string][];
}

/**
 * Pipeline → WorkflowTemplate (+ CronWorkflow). One container template per step, one DAG template
 * (`main`) with a task per step. Everything the local runner does either maps to an Argo field or
 * becomes a note naming the step and field.
 */
export function exportToArgo(spec: PipelineSpec, options: ArgoExportOptions, notes: ExportNotes): ArgoExport {
  const name = spec.metadata.name;
  const stepNames = Object.keys(spec.steps);
  const entrypoint = stepNames.includes('main') ? 'main-dag' : 'main';
  const depends = Object.fromEntries(stepNames.map((step) => [step, spec.steps[step].depends ?? []]));
  // One template per step plus the DAG fits 199 steps; up to 200, each task carries its template inline.
  const inline = stepNames.length + 1 > MAX_ARGO_ITEMS;
  if (stepNames.length > MAX_ARGO_ITEMS) {
    notes.error(null, 'steps', `Argo runs at most ${MAX_ARGO_ITEMS} tasks in one DAG and this pipeline has ${stepNames.length} steps: split it into pipelines of at most ${MAX_ARGO_ITEMS} steps.`);
  }
  const defaults = spec.defaults ?? {};
  const params = spec.params ?? {};

  const ancestry = (step: string) => [...upstreamOf(depends, step)].sort();
  const staticDigests = new Map<string, string>();
  /** What a step's cache key is made of that is known before the run, chained with its ancestors'. */
  const staticDigestOf = (step: string): string => {
    const known = staticDigests.get(step);
    if (known) return known;
    const s = spec.steps[step];
    const fields = {
      image: s.image,
      command: s.command,
      args: s.args ?? [],
      env: { ...defaults.env, ...s.env },
      outputs: s.outputs ?? {},
      salt: normaliseCache(s.cache ?? defaults.cache).salt,
      upstream: (s.depends ?? []).map(staticDigestOf),
    };
    const digest = sha256(canonicalJson(fields));
    staticDigests.set(step, digest);
    return digest;
  };
  const usesArtifacts = stepNames.some((step) => {
    const outputs = spec.steps[step].outputs;
    return Object.keys(outputs?.artifacts ?? {}).length > 0 || outputs?.metrics || outputs?.model || outputs?.features;
  });

  for (const [paramName, param] of Object.entries(params)) {
    if (param.type === 'int' || param.type === 'float') {
      notes.warn(null, `params.${paramName}.type`, `Argo parameters are strings: the ${param.type} type of "${paramName}" is not checked on the cluster (the local run form checks it).`);
    }
  }

  const templates: Record<string, unknown>[] = [];
  const tasks: Record<string, unknown>[] = [];
  for (const step of stepNames) {
    const source = spec.steps[step];
    const texts: StepTexts = {
      image: source.image,
      command: source.command,
      args: source.args ?? [],
      env: Object.entries({ ...defaults.env, ...source.env }).map(([key, value]) => [key, String(value)]),
    };
    checkBraces(step, texts, source, notes);
    const inputParams = new Set<string>();
    const mapText = (text: string) => mapPlaceholders(escapeBraces(text), (s, p) => {
      inputParams.add(outputInputName(s, p));
      return `{{inputs.parameters.${outputInputName(s, p)}}}`;
    });

    const template: Record<string, unknown> = { name: step };
    const retry = source.retry ?? defaults.retry;
    const timeout = source.timeout ?? defaults.timeout;
    const resources = { ...defaults.resources, ...source.resources };
    const cache = normaliseCache(source.cache ?? defaults.cache);

    const container: Record<string, unknown> = {
      // Argo's name for a template's main container; the model's schema requires one.
      name: 'main',
      image: mapText(texts.image),
      command: texts.command.map(mapText),
      ...(texts.args.length > 0 ? { args: texts.args.map(mapText) } : {}),
      ...(texts.env.length > 0 ? { env: texts.env.map(([key, value]) => ({ name: key, value: mapText(value) })) } : {}),
    };
    const limits: Record<string, string> = {};
    const requests: Record<string, string> = {};
    if (resources.cpu !== undefined) limits.cpu = requests.cpu = cpuQuantity(resources.cpu);
    if (resources.memory !== undefined) limits.memory = requests.memory = kubeQuantity(resources.memory);
    if (resources.gpu) limits['nvidia.com/gpu'] = String(resources.gpu);
    if (Object.keys(limits).length > 0) container.resources = { ...(Object.keys(requests).length > 0 ? { requests } : {}), limits };
    if (resources.shm !== undefined) {
      container.volumeMounts = [{ name: SHM_VOLUME, mountPath: '/dev/shm' }];
      template.volumes = [{ name: SHM_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: kubeQuantity(resources.shm) } }];
    }

    const inputArtifacts = Object.entries(source.inputs?.artifacts ?? {}).map(([artifact, input]) => {
      const [, producer, output] = ARTIFACT_REF.exec(input.from) ?? [];
      return { name: artifact, path: input.path, from: `{{tasks.${producer}.outputs.artifacts.${output}}}` };
    });
    const outputs = source.outputs ?? {};
    const outputArtifacts: Record<string, unknown>[] = Object.entries(outputs.artifacts ?? {}).map(([artifact, output]) => ({
      name: artifact,
      path: output.path,
      ...(output.archive === 'none' ? { archive: { none: {} } } : output.archive === 'tgz' ? { archive: { tar: {} } } : {}),
    }));
    const taken = new Set(outputArtifacts.map((a) => a.name));
    const extraArtifact = (preferred: string, path: string) => {
      const artifactName = taken.has(preferred) ? `benchtop-${preferred}` : preferred;
      taken.add(artifactName);
      outputArtifacts.push({ name: artifactName, path });
      return artifactName;
    };
    if (outputs.metrics) extraArtifact('metrics', outputs.metrics.path);
    for (const kind of ['model', 'features'] as const) {
      const registered = outputs[kind];
      if (!registered) continue;
      const carrier = Object.entries(outputs.artifacts ?? {}).find(([, a]) => registered.path === a.path.replace(/\/+$/, '') || registered.path.startsWith(`${a.path.replace(/\/+$/, '')}/`))?.[0];
      const files = carrier ? `its files travel in the output artifact "${carrier}"` : `its files at ${registered.path} are exported as the output artifact "${extraArtifact(`catalog-${kind}`, registered.path)}"`;
      notes.warn(step, `outputs.${kind}`, `Argo has no ${kind === 'model' ? 'model' : 'feature'} catalog: "${registered.name}" is not registered on the cluster; ${files}.`);
    }
    const outputParams = Object.entries(outputs.params ?? {}).map(([param, output]) => ({
      name: param,
      valueFrom: { path: output.path, ...(output.default === undefined ? {} : { default: output.default }) },
    }));

    template.container = container;
    if (retry && retry.limit > 0) template.retryStrategy = retryStrategy(step, retry, notes);
    if (timeout) template.activeDeadlineSeconds = seconds(timeout);
    if (source.pool) {
      template.synchronization = { semaphores: [{ configMapKeyRef: { name: `${name}-pools`, key: source.pool } }] };
      notes.warn(step, 'pool', `Exported as a semaphore: create the ConfigMap "${name}-pools" with the key "${source.pool}" set to the pool's size in the workflow's namespace.`);
    }

    if (cache.enabled) {
      const usedParams = new Set<string>();
      for (const member of [step, ...ancestry(step)]) {
        const s = spec.steps[member];
        const memberTexts = [s.image, ...s.command, ...(s.args ?? []), ...Object.values({ ...defaults.env, ...s.env }).map(String)];
        for (const text of memberTexts) for (const p of findPlaceholders(text)) if (p.kind === 'param') usedParams.add(p.name);
      }
      if (retry && retry.limit > 0) {
        notes.warn(step, 'cache', 'memoize together with retryStrategy inside a DAG has had bugs in Argo (argo-workflows #10426): check that cache hits behave on your Argo version, or set cache: false on this step.');
      }
      template.memoize = {
        key: memoizeKey(staticDigestOf(step), [...usedParams].sort(), [...inputParams].sort()),
        maxAge: cache.maxAge ? goDuration(cache.maxAge) : NO_MAX_AGE,
        cache: { configMap: { name: `${name}-memo` } },
      };
    }

    const inputs: Record<string, unknown> = {};
    if (inputParams.size > 0) inputs.parameters = [...inputParams].sort().map((p) => ({ name: p }));
    if (inputArtifacts.length > 0) inputs.artifacts = inputArtifacts.map(({ name: artifact, path }) => ({ name: artifact, path }));
    if (Object.keys(inputs).length > 0) template.inputs = inputs;
    const templateOutputs: Record<string, unknown> = {};
    if (outputParams.length > 0) templateOutputs.parameters = outputParams;
    if (outputArtifacts.length > 0) templateOutputs.artifacts = outputArtifacts;
    if (Object.keys(templateOutputs).length > 0) template.outputs = templateOutputs;
    const ordered = orderTemplate(template);
    if (!inline) templates.push(ordered);
    const { name: _name, ...inlineTemplate } = ordered;
    const task: Record<string, unknown> = inline ? { name: step, inline: inlineTemplate } : { name: step, template: step };
    const upstream = source.depends ?? [];
    if (upstream.length > 0) task.depends = dependsExpression(source.trigger, upstream);
    else if (source.trigger !== 'all_success') notes.warn(step, 'trigger', `Step "${step}" depends on nothing, so its trigger "${source.trigger}" has no effect (here or on Argo).`);
    if (source.when) task.when = mapPlaceholders(source.when, (s, p) => `{{tasks.${s}.outputs.parameters.${p}}}`);
    const argumentsOf: Record<string, unknown> = {};
    if (inputParams.size > 0) {
      argumentsOf.parameters = [...inputParams].sort().map((inputName) => {
        const [producer, param] = inputName.split('__');
        return { name: inputName, value: `{{tasks.${producer}.outputs.parameters.${param}}}` };
      });
    }
    if (inputArtifacts.length > 0) argumentsOf.artifacts = inputArtifacts.map(({ name: artifact, from }) => ({ name: artifact, from }));
    if (Object.keys(argumentsOf).length > 0) task.arguments = argumentsOf;
    tasks.push(task);

    warnMissingDefaults(spec, step, source, notes);
  }

  const cacheSteps = stepNames.filter((step) => normaliseCache(spec.steps[step].cache ?? defaults.cache).enabled);
  if (cacheSteps.length > 0) {
    notes.warn(
      null,
      'cache',
      'Argo cannot hash artifact content: each memoize key hashes the step\'s image, command, args, env, outputs and salt with those of every step upstream, plus the params they read and the upstream output params (as Kubeflow does). A step whose output changes while its inputs stay the same (data fetched from the network) is not noticed on the cluster: set cache: false on it.',
    );
  }

  const spec_: Record<string, unknown> = { entrypoint };
  const parameters = Object.entries(params).map(([paramName, param]) => ({
    name: paramName,
    ...(param.default === undefined ? {} : { value: String(param.default) }),
    ...(param.enum ? { enum: param.enum.map(String) } : param.type === 'bool' ? { enum: ['true', 'false'] } : {}),
    ...(param.description ? { description: param.description } : {}),
  }));
  if (parameters.length > 0) spec_.arguments = { parameters };
  if (spec.parallelism !== undefined) spec_.parallelism = spec.parallelism;
  if (spec.timeout) spec_.activeDeadlineSeconds = seconds(spec.timeout);
  if (usesArtifacts) {
    const ref = options.artifactRepositoryRef ?? { configMap: DEFAULT_ARTIFACT_REPOSITORY };
    spec_.artifactRepositoryRef = ref.key ? { configMap: ref.configMap, key: ref.key } : { configMap: ref.configMap };
  }
  spec_.templates = [{ name: entrypoint, dag: { failFast: spec.failFast, tasks } }, ...templates];

  const metadata = objectMetadata(spec, name, options.namespace, notes);
  const workflowTemplate: ArgoObject = { apiVersion: API_VERSION, kind: 'WorkflowTemplate', metadata, spec: spec_ };

  let cronWorkflow: ArgoObject | null = null;
  if (spec.schedule) {
    const schedule = spec.schedule;
    const cronSpec: Record<string, unknown> = {
      schedules: schedule.cron,
      ...(schedule.timezone ? { timezone: schedule.timezone } : {}),
      concurrencyPolicy: schedule.concurrency,
      ...(schedule.startingDeadline ? { startingDeadlineSeconds: seconds(schedule.startingDeadline) } : {}),
      suspend: schedule.suspend,
      ...(schedule.keep?.succeeded !== undefined ? { successfulJobsHistoryLimit: schedule.keep.succeeded } : {}),
      ...(schedule.keep?.failed !== undefined ? { failedJobsHistoryLimit: schedule.keep.failed } : {}),
      workflowSpec: { workflowTemplateRef: { name } },
    };
    if (!schedule.timezone) notes.warn(null, 'schedule.timezone', "No timezone: Argo reads the cron in the workflow controller's time zone (often UTC), Benchtop in this machine's; set schedule.timezone to make them agree.");
    for (const [paramName, param] of Object.entries(params)) {
      if (param.default === undefined) notes.warn(null, `params.${paramName}.default`, `The CronWorkflow submits with the template's values: "${paramName}" has none, so every scheduled run fails; give it a default.`);
    }
    cronWorkflow = { apiVersion: API_VERSION, kind: 'CronWorkflow', metadata: { ...metadata }, spec: cronSpec };
  }
  return { workflowTemplate, cronWorkflow };
}

/**
 * A self-contained Workflow (what `benchtop submit` creates): the template's spec with the run's
 * param values, named `<pipeline>-<random>` by the API server.
 */
export function workflowFromTemplate(template: ArgoObject, values: Readonly<Record<string, string>>): ArgoObject {
  const spec = structuredClone(template.spec) as Record<string, unknown> & { arguments?: { parameters?: { name: string; value?: string }[] } };
  const parameters = spec.arguments?.parameters?.map((p) => (Object.hasOwn(values, p.name) ? { ...p, value: values[p.name] } : p));
  if (parameters) spec.arguments = { ...spec.arguments, parameters };
  const { name, ...metadata } = template.metadata as { name: string } & Record<string, unknown>;
  return { apiVersion: API_VERSION, kind: 'Workflow', metadata: { ...metadata, generateName: `${name}-` }, spec };
}

function objectMetadata(spec: PipelineSpec, name: string, namespace: string | undefined, notes: ExportNotes): Record<string, unknown> {
  const labels: Record<string, string> = { 'app.kubernetes.io/managed-by': 'benchtop' };
  for (const [key, value] of Object.entries(spec.metadata.labels ?? {})) {
    if (isLabelKey(key) && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value) && value.length <= 63) labels[key] = value;
    else notes.error(null, `metadata.labels.${key}`, `"${key}: ${value}" is not a valid Kubernetes label (name ≤ 63 characters of letters, digits, "-", "_", "."; optional DNS prefix and "/"): rename it or remove it before exporting.`);
  }
  return {
    name,
    ...(namespace ? { namespace } : {}),
    labels,
    ...(spec.metadata.description ? { annotations: { 'workflows.argoproj.io/description': spec.metadata.description } } : {}),
  };
}

function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? null : key.slice(0, slash);
  const base = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== null && (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix))) return false;
  return base.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(base);
}

function retryStrategy(step: string, retry: RetrySpec, notes: ExportNotes): Record<string, unknown> {
  const strategy: Record<string, unknown> = { limit: retry.limit, retryPolicy: retry.policy };
  if (retry.backoff) {
    let factor = retry.backoff.factor;
    if (!Number.isInteger(factor)) {
      factor = Math.ceil(factor);
      notes.warn(step, 'retry.backoff.factor', `Argo's backoff factor is a whole number: ${retry.backoff.factor} is exported as ${factor}.`);
    }
    // Our maxDuration caps each wait (retry-policy.ts), which is Argo's `cap`; Argo's own maxDuration bounds all retrying together.
    strategy.backoff = { duration: goDuration(retry.backoff.duration), factor, ...(retry.backoff.maxDuration ? { cap: goDuration(retry.backoff.maxDuration) } : {}) };
  }
  return strategy;
}

/** `${params.x}` → `{{workflow.parameters.x}}`; `${steps.S.outputs.params.p}` → what `output` returns. */
function mapPlaceholders(text: string, output: (step: string, param: string) => string): string {
  let result = '';
  let last = 0;
  for (const placeholder of findPlaceholders(text)) {
    result += text.slice(last, placeholder.index);
    if (placeholder.kind === 'param') result += `{{workflow.parameters.${placeholder.name}}}`;
    else if (placeholder.kind === 'output') result += output(placeholder.step, placeholder.name);
    else result += placeholder.text;
    last = placeholder.index + placeholder.text.length;
  }
  return result + text.slice(last);
}

/**
 * Argo reads every `{{…}}` as a template variable. A literal "{{" or "}}" (a Python f-string, a
 * Jinja template) becomes an expression tag that evaluates to it: `{{='{' + '{'}}`.
 */
export function escapeBraces(text: string): string {
  return text.replace(/\{\{|\}\}/g, (pair) => (pair === '{{' ? "{{='{' + '{'}}" : "{{='}' + '}'}}"));
}

/** Literal double braces are escaped in container fields (and said so); in `when`, Argo's expression language has no such escape. */
function checkBraces(step: string, texts: StepTexts, source: StepSpec, notes: ExportNotes): void {
  const fields: [string, string][] = [
    ['image', texts.image],
    ...texts.command.map((text, i): [string, string] => [`command[${i}]`, text]),
    ...texts.args.map((text, i): [string, string] => [`args[${i}]`, text]),
    ...texts.env.map(([key, value]): [string, string] => [`env.${key}`, value]),
  ];
  for (const [field, text] of fields) {
    if (/\{\{|\}\}/.test(text)) {
      notes.warn(step, field, `contains "{{" or "}}", which Argo reads as a template variable: each is exported as an expression tag that yields it ({{='{' + '{'}}), which needs Argo ≥ 3.1.`);
    }
  }
  if (source.when && /\{\{|\}\}/.test(source.when)) {
    notes.error(step, 'when', 'contains "{{" or "}}", which Argo reads as a template variable and cannot escape in a when expression: rewrite it without double braces.');
  }
  if (source.when && /(^|[^\w.])monitors\.[a-z0-9][a-z0-9_-]*\.\w+/.test(source.when)) {
    notes.error(step, 'when', "reads a Benchtop monitor's latest result (monitors.NAME.FIELD), which a cluster cannot see: gate on a param instead (when: \"${params.retrain} == true\") and set it from `benchtop monitor run` in the job that submits.");
  }
}

/** An upstream output read by a step that may run after that upstream did not succeed needs a default (Argo fails the node otherwise). */
function warnMissingDefaults(spec: PipelineSpec, step: string, source: StepSpec, notes: ExportNotes): void {
  if (source.trigger === 'all_success') return;
  const texts = [...source.command, ...(source.args ?? []), ...Object.values(source.env ?? {}).map(String), source.when ?? ''];
  const seen = new Set<string>();
  for (const text of texts) {
    for (const p of findPlaceholders(text)) {
      if (p.kind !== 'output' || seen.has(`${p.step}.${p.name}`)) continue;
      seen.add(`${p.step}.${p.name}`);
      if (spec.steps[p.step]?.outputs?.params?.[p.name]?.default === undefined) {
        notes.warn(p.step, `outputs.params.${p.name}.default`, `Step "${step}" (trigger ${source.trigger}) reads this output even when "${p.step}" did not succeed; without a default Argo fails "${step}" then: add default: '…'.`);
      }
    }
  }
}

function memoizeKey(staticDigest: string, params: string[], inputs: string[]): string {
  if (params.length === 0 && inputs.length === 0) return staticDigest;
  const parts = [`'${staticDigest}'`, ...params.map((p) => `workflow.parameters['${p}']`), ...inputs.map((p) => `inputs.parameters['${p}']`)];
  return `{{=sprig.sha256sum(${parts.join(" + '|' + ")})}}`;
}

const TEMPLATE_ORDER = ['name', 'inputs', 'outputs', 'container', 'volumes', 'retryStrategy', 'activeDeadlineSeconds', 'memoize', 'synchronization'];

function orderTemplate(template: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(TEMPLATE_ORDER.filter((key) => key in template).map((key) => [key, template[key]]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
