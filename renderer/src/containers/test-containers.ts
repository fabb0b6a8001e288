import type { ContainerSummary } from '../../../shared/domain/containers.ts';

/** Builds a container summary for tests; fields not given get plain defaults. */
export function makeContainer(overrides: Partial<ContainerSummary> & { id: string }): ContainerSummary {
  return {
    name: overrides.id,
    image: 'nginx:latest',
    state: 'running',
    status: 'Up 3 seconds',
    created: 1_700_000_000,
    ports: [],
    composeProject: null,
    composeService: null,
    labels: {},
    ...overrides,
  };
}
