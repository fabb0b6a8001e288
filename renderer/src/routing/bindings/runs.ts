import { useRunsUi } from '../../runs/runs-ui-store.ts';
import type { PageBinding } from '../page-binding.ts';
import { pageRoute, route } from '../route-table.ts';

/** /runs, /runs/compare, /runs/RUN, /runs/RUN/steps/STEP ↔ runs/runs-ui-store.ts. */
export const runsBinding: PageBinding = {
  page: 'runs',
  stores: [useRunsUi],
  apply(r) {
    const ui = useRunsUi.getState();
    if (r.name === 'runs-compare') ui.setTab('compare');
    else if (r.name === 'run' || r.name === 'run-step') ui.showRunStep(r.params.run, r.params.step ?? null);
    else ui.showRun(null);
  },
  current() {
    const { tab, openRunId, openStep } = useRunsUi.getState();
    if (tab === 'compare') return route('runs-compare', {});
    if (openRunId === null) return pageRoute('runs');
    return openStep ? route('run-step', { run: openRunId, step: openStep }) : route('run', { run: openRunId });
  },
};
