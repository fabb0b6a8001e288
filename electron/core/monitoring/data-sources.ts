import { extname, isAbsolute, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors.ts';
import { cellText, frameColumn, frameFromRows, type Frame } from '../../../shared/monitoring/frame.ts';
import type { ColumnSpec } from '../../../shared/monitoring/drift-report.ts';
import { windowMs, type CurrentSource, type LabelsSource, type ReferenceSource } from '../../../shared/monitoring/monitor-model.ts';
import type { CatalogService } from '../catalog/service.ts';
import type { PipelineService } from '../pipelines/service.ts';
import { readTableFrame } from './read-frame.ts';

/** What serving's request capture gives for one endpoint over a time window (issue 15's captureFrame, bound to its store). */
export interface CapturedFrame {
  columns: string[];
  rows: unknown[][];
  predictions: unknown[];
  requestIds: string[];
  times: number[];
}

/**
 * The endpoint kind of current data: `(endpointName, { sinceMs, untilMs }) → CapturedFrame`. Injected
 * so that tests pass frames they build; the app wires serving's `captureFrame(store, …)` here.
 */
export type CaptureFrameSource = (endpoint: string, window: { sinceMs: number; untilMs: number }) => CapturedFrame | Promise<CapturedFrame>;

export interface SourceDeps {
  home: string;
  catalog?: CatalogService;
  pipelines?: PipelineService;
  captureFrame?: CaptureFrameSource;
}

/** Current data with what labels need: predictions and request ids when the source has them. */
export interface LoadedCurrent {
  frame: Frame;
  description: string;
  windowStart: number | null;
  windowEnd: number | null;
  predictions: unknown[] | null;
  requestIds: string[] | null;
}

async function artifactFile(deps: SourceDeps, source: { runId?: string; pipeline?: string; step: string; artifact: string; path?: string }): Promise<{ path: string; description: string }> {
  if (!deps.pipelines) throw new ApiError('invalid_input', 'Pipeline artifacts cannot be read here.');
  let runId = source.runId;
  if (!runId) {
    if (!source.pipeline) throw new ApiError('invalid_input', 'An artifact source names a runId or a pipeline (its latest succeeded run).');
    const latest = deps.pipelines.list(1, { pipeline: source.pipeline, state: 'succeeded' })[0];
    if (!latest) throw new ApiError('not_found', `Pipeline ${source.pipeline} has no succeeded run yet, so its ${source.step} step has no ${source.artifact} artifact.`);
    runId = latest.id;
  }
  const result = deps.pipelines.runs.stepResult(runId, source.step);
  const artifact = result.artifacts.find((a) => a.name === source.artifact);
  if (!artifact) throw new ApiError('not_found', `Run ${runId} step ${source.step} has no artifact "${source.artifact}"${result.artifacts.length ? ` (it has ${result.artifacts.map((a) => a.name).join(', ')})` : ''}.`);
  const base = isAbsolute(artifact.path) ? artifact.path : join(deps.home, artifact.path);
  return { path: source.path ? join(base, source.path) : base, description: `run ${runId} ${source.step}/${source.artifact}${source.path ? `/${source.path}` : ''}` };
}

export async function loadReference(deps: SourceDeps, source: ReferenceSource, signal?: AbortSignal): Promise<{ frame: Frame; description: string }> {
  switch (source.kind) {
    case 'file':
      return { frame: await readTableFrame(source.path, signal), description: source.path };
    case 'artifact': {
      const file = await artifactFile(deps, source);
      return { frame: await readTableFrame(file.path, signal), description: file.description };
    }
    case 'featureSet': {
      if (!deps.catalog) throw new ApiError('invalid_input', 'The catalog cannot be read here.');
      const versions = deps.catalog.features.versions(source.name);
      const version = source.version ? versions.find((v) => v.version === source.version) : versions[0];
      if (!version) throw new ApiError('not_found', `Feature set ${source.name} has no version ${source.version ?? ''}: see benchtop features show ${source.name}.`);
      const entries = version.treeDigest ? deps.catalog.models.treeEntries(version.treeDigest) : [];
      const table = entries.filter((e) => ['.csv', '.parquet', '.pq'].includes(extname(e.path).toLowerCase())).sort((a, b) => a.path.localeCompare(b.path))[0];
      if (!table) throw new ApiError('invalid_input', `Feature set ${source.name} v${version.version} holds no CSV or Parquet file.`);
      const frame = await readTableFrame(deps.catalog.models.files.blobPath(table.digest), signal, extname(table.path).toLowerCase());
      return { frame, description: `feature set ${source.name} v${version.version} (${table.path})` };
    }
  }
}

export async function loadCurrent(deps: SourceDeps, source: CurrentSource, now: number, signal?: AbortSignal): Promise<LoadedCurrent> {
  switch (source.kind) {
    case 'file':
      return { frame: await readTableFrame(source.path, signal), description: source.path, windowStart: null, windowEnd: null, predictions: null, requestIds: null };
    case 'artifact': {
      const file = await artifactFile(deps, source);
      return { frame: await readTableFrame(file.path, signal), description: file.description, windowStart: null, windowEnd: null, predictions: null, requestIds: null };
    }
    case 'endpoint': {
      if (!deps.captureFrame) throw new ApiError('invalid_input', `Endpoint captures are not available in this build: monitor ${source.endpoint} through a file or an artifact.`);
      const sinceMs = now - windowMs(source.window);
      const captured = await deps.captureFrame(source.endpoint, { sinceMs, untilMs: now });
      return {
        frame: frameFromRows(captured.columns, captured.rows),
        description: `endpoint ${source.endpoint}, last ${source.window}`,
        windowStart: sinceMs,
        windowEnd: now,
        predictions: captured.predictions,
        requestIds: captured.requestIds,
      };
    }
  }
}

function columnValues(frame: Frame, name: string): unknown[] {
  const column = frameColumn(frame, name);
  if (!column) throw new ApiError('invalid_input', `The current data has no column "${name}" (it has ${frame.columns.map((c) => c.name).join(', ')}).`);
  return Array.from(column.numbers, (n, i) => (Number.isNaN(n) ? (cellText(column, i) ?? null) : n));
}

/** Labels and predictions aligned row by row with the current data, or null when there are none. */
export async function loadLabels(source: LabelsSource | null, current: LoadedCurrent, signal?: AbortSignal): Promise<{ labels: unknown[]; predictions: unknown[] } | null> {
  if (!source) return null;
  if (source.kind === 'column') {
    const labels = columnValues(current.frame, source.column);
    const predictions = source.predictionColumn ? columnValues(current.frame, source.predictionColumn) : current.predictions;
    if (!predictions) throw new ApiError('invalid_input', `Labels in column ${source.column} need predictions: name a predictionColumn, or monitor an endpoint (its responses are the predictions).`);
    return { labels, predictions };
  }
  if (!current.requestIds || !current.predictions) throw new ApiError('invalid_input', 'Labels joined by request id need an endpoint as the current data.');
  const file = await readTableFrame(source.path, signal);
  const ids = columnValues(file, source.idColumn);
  const values = columnValues(file, source.labelColumn);
  const byId = new Map(ids.map((id, i) => [String(id), values[i]]));
  return { labels: current.requestIds.map((id) => byId.get(id) ?? null), predictions: current.predictions };
}

/** NAME@ALIAS / NAME@VERSION → the signature's input columns with their types, and the version's metrics. */
export function resolveModel(deps: SourceDeps, model: string | null): { label: string; columns: ColumnSpec[] | undefined; training: Record<string, number | null> } | null {
  if (!model) return null;
  if (!deps.catalog) throw new ApiError('invalid_input', 'The model catalog cannot be read here.');
  const at = model.lastIndexOf('@');
  const name = at > 0 ? model.slice(0, at) : model;
  const ref = at > 0 ? model.slice(at + 1) : 'latest';
  const version = deps.catalog.models.getVersion(name, /^\d+$/.test(ref) ? Number(ref) : ref);
  const signature = version.signature as { inputs?: { name?: string; type?: string }[] } | null;
  const inputs = Array.isArray(signature?.inputs) ? signature.inputs.filter((i) => typeof i.name === 'string') : [];
  return {
    label: `${version.name} v${version.version}`,
    columns: inputs.length ? inputs.map((i) => ({ name: i.name as string, type: i.type ?? null })) : undefined,
    training: version.metrics as Record<string, number | null>,
  };
}
