import { useApiQuery } from '../api/use-api.ts';
import { useEndpointsUi } from '../endpoints/endpoints-ui-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { QueryBody } from './QueryBody.tsx';
import { Tile } from './Tile.tsx';

const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);

const STATE_BADGE: Record<string, string> = { running: 'badge-running', starting: 'badge-created', switching: 'badge-created', failed: 'badge-dead', orphaned: 'badge-dead', stopped: '' };

/** Served models: state, the version served, latency (p50 / p95 over 5 minutes) and traffic. */
export function EndpointsSection() {
  const endpoints = useApiQuery('endpoints.list', {}, { refetchInterval: 5_000, staleTime: 1_000 });
  const setPage = useUiStore((s) => s.setPage);
  return (
    <Tile title="Endpoints" page="endpoints" linkLabel="Open Endpoints">
      <QueryBody query={endpoints} what="the endpoints">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">Nothing served: on Models, a version's Serve puts it behind a local port.</p>
          ) : (
            <ul className="home-list" aria-label="Endpoints">
              {list.slice(0, 6).map((endpoint) => (
                <li key={endpoint.name}>
                  <span className={`badge ${STATE_BADGE[endpoint.state] ?? ''}`}>{endpoint.state}</span>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      useEndpointsUi.getState().select(endpoint.name);
                      setPage('endpoints');
                    }}
                  >
                    {endpoint.name}
                  </button>
                  <span className="home-list-meta muted">
                    {endpoint.model}
                    {endpoint.version !== null ? ` v${endpoint.version}` : ''}
                  </span>
                  <span className="home-list-meta mono" title="p50 / p95 latency over the last 5 minutes">
                    {ms(endpoint.stats.p50Ms)} / {ms(endpoint.stats.p95Ms)}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryBody>
    </Tile>
  );
}
