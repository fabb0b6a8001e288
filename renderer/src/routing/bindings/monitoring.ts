import { useMonitoringUi } from '../../monitoring/monitoring-ui-store.ts';
import type { PageBinding } from '../page-binding.ts';
import { pageRoute, route } from '../route-table.ts';

/** /monitoring, /monitoring/NAME, /monitoring/NAME/columns/COLUMN ↔ monitoring/monitoring-ui-store.ts. */
export const monitoringBinding: PageBinding = {
  page: 'monitoring',
  stores: [useMonitoringUi],
  apply(r) {
    const ui = useMonitoringUi.getState();
    const name = r.name === 'monitor' || r.name === 'monitor-column' ? r.params.name : null;
    if (ui.selected !== name) ui.select(name);
    const column = r.name === 'monitor-column' ? r.params.column : null;
    if (useMonitoringUi.getState().column !== column) ui.selectColumn(column);
  },
  current() {
    const { selected, column } = useMonitoringUi.getState();
    if (!selected) return pageRoute('monitoring');
    return column ? route('monitor-column', { name: selected, column }) : route('monitor', { name: selected });
  },
};
