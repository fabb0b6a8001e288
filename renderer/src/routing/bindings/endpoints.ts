import { useEndpointsUi } from '../../endpoints/endpoints-ui-store.ts';
import type { PageBinding } from '../page-binding.ts';
import { pageRoute, route } from '../route-table.ts';

/** /endpoints, /endpoints/NAME ↔ endpoints/endpoints-ui-store.ts (the page picks the first endpoint itself). */
export const endpointsBinding: PageBinding = {
  page: 'endpoints',
  stores: [useEndpointsUi],
  autoSelects: true,
  apply(r) {
    const name = r.name === 'endpoint' ? r.params.name : null;
    if (useEndpointsUi.getState().selected !== name) useEndpointsUi.getState().select(name);
  },
  current() {
    const selected = useEndpointsUi.getState().selected;
    return selected ? route('endpoint', { name: selected }) : pageRoute('endpoints');
  },
};
