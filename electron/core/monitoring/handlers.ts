import type { monitoringMethods } from '../../../shared/api/methods/monitoring.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import { buildMonitorReport } from './monitor-service.ts';
import type { MonitorService } from './monitor-service.ts';
import type { SourceDeps } from './data-sources.ts';

/** shared/api/methods/monitoring.ts → the monitor service. */
export function createMonitoringHandlers(deps: { monitors: MonitorService; sources: SourceDeps }): HandlersFor<keyof typeof monitoringMethods> {
  const { monitors } = deps;
  return {
    'monitors.list': async () => monitors.list(),
    'monitors.get': async ({ name, limit }) => monitors.detail(name, limit),
    'monitors.result': async ({ id }) => monitors.result(id),
    'monitors.save': async (spec) => monitors.save(spec),
    'monitors.delete': async ({ name }) => {
      monitors.delete(name);
      return { deleted: name };
    },
    'monitors.setEnabled': async ({ name, enabled }) => monitors.setEnabled(name, enabled),
    'monitors.run': async ({ name }) => monitors.run(name),
    'monitors.report': async ({ reference, current, model, minRows, driftShare }) => {
      const spec = { name: 'report', description: '', reference: { kind: 'file' as const, path: reference }, current: { kind: 'file' as const, path: current }, model, labels: null, schedule: null, thresholds: { driftShare, quality: [] }, minRows };
      return (await buildMonitorReport(deps.sources, spec, Date.now())).report;
    },
    'monitors.events': async (_input, sink, signal) => {
      if (signal.aborted) return;
      // While someone follows the results (the UI, benchtop monitor watch), this process runs the schedules.
      const release = monitors.hold();
      await new Promise<void>((resolve) => {
        const stop = monitors.subscribe((event) => sink.next(event));
        signal.addEventListener('abort', () => (stop(), release(), resolve()), { once: true });
      });
    },
  };
}
