import { useDeferredValue } from 'react';
import type { NetworkSummary } from '../../../shared/domain/networks.ts';
import { errorMessage } from '../api/api-call-error.ts';
import { usePruneRequest } from '../disk/disk-ui.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { liveNetworks } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { UserChips } from '../volumes/UserChips.tsx';
import { CreateNetworkDialog } from './CreateNetworkDialog.tsx';
import { useNetworksUi } from './networks-ui.ts';
import { useApiMutation } from '../api/use-api.ts';

const matches = (network: NetworkSummary, text: string) =>
  !text || network.name.toLowerCase().includes(text) || network.driver.includes(text) || network.containers.some((c) => c.name.toLowerCase().includes(text));

export function NetworksPage() {
  const live = useLiveList(liveNetworks);
  const { filter, creating, removeError, setFilter, setCreating, setRemoveError } = useNetworksUi();
  const requestPrune = usePruneRequest((s) => s.request);
  const remove = useApiMutation('networks.remove', {
    toInput: (network: NetworkSummary) => ({ id: network.id }),
    onMutate: () => setRemoveError(null),
    onError: (error, network) => setRemoveError({ name: network.name, message: errorMessage(error) }),
  });
  const text = useDeferredValue(filter.trim().toLowerCase());
  const all = live.items ?? [];
  const visible = all.filter((n) => matches(n, text));
  const custom = all.filter((n) => !n.builtIn).length;

  return (
    <div className="page resource-page">
      <div className="page-header">
        <h1>Networks</h1>
        <span className="page-count">{live.items ? `${visible.length} of ${all.length}` : ''}</span>
      </div>
      <div className="toolbar">
        <input className="input filter-input" type="search" aria-label="Filter networks" placeholder="Filter by name, driver or container" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
        <div className="bulk-actions">
          <button type="button" className="button" onClick={() => requestPrune('networks')}>
            Prune networks
          </button>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            Create network
          </button>
        </div>
      </div>
      {live.problem && (
        <div role="status" className="banner banner-warning">
          <strong>The list may be behind:</strong> <span className="banner-detail">{live.problem.message}</span>
        </div>
      )}
      {removeError && <ErrorAlert error={`Could not remove ${removeError.name}: ${removeError.message}`} onDismiss={() => setRemoveError(null)} />}
      {live.isPending && !live.items ? (
        <p role="status" className="loading">
          Loading networks…
        </p>
      ) : live.error && !live.items ? (
        <ErrorAlert error={live.error} prefix="Could not list networks" />
      ) : visible.length === 0 ? (
        <div className="empty-state">
          <p>No networks match the filter.</p>
          <button type="button" className="button" onClick={() => setFilter('')}>
            Clear filter
          </button>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="resource-table" aria-label="Networks">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Driver</th>
                <th scope="col">Scope</th>
                <th scope="col">Subnet</th>
                <th scope="col">Internal</th>
                <th scope="col">Containers</th>
                <th scope="col" className="col-actions-narrow">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((network) => (
                <tr key={network.key}>
                  <td className="cell-name" title={network.id}>
                    <span className="container-name">{network.name}</span>
                    {network.builtIn && <span className="badge badge-soft">built in</span>}
                  </td>
                  <td className="muted">{network.driver}</td>
                  <td className="muted">{network.scope}</td>
                  <td className="mono">{network.subnets.join(', ') || <span className="muted">—</span>}</td>
                  <td>{network.internal ? 'yes' : <span className="muted">no</span>}</td>
                  <td className="cell-users">
                    <UserChips users={network.containers} none="none" />
                  </td>
                  <td>
                    {!network.builtIn && (
                      <button
                        type="button"
                        className="button button-small button-ghost button-danger-text"
                        aria-label={`Remove network ${network.name}`}
                       
                        disabled={remove.isPending && remove.variables?.id === network.id}
                        onClick={() => remove.mutate(network)}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {live.items && custom === 0 && !text && (
        <div className="empty-state empty-state-inline">
          <p className="empty-title">Only the engine's own networks so far</p>
          <p>Give a training job and its database their own network so they find each other by name.</p>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            Create your first network
          </button>
        </div>
      )}
      {creating && <CreateNetworkDialog onClose={() => setCreating(false)} />}
    </div>
  );
}
