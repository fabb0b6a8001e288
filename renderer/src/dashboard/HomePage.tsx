import { dashboardTiles } from './tiles.tsx';

export function HomePage() {
  return (
    <div className="page home-page">
      <div className="page-header">
        <h1>Home</h1>
        <span className="page-count">
          Press <kbd>Ctrl</kbd>+<kbd>K</kbd> to go anywhere or run any action
        </span>
      </div>
      <div className="tiles">
        {dashboardTiles.map((tile) => (
          <div key={tile.id} className="tile-slot">
            {tile.render()}
          </div>
        ))}
      </div>
    </div>
  );
}
