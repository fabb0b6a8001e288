import { useEffect, useState } from 'react';
import type { AppHealth, AppState } from '../../../shared/environments/apps.ts';
import type { EnvironmentSummary } from '../../../shared/environments/summary.ts';
import { useApiClient } from '../api/api-context.tsx';

type App = EnvironmentSummary['apps'][number];

/** Each app's health while the card is on screen (the core probes only while someone watches). */
function useAppHealth(envId: string, running: boolean): Map<string, AppHealth> {
  const api = useApiClient();
  const [health, setHealth] = useState<Map<string, AppHealth>>(new Map());
  useEffect(() => {
    if (!running) {
      setHealth(new Map());
      return;
    }
    return api.subscribe('environments.appHealth', { id: envId }, (apps) => setHealth(new Map(apps.map((app) => [app.name, app]))));
  }, [api, envId, running]);
  return health;
}

const STATE_TEXT: Record<AppState, string> = { stopped: 'stopped', starting: 'starting…', healthy: 'healthy', unhealthy: 'unhealthy' };

/**
 * The apps an environment declares (customizations.benchtop.apps): state and an Open button. In
 * a browser the app opens through the web host at /apps/<environment>/<app>/ (same origin, so one
 * SSH tunnel serves it); in the desktop app, on its own loopback port with its token.
 */
export function EnvironmentApps({ env }: { env: EnvironmentSummary }) {
  const api = useApiClient();
  const running = env.state === 'running';
  const health = useAppHealth(env.id, running);
  if (env.apps.length === 0) return null;
  const hrefOf = (app: App): string | null => (api.transportName === 'electron' ? app.url : app.webPath);
  return (
    <ul className="env-apps" aria-label={`Apps of ${env.name}`}>
      {env.apps.map((app) => {
        const state: AppState = running ? (health.get(app.name)?.state ?? 'starting') : 'stopped';
        const found = health.get(app.name);
        const href = hrefOf(app);
        return (
          <li key={app.name} className="env-app" aria-label={`App ${app.label}`}>
            <span className="env-app-label">{app.label}</span>
            <span className={`env-app-state env-app-${state}`} role="status" aria-label={`${app.label} is ${state}`}>
              {STATE_TEXT[state]}
            </span>
            {href && running ? (
              <a className={`button button-small${state === 'healthy' ? ' button-primary' : ''}`} href={href} target="_blank" rel="noopener noreferrer" aria-label={`Open ${app.label} of ${env.name}`}>
                Open {app.label}
              </a>
            ) : (
              <button type="button" className="button button-small" disabled title="Start the environment first">
                Open {app.label}
              </button>
            )}
            {state === 'unhealthy' && found && (
              <div className="env-app-problem">
                <p className="env-app-reason">{found.reason}</p>
                {found.logTail.length > 0 && (
                  <pre className="env-app-log" aria-label={`Last log lines of ${env.name}`}>
                    {found.logTail.join('\n')}
                  </pre>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
