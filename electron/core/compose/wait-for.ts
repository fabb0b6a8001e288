import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { DockerEvent, EventsFilter, EventsState } from '../engine/events.ts';

export interface ContainerEventSource {
  subscribe(listener: (event: DockerEvent) => void, onState?: (state: EventsState) => void, filter?: EventsFilter): () => void;
}

function cancelled(what: string): ApiError {
  return new ApiError('cancelled', `Cancelled while waiting for ${what}.`);
}

/**
 * Resolves when the container reports healthy; fails when it exits, turns unhealthy or has no
 * healthcheck (compose's service_healthy). Driven by the engine's health_status events: it
 * subscribes first, then inspects once, so no change falls in between.
 */
export function waitHealthy(docker: Docker, events: ContainerEventSource, id: string, label: string, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let unsubscribe: () => void = () => {};
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(cancelled(label));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const judge = (status: string | undefined, running: boolean) => {
      if (status === 'healthy') finish();
      else if (status === 'unhealthy') finish(new ApiError('conflict', `Dependency failed: ${label} is unhealthy. Check its logs, or its healthcheck.`));
      else if (!running) finish(new ApiError('conflict', `Dependency failed: ${label} exited before it became healthy. Check its logs.`));
    };
    unsubscribe = events.subscribe(
      (event) => {
        if (event.Type !== 'container' || event.Actor?.ID !== id) return;
        if (event.Action.startsWith('health_status')) judge(event.Action.split(':')[1]?.trim(), true);
        else if (event.Action === 'die' || event.Action === 'destroy') judge(undefined, false);
      },
      undefined,
      { types: ['container'] },
    );
    docker
      .getContainer(id)
      .inspect()
      .then((info) => {
        if (!info.State.Health) {
          finish(new ApiError('conflict', `${label} has no healthcheck configured, so nothing can wait for it to be healthy: add a healthcheck, or use condition: service_started.`));
          return;
        }
        judge(info.State.Health.Status, info.State.Running);
      })
      .catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
  });
}

/** Resolves when the container has exited with 0 (compose's service_completed_successfully). */
export async function waitCompleted(docker: Docker, id: string, label: string, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw cancelled(label);
  const result = (await docker.getContainer(id).wait({ abortSignal: signal } as Docker.ContainerWaitOptions).catch((error: unknown) => {
    if (signal.aborted) throw cancelled(label);
    throw error;
  })) as { StatusCode: number };
  if (result.StatusCode !== 0) {
    throw new ApiError('conflict', `Dependency failed: ${label} exited with code ${result.StatusCode} instead of 0. Check its logs.`);
  }
}
