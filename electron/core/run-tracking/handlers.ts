import { ApiError } from '../../../shared/api/errors.ts';
import type { ExperimentSource, TrackingRun, TrackingStatus, trackingMethods } from '../../../shared/api/methods/tracking.ts';
import { parseRunFilter } from '../../../shared/tracking/run-filter.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { Experiment, Run } from '../tracking/entities.ts';
import { MlflowError } from '../tracking/errors.ts';
import type { TrackingStore } from '../tracking/tracking-store.ts';
import type { TrackingEvents } from './tracking-events.ts';

export interface TrackingHandlerDeps {
  tracking: TrackingStore;
  trackingEvents: TrackingEvents;
  /** Where the endpoint listens and whether it is served (the tracking server's status). */
  trackingStatus: () => Promise<TrackingStatus>;
}

const SOURCES = new Set<ExperimentSource>(['pipeline', 'environment', 'import', 'client']);

/** benchtop.source when Benchtop made it; an artifact location outside the endpoint's store means imported; else a client's. */
export function experimentSource(experiment: Pick<Experiment, 'tags' | 'artifact_location'>): ExperimentSource {
  const tagged = experiment.tags.find((t) => t.key === 'benchtop.source')?.value as ExperimentSource | undefined;
  if (tagged && SOURCES.has(tagged)) return tagged;
  return experiment.artifact_location.startsWith('mlflow-artifacts:') ? 'client' : 'import';
}

function toRun(run: Run, names: Map<string, string>): TrackingRun {
  const info = run.info;
  const tags = Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
  return {
    runId: info.run_id,
    experimentId: info.experiment_id,
    experimentName: names.get(info.experiment_id) ?? info.experiment_id,
    runName: info.run_name || null,
    status: info.status,
    startTime: info.start_time,
    endTime: info.end_time,
    lifecycleStage: info.lifecycle_stage,
    parentRunId: tags['mlflow.parentRunId'] ?? null,
    metrics: Object.fromEntries(run.data.metrics.filter((m) => Number.isFinite(m.value)).map((m) => [m.key, m.value])),
    params: Object.fromEntries(run.data.params.map((p) => [p.key, p.value])),
    tags,
  };
}

function asApiError(error: unknown): never {
  if (error instanceof MlflowError) {
    throw new ApiError(error.errorCode === 'RESOURCE_DOES_NOT_EXIST' ? 'not_found' : 'invalid_input', error.message);
  }
  throw error;
}

/** The Experiments page's reads over the tracking store, and its live stream. */
export function createTrackingHandlers(deps: TrackingHandlerDeps): HandlersFor<keyof typeof trackingMethods> {
  const { tracking } = deps;
  const allExperiments = (includeDeleted: boolean) => tracking.searchExperiments({ viewType: includeDeleted ? 'ALL' : 'ACTIVE_ONLY', maxResults: 50_000 }).items;
  const experimentNames = () => new Map(allExperiments(true).map((e) => [e.experiment_id, e.name]));
  return {
    'tracking.status': () => deps.trackingStatus(),
    'tracking.experiments': async ({ includeDeleted }) => {
      const counts = new Map(
        (
          tracking.store.db
            .prepare(`SELECT experiment_id, count(*) AS runs, max(start_time) AS last FROM mlflow_runs WHERE lifecycle_stage = 'active' OR ? GROUP BY experiment_id`)
            .all(includeDeleted ? 1 : 0) as { experiment_id: string; runs: number; last: number | null }[]
        ).map((row) => [row.experiment_id, row]),
      );
      return allExperiments(includeDeleted)
        .map((e) => ({
          experimentId: e.experiment_id,
          name: e.name,
          lifecycleStage: e.lifecycle_stage,
          creationTime: e.creation_time,
          lastUpdateTime: e.last_update_time,
          tags: Object.fromEntries(e.tags.map((t) => [t.key, t.value])),
          source: experimentSource(e),
          runCount: Number(counts.get(e.experiment_id)?.runs ?? 0),
          lastRunTime: counts.get(e.experiment_id)?.last ?? null,
        }))
        .filter((e) => e.runCount > 0 || e.experimentId !== '0')
        .sort((a, b) => (b.lastRunTime ?? b.creationTime ?? 0) - (a.lastRunTime ?? a.creationTime ?? 0));
    },
    'tracking.runs': async ({ experimentIds, filter, orderBy, maxResults, includeDeleted }) => {
      const parsed = parseRunFilter(filter);
      if (!parsed.ok) throw new ApiError('invalid_input', parsed.message, { column: parsed.column });
      const names = experimentNames();
      const ids = experimentIds.length > 0 ? experimentIds : [...names.keys()];
      for (const id of experimentIds) if (!names.has(id)) throw new ApiError('not_found', `No experiment ${id}: pick one from the list.`);
      let page;
      try {
        page = tracking.searchRuns({ experimentIds: ids, filter, orderBy, maxResults, viewType: includeDeleted ? 'ALL' : 'ACTIVE_ONLY' });
      } catch (error) {
        asApiError(error);
      }
      const runs = page.items.map((run) => toRun(run, names));
      const keys = (pick: (run: TrackingRun) => Record<string, unknown>) => [...new Set(runs.flatMap((r) => Object.keys(pick(r))))].sort();
      return { runs, metricKeys: keys((r) => r.metrics), paramKeys: keys((r) => r.params), tagKeys: keys((r) => r.tags), truncated: page.nextPageToken !== undefined };
    },
    'tracking.run': async ({ runId }) => {
      const run = tracking.getRun(runId);
      if (!run) throw new ApiError('not_found', `No tracking run ${runId}.`);
      const keys = (tracking.store.db.prepare('SELECT DISTINCT key FROM mlflow_metrics WHERE run_id = ? ORDER BY key').all(runId) as { key: string }[]).map((r) => r.key);
      return { ...toRun(run, experimentNames()), metricKeys: keys };
    },
    'tracking.metricHistory': async ({ runIds, keys, maxPoints }) => {
      const series = [];
      for (const key of keys) {
        let points;
        try {
          points = tracking.getMetricHistoryBulkInterval(runIds, key, { maxResults: maxPoints });
        } catch (error) {
          asApiError(error);
        }
        for (const runId of runIds) {
          const own = points.filter((p) => p.run_id === runId && Number.isFinite(p.value)).map((p) => ({ step: p.step, timestamp: p.timestamp, value: p.value }));
          if (own.length > 0) series.push({ runId, key, points: own });
        }
      }
      return series;
    },
    'tracking.events': async ({ runIds }, sink, signal) => {
      const wanted = runIds && runIds.length > 0 ? new Set(runIds) : null;
      const stop = deps.trackingEvents.subscribe((event) => {
        // Run changes always pass (a new attempt's run is a new id the page does not know yet).
        if (wanted && event.type === 'metrics' && !wanted.has(event.runId)) return;
        sink.next(event);
      });
      try {
        await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
      } finally {
        stop();
      }
    },
  };
}
