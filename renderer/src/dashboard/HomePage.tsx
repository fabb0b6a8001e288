import { useApiQuery } from '../api/use-api.ts';
import { FirstRunGuide } from '../pipelines/FirstRunGuide.tsx';
import { SectionBoundary } from './SectionBoundary.tsx';
import { engineTiles, mlSections, type TileEntry } from './tiles.tsx';

function Slots({ entries }: { entries: readonly TileEntry[] }) {
  return entries.map((entry) => (
    <div key={entry.id} className={`tile-slot tile-slot-${entry.id}`}>
      <SectionBoundary name={entry.name}>{entry.render()}</SectionBoundary>
    </div>
  ));
}

/** Home: the ML work first (recent runs, champions, endpoints, alerts), the engine's health beside it; the first-run guide until something has run. */
export function HomePage() {
  const files = useApiQuery('workspaces.files', {}, { staleTime: 2_000 });
  const fresh = files.data !== undefined && !files.data.files.some((f) => f.lastRun !== null);
  return (
    <div className="page home-page">
      <div className="page-header">
        <h1>Home</h1>
        <span className="page-count">
          Press <kbd>Ctrl</kbd>+<kbd>K</kbd> to go anywhere or run any action
        </span>
      </div>
      <div className="home-layout">
        <section className="home-ml" aria-label="ML work">
          {fresh && (
            <SectionBoundary name="Get started">
              <FirstRunGuide files={files.data?.files} compact />
            </SectionBoundary>
          )}
          <div className="tiles home-ml-tiles">
            <Slots entries={mlSections} />
          </div>
        </section>
        <section className="home-engine" aria-label="Engine health">
          <h2 className="home-group-title">Engine</h2>
          <div className="tiles home-engine-tiles">
            <Slots entries={engineTiles} />
          </div>
        </section>
      </div>
    </div>
  );
}
