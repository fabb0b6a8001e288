import { z } from 'zod';
import { driftReportSchema } from './report-model.ts';

/** A monitor: reference, current data over a window, the model version, labels, schedule, thresholds. */

export const MONITOR_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const path = z.string().min(1).max(4096);

export const referenceSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path }),
  /** A catalog feature set version (latest when no version). */
  z.strictObject({ kind: z.literal('featureSet'), name: z.string().min(1).max(256), version: z.number().int().min(1).optional() }),
  /** A step's output artifact: of the given run, or of the latest succeeded run of `pipeline`. */
  z.strictObject({ kind: z.literal('artifact'), runId: z.string().max(64).optional(), pipeline: z.string().max(63).optional(), step: z.string().min(1).max(63), artifact: z.string().min(1).max(63), path: z.string().max(1024).optional() }),
]);

export const currentSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path }),
  z.strictObject({ kind: z.literal('artifact'), runId: z.string().max(64).optional(), pipeline: z.string().max(63).optional(), step: z.string().min(1).max(63), artifact: z.string().min(1).max(63), path: z.string().max(1024).optional() }),
  /** A served endpoint's captured requests over the monitor's last `window` (e.g. 1h, 30m, 1d). */
  z.strictObject({ kind: z.literal('endpoint'), endpoint: z.string().min(1).max(128), window: z.string().regex(/^\d+(s|m|h|d)$/).default('1h') }),
]);

export const labelsSourceSchema = z.discriminatedUnion('kind', [
  /** Labels (and optionally predictions) as columns of the current data. */
  z.strictObject({ kind: z.literal('column'), column: z.string().min(1).max(256), predictionColumn: z.string().min(1).max(256).optional() }),
  /** Labels in a CSV/Parquet file joined to the endpoint's captured requests by request id. */
  z.strictObject({ kind: z.literal('file'), path, idColumn: z.string().min(1).max(256), labelColumn: z.string().min(1).max(256) }),
]);

export const qualityThresholdSchema = z.strictObject({ metric: z.string().min(1).max(64), min: z.number().optional(), max: z.number().optional() });

export const monitorSpecSchema = z.strictObject({
  name: z.string().regex(MONITOR_NAME, 'lower-case letters, digits, - and _ (≤ 63), starting with a letter or digit'),
  description: z.string().max(2000).default(''),
  reference: referenceSourceSchema,
  current: currentSourceSchema,
  /** NAME@ALIAS or NAME@VERSION: its signature names and types the columns, its metrics sit beside quality. */
  model: z.string().max(300).nullable().default(null),
  labels: labelsSourceSchema.nullable().default(null),
  /** Cron (croner: 5 or 6 fields) and optional IANA zone; none → runs only when asked. */
  schedule: z.strictObject({ cron: z.string().min(1).max(200), timezone: z.string().max(64).optional() }).nullable().default(null),
  /** Columns to test (default: the model's inputs, else the reference's columns). */
  columns: z.array(z.string().min(1).max(256)).max(2000).optional(),
  thresholds: z
    .strictObject({
      /** Alert when the share of drifted columns reaches this (Evidently's dataset rule; 0.5 by default). */
      driftShare: z.number().min(0).max(1).default(0.5),
      quality: z.array(qualityThresholdSchema).max(20).default([]),
    })
    .default({ driftShare: 0.5, quality: [] }),
  minRows: z.number().int().min(1).max(1_000_000).default(30),
});

export const monitorStatusSchema = z.enum(['ok', 'alert', 'refused', 'error']);

export const monitorResultSummarySchema = z.object({
  id: z.number().int(),
  monitor: z.string(),
  at: z.number(),
  windowStart: z.number().nullable(),
  windowEnd: z.number().nullable(),
  status: monitorStatusSchema,
  driftShare: z.number().nullable(),
  datasetDrifted: z.boolean().nullable(),
  driftedColumns: z.number().int(),
  testedColumns: z.number().int(),
  quality: z.record(z.string(), z.number().nullable()),
  alerts: z.array(z.string()),
  error: z.string().nullable(),
});

export const monitorResultSchema = monitorResultSummarySchema.extend({ report: driftReportSchema.nullable() });

export const monitorSummarySchema = z.object({
  name: z.string(),
  spec: monitorSpecSchema,
  enabled: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  nextRun: z.number().nullable(),
  latest: monitorResultSummarySchema.nullable(),
});

export const monitorEventSchema = z.object({
  type: z.literal('result'),
  monitor: z.string(),
  result: monitorResultSummarySchema,
});

export type MonitorSpec = z.output<typeof monitorSpecSchema>;
export type MonitorSpecInput = z.input<typeof monitorSpecSchema>;
export type ReferenceSource = z.output<typeof referenceSourceSchema>;
export type CurrentSource = z.output<typeof currentSourceSchema>;
export type LabelsSource = z.output<typeof labelsSourceSchema>;
export type MonitorStatus = z.infer<typeof monitorStatusSchema>;
export type MonitorResultSummary = z.infer<typeof monitorResultSummarySchema>;
export type MonitorResult = z.infer<typeof monitorResultSchema>;
export type MonitorSummary = z.infer<typeof monitorSummarySchema>;
export type MonitorEvent = z.infer<typeof monitorEventSchema>;

/** The values a pipeline `when:` can read as monitors.NAME.FIELD: the latest result's. */
export function monitorWhenValues(result: MonitorResultSummary): Record<string, number | boolean | string | null> {
  return {
    drift_share: result.driftShare,
    dataset_drifted: result.datasetDrifted,
    drifted_columns: result.driftedColumns,
    tested_columns: result.testedColumns,
    alert: result.status === 'alert',
    status: result.status,
    at: result.at,
    ...result.quality,
  };
}

/** Parses "30m", "1h", "2d" into milliseconds. */
export function windowMs(window: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(window);
  if (!match) throw new Error(`"${window}" is not a window: use e.g. 30m, 1h, 1d`);
  return Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
}
