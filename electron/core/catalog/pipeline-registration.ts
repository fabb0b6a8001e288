import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LineageNode } from '../../../shared/catalog/model.ts';
import { ARTIFACT_REF, type PipelineSpec } from '../../../shared/pipeline/schema.ts';
import type { StepResult } from '../pipelines/run-store.ts';
import type { StepSucceededHook, SucceededStep } from '../pipelines/step-succeeded.ts';
import { versionNodeId, type CatalogStore } from './catalog-store.ts';
import type { FeatureCatalog } from './feature-catalog.ts';
import { scanFeatureTable } from './feature-table.ts';

/**
 * The pipeline engine's hook: after a step succeeds, its `outputs.features` becomes a new feature
 * set version and its `outputs.model` a new model version, with metrics, params, input digests and
 * the lineage graph of the steps and artifacts upstream. A model whose files equal a version that
 * the same run registered already (a "select" step copying the winner) moves the aliases there
 * instead of making a duplicate.
 */
export function createPipelineRegistration(catalog: CatalogStore, features: FeatureCatalog): StepSucceededHook {
  return async (done) => {
    const outputs = done.spec.steps[done.step]?.outputs;
    if (!outputs?.model && !outputs?.features) return;
    const lineage = buildLineage(done);
    let featureNode: LineageNode | null = null;
    if (outputs.features) {
      const declared = outputs.features;
      const hostPath = hostPathOf(done, declared.path, 'features');
      const table = await scanFeatureTable(hostPath, declared.eventTime ?? null);
      const { set, versionId } = await features.register({
        name: declared.name,
        files: { path: hostPath },
        schema: declared.schema ?? table?.schema,
        entity: declared.entity ?? null,
        eventTime: declared.eventTime ?? null,
        owner: declared.owner ?? null,
        description: declared.description,
        tags: declared.tags,
        runId: done.runId,
        step: done.step,
        attempt: done.attempt,
        artifactPath: declared.path,
        newestEventTime: table?.newestEventTime ?? null,
        rowCount: table?.rowCount ?? null,
      });
      featureNode = { id: `feature_set:${versionId}`, kind: 'feature_set', label: `${set.name} v${set.latest?.version ?? ''}`, runId: done.runId, step: done.step, digest: set.latest?.treeDigest ?? null };
      catalog.addLineage([...lineage.nodes, featureNode], [...lineage.edges, { source: stepNodeId(done.runId, done.step), target: featureNode.id, relation: 'produced' }]);
    }
    if (outputs.model) {
      const declared = outputs.model;
      const hostPath = hostPathOf(done, declared.path, 'model');
      const tree = await catalog.putTree(hostPath);
      const existing = catalog.findVersionByContent(declared.name, done.runId, tree.digest);
      let versionId: number;
      if (existing) {
        for (const alias of declared.aliases ?? []) catalog.setAlias(declared.name, alias, existing.version);
        versionId = existing.id;
      } else {
        const closure = upstreamSteps(done.spec, done.step);
        const featureVersionIds = features
          .versionsFromRun(done.runId)
          .filter((f) => f.step !== null && closure.has(f.step))
          .map((f) => f.id);
        const version = await catalog.createVersion({
          name: declared.name,
          files: { entries: tree.entries },
          source: { type: 'pipeline', uri: `benchtop://runs/${done.runId}/steps/${done.step}`, runId: done.runId, step: done.step, attempt: done.attempt, imageDigest: done.imageDigest },
          flavor: declared.flavor,
          metrics: done.result.metrics,
          params: done.params,
          tags: { 'benchtop.pipeline': done.pipeline, ...declared.tags },
          description: declared.description,
          aliases: declared.aliases,
          inputs: inputDigests(done),
          featureVersionIds,
        });
        versionId = version.id;
      }
      const version = catalog.getVersionById(versionId);
      const node: LineageNode = { id: versionNodeId(versionId), kind: 'model_version', label: `${declared.name} v${version?.version ?? ''}`, runId: version?.source.runId ?? done.runId, step: version?.source.step ?? done.step, digest: tree.digest };
      catalog.addLineage([...lineage.nodes, node], [...lineage.edges, { source: stepNodeId(done.runId, done.step), target: node.id, relation: existing ? 'selected' : 'registered' }]);
    }
  };
}

