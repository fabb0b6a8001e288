import { useApiQuery } from '../api/use-api.ts';
import { useCatalogFollowsRuns } from '../catalog/use-catalog.ts';
import { useCatalogUi } from '../catalog/catalog-ui-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { QueryBody } from './QueryBody.tsx';
import { Tile } from './Tile.tsx';

/**
 * Models and where their aliases point (champion → v3): the versions that matter now. Refreshed when
 * a run's step succeeds (steps register models), by the catalog's own mutations, and once a minute
 * for what other processes (the CLI, MLflow clients) change.
 */
export function ChampionsSection() {
  const models = useApiQuery('models.list', { limit: 50 }, { refetchInterval: 60_000, staleTime: 1_000 });
  useCatalogFollowsRuns();
  const setPage = useUiStore((s) => s.setPage);
  return (
    <Tile title="Champions" page="models" linkLabel="Open Models">
      <QueryBody query={models} what="the models">
        {(list) => {
          const withAliases = list.filter((model) => model.deletedAt === null).sort((a, b) => b.updatedAt - a.updatedAt);
          if (withAliases.length === 0) return <p className="muted">No model registered yet: a pipeline step with an output model registers one.</p>;
          return (
            <ul className="home-list" aria-label="Model aliases">
              {withAliases.slice(0, 6).map((model) => {
                const aliases = Object.entries(model.aliases).sort(([a], [b]) => (a === 'champion' ? -1 : b === 'champion' ? 1 : a.localeCompare(b)));
                return (
                  <li key={model.name}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        useCatalogUi.getState().selectModel(model.name);
                        setPage('models');
                      }}
                    >
                      {model.name}
                    </button>
                    <span className="home-aliases">
                      {aliases.length === 0 ? (
                        <span className="muted">latest → v{model.latestVersion ?? '—'}</span>
                      ) : (
                        aliases.map(([alias, version]) => (
                          <span key={alias} className="badge badge-soft">
                            {alias} → v{version}
                          </span>
                        ))
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          );
        }}
      </QueryBody>
    </Tile>
  );
}
