import type { ArtifactOwner } from './artifact-store.ts';
import { MlflowError, notFound } from './errors.ts';
import type { FileReply, Route, RouteContext } from './route-types.ts';

/** Resolves the path and checks the token: reads need the owner's experiment, writes the run or model. */
function owner(context: RouteContext, path: string, write: boolean): ArtifactOwner {
  const found = context.artifacts.resolve(path);
  if (!write) context.access.readExperiment(found.experimentId);
  else if (found.kind === 'run') context.access.writeRun(found.id);
  else {
    const model = context.tracking.requireLoggedModel(found.id);
    context.access.writeLoggedModel(model.info.experiment_id, model.info.source_run_id);
  }
  return found;
}

/** The `mlflow-artifacts` proxy (what `mlflow-artifacts:/…` URIs resolve to): upload, download, list, delete. */
export const artifactRoutes: Route[] = [
  {
    method: 'PUT',
    path: '/mlflow-artifacts/artifacts/{*path}',
    rawBody: true,
    handler: async (context) => {
      const found = owner(context, context.params.path, true);
      if (found.kind === 'run') {
        const run = context.tracking.requireRunRow(found.id);
        if (run.lifecycle_stage !== 'active') throw new MlflowError('INVALID_PARAMETER_VALUE', `The run ${found.id} must be in the 'active' state. Current state is ${run.lifecycle_stage}.`);
      }
      await context.artifacts.put(found, context.request);
      return {};
    },
  },
  {
    method: 'GET',
    path: '/mlflow-artifacts/artifacts/{*path}',
    handler: (context): FileReply => {
      const found = owner(context, context.params.path, false);
      const entry = context.artifacts.file(found);
      if (!entry) throw notFound(`No such file or directory: '${context.params.path}'`);
      return { file: context.artifacts.blobPath(entry), size: entry.size, name: found.path.split('/').at(-1) ?? found.path };
    },
  },
  {
    method: 'DELETE',
    path: '/mlflow-artifacts/artifacts/{*path}',
    handler: (context) => {
      context.artifacts.delete(owner(context, context.params.path, true));
      return {};
    },
  },
  {
    method: 'GET',
    path: '/mlflow-artifacts/artifacts',
    handler: (context) => {
      const path = context.input.optionalString('path') ?? '';
      let found: ArtifactOwner;
      try {
        found = owner(context, path, false);
      } catch (error) {
        // Above a run or model (an experiment folder): nothing Benchtop lists there.
        if (error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST' && path.split('/').filter(Boolean).length < 3) return { files: [] };
        throw error;
      }
      return { files: context.artifacts.list(found, found.path, { fullPaths: false }) };
    },
  },
];
