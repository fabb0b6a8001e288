import { useDetailsStore, type DetailsTab } from '../../container-details/details-store.ts';
import type { PageBinding } from '../page-binding.ts';
import { pageRoute, route } from '../route-table.ts';

const TABS: readonly DetailsTab[] = ['summary', 'inspect', 'stats', 'terminal'];

/** /containers, /containers/ID, /containers/ID/TAB ↔ container-details/details-store.ts (the details panel). */
export const containersBinding: PageBinding = {
  page: 'containers',
  stores: [useDetailsStore],
  apply(r) {
    const store = useDetailsStore.getState();
    if (r.name !== 'container' && r.name !== 'container-tab') {
      if (store.open) store.closeDetails();
      return;
    }
    const tab = TABS.find((t) => t === r.params.tab) ?? 'summary';
    // The panel shows the live list's name once the container is known; the id until then.
    if (store.open?.id === r.params.id) store.setTab(tab);
    else store.showDetails(r.params.id, r.params.id, tab);
  },
  current() {
    const open = useDetailsStore.getState().open;
    if (!open) return pageRoute('containers');
    return open.tab === 'summary' ? route('container', { id: open.id }) : route('container-tab', { id: open.id, tab: open.tab });
  },
};
