import type { PageBinding } from '../page-binding.ts';
import { containersBinding } from './containers.ts';
import { endpointsBinding } from './endpoints.ts';
import { environmentsBinding } from './environments.ts';
import { experimentsBinding } from './experiments.ts';
import { featuresBinding, modelsBinding } from './models.ts';
import { monitoringBinding } from './monitoring.ts';
import { pipelinesBinding } from './pipelines.ts';
import { runsBinding } from './runs.ts';
import { stacksBinding } from './stacks.ts';

/** The pages with details, one binding each; every other page's address is just /PAGE. */
export const pageBindings: readonly PageBinding[] = [
  containersBinding,
  stacksBinding,
  environmentsBinding,
  pipelinesBinding,
  runsBinding,
  experimentsBinding,
  modelsBinding,
  featuresBinding,
  endpointsBinding,
  monitoringBinding,
];

export function bindingOf(page: string): PageBinding | undefined {
  return pageBindings.find((b) => b.page === page);
}
