import { z } from 'zod';
import type { MethodSpec } from '../method-spec.ts';

/** Where the MLflow-compatible tracking endpoint of this Benchtop home listens, and whether anything serves it now. */
export const trackingStatusSchema = z.object({
  serving: z.boolean(),
  /** The host-side URI (loopback), e.g. http://127.0.0.1:5123; null when no port is chosen yet. */
  uri: z.string().nullable(),
  /** What containers use (host.docker.internal); null when no port is chosen yet. */
  containerUri: z.string().nullable(),
  port: z.number().int().nullable(),
  /** Whether this process serves it (else another process does, or nobody). */
  servedHere: z.boolean(),
  /** A sentence for the UI: why it is not serving and how to start it; null while serving. */
  problem: z.string().nullable(),
});
export type TrackingStatus = z.infer<typeof trackingStatusSchema>;

/** Where an experiment's runs come from, from its tags (benchtop.source) or what its runs say. */
export const experimentSourceSchema = z.enum(['pipeline', 'environment', 'import', 'client']);
export type ExperimentSource = z.infer<typeof experimentSourceSchema>;

export const trackingExperimentSchema = z.object({
  experimentId: z.string(),
  name: z.string(),
  lifecycleStage: z.string(),
  creationTime: z.number().nullable(),
  lastUpdateTime: z.number().nullable(),
  tags: z.record(z.string(), z.string()),
  source: experimentSourceSchema,
  runCount: z.number().int(),
  /** The latest start time of its runs (ms), null when it has none. */
  lastRunTime: z.number().nullable(),
});
export type TrackingExperiment = z.infer<typeof trackingExperimentSchema>;

export const trackingRunStatusSchema = z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);
export type TrackingRunStatus = z.infer<typeof trackingRunStatusSchema>;

export const trackingRunSchema = z.object({
  runId: z.string(),
  experimentId: z.string(),
  experimentName: z.string(),
  runName: z.string().nullable(),
  status: trackingRunStatusSchema,
  startTime: z.number().nullable(),
  endTime: z.number().nullable(),
  lifecycleStage: z.string(),
  parentRunId: z.string().nullable(),
  /** The latest value of each metric (MLflow's rule: greatest step, then timestamp, then value). */
  metrics: z.record(z.string(), z.number()),
  params: z.record(z.string(), z.string()),
  tags: z.record(z.string(), z.string()),
});
export type TrackingRun = z.infer<typeof trackingRunSchema>;

export const metricPointSchema = z.object({ step: z.number(), timestamp: z.number(), value: z.number() });
export type TrackingMetricPoint = z.infer<typeof metricPointSchema>;

export const metricSeriesSchema = z.object({ runId: z.string(), key: z.string(), points: z.array(metricPointSchema) });
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

/** What `tracking.events` pushes: new metric points of a run, a run created or changed, or "look again" (another process wrote). */
export const trackingEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('metrics'), runId: z.string(), experimentId: z.string(), points: z.array(metricPointSchema.extend({ key: z.string() })) }),
  z.object({ type: z.literal('run'), runId: z.string(), experimentId: z.string(), status: trackingRunStatusSchema }),
  z.object({ type: z.literal('experiment'), experimentId: z.string() }),
  /** Another process wrote to the tracking tables: refetch what is shown. */
  z.object({ type: z.literal('changed') }),
]);
export type TrackingEvent = z.infer<typeof trackingEventSchema>;

const id = z.string().min(1).max(256);

/** The Experiments page, the step panel's live chart and `benchtop env ls` (issue 14). */
export const trackingMethods = {
  'tracking.status': { kind: 'query', input: z.strictObject({}), output: trackingStatusSchema },
  'tracking.experiments': {
    kind: 'query',
    input: z.strictObject({ includeDeleted: z.boolean().default(false) }),
    output: z.array(trackingExperimentSchema),
  },
  /**
   * Runs of some experiments (none named: all), filtered in MLflow's search grammar
   * (`metrics.loss < 0.5 and params.lr = '0.01'`). A bad filter is `invalid_input` with the column
   * in `details.column`.
   */
  'tracking.runs': {
    kind: 'query',
    input: z.strictObject({
      experimentIds: z.array(id).max(1000).default([]),
      filter: z.string().max(10_000).default(''),
      orderBy: z.array(z.string().max(500)).max(10).default([]),
      maxResults: z.number().int().min(1).max(5000).default(500),
      includeDeleted: z.boolean().default(false),
    }),
    output: z.object({
      runs: z.array(trackingRunSchema),
      /** Every metric, param and tag key of these runs (the column chooser's choices). */
      metricKeys: z.array(z.string()),
      paramKeys: z.array(z.string()),
      tagKeys: z.array(z.string()),
      truncated: z.boolean(),
    }),
  },
  'tracking.run': { kind: 'query', input: z.strictObject({ runId: id }), output: trackingRunSchema.extend({ metricKeys: z.array(z.string()) }) },
  /** Metric histories of some runs (compare overlays them), each thinned to `maxPoints` evenly by step. */
  'tracking.metricHistory': {
    kind: 'query',
    input: z.strictObject({
      runIds: z.array(id).min(1).max(50),
      keys: z.array(z.string().min(1).max(250)).min(1).max(50),
      maxPoints: z.number().int().min(10).max(100_000).default(2000),
    }),
    output: z.array(metricSeriesSchema),
  },
  /** Live changes: this process's writes as they happen, other processes' noticed through the database file. */
  'tracking.events': {
    kind: 'stream',
    input: z.strictObject({ runIds: z.array(id).max(200).optional() }),
    output: trackingEventSchema,
  },
} as const satisfies Record<string, MethodSpec>;
