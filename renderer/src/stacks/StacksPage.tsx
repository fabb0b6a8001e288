import { useMutation } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { groupStacks, type StackSummary } from '../../../shared/domain/compose-stacks.ts';
import { useApiClient } from '../api/api-context.tsx';
import { StreamProblemBanner } from '../containers/StreamProblemBanner.tsx';
import { liveContainers } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { LogsPanel } from '../logs/LogsPanel.tsx';
import { TerminalView } from '../terminal/TerminalView.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ComposeProgressLog } from './ComposeProgressLog.tsx';
import { DownDialog } from './DownDialog.tsx';
import { MergedLogsPanel } from './MergedLogsPanel.tsx';
import { OpenComposeFile } from './OpenComposeFile.tsx';
import { StackCard, type StackHandlers } from './StackCard.tsx';
import { useStacksUiStore } from './stacks-ui-store.ts';
import { useComposeRun } from './use-compose-run.ts';
import { useStackImages } from './use-stack-images.ts';
import { useCloseWhenGone } from '../ui/use-close-when-gone.ts';

/**
 * Every compose project on the engine, whichever tool started it, grouped by the
 * com.docker.compose.project label of the live container list (engine events keep it current).
 */
export function StacksPage() {
  const api = useApiClient();
  const live = useLiveList(liveContainers);
  const stacks = useMemo(() => groupStacks(live.items ?? []), [live.items]);
  const logs = useStacksUiStore((s) => s.logs);
  const downRequest = useStacksUiStore((s) => s.downRequest);
  const terminal = useStacksUiStore((s) => s.terminal);
  const mergedLogs = useStacksUiStore((s) => s.mergedLogs);
  const { showLogs, showTerminal, showMergedLogs, requestDown } = useStacksUiStore.getState();
  const compose = useComposeRun();
  const busy = compose.run?.state === 'running';
  const action = useMutation({
    mutationFn: ({ project, verb, service }: { project: string; verb: 'stop' | 'start' | 'restart'; service?: string }) =>
      service === undefined ? api.call(`compose.${verb}`, { project }) : api.call('compose.restartService', { project, service }),
  });
  const stackImages = useStackImages();
  const stacksRef = useRef(stacks);
  stacksRef.current = stacks;

  const handlers = useMemo<StackHandlers>(
    () => ({
      up: (stack: StackSummary) => compose.up(stack.configFiles, [], stack.project),
      act: (project, verb) => action.mutate({ project, verb }),
      askDown: (project) => requestDown(project),
      showLogs: (container) => showLogs(useStacksUiStore.getState().logs?.id === container.id ? null : container),
      showTerminal: (container) => showTerminal(useStacksUiStore.getState().terminal?.id === container.id ? null : container),
      showMergedLogs: (project) => showMergedLogs(useStacksUiStore.getState().mergedLogs === project ? null : project),
      images: (stack, verb) => stackImages.mutate({ stack, verb }),
      restartService: (project, service) => action.mutate({ project, verb: 'restart', service }),
      scale: (project, service, replicas) => {
        const stack = stacksRef.current.find((s) => s.project === project);
        if (stack) compose.scale(stack.configFiles, project, service, replicas);
      },
    }),
    [compose.up, compose.scale, action.mutate, stackImages.mutate, requestDown, showLogs, showTerminal, showMergedLogs],
  );

  const logsContainer = logs ? live.items?.find((c) => c.id === logs.id) : undefined;
  const mergedStack = mergedLogs ? stacks.find((s) => s.project === mergedLogs) : undefined;
  const terminalContainer = terminal ? live.items?.find((c) => c.id === terminal.id) : undefined;
  // The terminal of a container that went away (a down, a removal) closes with a toast.
  useCloseWhenGone(terminal?.id ?? null, live.items === undefined ? undefined : terminalContainer !== undefined, () => {
    showTerminal(null);
    return `${terminal?.name ?? 'The container'} was removed: its terminal is closed.`;
  });

  return (
    <div className="page stacks-page">
      <div className="page-header">
        <h1>Stacks</h1>
        <span className="page-count">{live.items ? `${stacks.length} project${stacks.length === 1 ? '' : 's'}` : ''}</span>
      </div>
      <OpenComposeFile busy={busy} onUp={(files, profiles, onDone) => compose.up(files, profiles, undefined, onDone)} />
      {compose.run && <ComposeProgressLog run={compose.run} onCancel={compose.cancel} onDismiss={compose.dismiss} />}
      {action.error && <ErrorAlert error={action.error} onDismiss={() => action.reset()} />}
      {stackImages.error && <ErrorAlert error={stackImages.error} onDismiss={() => stackImages.reset()} />}
      {stackImages.isPending && (
        <p role="status" className="muted stack-images-status">
          {stackImages.variables.verb === 'pull' ? 'Pulling' : 'Building'} the images of {stackImages.variables.stack.project}: follow or cancel in Tasks.
        </p>
      )}
      {stackImages.isSuccess && (
        <p role="status" className="muted stack-images-status">
          {stackImages.variables.verb === 'pull' ? 'Pulled' : 'Built'} the images of {stackImages.variables.stack.project}.
        </p>
      )}
      {live.problem && <StreamProblemBanner problem={live.problem} />}

      <div className={`stacks-body${logs || terminal || mergedLogs ? ' with-logs' : ''}`}>
        <div className="stacks-list">
          {live.isPending && !live.items ? (
            <p role="status" className="loading">
              Loading stacks…
            </p>
          ) : live.error && !live.items ? (
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
                busy={busy || (action.isPending && action.variables?.project === stack.project) || (stackImages.isPending && stackImages.variables.stack.project === stack.project)}
                logsOpenFor={logs?.id ?? null}
                terminalOpenFor={terminal?.id ?? null}
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
            gone={live.items !== undefined && logsContainer === undefined}
            onClose={() => showLogs(null)}
          />
        )}
        {mergedStack && <MergedLogsPanel key={mergedStack.project} stack={mergedStack} onClose={() => showMergedLogs(null)} />}
        {terminal && (
          <section className="stack-terminal" aria-label={`Terminal of ${terminal.name}`}>
            <div className="stack-terminal-header">
              <h2>Terminal · {terminal.name}</h2>
              <button type="button" className="button button-small" aria-label="Close terminal" onClick={() => showTerminal(null)}>
                Close
              </button>
            </div>
            {live.items !== undefined && terminalContainer === undefined ? (
              <ErrorAlert error={`${terminal.name} no longer exists.`} />
            ) : (
              <TerminalView key={terminal.id} containerId={terminal.id} name={terminalContainer?.name ?? terminal.name} />
            )}
          </section>
        )}
      </div>

      {downRequest && (
        <DownDialog
          project={downRequest}
          onCancel={() => requestDown(null)}
          onConfirm={(volumes) => {
            requestDown(null);
            if (logs && live.items?.find((c) => c.id === logs.id)?.composeProject === downRequest) showLogs(null);
            compose.down(downRequest, volumes);
          }}
        />
      )}
    </div>
  );
}
