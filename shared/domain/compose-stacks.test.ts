import { describe, expect, it } from 'vitest';
import { groupStacks, healthFromStatus } from './compose-stacks.ts';
import type { ContainerSummary } from './containers.ts';

function summary(name: string, labels: Record<string, string>, state: ContainerSummary['state'] = 'running', status = 'Up 1 minute'): ContainerSummary {
  return { id: name, name, image: 'busybox', state, status, created: 1, ports: [], composeProject: labels['com.docker.compose.project'] ?? null, composeService: null, labels };
}
const compose = (project: string, service: string, number: string, extra: Record<string, string> = {}) => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.container-number': number,
  ...extra,
});

describe('groupStacks', () => {
  it('groups by project whatever tool started it, skips one-offs and plain containers, reads health', () => {
    const stacks = groupStacks([
      summary('lab-web-1', compose('lab', 'web', '1', { 'com.docker.compose.project.config_files': '/srv/lab/compose.yaml,/srv/lab/gpu.yaml' })),
      summary('lab-db-1', compose('lab', 'db', '1'), 'running', 'Up 2 minutes (healthy)'),
      summary('lab-web-run-1234', compose('lab', 'web', '', { 'com.docker.compose.oneoff': 'True' })),
      summary('v1_worker_1', compose('v1', 'worker', '1'), 'exited', 'Exited (0) 1 minute ago'),
      summary('plain', {}),
    ]);
    expect(stacks.map((s) => [s.project, s.state, s.services])).toEqual([
      ['lab', 'running', ['db', 'web']],
      ['v1', 'exited', ['worker']],
    ]);
    expect(stacks[0].configFiles).toEqual(['/srv/lab/compose.yaml', '/srv/lab/gpu.yaml']);
    expect(stacks[0].containers.map((c) => [c.name, c.health, c.number])).toEqual([
      ['lab-db-1', 'healthy', 1],
      ['lab-web-1', 'none', 1],
    ]);
  });

  it('resolves the relative file names docker-compose v1 records against the project folder', () => {
    const [stack] = groupStacks([summary('v1_a_1', compose('v1', 'a', '1', { 'com.docker.compose.project.config_files': 'docker-compose.yml', 'com.docker.compose.project.working_dir': '/srv/v1' }))]);
    expect(stack.configFiles).toEqual(['/srv/v1/docker-compose.yml']);
  });

  it('a stack with some containers running is partial', () => {
    const [stack] = groupStacks([summary('a', compose('p', 'a', '1')), summary('b', compose('p', 'b', '1'), 'exited')]);
    expect(stack.state).toBe('partial');
  });

  it('reads the health words the engine puts in the status', () => {
    expect(healthFromStatus('Up 3 seconds (health: starting)')).toBe('starting');
    expect(healthFromStatus('Up 3 minutes (unhealthy)')).toBe('unhealthy');
    expect(healthFromStatus('Up 3 minutes')).toBe('none');
  });
});
