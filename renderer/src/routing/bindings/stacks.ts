import { useStacksUiStore } from '../../stacks/stacks-ui-store.ts';
import type { PageBinding } from '../page-binding.ts';
import { pageRoute, route } from '../route-table.ts';

/** /stacks, /stacks/PROJECT (the stack's merged logs open beside its card) ↔ stacks/stacks-ui-store.ts. */
export const stacksBinding: PageBinding = {
  page: 'stacks',
  stores: [useStacksUiStore],
  apply(r) {
    const store = useStacksUiStore.getState();
    const project = r.name === 'stack' ? r.params.project : null;
    if (store.mergedLogs !== project && (project !== null || store.mergedLogs !== null)) store.showMergedLogs(project);
  },
  current() {
    const project = useStacksUiStore.getState().mergedLogs;
    return project ? route('stack', { project }) : pageRoute('stacks');
  },
};
