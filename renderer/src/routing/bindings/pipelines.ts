import { usePipelinesUiStore } from '../../pipelines/pipelines-ui-store.ts';
import type { PageBinding } from '../page-binding.ts';
import { pageRoute, route } from '../route-table.ts';

/** /pipelines, /pipelines/FILE, /pipelines/FILE/steps/STEP ↔ pipelines/pipelines-ui-store.ts (FILE: the file's path, one encoded segment). */
export const pipelinesBinding: PageBinding = {
  page: 'pipelines',
  stores: [usePipelinesUiStore],
  apply(r) {
    const store = usePipelinesUiStore.getState();
    const file = r.name === 'pipeline' || r.name === 'pipeline-step' ? r.params.file : null;
    if (store.openFile !== file) store.open(file);
    const step = r.name === 'pipeline-step' ? r.params.step : null;
    if (usePipelinesUiStore.getState().selectedStep !== step) store.selectStep(step);
  },
  current() {
    const { openFile, selectedStep } = usePipelinesUiStore.getState();
    if (openFile === null) return pageRoute('pipelines');
    return selectedStep ? route('pipeline-step', { file: openFile, step: selectedStep }) : route('pipeline', { file: openFile });
  },
};
