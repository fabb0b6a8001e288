import { useMutation, useMutationState } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { errorMessage } from '../api/api-call-error.ts';
import { useContainersUi } from './containers-ui-store.ts';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove';

/** A container an action applies to; the name is only for messages. */
export interface ActionTarget {
  id: string;
  name: string;
}

interface ActionVariables extends ActionTarget {
  force?: boolean;
}

const PAST: Record<ContainerAction, string> = { start: 'start', stop: 'stop', restart: 'restart', remove: 'remove' };

/**
 * Start/stop/restart/remove as React Query mutations. The list needs no refetch afterwards: the
 * changes stream delivers the new state. Failures land in the UI store as visible alerts carrying
 * the engine's own message.
 */
export function useContainerActions() {
  const api = useApiClient();
  const reportActionError = useContainersUi((s) => s.reportActionError);

  const onError = (action: ContainerAction) => (error: unknown, target: ActionVariables) =>
    reportActionError(`Could not ${PAST[action]} ${target.name}: ${errorMessage(error)}`);

  const start = useMutation({
    mutationKey: ['containers.start'],
    mutationFn: (target: ActionVariables) => api.call('containers.start', { id: target.id }),
    onError: onError('start'),
  });
  const stop = useMutation({
    mutationKey: ['containers.stop'],
    mutationFn: (target: ActionVariables) => api.call('containers.stop', { id: target.id }),
    onError: onError('stop'),
  });
  const restart = useMutation({
    mutationKey: ['containers.restart'],
    mutationFn: (target: ActionVariables) => api.call('containers.restart', { id: target.id }),
    onError: onError('restart'),
  });
  const remove = useMutation({
    mutationKey: ['containers.remove'],
    mutationFn: (target: ActionVariables) =>
      api.call('containers.remove', { id: target.id, force: target.force ?? false, volumes: false }),
    onError: onError('remove'),
  });

  return useMemo(
    () => ({
      start: (target: ActionTarget) => start.mutate(target),
      stop: (target: ActionTarget) => stop.mutate(target),
      restart: (target: ActionTarget) => restart.mutate(target),
      remove: (target: ActionTarget, force: boolean) => remove.mutate({ ...target, force }),
    }),
    // React Query keeps each mutate function stable across renders.
    [start.mutate, stop.mutate, restart.mutate, remove.mutate],
  );
}

const ACTION_BY_KEY: Record<string, ContainerAction> = {
  'containers.start': 'start',
  'containers.stop': 'stop',
  'containers.restart': 'restart',
  'containers.remove': 'remove',
};

/** Which action is in flight for each container id (the row shows it and disables its buttons). */
export function usePendingActions(): ReadonlyMap<string, ContainerAction> {
  const pending = useMutationState({
    filters: { status: 'pending' },
    select: (mutation) => ({
      key: String(mutation.options.mutationKey?.[0] ?? ''),
      id: (mutation.state.variables as ActionVariables | undefined)?.id,
    }),
  });
  return useMemo(() => {
    const map = new Map<string, ContainerAction>();
    for (const { key, id } of pending) {
      const action = ACTION_BY_KEY[key];
      if (action && id) map.set(id, action);
    }
    return map;
  }, [pending]);
}
