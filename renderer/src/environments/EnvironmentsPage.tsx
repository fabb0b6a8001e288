import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import { environmentsFromContainers, type EnvironmentSummary } from '../../../shared/environments/summary.ts';
import { useApiClient } from '../api/api-context.tsx';
import { StreamProblemBanner } from '../containers/StreamProblemBanner.tsx';
import { liveContainers } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { LogsPanel } from '../logs/LogsPanel.tsx';
import { TerminalView } from '../terminal/TerminalView.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { TrackingStatusNote } from '../experiments/TrackingStatusNote.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { EnvironmentCard, type EnvironmentHandlers } from './EnvironmentCard.tsx';
import { useEnvironmentsUi } from './environments-ui-store.ts';
import { NewEnvironmentDialog } from './NewEnvironmentDialog.tsx';
import { RunProgress } from './RunProgress.tsx';
import { useEnvironmentRun } from './use-environment-run.ts';
import { useCloseWhenGone } from '../ui/use-close-when-gone.ts';

type Action = { verb: 'start' | 'stop' | 'remove'; env: EnvironmentSummary } | { verb: 'export'; env: EnvironmentSummary; format: 'devcontainer' | 'compose' };

/**
 * Every environment on the engine (containers with the devcontainer labels, whoever made them),
 * derived from the live container list: engine events keep the cards current, nothing polls.
 */
