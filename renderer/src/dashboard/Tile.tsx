import type { ReactNode } from 'react';
import { useUiStore } from '../state/ui-store.ts';

export interface TileProps {
  title: string;
  /** The page the tile opens (an id from shell/pages.tsx); the whole tile is that link. */
  page: string;
  /** The link's accessible name, e.g. "Open Containers". */
  linkLabel: string;
  children: ReactNode;
  wide?: boolean;
}

/** One dashboard tile: a heading, figures, and a button that opens its page. */
export function Tile({ title, page, linkLabel, children, wide }: TileProps) {
  const setPage = useUiStore((s) => s.setPage);
  return (
    <section className={`tile${wide ? ' tile-wide' : ''}`} aria-label={title}>
      <div className="tile-head">
        <h2>{title}</h2>
        <button type="button" className="tile-link" onClick={() => setPage(page)} aria-label={linkLabel}>
          Open →
        </button>
      </div>
      <div className="tile-body">{children}</div>
    </section>
  );
}

export function Figure({ value, label }: { value: ReactNode; label: string }) {
  return (
    <div className="figure">
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
    </div>
  );
}
