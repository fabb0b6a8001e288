import { describe, expect, it } from 'vitest';
import type { ComposeProject, ComposeService } from '../../../shared/domain/compose-model.ts';
import { scaledProject } from './scale.ts';

// Pure logic: a minimal project literal stands in for a loaded file.
const service = (name: string, extra: Partial<ComposeService> = {}) => ({ name, replicas: 1, containerName: null, dependsOn: {}, networkMode: null, ...extra }) as unknown as ComposeService;
const project = {
  name: 'demo',
  services: {
    db: service('db'),
    web: service('web', { dependsOn: { db: { condition: 'service_started', required: true, restart: false } } }),
    worker: service('worker'),
    pinned: service('pinned', { containerName: 'fixed' }),
  },
} as unknown as ComposeProject;

describe('scaledProject', () => {
  it('keeps the service and what it depends on, with the new replica count', () => {
    const scaled = scaledProject(project, 'web', 3);
    expect(Object.keys(scaled.services).sort()).toEqual(['db', 'web']);
    expect(scaled.services.web.replicas).toBe(3);
    expect(scaled.services.db.replicas).toBe(1);
    expect(project.services.web.replicas).toBe(1);
  });
  it('refuses an unknown service, naming the known ones', () => {
    expect(() => scaledProject(project, 'nope', 2)).toThrow(/pick one of db, web, worker, pinned/);
  });
  it('refuses replicas of a service with container_name', () => {
    expect(() => scaledProject(project, 'pinned', 2)).toThrow(/remove container_name/);
    expect(scaledProject(project, 'pinned', 1).services.pinned.replicas).toBe(1);
  });
});
