import type { Run, RunStatus } from './entities.ts';
import { invalid } from './errors.ts';
import { viewType } from './experiment-routes.ts';
import { metricJson, type Route, type RouteContext } from './route-types.ts';
import type { MetricInput } from './tracking-store.ts';
import { checkBatchCounts, toDouble, toLong } from './validation.ts';

function runId(context: RouteContext): string {
  const id = context.input.optionalString('run_id') || context.input.optionalString('run_uuid');
  if (!id) throw invalid("Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.");
  return id;
}

/** The run must exist (404) and the token may write it (403), in that order, as MLflow's auth does. */
function writableRun(context: RouteContext): string {
  const id = runId(context);
  context.access.writeRun(id);
  context.tracking.requireRunRow(id);
  return id;
}

/**
 * A run as proto JSON writes it: empty lists and unset fields left out (the client parses every
 * field it gets, so a lean page of 1,000 runs parses measurably faster), non-finite metrics as strings.
 */
function runJson(run: Run): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(run.info)) if (value !== null && value !== '') info[key] = value;
  const data: Record<string, unknown> = {};
  if (run.data.metrics.length > 0) data.metrics = run.data.metrics.map(metricJson);
  if (run.data.params.length > 0) data.params = run.data.params;
  if (run.data.tags.length > 0) data.tags = run.data.tags;
  const json: Record<string, unknown> = { info, data };
  const inputs: Record<string, unknown> = {};
  if (run.inputs.dataset_inputs.length > 0) inputs.dataset_inputs = run.inputs.dataset_inputs;
  if (run.inputs.model_inputs.length > 0) inputs.model_inputs = run.inputs.model_inputs;
  json.inputs = inputs;
  if (run.outputs.model_outputs.length > 0) json.outputs = run.outputs;
  return json;
}

function metricInput(raw: Record<string, unknown>, path: string): MetricInput {
  return {
    key: typeof raw.key === 'string' ? raw.key : '',
    value: toDouble(raw.value, `${path}.value`),
    timestamp: toLong(raw.timestamp, `${path}.timestamp`),
    step: toLong(raw.step, `${path}.step`, 0),
    ...(typeof raw.model_id === 'string' && raw.model_id ? { modelId: raw.model_id } : {}),
    ...(typeof raw.dataset_name === 'string' && raw.dataset_name ? { datasetName: raw.dataset_name } : {}),
    ...(typeof raw.dataset_digest === 'string' && raw.dataset_digest ? { datasetDigest: raw.dataset_digest } : {}),
  };
}

