import { invalid } from './errors.ts';
import { metricJson, type FileReply, type Route, type RouteContext } from './route-types.ts';
import type { LoggedModel } from './entities.ts';

function modelJson(model: LoggedModel) {
  return { ...model, data: { ...model.data, metrics: model.data.metrics.map(metricJson) } };
}

/** The model must exist (404) and the token may write it (403). */
function writableModel({ params, tracking, access }: RouteContext): LoggedModel {
  const model = tracking.requireLoggedModel(params.model_id);
  access.writeLoggedModel(model.info.experiment_id, model.info.source_run_id);
  return model;
}

/** MLflow 3 logged models: create, get, finalize, delete, search, tags, params, artifact listing. */
export const loggedModelRoutes: Route[] = [
  {
    method: 'POST',
    path: '/mlflow/logged-models',
    handler: ({ input, tracking, access }) => {
      const experimentId = input.string('experiment_id');
      const sourceRunId = input.optionalString('source_run_id') || null;
      tracking.requireExperiment(experimentId);
      access.writeLoggedModel(experimentId, sourceRunId);
      const model = tracking.createLoggedModel({
        experimentId,
        name: input.optionalString('name') || null,
        sourceRunId,
        modelType: input.optionalString('model_type') || null,
        tags: input.keyValues('tags'),
        params: input.keyValues('params'),
      });
      return { model: modelJson(model) };
    },
  },
  {
    method: 'POST',
    path: '/mlflow/logged-models/search',
    handler: ({ input, tracking, access }) => {
      const experimentIds = input.strings('experiment_ids');
      if (experimentIds.length === 0) throw invalid("Missing value for required parameter 'experiment_ids'.");
      for (const id of experimentIds) access.readExperiment(id);
      const orderBy = input.objects('order_by').map((o) => ({ field_name: String(o.field_name ?? ''), ascending: o.ascending !== false }));
      const page = tracking.searchLoggedModels({
        experimentIds,
        filter: input.optionalString('filter'),
        maxResults: input.optionalInteger('max_results'),
        pageToken: input.optionalString('page_token'),
        orderBy,
      });
      return { models: page.items.map(modelJson), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
    },
  },
  {
    method: 'GET',
    path: '/mlflow/logged-models/{model_id}',
    handler: ({ params, tracking, access }) => {
      const model = tracking.requireLoggedModel(params.model_id);
      access.readExperiment(model.info.experiment_id);
      return { model: modelJson(model) };
    },
  },
  {
    method: 'PATCH',
    path: '/mlflow/logged-models/{model_id}',
    handler: (context) => {
      writableModel(context);
      const model = context.tracking.finalizeLoggedModel(context.params.model_id, context.input.string('status'));
      return { model: modelJson(model) };
    },
  },
  {
    method: 'DELETE',
    path: '/mlflow/logged-models/{model_id}',
    handler: (context) => {
      writableModel(context);
      context.tracking.deleteLoggedModel(context.params.model_id);
      return {};
    },
  },
  {
    method: 'PATCH',
    path: '/mlflow/logged-models/{model_id}/tags',
    handler: (context) => {
      writableModel(context);
      context.tracking.setLoggedModelTags(context.params.model_id, context.input.keyValues('tags'));
      return {};
    },
  },
  {
    method: 'DELETE',
    path: '/mlflow/logged-models/{model_id}/tags/{tag_key}',
    handler: (context) => {
      writableModel(context);
      context.tracking.deleteLoggedModelTag(context.params.model_id, context.params.tag_key);
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/logged-models/{model_id}/params',
    handler: (context) => {
      writableModel(context);
      context.tracking.logLoggedModelParams(context.params.model_id, context.input.keyValues('params'));
      return {};
    },
  },
  {
    method: 'GET',
    path: '/mlflow/logged-models/{model_id}/artifacts/directories',
    handler: ({ params, input, tracking, artifacts, access }) => {
      const model = tracking.requireLoggedModel(params.model_id);
      access.readExperiment(model.info.experiment_id);
      const folder = input.optionalString('artifact_directory_path') ?? '';
      return { root_uri: model.info.artifact_uri, files: artifacts.list({ kind: 'model', id: params.model_id }, folder, { fullPaths: true }) };
    },
  },
  {
    method: 'GET',
    path: '/mlflow/logged-models/{model_id}/artifacts/files',
    handler: ({ params, input, tracking, artifacts, access }): FileReply => {
      const model = tracking.requireLoggedModel(params.model_id);
      access.readExperiment(model.info.experiment_id);
      const path = input.string('artifact_file_path');
      const entry = artifacts.file({ kind: 'model', id: params.model_id, experimentId: model.info.experiment_id, path });
      if (!entry) throw invalid(`No file ${path} in logged model ${params.model_id}.`);
      return { file: artifacts.blobPath(entry), size: entry.size, name: path.split('/').at(-1) ?? path };
    },
  },
];
