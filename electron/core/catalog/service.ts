import type { StepSucceededHook } from '../pipelines/step-succeeded.ts';
import type { Store } from '../store/database.ts';
import { CatalogStore } from './catalog-store.ts';
import { FeatureCatalog } from './feature-catalog.ts';
import { createPipelineRegistration } from './pipeline-registration.ts';

/** The catalog as the core holds it: models (and files), features, and the pipeline hook. */
export class CatalogService {
  readonly models: CatalogStore;
  readonly features: FeatureCatalog;
  /** Give to PipelineService as onStepSucceeded. */
  readonly registerStepOutputs: StepSucceededHook;

  constructor(store: Store, home: string) {
    this.models = new CatalogStore(store, home);
    this.features = new FeatureCatalog(store, this.models);
    this.registerStepOutputs = createPipelineRegistration(this.models, this.features);
  }
}
