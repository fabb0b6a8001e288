import { z } from 'zod';
import type { ContainerSummary } from './containers.ts';
import { portBindingSchema } from './containers.ts';

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';
export const COMPOSE_CONFIG_FILES_LABEL = 'com.docker.compose.project.config_files';
export const COMPOSE_WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';
export const COMPOSE_CONTAINER_NUMBER_LABEL = 'com.docker.compose.container-number';
export const COMPOSE_ONEOFF_LABEL = 'com.docker.compose.oneoff';

export const containerHealthSchema = z.enum(['healthy', 'unhealthy', 'starting', 'none']);
export type ContainerHealth = z.infer<typeof containerHealthSchema>;

export const stackContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  number: z.number().int().nullable(),
  state: z.string(),
  status: z.string(),
  health: containerHealthSchema,
  image: z.string(),
  ports: z.array(portBindingSchema),
});
export type StackContainer = z.infer<typeof stackContainerSchema>;

export const stackSummarySchema = z.object({
  project: z.string(),
  /** Absolute files from the containers' labels (empty when a tool did not write them). */
  configFiles: z.array(z.string()),
  workingDir: z.string().nullable(),
  /** running, exited, partial (some running), created. */
  state: z.enum(['running', 'partial', 'exited', 'created']),
  services: z.array(z.string()),
  containers: z.array(stackContainerSchema),
});
export type StackSummary = z.infer<typeof stackSummarySchema>;

const isAbsolutePath = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');

/** The engine puts health in the list's status text: "Up 5 seconds (healthy)". */
export function healthFromStatus(status: string): ContainerHealth {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return 'none';
}

/** Every compose project among the containers, grouped by the project label (any tool's). */
export function groupStacks(containers: readonly ContainerSummary[]): StackSummary[] {
  const byProject = new Map<string, ContainerSummary[]>();
  for (const container of containers) {
    const project = container.labels[COMPOSE_PROJECT_LABEL];
    if (!project || container.labels[COMPOSE_ONEOFF_LABEL] === 'True') continue;
    const list = byProject.get(project) ?? [];
    list.push(container);
    byProject.set(project, list);
  }
  const stacks: StackSummary[] = [];
  for (const [project, members] of byProject) {
    const first = members.find((c) => c.labels[COMPOSE_CONFIG_FILES_LABEL]) ?? members[0];
    const files = first.labels[COMPOSE_CONFIG_FILES_LABEL];
    const stackContainers = members
      .map((c) => {
        const number = Number(c.labels[COMPOSE_CONTAINER_NUMBER_LABEL]);
        return {
          id: c.id,
          name: c.name,
          service: c.labels[COMPOSE_SERVICE_LABEL] ?? c.name,
          number: Number.isInteger(number) ? number : null,
          state: c.state,
          status: c.status,
          health: healthFromStatus(c.status),
          image: c.image,
          ports: c.ports,
        };
      })
      .sort((a, b) => a.service.localeCompare(b.service) || (a.number ?? 0) - (b.number ?? 0));
    const running = stackContainers.filter((c) => c.state === 'running').length;
    const created = stackContainers.every((c) => c.state === 'created');
    const workingDir = first.labels[COMPOSE_WORKING_DIR_LABEL] ?? null;
    stacks.push({
      project,
      // docker-compose v1 records file names relative to the project folder.
      configFiles: files ? files.split(',').filter(Boolean).map((file) => (isAbsolutePath(file) || !workingDir ? file : `${workingDir.replace(/[\\/]$/, '')}/${file}`)) : [],
      workingDir,
      state: running === stackContainers.length ? 'running' : running > 0 ? 'partial' : created ? 'created' : 'exited',
      services: [...new Set(stackContainers.map((c) => c.service))],
      containers: stackContainers,
    });
  }
  return stacks.sort((a, b) => a.project.localeCompare(b.project));
}