/** The run store keeps bare hex; the catalog names digests `sha256:<hex>`. */
function asDigest(hex: string): string {
  return hex.startsWith('sha256:') ? hex : `sha256:${hex}`;
}

export function stepNodeId(runId: string, step: string): string {
  return `step:${runId}/${step}`;
}

function hostPathOf(done: SucceededStep, containerPath: string, kind: string): string {
  const declared = done.spec.steps[done.step].outputs?.artifacts ?? {};
  for (const [name, artifact] of Object.entries(declared)) {
    const root = artifact.path.replace(/\/+$/, '');
    if (containerPath === root || containerPath.startsWith(`${root}/`)) {
      const folder = done.result.artifacts.find((a) => a.name === name)?.path;
      if (!folder) break;
      const host = join(folder, containerPath.slice(root.length));
      if (!existsSync(host)) throw new Error(`outputs.${kind}.path ${containerPath} does not exist after step "${done.step}" ran: write the ${kind} there.`);
      return host;
    }
  }
  throw new Error(`outputs.${kind}.path ${containerPath} is not inside an output artifact of step "${done.step}": declare its folder under outputs.artifacts.`);
}

function inputDigests(done: SucceededStep) {
  return Object.entries(done.spec.steps[done.step].inputs?.artifacts ?? {}).flatMap(([name, input]) => {
    const [, producer, artifact] = ARTIFACT_REF.exec(input.from) ?? [];
    const record = done.upstream.get(producer)?.artifacts.find((a) => a.name === artifact);
    return record ? [{ name, digest: asDigest(record.sha256), runId: done.runId, step: producer, artifact }] : [];
  });
}

/** The steps a step depends on, through depends and input artifacts, transitively (itself included). */
function upstreamSteps(spec: PipelineSpec, step: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !spec.steps[name]) return;
    seen.add(name);
    for (const dependency of directUpstream(spec, name)) visit(dependency);
  };
  visit(step);
  return seen;
}

function directUpstream(spec: PipelineSpec, step: string): string[] {
  const fromArtifacts = Object.values(spec.steps[step].inputs?.artifacts ?? {}).map((input) => ARTIFACT_REF.exec(input.from)?.[1] ?? '');
  return [...new Set([...(spec.steps[step].depends ?? []), ...fromArtifacts].filter(Boolean))];
}

/** Steps upstream of the registering one, and the artifacts that flowed between them; roots' artifacts are datasets. */
function buildLineage(done: SucceededStep): { nodes: LineageNode[]; edges: { source: string; target: string; relation: string }[] } {
  const closure = upstreamSteps(done.spec, done.step);
  const nodes: LineageNode[] = [];
  const edges: { source: string; target: string; relation: string }[] = [];
  const resultOf = (step: string): StepResult | undefined => (step === done.step ? done.result : done.upstream.get(step));
  for (const step of closure) {
    nodes.push({ id: stepNodeId(done.runId, step), kind: 'step', label: step, runId: done.runId, step, digest: step === done.step ? done.imageDigest : null });
    const viaArtifacts = new Set<string>();
    for (const input of Object.values(done.spec.steps[step].inputs?.artifacts ?? {})) {
      const [, producer, artifact] = ARTIFACT_REF.exec(input.from) ?? [];
      const record = resultOf(producer)?.artifacts.find((a) => a.name === artifact);
      const producerIsRoot = Object.keys(done.spec.steps[producer]?.inputs?.artifacts ?? {}).length === 0;
      const id = `artifact:${done.runId}/${producer}/${artifact}`;
      nodes.push({ id, kind: producerIsRoot ? 'dataset' : 'artifact', label: `${producer}.${artifact}`, runId: done.runId, step: producer, digest: record ? asDigest(record.sha256) : null });
      edges.push({ source: stepNodeId(done.runId, producer), target: id, relation: 'produced' }, { source: id, target: stepNodeId(done.runId, step), relation: 'consumed' });
      viaArtifacts.add(producer);
    }
    for (const dependency of done.spec.steps[step].depends ?? []) {
      if (!viaArtifacts.has(dependency)) edges.push({ source: stepNodeId(done.runId, dependency), target: stepNodeId(done.runId, step), relation: 'depends' });
    }
  }
  const unique = new Map(nodes.map((n) => [n.id, n]));
  return { nodes: [...unique.values()], edges };
}
