import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import type { ExportResult, ExportTarget } from '../../../shared/api/methods/exports.ts';
import { formatProblem } from '../../../shared/pipeline/problems.ts';
import type { PipelineSpec } from '../../../shared/pipeline/schema.ts';
import { parsePipeline } from '../../../shared/pipeline/validate.ts';
import { exportToArgo, type ArgoExport, type ArgoExportOptions } from './argo-export.ts';
import { lintArgo } from './argo-lint.ts';
import { ExportNotes } from './export-notes.ts';
import { exportToGithubActions } from './github-export.ts';
import { validateGithubWorkflow } from './github-validate.ts';

export interface ExportRequest {
  target: ExportTarget;
  text: string;
  /** The pipeline file's path, or null for unsaved text. */
  file: string | null;
  namespace?: string;
  /** `NAME` or `NAME:KEY`. */
  artifactRepositoryRef?: string;
}

export interface ExportOutcome extends ExportResult {
  /** The parsed pipeline, when it parsed. */
  spec: PipelineSpec | null;
  /** The Argo objects, when the target is Argo and nothing was refused. */
  argo: ArgoExport | null;
}

/** Parses, exports, validates; never writes. A refusal is an error note and a null yaml. */
export function exportPipeline(request: ExportRequest): ExportOutcome {
  const notes = new ExportNotes();
  const fileLabel = request.file ?? 'pipeline.yaml';
  const refused = (fileName: string, spec: PipelineSpec | null): ExportOutcome => ({ target: request.target, yaml: null, kinds: [], fileName, notes: notes.list, spec, argo: null });

  const parsed = parsePipeline(request.text);
  if (!parsed.ok) {
    for (const problem of parsed.problems) {
      const step = problem.path[0] === 'steps' && typeof problem.path[1] === 'string' ? problem.path[1] : null;
      notes.error(step, problem.path.slice(step ? 2 : 0).join('.') || '(file)', formatProblem(fileLabel, problem));
    }
    return refused(`pipeline.${request.target === 'argo' ? 'argo.yaml' : 'github-actions.yml'}`, null);
  }
  const spec = parsed.spec;
  const header = `# Exported by Benchtop from ${request.file ? baseName(request.file) : 'an unsaved pipeline'} (pipeline "${spec.metadata.name}"): export again after editing the pipeline rather than editing this file.\n`;

  if (request.target === 'argo') {
    const fileName = `${spec.metadata.name}.argo.yaml`;
    const options: ArgoExportOptions = { namespace: request.namespace };
    if (request.artifactRepositoryRef !== undefined) {
      const ref = parseArtifactRepositoryRef(request.artifactRepositoryRef);
      if (typeof ref === 'string') {
        notes.error(null, 'artifactRepositoryRef', ref);
        return refused(fileName, spec);
      }
      options.artifactRepositoryRef = ref;
    }
    const argo = exportToArgo(spec, options, notes);
    if (notes.hasErrors) return refused(fileName, spec);
    const objects = [argo.workflowTemplate, ...(argo.cronWorkflow ? [argo.cronWorkflow] : [])];
    for (const problem of lintArgo(objects)) notes.error(null, 'argo', `The export failed its own validation (a Benchtop bug; please report it): ${problem}`);
    if (notes.hasErrors) return refused(fileName, spec);
    const yaml = header + objects.map(toYaml).join('---\n');
    return { target: 'argo', yaml, kinds: objects.map((o) => o.kind), fileName, notes: notes.list, spec, argo };
  }

  const fileName = `${spec.metadata.name}.github-actions.yml`;
  let pipelinePath = 'pipeline.yaml';
  if (request.file === null) notes.warn(null, 'file', 'The pipeline is not saved: the workflow runs "pipeline.yaml" at the repository root; save the pipeline in the repository and export again.');
  else pipelinePath = repositoryPath(request.file);
  const workflow = exportToGithubActions(spec, { pipelinePath }, notes);
  if (notes.hasErrors) return refused(fileName, spec);
  const yaml = header + toYaml(workflow);
  for (const problem of [...validateGithubWorkflow(yaml, fileName), ...lintDispatchInputs(workflow)]) {
    notes.error(null, 'github-actions', `The export failed GitHub's workflow schema (a Benchtop bug; please report it): ${problem}`);
  }
  if (notes.hasErrors) return refused(fileName, spec);
  return { target: 'github-actions', yaml, kinds: ['Workflow'], fileName, notes: notes.list, spec, argo: null };
}

export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** `NAME` or `NAME:KEY` → the ref, or a sentence saying what is wrong. */
export function parseArtifactRepositoryRef(text: string): { configMap: string; key?: string } | string {
  const [configMap, key, ...rest] = text.split(':');
  if (rest.length > 0 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(configMap) || configMap.length > 253) {
    return `"${text}" is not NAME or NAME:KEY of a ConfigMap (a DNS-1123 name, then an optional key), e.g. artifact-repositories:my-minio.`;
  }
  if (key !== undefined && !/^[-._a-zA-Z0-9]+$/.test(key)) return `"${key}" is not a ConfigMap key (letters, digits, "-", "_", ".").`;
  return key === undefined ? { configMap } : { configMap, key };
}

/** The file's path from the root of the git repository that holds it (else from the working directory), with "/". */
export function repositoryPath(file: string): string {
  const absolute = resolve(file);
  let dir = dirname(absolute);
  while (true) {
    if (existsSync(join(dir, '.git'))) return relative(dir, absolute).split(sep).join('/');
    const parent = dirname(dir);
    if (parent === dir) return relative(process.cwd(), absolute).split(sep).join('/');
    dir = parent;
  }
}

/** What GitHub checks only when a run is dispatched: a choice's default among its options. */
function lintDispatchInputs(workflow: Record<string, unknown>): string[] {
  const inputs = ((workflow.on as Record<string, { inputs?: Record<string, { type?: string; options?: string[]; default?: unknown }> } | null>).workflow_dispatch?.inputs ?? {});
  return Object.entries(inputs).flatMap(([name, input]) =>
    input.type === 'choice' && input.default !== undefined && !(input.options ?? []).includes(String(input.default)) ? [`input "${name}": default "${String(input.default)}" is not one of its options.`] : [],
  );
}

function baseName(file: string): string {
  return file.split(/[\\/]/).at(-1) ?? file;
}
