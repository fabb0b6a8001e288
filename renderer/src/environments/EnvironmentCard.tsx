import { memo } from 'react';
import type { EnvironmentSummary } from '../../../shared/environments/summary.ts';
import { StateBadge } from '../containers/StateBadge.tsx';
import { formatRoute } from '../routing/format-route.ts';
import { useOpenableUrl } from '../routing/port-links.ts';
import { route } from '../routing/route-table.ts';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';
import { EnvironmentApps } from './EnvironmentApps.tsx';

export interface EnvironmentHandlers {
  start(env: EnvironmentSummary): void;
  stop(env: EnvironmentSummary): void;
  rebuild(env: EnvironmentSummary): void;
  remove(env: EnvironmentSummary): void;
  exportAs(env: EnvironmentSummary, format: 'devcontainer' | 'compose'): void;
  showLogs(env: EnvironmentSummary): void;
  showTerminal(env: EnvironmentSummary): void;
  /** Shows this environment first and highlighted (its address). */
  select(env: EnvironmentSummary): void;
}

const KIND_LABEL: Record<EnvironmentSummary['kind'], string> = {
  template: 'template',
  image: 'devcontainer.json · image',
  build: 'devcontainer.json · Dockerfile',
  compose: 'devcontainer.json · compose',
  external: 'made by VS Code / devcontainer CLI',
};

/** One environment: state, where it comes from, open buttons (app, ports, terminal, logs) and actions. */
export const EnvironmentCard = memo(function EnvironmentCard({
  env,
  busy,
  openPanel,
  handlers,
  selected = false,
}: {
  env: EnvironmentSummary;
  selected?: boolean;
  busy: boolean;
  openPanel: 'logs' | 'terminal' | null;
  handlers: EnvironmentHandlers;
}) {
  const running = env.state === 'running';
  const openable = useOpenableUrl();
  // An app declared in customizations.benchtop.apps gets its own row (state, Open); the template's single app button only otherwise.
  const legacyApp = env.app && !env.apps.some((a) => a.containerPort === env.app?.containerPort) ? env.app : null;
  const otherPorts = env.ports.filter((p) => p.containerPort !== env.app?.containerPort && !env.apps.some((a) => a.containerPort === p.containerPort));
  return (
    <section className={`env-card${selected ? ' env-card-selected' : ''}`} aria-label={`Environment ${env.name}`} aria-current={selected ? 'true' : undefined}>
      <header className="env-card-header">
        <h2 className="env-card-name">
          <button type="button" className="link-button" title="Show this environment first (its own address)" onClick={() => handlers.select(env)}>
            {env.name}
          </button>
        </h2>
        <StateBadge state={env.state} />
        <span className="badge badge-soft">{env.templateId ?? KIND_LABEL[env.kind]}</span>
        <CopyLinkButton what={`environment ${env.name}`} path={formatRoute(route('environment', { id: env.id }))} />
      </header>
      <dl className="env-card-facts">
        <dt>Folder</dt>
        <dd className="mono" title={env.localFolder}>
          {env.localFolder}
        </dd>
        <dt>Image</dt>
        <dd className="mono">{env.image}</dd>
        <dt>Container</dt>
        <dd className="mono">
          {env.containerName} <span className="muted">· {env.status}</span>
        </dd>
        {env.lockFile && (
          <>
            <dt>Lockfile</dt>
            <dd className="mono">{env.lockFile}</dd>
          </>
        )}
      </dl>
      <EnvironmentApps env={env} />
      <div className="env-card-open">
        {legacyApp &&
          (legacyApp.url && running ? (
            <a className="button button-primary" href={openable(legacyApp.url)} target="_blank" rel="noopener noreferrer" aria-label={`Open ${legacyApp.label} of ${env.name}`}>
              Open {legacyApp.label}
            </a>
          ) : (
            <button type="button" className="button button-primary" disabled title="Start the environment first">
              Open {legacyApp.label}
            </button>
          ))}
        {otherPorts.map((port) => (
          <a key={port.containerPort} className="button button-small" href={openable(port.url)} target="_blank" rel="noopener noreferrer" aria-label={`Open port ${port.containerPort} of ${env.name}`}>
            Port {port.containerPort} → {port.hostPort}
          </a>
        ))}
        <button
          type="button"
          className={`button button-small${openPanel === 'terminal' ? ' icon-button-active' : ''}`}
          aria-pressed={openPanel === 'terminal'}
          aria-label={`Terminal of ${env.name}`}
          disabled={!running}
          onClick={() => handlers.showTerminal(env)}
        >
          Terminal
        </button>
        <button
          type="button"
          className={`button button-small${openPanel === 'logs' ? ' icon-button-active' : ''}`}
          aria-pressed={openPanel === 'logs'}
          aria-label={`Logs of ${env.name}`}
          onClick={() => handlers.showLogs(env)}
        >
          Logs
        </button>
      </div>
      <div className="env-card-actions">
        {running ? (
          <button type="button" className="button button-small" aria-label={`Stop ${env.name}`} disabled={busy} onClick={() => handlers.stop(env)}>
            Stop
          </button>
        ) : (
          <button type="button" className="button button-small" aria-label={`Start ${env.name}`} disabled={busy} onClick={() => handlers.start(env)}>
            Start
          </button>
        )}
        <button type="button" className="button button-small" aria-label={`Rebuild ${env.name}`} disabled={busy || !env.managed} onClick={() => handlers.rebuild(env)}>
          Rebuild
        </button>
        <button type="button" className="button button-small" aria-label={`Export devcontainer.json of ${env.name}`} disabled={busy || !env.lockFile || env.kind === 'compose'} onClick={() => handlers.exportAs(env, 'devcontainer')}>
          Export devcontainer.json
        </button>
        <button type="button" className="button button-small" aria-label={`Export compose.yaml of ${env.name}`} disabled={busy || !env.lockFile} onClick={() => handlers.exportAs(env, 'compose')}>
          Export compose.yaml
        </button>
        <button type="button" className="button button-small button-danger" aria-label={`Remove ${env.name}`} disabled={busy} onClick={() => handlers.remove(env)}>
          Remove
        </button>
      </div>
    </section>
  );
});
