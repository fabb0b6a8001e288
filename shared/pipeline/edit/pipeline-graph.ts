import { parse } from 'yaml';
import { ARTIFACT_REF } from '../schema.ts';

export interface GraphStep {
  name: string;
  image: string;
  depends: string[];
  gpu: number;
  retryLimit: number;
  /** False when the step turns its cache off (`cache: false` or `cache.enabled: false`). */
  cacheEnabled: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: 'depends' | 'artifact';
  /** For artifact edges: the artifact names that flow along it. */
  label: string | null;
}

export interface PipelineGraph {
  steps: GraphStep[];
  edges: GraphEdge[];
}

const asRecord = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/**
 * The steps and edges of a pipeline's text, read leniently so that the canvas can still draw a file
 * that fails validation; null when the YAML itself cannot be read. Edges to unknown steps are dropped.
 */
export function readPipelineGraph(text: string): PipelineGraph | null {
  let value: unknown;
  try {
    value = parse(text, { uniqueKeys: false });
  } catch {
    return null;
  }
  const stepsValue = asRecord(asRecord(value).steps);
  const names = new Set(Object.keys(stepsValue));
  const steps: GraphStep[] = [];
  const edges: GraphEdge[] = [];
  for (const [name, raw] of Object.entries(stepsValue)) {
    const step = asRecord(raw);
    const depends = Array.isArray(step.depends) ? step.depends.filter((d): d is string => typeof d === 'string') : [];
    const cache = step.cache;
    steps.push({
      name,
      image: typeof step.image === 'string' ? step.image : '',
      depends,
      gpu: Number(asRecord(step.resources).gpu ?? 0) || 0,
      retryLimit: Number(asRecord(step.retry).limit ?? 0) || 0,
      cacheEnabled: !(cache === false || asRecord(cache).enabled === false),
    });
    for (const upstream of new Set(depends)) {
      if (names.has(upstream) && upstream !== name) edges.push({ id: `d:${upstream}->${name}`, source: upstream, target: name, kind: 'depends', label: null });
    }
    const flows = new Map<string, string[]>();
    for (const [input, artifact] of Object.entries(asRecord(asRecord(step.inputs).artifacts))) {
      const from = asRecord(artifact).from;
      const match = typeof from === 'string' ? ARTIFACT_REF.exec(from) : null;
      if (!match || !names.has(match[1]) || match[1] === name) continue;
      flows.set(match[1], [...(flows.get(match[1]) ?? []), match[2] === input ? input : `${match[2]}→${input}`]);
    }
    for (const [producer, artifacts] of flows) edges.push({ id: `a:${producer}->${name}`, source: producer, target: name, kind: 'artifact', label: artifacts.join(', ') });
  }
  return { steps, edges };
}