export function EnvironmentsPage() {
  const api = useApiClient();
  const live = useLiveList(liveContainers);
  const listed = useMemo(() => environmentsFromContainers(live.items ?? []), [live.items]);
  const panel = useEnvironmentsUi((s) => s.panel);
  const selectedId = useEnvironmentsUi((s) => s.selected);
  // The environment of the address (/environments/ID) comes first.
  const environments = useMemo(() => [...listed.filter((e) => e.id === selectedId), ...listed.filter((e) => e.id !== selectedId)], [listed, selectedId]);
  const wizardOpen = useEnvironmentsUi((s) => s.wizardOpen);
  const removeRequest = useEnvironmentsUi((s) => s.removeRequest);
  const { togglePanel, closePanel, setWizardOpen, requestRemove, select } = useEnvironmentsUi.getState();
  const rebuild = useEnvironmentRun();

  const action = useMutation({
    mutationFn: async (request: Action): Promise<string> => {
      if (request.verb === 'export') {
        const result = await api.call('environments.export', { id: request.env.id, format: request.format, overwrite: true });
        return `Wrote ${result.file}`;
      }
      if (request.verb === 'remove') {
        await api.call('environments.remove', { id: request.env.id });
        return `Removed ${request.env.name}; its folder and lockfile stay.`;
      }
      await api.call(`environments.${request.verb}`, { id: request.env.id });
      return `${request.verb === 'start' ? 'Started' : 'Stopped'} ${request.env.name}`;
    },
  });

  const handlers = useMemo<EnvironmentHandlers>(
    () => ({
      start: (env) => action.mutate({ verb: 'start', env }),
      stop: (env) => action.mutate({ verb: 'stop', env }),
      remove: (env) => requestRemove({ id: env.id, name: env.name }),
      rebuild: (env) => rebuild.start(`Rebuild ${env.name}`, { method: 'environments.rebuild', input: { id: env.id } }),
      exportAs: (env, format) => action.mutate({ verb: 'export', env, format }),
      showLogs: (env) => togglePanel({ kind: 'logs', containerId: env.containerId, name: env.containerName }),
      showTerminal: (env) => togglePanel({ kind: 'terminal', containerId: env.containerId, name: env.containerName }),
      select: (env) => select(env.id),
    }),
    [action.mutate, rebuild.start, requestRemove, togglePanel, select],
  );

  const panelContainer = panel ? live.items?.find((c) => c.id === panel.containerId) : undefined;
  // The terminal of an environment that went away closes with a toast (its logs stay readable).
  useCloseWhenGone(panel?.kind === 'terminal' ? panel.containerId : null, live.items === undefined ? undefined : panelContainer !== undefined, () => {
    closePanel();
    return `${panel?.name ?? 'The environment'} was removed: its terminal is closed.`;
  });
  const busyId = action.isPending ? action.variables.env.id : null;

  return (
    <div className="page environments-page">
      <div className="page-header">
        <h1>Environments</h1>
        <span className="page-count">{live.items ? `${environments.length} environment${environments.length === 1 ? '' : 's'}` : ''}</span>
        <button type="button" className="button button-primary env-new" onClick={() => setWizardOpen(true)}>
          New environment
        </button>
      </div>
      {live.problem && <StreamProblemBanner problem={live.problem} />}
      {selectedId && live.items !== undefined && !listed.some((e) => e.id === selectedId) && (
        <ErrorAlert error={`No environment ${selectedId} on this engine (removed, or the link is from another machine).`} onDismiss={() => select(null)} />
      )}
      {environments.some((e) => e.state === 'running') && <TrackingStatusNote />}
      {action.error && <ErrorAlert error={action.error} onDismiss={() => action.reset()} />}
      {action.isSuccess && (
        <p role="status" className="muted env-status">
          {action.data}
        </p>
      )}
      {rebuild.run && <RunProgress run={rebuild.run} onCancel={rebuild.cancel} onDismiss={rebuild.dismiss} />}

      <div className={`env-body${panel ? ' with-panel' : ''}`}>
        <div className="env-list">
          {live.isPending && !live.items ? (
            <p role="status" className="loading">
              Loading environments…
            </p>
          ) : live.error && !live.items ? (
            <ErrorAlert error={live.error} prefix="Could not list containers" />
          ) : environments.length === 0 ? (
            <div className="empty-state">
              <p className="empty-title">No environments yet</p>
              <p className="muted">Start one from a template (JupyterLab, PyTorch, TensorFlow, scikit-learn) or from a folder with a devcontainer.json.</p>
              <button type="button" className="button button-primary" onClick={() => setWizardOpen(true)}>
                New environment
              </button>
            </div>
          ) : (
            environments.map((env) => (
              <EnvironmentCard
                key={env.id + env.containerId}
                env={env}
                busy={busyId === env.id || (rebuild.run?.state === 'running' && rebuild.run.title.endsWith(env.name))}
                openPanel={panel?.containerId === env.containerId ? panel.kind : null}
                handlers={handlers}
                selected={env.id === selectedId}
              />
            ))
          )}
        </div>
        {panel?.kind === 'logs' && (
          <LogsPanel key={panel.containerId} containerId={panel.containerId} name={panelContainer?.name ?? panel.name} gone={live.items !== undefined && panelContainer === undefined} onClose={closePanel} />
        )}
        {panel?.kind === 'terminal' && (
          <section className="env-terminal" aria-label={`Terminal of ${panel.name}`}>
            <div className="env-terminal-header">
              <h2>Terminal · {panel.name}</h2>
              <button type="button" className="button button-small" aria-label="Close terminal" onClick={closePanel}>
                Close
              </button>
            </div>
            {live.items !== undefined && panelContainer === undefined ? (
              <ErrorAlert error={`${panel.name} no longer exists.`} />
            ) : (
              <TerminalView key={panel.containerId} containerId={panel.containerId} name={panelContainer?.name ?? panel.name} />
            )}
          </section>
        )}
      </div>

      {wizardOpen && <NewEnvironmentDialog onClose={() => setWizardOpen(false)} />}
      {removeRequest && (
        <Dialog label={`Remove ${removeRequest.name}`} title={`Remove ${removeRequest.name}?`} onClose={() => requestRemove(null)}>
          <p>The container goes (a compose environment: its whole project). The project folder, its files and benchtop.lock.json stay, so you can start or reproduce it again.</p>
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={() => requestRemove(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                const env = environments.find((e) => e.id === removeRequest.id);
                requestRemove(null);
                if (panel && env && panel.containerId === env.containerId) closePanel();
                if (env) action.mutate({ verb: 'remove', env });
              }}
            >
              Remove
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
