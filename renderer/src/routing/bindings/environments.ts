import { useEnvironmentsUi } from '../../environments/environments-ui-store.ts';
import type { PageBinding } from '../page-binding.ts';
import { pageRoute, route } from '../route-table.ts';

/** /environments, /environments/ID (that environment's card first and highlighted) ↔ environments/environments-ui-store.ts. */
export const environmentsBinding: PageBinding = {
  page: 'environments',
  stores: [useEnvironmentsUi],
  apply(r) {
    useEnvironmentsUi.getState().select(r.name === 'environment' ? r.params.id : null);
  },
  current() {
    const selected = useEnvironmentsUi.getState().selected;
    return selected ? route('environment', { id: selected }) : pageRoute('environments');
  },
};
