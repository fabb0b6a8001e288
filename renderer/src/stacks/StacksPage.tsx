import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import { groupStacks, type StackSummary } from '../../../shared/domain/compose-stacks.ts';
import { useApiClient } from '../api/api-context.tsx';
import { StreamProblemBanner } from '../containers/StreamProblemBanner.tsx';
import { useLiveContainers } from '../containers/use-live-containers.ts';
import { LogsPanel } from '../logs/LogsPanel.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ComposeProgressLog } from './ComposeProgressLog.tsx';
import { DownDialog } from './DownDialog.tsx';
import { OpenComposeFile } from './OpenComposeFile.tsx';
import { StackCard, type StackHandlers } from './StackCard.tsx';
import { useStacksUiStore } from './stacks-ui-store.ts';
import { useComposeRun } from './use-compose-run.ts';

/**
 * Every compose project on the engine, whichever tool started it, grouped by the
 * com.docker.compose.project label of the live container list (engine events keep it current).
 */
export function StacksPage() {
  const api = useApiClient();
  const live = useLiveContainers();
  const stacks = useMemo(() => groupStacks(live.containers ?? []), [live.containers]);
  const logs = useStacksUiStore((s) => s.logs);
  const downRequest = useStacksUiStore((s) => s.downRequest);
  const { showLogs, requestDown } = useStacksUiStore.getState();
  const compose = useComposeRun();
  const busy = compose.run?.state === 'running';
  const action = useMutation({
    mutationFn: ({ project, verb }: { project: string; verb: 'stop' | 'start' | 'restart' }) => api.call(`compose.${verb}`, { project }),
  });

  const handlers = useMemo<StackHandlers>(
    () => ({
      up: (stack: StackSummary) => compose.up(stack.configFiles, [], stack.project),
      act: (project, verb) => action.mutate({ project, verb }),
      askDown: (project) => requestDown(project),
      showLogs: (container) => showLogs(useStacksUiStore.getState().logs?.id === container.id ? null : container),
    }),
    [compose.up, action.mutate, requestDown, showLogs],
  );

  const logsContainer = logs ? live.containers?.find((c) => c.id === logs.id) : undefined;

  return (
    <div className="page stacks-page">
      <div className="page-header">
        <h1>Stacks</h1>
        <span className="page-count">{live.containers ? `${stacks.length} project${stacks.length === 1 ? '' : 's'}` : ''}</span>
      </div>
      <OpenComposeFile busy={busy} onUp={(files, profiles, onDone) => compose.up(files, profiles, undefined, onDone)} />
      {compose.run && <ComposeProgressLog run={compose.run} onCancel={compose.cancel} onDismiss={compose.dismiss} />}
      {action.error && <ErrorAlert error={action.error} onDismiss={() => action.reset()} />}
      {live.streamProblem && <StreamProblemBanner problem={live.streamProblem} />}

      <div className={`stacks-body${logs ? ' with-logs' : ''}`}>
        <div className="stacks-list">
          {live.isPending && !live.containers ? (
            <p role="status" className="loading">
              Loading stacks…
            </p>
          ) : live.error && !live.containers ? (
            <ErrorAlert error={live.error} prefix="Could not list containers" />
          ) : stacks.length === 0 ? (
            <div className="empty-state">
              <p className="empty-title">No compose stacks on this engine</p>
              <p className="muted">Open a compose file above, or start one with docker compose: it shows here by its project name.</p>
            </div>
          ) : (
            stacks.map((stack) => (
              <StackCard
                key={stack.project}
                stack={stack}
                busy={busy || (action.isPending && action.variables?.project === stack.project)}
                logsOpenFor={logs?.id ?? null}
                handlers={handlers}
              />
            ))
          )}
        </div>
        {logs && (
          <LogsPanel
            key={logs.id}
            containerId={logs.id}
            name={logsContainer?.name ?? logs.name}
            gone={live.containers !== undefined && logsContainer === undefined}
            onClose={() => showLogs(null)}
          />
        )}
      </div>

      {downRequest && (
        <DownDialog
          project={downRequest}
          onCancel={() => requestDown(null)}
          onConfirm={(volumes) => {
            requestDown(null);
            if (logs && live.containers?.find((c) => c.id === logs.id)?.composeProject === downRequest) showLogs(null);
            compose.down(downRequest, volumes);
          }}
        />
      )}
    </div>
  );
}
