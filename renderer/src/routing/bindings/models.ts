import { useCatalogUi } from '../../catalog/catalog-ui-store.ts';
import type { PageBinding } from '../page-binding.ts';
import { pageRoute, route } from '../route-table.ts';

/** /models, /models/NAME, /models/NAME/versions/N ↔ catalog/catalog-ui-store.ts (the page picks the first model itself). */
export const modelsBinding: PageBinding = {
  page: 'models',
  stores: [useCatalogUi],
  autoSelects: true,
  apply(r) {
    const ui = useCatalogUi.getState();
    const model = r.name === 'model' || r.name === 'model-version' ? r.params.model : null;
    if (ui.model !== model) ui.selectModel(model);
    const version = r.name === 'model-version' && /^\d+$/.test(r.params.version) ? Number(r.params.version) : null;
    if (useCatalogUi.getState().version !== version) ui.selectVersion(version);
  },
  current() {
    const { model, version } = useCatalogUi.getState();
    if (model === null) return pageRoute('models');
    return version === null ? route('model', { model }) : route('model-version', { model, version: String(version) });
  },
};

/** /features, /features/SET ↔ the feature set of catalog/catalog-ui-store.ts (the page picks the first set itself). */
export const featuresBinding: PageBinding = {
  page: 'features',
  stores: [useCatalogUi],
  autoSelects: true,
  apply(r) {
    const set = r.name === 'feature-set' ? r.params.set : null;
    if (useCatalogUi.getState().featureSet !== set) useCatalogUi.getState().selectFeatureSet(set);
  },
  current() {
    const set = useCatalogUi.getState().featureSet;
    return set ? route('feature-set', { set }) : pageRoute('features');
  },
};
