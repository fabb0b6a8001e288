import { memo } from 'react';
import type { StackSummary } from '../../../shared/domain/compose-stacks.ts';
import type { ContainerState } from '../../../shared/domain/containers.ts';
import { StateBadge } from '../containers/StateBadge.tsx';
import { HealthBadge } from './HealthBadge.tsx';
import { ServiceActions, type ServiceActionHandlers } from './ServiceActions.tsx';

export interface StackHandlers extends ServiceActionHandlers {
  up(stack: StackSummary): void;
  act(project: string, action: 'stop' | 'start' | 'restart'): void;
  askDown(project: string): void;
  showLogs(container: { id: string; name: string }): void;
  showTerminal(container: { id: string; name: string }): void;
  showMergedLogs(project: string): void;
  images(stack: StackSummary, verb: 'pull' | 'build'): void;
}

function ports(container: StackSummary['containers'][number]): string {
  return container.ports.map((p) => (p.publicPort === null ? `${p.privatePort}/${p.type}` : `${p.publicPort}→${p.privatePort}/${p.type}`)).join(', ');
}

/** One compose project: its state, actions, and a row per container. */
export const StackCard = memo(function StackCard({
  stack,
  busy,
  logsOpenFor,
  terminalOpenFor,
  handlers,
}: {
  stack: StackSummary;
  busy: boolean;
  logsOpenFor: string | null;
  terminalOpenFor: string | null;
  handlers: StackHandlers;
}) {
  const { project } = stack;
  const running = stack.state === 'running' || stack.state === 'partial';
  return (
    <section className="stack-card" aria-label={`Stack ${project}`}>
      <header className="stack-header">
        <h2 className="stack-name">{project}</h2>
        <span className={`badge stack-state-${stack.state}`}>{stack.state}</span>
        <span className="stack-files muted" title={stack.configFiles.join('\n')}>
          {stack.configFiles.length > 0 ? stack.configFiles.join(', ') : 'no compose file recorded'}
        </span>
        <div className="stack-actions">
          {stack.configFiles.length > 0 && (
            <button type="button" className="button button-small" aria-label={`Up ${project}`} disabled={busy} onClick={() => handlers.up(stack)}>
              Up
            </button>
          )}
          {stack.configFiles.length > 0 && (
            <>
              <button type="button" className="button button-small" aria-label={`Pull ${project}`} title="Pull the images of services without build:" disabled={busy} onClick={() => handlers.images(stack, 'pull')}>
                Pull
              </button>
              <button type="button" className="button button-small" aria-label={`Build ${project}`} title="Build the images of services with build:" disabled={busy} onClick={() => handlers.images(stack, 'build')}>
                Build
              </button>
            </>
          )}
          {running ? (
            <button type="button" className="button button-small" aria-label={`Stop ${project}`} disabled={busy} onClick={() => handlers.act(project, 'stop')}>
              Stop
            </button>
          ) : (
            <button type="button" className="button button-small" aria-label={`Start ${project}`} disabled={busy} onClick={() => handlers.act(project, 'start')}>
              Start
            </button>
          )}
          <button type="button" className="button button-small" aria-label={`Restart ${project}`} disabled={busy} onClick={() => handlers.act(project, 'restart')}>
            Restart
          </button>
          <button type="button" className="button button-small" aria-label={`Merged logs of ${project}`} onClick={() => handlers.showMergedLogs(project)}>
            Logs
          </button>
          <button type="button" className="button button-small button-danger" aria-label={`Down ${project}`} disabled={busy} onClick={() => handlers.askDown(project)}>
            Down
          </button>
        </div>
      </header>
      <ul className="service-actions-list" aria-label={`Service actions of ${project}`}>
        {stack.services.map((service) => {
          const replicas = stack.containers.filter((c) => c.service === service).length;
          return (
            <ServiceActions
              key={`${service}:${replicas}`}
              project={project}
              service={service}
              replicas={replicas}
              canScale={stack.configFiles.length > 0}
              busy={busy}
              handlers={handlers}
            />
          );
        })}
      </ul>
      <table className="data-table stack-table" aria-label={`Services of ${project}`}>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Container</th>
            <th scope="col">State</th>
            <th scope="col">Health</th>
            <th scope="col">Ports</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="stacks-sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {stack.containers.map((container) => (
            <tr key={container.id}>
              <td className="stack-service">{container.service}</td>
              <td className="mono">{container.name}</td>
              <td>
                <StateBadge state={container.state as ContainerState} />
              </td>
              <td>
                <HealthBadge health={container.health} />
              </td>
              <td className="mono">{ports(container)}</td>
              <td className="muted">{container.status}</td>
              <td>
                <button
                  type="button"
                  className={`button button-ghost button-small${logsOpenFor === container.id ? ' icon-button-active' : ''}`}
                  aria-label={`Logs of ${container.name}`}
                  aria-pressed={logsOpenFor === container.id}
                  onClick={() => handlers.showLogs({ id: container.id, name: container.name })}
                >
                  Logs
                </button>
                <button
                  type="button"
                  className={`button button-ghost button-small${terminalOpenFor === container.id ? ' icon-button-active' : ''}`}
                  aria-label={`Terminal of ${container.name}`}
                  aria-pressed={terminalOpenFor === container.id}
                  disabled={container.state !== 'running'}
                  title={container.state === 'running' ? undefined : 'Start the container to open a terminal'}
                  onClick={() => handlers.showTerminal({ id: container.id, name: container.name })}
                >
                  Terminal
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});
