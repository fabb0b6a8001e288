import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ENDPOINT_LABEL } from '../../../shared/serving/endpoint.ts';
import { useApiQuery } from '../api/use-api.ts';
import { liveContainers } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { useEndpointsUi } from '../endpoints/endpoints-ui-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { QueryBody } from './QueryBody.tsx';
import { Tile } from './Tile.tsx';

const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);

const STATE_BADGE: Record<string, string> = { running: 'badge-running', starting: 'badge-created', switching: 'badge-created', failed: 'badge-dead', orphaned: 'badge-dead', stopped: '' };

/** Every 5 s while an endpoint serves (its latency and traffic move with requests); never when none does. */
const LIVE_FIGURES_MS = 5_000;
const serving = (state: string) => state === 'running' || state === 'starting' || state === 'switching';

/**
 * Served models: state, the version served, latency (p50 / p95 over 5 minutes) and traffic. An
 * endpoint's container appearing, going or changing state (the live containers list, from engine
 * events) refreshes the list; figures poll only while something serves.
 */
export function EndpointsSection() {
  const endpoints = useApiQuery('endpoints.list', {}, { staleTime: 1_000, refetchInterval: (query) => (query.state.data?.some((endpoint) => serving(endpoint.state)) ? LIVE_FIGURES_MS : false) });
  const queryClient = useQueryClient();
  const { items: containers } = useLiveList(liveContainers);
  const endpointContainers = containers
    ?.filter((container) => container.labels[ENDPOINT_LABEL] !== undefined)
    .map((container) => `${container.id}:${container.state}`)
    .join(' ');
  const seen = useRef(endpointContainers);
  useEffect(() => {
    if (endpointContainers === undefined || seen.current === endpointContainers) return;
    const first = seen.current === undefined;
    seen.current = endpointContainers;
    if (!first) void queryClient.invalidateQueries({ queryKey: ['endpoints.list'] });
  }, [endpointContainers, queryClient]);
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
