import type { ComposeService } from '../../../shared/domain/compose-model.ts';

export interface ProjectCheckProblem {
  service: string;
  path: (string | number)[];
  message: string;
}

/** What the schema cannot see: depends_on naming a missing service, dependency cycles, and host ports two services both publish. */
export function checkProject(services: Record<string, ComposeService>, disabled: ReadonlyMap<string, string[]>): ProjectCheckProblem[] {
  const problems: ProjectCheckProblem[] = [];
  for (const service of Object.values(services)) {
    for (const [dependency, spec] of Object.entries(service.dependsOn)) {
      if (services[dependency]) continue;
      const profiles = disabled.get(dependency);
      if (!spec.required) continue;
      problems.push({
        service: service.name,
        path: ['depends_on', dependency],
        message: profiles
          ? `service "${service.name}" depends on "${dependency}", which is only enabled with the profile ${profiles.map((p) => `"${p}"`).join(' or ')}: add --profile ${profiles[0]}, or mark the dependency required: false.`
          : `service "${service.name}" depends on "${dependency}", which is not a service in this project: fix the name, or remove it from depends_on.`,
      });
    }
    const shared = service.networkMode?.match(/^service:(.+)$/)?.[1];
    if (shared && !services[shared]) {
      problems.push({ service: service.name, path: ['network_mode'], message: `network_mode names service "${shared}", which is not in this project: fix the name.` });
    }
  }

  const cycle = findCycle(services);
  if (cycle) {
    problems.push({
      service: cycle[0],
      path: ['depends_on', cycle[1]],
      message: `depends_on makes a cycle: ${cycle.join(' → ')}: remove one of these dependencies.`,
    });
  }

  const published = new Map<string, string>();
  for (const service of Object.values(services)) {
    service.ports.forEach((port, index) => {
      if (port.published === null || port.published.includes('-')) return;
      const key = `${port.hostIp ?? '0.0.0.0'}:${port.published}/${port.protocol}`;
      const wildcard = `0.0.0.0:${port.published}/${port.protocol}`;
      const owner = published.get(key) ?? (port.hostIp === null ? [...published].find(([k]) => k.endsWith(`:${port.published}/${port.protocol}`))?.[1] : published.get(wildcard));
      if (owner) {
        problems.push({
          service: service.name,
          path: ['ports', index],
          message: `host port ${port.published}/${port.protocol} is published by both "${owner}" and "${service.name}": change one of the host ports.`,
        });
      } else published.set(key, service.name);
    });
  }
  return problems;
}

/** A dependency cycle as [a, b, …, a], or null. */
function findCycle(services: Record<string, ComposeService>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | null => {
    if (state.get(name) === 'done' || !services[name]) return null;
    if (state.get(name) === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const dependency of Object.keys(services[name].dependsOn)) {
      const found = visit(dependency);
      if (found) return found;
    }
    stack.pop();
    state.set(name, 'done');
    return null;
  };
  for (const name of Object.keys(services)) {
    const found = visit(name);
    if (found) return found;
  }
  return null;
}

/** Services in start order: every service after what it depends on (the project has no cycle). */
export function dependencyOrder(services: Record<string, ComposeService>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !services[name]) return;
    seen.add(name);
    for (const dependency of Object.keys(services[name].dependsOn)) visit(dependency);
    order.push(name);
  };
  for (const name of Object.keys(services).sort()) visit(name);
  return order;
}
