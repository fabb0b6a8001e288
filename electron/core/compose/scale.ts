import { ApiError } from '../../../shared/api/errors.ts';
import type { ComposeProject } from '../../../shared/domain/compose-model.ts';

/**
 * The project narrowed to one service (with `replicas` containers) and what it depends on, so
 * that up converges that service alone: the planner creates the missing replicas and removes the extras.
 */
export function scaledProject(project: ComposeProject, serviceName: string, replicas: number): ComposeProject {
  const target = project.services[serviceName];
  if (!target) {
    const known = Object.keys(project.services).join(', ');
    throw new ApiError('invalid_input', `"${serviceName}" is not a service of ${project.name}: pick one of ${known}.`);
  }
  if (replicas > 1 && target.containerName !== null) {
    throw new ApiError('invalid_input', `${serviceName} sets container_name "${target.containerName}", so it cannot have ${replicas} replicas: remove container_name from the compose file to scale it.`);
  }
  const keep = new Set<string>();
  const visit = (name: string) => {
    const service = project.services[name];
    if (!service || keep.has(name)) return;
    keep.add(name);
    for (const dependency of Object.keys(service.dependsOn)) visit(dependency);
    const shared = service.networkMode?.match(/^service:(.+)$/)?.[1];
    if (shared) visit(shared);
  };
  visit(serviceName);
  const services = Object.fromEntries(Object.entries(project.services).filter(([name]) => keep.has(name)));
  services[serviceName] = { ...target, replicas };
  return { ...project, services };
}
