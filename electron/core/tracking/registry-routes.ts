import type { Route } from './route-types.ts';

/**
 * The model registry over the catalog. Any token reads it and may register (a step registers its
 * model); creating a version from a run needs read access to that run; deletes need an all-scope token.
 */
export const registryRoutes: Route[] = [
  {
    method: 'POST',
    path: '/mlflow/registered-models/create',
    handler: ({ input, registry }) => ({ registered_model: registry.createRegisteredModel(input.string('name'), { description: input.optionalString('description'), tags: input.keyValues('tags') }) }),
  },
  { method: 'GET', path: '/mlflow/registered-models/get', handler: ({ input, registry }) => ({ registered_model: registry.getRegisteredModel(input.string('name')) }) },
  {
    method: 'PATCH',
    path: '/mlflow/registered-models/update',
    handler: ({ input, registry }) => ({ registered_model: registry.updateRegisteredModel(input.string('name'), input.optionalString('description') ?? '') }),
  },
  {
    method: 'DELETE',
    path: '/mlflow/registered-models/delete',
    handler: ({ input, registry, access }) => {
      access.requireAll('delete registered models');
      registry.deleteRegisteredModel(input.string('name'));
      return {};
    },
  },
  {
    method: 'GET',
    path: '/mlflow/registered-models/search',
    handler: ({ input, registry }) => {
      const page = registry.searchRegisteredModels({ filter: input.optionalString('filter'), maxResults: input.optionalInteger('max_results'), orderBy: input.strings('order_by'), pageToken: input.optionalString('page_token') });
      return { registered_models: page.items, ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
    },
  },
  {
    method: 'POST',
    path: '/mlflow/registered-models/get-latest-versions',
    handler: ({ input, registry }) => ({ model_versions: registry.getLatestVersions(input.string('name'), input.strings('stages')) }),
  },
  {
    method: 'GET',
    path: '/mlflow/registered-models/get-latest-versions',
    handler: ({ input, registry }) => ({ model_versions: registry.getLatestVersions(input.string('name'), input.strings('stages')) }),
  },
  {
    method: 'POST',
    path: '/mlflow/registered-models/set-tag',
    handler: ({ input, registry }) => {
      registry.setRegisteredModelTag(input.string('name'), input.string('key'), input.optionalString('value') ?? '');
      return {};
    },
  },
  {
    method: 'DELETE',
    path: '/mlflow/registered-models/delete-tag',
    handler: ({ input, registry }) => {
      registry.deleteRegisteredModelTag(input.string('name'), input.string('key'));
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/registered-models/alias',
    handler: ({ input, registry }) => {
      registry.setAlias(input.string('name'), input.string('alias'), input.string('version'));
      return {};
    },
  },
  {
    method: 'DELETE',
    path: '/mlflow/registered-models/alias',
    handler: ({ input, registry }) => {
      registry.deleteAlias(input.string('name'), input.string('alias'));
      return {};
    },
  },
  { method: 'GET', path: '/mlflow/registered-models/alias', handler: ({ input, registry }) => ({ model_version: registry.getVersionByAlias(input.string('name'), input.string('alias')) }) },
  {
    method: 'POST',
    path: '/mlflow/model-versions/create',
    handler: async ({ input, registry, access, tracking }) => {
      const runId = input.optionalString('run_id') || null;
      if (runId && tracking.runOwner(runId)) access.readRun(runId);
      const version = await registry.createModelVersion({
        name: input.string('name'),
        source: input.string('source'),
        runId,
        tags: input.keyValues('tags'),
        runLink: input.optionalString('run_link') || null,
        description: input.optionalString('description') || null,
        modelId: input.optionalString('model_id') || null,
      });
      return { model_version: version };
    },
  },
  { method: 'GET', path: '/mlflow/model-versions/get', handler: ({ input, registry }) => ({ model_version: registry.getModelVersion(input.string('name'), input.string('version')) }) },
  {
    method: 'PATCH',
    path: '/mlflow/model-versions/update',
    handler: ({ input, registry }) => ({ model_version: registry.updateModelVersion(input.string('name'), input.string('version'), input.optionalString('description') ?? '') }),
  },
  {
    method: 'DELETE',
    path: '/mlflow/model-versions/delete',
    handler: ({ input, registry, access }) => {
      access.requireAll('delete model versions');
      registry.deleteModelVersion(input.string('name'), input.string('version'));
      return {};
    },
  },
  {
    method: 'GET',
    path: '/mlflow/model-versions/search',
    handler: ({ input, registry }) => {
      const page = registry.searchModelVersions({ filter: input.optionalString('filter'), maxResults: input.optionalInteger('max_results'), orderBy: input.strings('order_by'), pageToken: input.optionalString('page_token') });
      return { model_versions: page.items, ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
    },
  },
  {
    method: 'GET',
    path: '/mlflow/model-versions/get-download-uri',
    handler: ({ input, registry }) => ({ artifact_uri: registry.getDownloadUri(input.string('name'), input.string('version')) }),
  },
  {
    method: 'POST',
    path: '/mlflow/model-versions/set-tag',
    handler: ({ input, registry }) => {
      registry.setModelVersionTag(input.string('name'), input.string('version'), input.string('key'), input.optionalString('value') ?? '');
      return {};
    },
  },
  {
    method: 'DELETE',
    path: '/mlflow/model-versions/delete-tag',
    handler: ({ input, registry }) => {
      registry.deleteModelVersionTag(input.string('name'), input.string('version'), input.string('key'));
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/model-versions/transition-stage',
    handler: ({ input, registry }) => ({ model_version: registry.transitionStage(input.string('name'), input.string('version'), input.string('stage'), input.boolean('archive_existing_versions')) }),
  },
];
