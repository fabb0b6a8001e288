import { MONITOR_REFERENCE, type WhenResolver } from '../../../shared/pipeline/when.ts';

/**
 * The `when:` resolver for monitors: `monitors.NAME.FIELD` → FIELD of the monitor's latest result
 * (drift_share, dataset_drifted, drifted_columns, tested_columns, alert, status, at, and quality
 * metrics by name). A missing monitor, no result yet or a null value is an error naming it, so the
 * gated step is errored with a reason instead of silently skipped.
 */
export function monitorWhenResolver(values: (monitor: string) => Record<string, number | boolean | string | null> | null): WhenResolver {
  return (word) => {
    const match = MONITOR_REFERENCE.exec(word);
    if (!match) return undefined;
    const [, monitor, field] = match;
    const latest = values(monitor);
    if (!latest) throw new Error(`monitor ${monitor} has no result yet (run it: benchtop monitor run ${monitor})`);
    if (!(field in latest)) throw new Error(`monitors.${monitor} has no field "${field}" (it has ${Object.keys(latest).join(', ')})`);
    const value = latest[field];
    if (value === null) throw new Error(`monitors.${monitor}.${field} is empty in the latest result (no verdict: too few rows or an error)`);
    return value;
  };
}
