import type { ViewType } from './entities.ts';
import { invalid, notFound } from './errors.ts';
import type { Route, RouteContext } from './route-types.ts';

const VIEW_TYPES: Record<string, ViewType> = { '1': 'ACTIVE_ONLY', '2': 'DELETED_ONLY', '3': 'ALL', ACTIVE_ONLY: 'ACTIVE_ONLY', DELETED_ONLY: 'DELETED_ONLY', ALL: 'ALL' };

/** MLflow's ViewType as proto JSON sends it (name or number); ACTIVE_ONLY by default. */
export function viewType(value: string | undefined): ViewType {
  if (value === undefined || value === '') return 'ACTIVE_ONLY';
  const found = VIEW_TYPES[value.toUpperCase()];
  if (!found) throw invalid(`Invalid view type ${value}: use ACTIVE_ONLY, DELETED_ONLY or ALL.`);
  return found;
}

function searchExperiments({ input, tracking, access }: RouteContext) {
  const page = tracking.searchExperiments({
    viewType: viewType(input.optionalString('view_type')),
    maxResults: input.optionalInteger('max_results'),
    pageToken: input.optionalString('page_token'),
    filter: input.optionalString('filter'),
    orderBy: input.strings('order_by'),
  });
  const visible = access.visibleExperiments();
  const experiments = visible === null ? page.items : page.items.filter((e) => visible.includes(e.experiment_id));
  return { experiments, ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
}

/** experiments/*: create, get, get-by-name, search (GET and POST), update, delete, restore, tags. */
export const experimentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/mlflow/experiments/create',
    handler: ({ input, tracking, access }) => {
      access.requireAll('create experiments');
      return { experiment_id: tracking.createExperiment({ name: input.string('name'), artifactLocation: input.optionalString('artifact_location'), tags: input.keyValues('tags') }) };
    },
  },
  {
    method: 'GET',
    path: '/mlflow/experiments/get',
    handler: ({ input, tracking, access }) => {
      const id = input.string('experiment_id');
      const experiment = tracking.requireExperiment(id);
      access.readExperiment(id);
      return { experiment };
    },
  },
  {
    method: 'GET',
    path: '/mlflow/experiments/get-by-name',
    handler: ({ input, tracking, access }) => {
      const name = input.string('experiment_name');
      const experiment = tracking.getExperimentByName(name);
      if (!experiment) throw notFound(`Could not find experiment with name '${name}'`);
      access.readExperiment(experiment.experiment_id);
      return { experiment };
    },
  },
  { method: 'GET', path: '/mlflow/experiments/search', handler: searchExperiments },
  { method: 'POST', path: '/mlflow/experiments/search', handler: searchExperiments },
  {
    method: 'POST',
    path: '/mlflow/experiments/update',
    handler: ({ input, tracking, access }) => {
      const id = input.string('experiment_id');
      access.writeExperiment(id);
      tracking.updateExperiment(id, input.string('new_name'));
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/experiments/delete',
    handler: ({ input, tracking, access }) => {
      const id = input.string('experiment_id');
      access.writeExperiment(id);
      tracking.deleteExperiment(id);
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/experiments/restore',
    handler: ({ input, tracking, access }) => {
      const id = input.string('experiment_id');
      access.writeExperiment(id);
      tracking.restoreExperiment(id);
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/experiments/set-experiment-tag',
    handler: ({ input, tracking, access }) => {
      const id = input.string('experiment_id');
      access.writeExperiment(id);
      tracking.setExperimentTag(id, input.string('key'), input.optionalString('value') ?? '');
      return {};
    },
  },
  {
    method: 'POST',
    path: '/mlflow/experiments/delete-experiment-tag',
    handler: ({ input, tracking, access }) => {
      const id = input.string('experiment_id');
      access.writeExperiment(id);
      tracking.deleteExperimentTag(id, input.string('key'));
      return {};
    },
  },
];
