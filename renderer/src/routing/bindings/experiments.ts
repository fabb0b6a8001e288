import { useExperimentsUi } from '../../experiments/experiments-ui-store.ts';
import type { PageBinding } from '../page-binding.ts';
import { pageRoute, route } from '../route-table.ts';

/** /experiments, /experiments/EXP, /experiments/EXP/runs/RUN, /experiments/runs/RUN (all experiments) ↔ experiments/experiments-ui-store.ts. */
export const experimentsBinding: PageBinding = {
  page: 'experiments',
  stores: [useExperimentsUi],
  apply(r) {
    const ui = useExperimentsUi.getState();
    const experiment = r.name === 'experiment' || r.name === 'experiment-run' ? r.params.experiment : null;
    const run = r.name === 'experiment-run' || r.name === 'experiments-run' ? r.params.run : null;
    if (ui.experimentId !== experiment) ui.pickExperiment(experiment);
    if (useExperimentsUi.getState().openRunId !== run || ui.tab !== 'runs') ui.openRun(run);
  },
  current() {
    const { experimentId, openRunId } = useExperimentsUi.getState();
    if (openRunId) return experimentId ? route('experiment-run', { experiment: experimentId, run: openRunId }) : route('experiments-run', { run: openRunId });
    return experimentId ? route('experiment', { experiment: experimentId }) : pageRoute('experiments');
  },
};