function searchRuns(context: RouteContext) {
  const { input, tracking, access } = context;
  const experimentIds = input.strings('experiment_ids');
  for (const id of experimentIds) access.readExperiment(id);
  const page = tracking.searchRuns({
    experimentIds,
    filter: input.optionalString('filter'),
    viewType: viewType(input.optionalString('run_view_type')),
    maxResults: input.optionalInteger('max_results'),
    orderBy: input.strings('order_by'),
    pageToken: input.optionalString('page_token'),
  });
  return { runs: page.items.map(runJson), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
}

/** runs/*, metrics/get-history(-bulk-interval), artifacts/list. */
export const runRoutes: Route[] = [
  {
    method: 'POST',
    path: '/mlflow/runs/create',
    handler: ({ input, tracking, access }) => {
      const experimentId = input.optionalString('experiment_id') || '0';
      const tags = input.keyValues('tags');
      const parent = tags.find((t) => t.key === 'mlflow.parentRunId')?.value || null;
      tracking.requireExperiment(experimentId);
      access.createRun(experimentId, parent);
      const run = tracking.createRun({
        experimentId,
        runName: input.optionalString('run_name') || null,
        userId: input.optionalString('user_id') ?? null,
        startTime: input.optionalInteger('start_time') ?? null,
        tags,
      });
      return { run: runJson(run) };
    },
  },
  {
    method: 'GET',
    path: '/mlflow/runs/get',
    handler: (context) => {
      const id = runId(context);
      const run = context.tracking.requireRun(id);
      context.access.readRun(id);
      return { run: runJson(run) };
    },
  },
  {
    method: 'POST',
    path: '/mlflow/runs/update',
    handler: (context) => {
      const id = writableRun(context);
      const status = context.input.optionalString('status') as RunStatus | undefined;
      const info = context.tracking.updateRun(id, { status: status || undefined, endTime: context.input.optionalInteger('end_time') ?? null, runName: context.input.optionalString('run_name') || null });
      return { run_info: info };
    },
  },
  {
    method: 'POST',
    path: '/mlflow/runs/delete',
    handler: (context) => {
      context.tracking.deleteRun(writableRun(context));
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/runs/restore',
    handler: (context) => {
      context.tracking.restoreRun(writableRun(context));
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/runs/log-metric',
    handler: (context) => {
      const id = writableRun(context);
      const raw = { key: context.input.raw('key'), value: context.input.raw('value'), timestamp: context.input.raw('timestamp'), step: context.input.raw('step'), model_id: context.input.raw('model_id'), dataset_name: context.input.raw('dataset_name'), dataset_digest: context.input.raw('dataset_digest') };
      context.tracking.logMetric(id, metricInput(raw, 'metric'));
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/runs/log-parameter',
    handler: (context) => {
      const id = writableRun(context);
      context.tracking.logParam(id, { key: context.input.string('key'), value: context.input.optionalString('value') ?? '' });
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/runs/set-tag',
    handler: (context) => {
      const id = writableRun(context);
      context.tracking.setTag(id, { key: context.input.string('key'), value: context.input.optionalString('value') ?? '' });
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/runs/delete-tag',
    handler: (context) => {
      const id = writableRun(context);
      context.tracking.deleteTag(id, context.input.string('key'));
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/runs/log-batch',
    handler: (context) => {
      const id = writableRun(context);
      const metrics = context.input.objects('metrics');
      const params = context.input.keyValues('params');
      const tags = context.input.keyValues('tags');
      // Counted before the metrics are converted, so an oversize batch fails fast with MLflow's message.
      checkBatchCounts(metrics.length, params.length, tags.length);
      context.tracking.logBatch(id, { metrics: metrics.map((m, i) => metricInput(m, `metrics[${i}]`)), params, tags });
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/runs/log-inputs',
    handler: (context) => {
      const id = writableRun(context);
      const datasets = context.input.objects('datasets') as never[];
      const models = context.input.objects('models').map((m) => ({ model_id: String(m.model_id ?? '') }));
      context.tracking.logInputs(id, datasets, models);
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/runs/outputs',
    handler: (context) => {
      const id = writableRun(context);
      const models = context.input.objects('models').map((m, i) => ({ model_id: String(m.model_id ?? ''), step: toLong(m.step, `models[${i}].step`, 0) }));
      context.tracking.logOutputs(id, models);
      return {};
    },
  },
  { method: 'POST', path: '/mlflow/runs/search', handler: searchRuns },
  { method: 'GET', path: '/mlflow/runs/search', handler: searchRuns },
  {
    method: 'GET',
    path: '/mlflow/metrics/get-history',
    handler: (context) => {
      const id = runId(context);
      context.tracking.requireRunRow(id);
      context.access.readRun(id);
      const max = context.input.optionalInteger('max_results');
      if (max !== undefined && max <= 0) throw invalid(`Invalid value ${max} for parameter 'max_results' supplied. It must be a positive integer.`);
      const page = context.tracking.getMetricHistory(id, context.input.string('metric_key'), { maxResults: max, pageToken: context.input.optionalString('page_token') });
      return { metrics: page.items.map(metricJson), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
    },
  },
  {
    method: 'GET',
    path: '/mlflow/metrics/get-history-bulk-interval',
    handler: (context) => {
      const runIds = context.input.strings('run_ids');
      if (runIds.length === 0) throw invalid("Missing value for required parameter 'run_ids'.");
      if (runIds.length > 100) throw invalid(`GetMetricHistoryBulkInterval request must specify at most 100 run_ids. Received ${runIds.length} run_ids.`);
      for (const id of runIds) {
        context.tracking.requireRunRow(id);
        context.access.readRun(id);
      }
      const max = context.input.optionalInteger('max_results') ?? 2500;
      if (max < 1 || max > 2500) throw invalid('max_results must be between 1 and 2500.');
      const startStep = context.input.optionalInteger('start_step');
      const endStep = context.input.optionalInteger('end_step');
      if ((startStep === undefined) !== (endStep === undefined)) throw invalid('If either start step or end step are specified, both must be specified.');
      if (startStep !== undefined && endStep !== undefined && startStep > endStep) throw invalid(`end_step must be greater than start_step. Found start_step=${startStep} and end_step=${endStep}.`);
      const metrics = context.tracking.getMetricHistoryBulkInterval(runIds, context.input.string('metric_key'), { maxResults: max, startStep, endStep });
      return { metrics: metrics.map(metricJson) };
    },
  },
  {
    method: 'GET',
    path: '/mlflow/artifacts/list',
    handler: (context) => {
      const id = runId(context);
      const run = context.tracking.requireRun(id);
      context.access.readRun(id);
      const path = context.input.optionalString('path') ?? '';
      if (path.split('/').some((p) => p === '..')) throw invalid(`Invalid path: ${path}`);
      const files = context.artifacts.list({ kind: 'run', id }, path, { fullPaths: true });
      return { root_uri: run.info.artifact_uri, files };
    },
  },
];
