import { z } from 'zod';
import { monitorEventSchema, monitorResultSchema, monitorResultSummarySchema, monitorSpecSchema, monitorSummarySchema } from '../../monitoring/monitor-model.ts';
import { driftReportSchema } from '../../monitoring/report-model.ts';
import type { MethodSpec } from '../method-spec.ts';

const name = z.string().min(1).max(63);

/** Monitoring (issue 16): drift and quality monitors, their results over time, ad-hoc reports. */
export const monitoringMethods = {
  /** Every monitor with its latest result and next scheduled run. */
  'monitors.list': { kind: 'query', input: z.strictObject({}), output: z.array(monitorSummarySchema) },
  /** A monitor, its result series (oldest first) and its latest full report. */
  'monitors.get': {
    kind: 'query',
    input: z.strictObject({ name, limit: z.number().int().min(1).max(10_000).default(500) }),
    output: z.object({ monitor: monitorSummarySchema, results: z.array(monitorResultSummarySchema), latest: monitorResultSchema.nullable() }),
  },
  /** One stored result with its full report (per-column details). */
  'monitors.result': { kind: 'query', input: z.strictObject({ id: z.number().int().min(1) }), output: monitorResultSchema },
  /** Creates or replaces a monitor (checked first: schema, cron). */
  'monitors.save': { kind: 'mutation', input: monitorSpecSchema, output: monitorSummarySchema },
  'monitors.delete': { kind: 'mutation', input: z.strictObject({ name }), output: z.object({ deleted: z.string() }) },
  'monitors.setEnabled': { kind: 'mutation', input: z.strictObject({ name, enabled: z.boolean() }), output: monitorSummarySchema },
  /** Runs a monitor over its last window now; alerts go to monitors.events listeners. */
  'monitors.run': { kind: 'mutation', input: z.strictObject({ name }), output: monitorResultSchema },
  /** A one-off drift report of two files (CSV or Parquet) on the machine that runs Benchtop. */
  'monitors.report': {
    kind: 'mutation',
    input: z.strictObject({
      reference: z.string().min(1).max(4096),
      current: z.string().min(1).max(4096),
      model: z.string().max(300).nullable().default(null),
      minRows: z.number().int().min(1).default(30),
      driftShare: z.number().min(0).max(1).default(0.5),
    }),
    output: driftReportSchema,
  },
  /** Each new result of any monitor run in this process (scheduled or asked), alerts included; while followed, this process runs the monitors' schedules. */
  'monitors.events': { kind: 'stream', input: z.strictObject({}), output: monitorEventSchema },
} as const satisfies Record<string, MethodSpec>;
