import { useCallback, useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { offscreenColumns, scrollToNextColumn, type ColumnExtent } from './offscreen-columns.ts';

export interface WideTableProps {
  children: ReactNode;
  /** Extra classes for the scroll box (e.g. `table-scroll-auto`). */
  className?: string;
  /** How many leading columns stay pinned: 1, or 2 when the first is a checkbox and the second names the row. */
  pinned?: 1 | 2;
}

/** The extents of the first header row's cells: the table's columns. */
function measure(box: HTMLElement): ColumnExtent[] {
  const row = box.querySelector('thead tr');
  if (!row) return [];
  return [...row.children].map((cell) => {
    const el = cell as HTMLElement;
    return { left: el.offsetLeft, width: el.offsetWidth };
  });
}

/**
 * A table too wide for its box: it scrolls sideways with its first column pinned (the column that
 * names each row), and says how many columns are out of view ("3 more →", which scrolls to them).
 * Wrap the `<table>`; its accessible name and roles are untouched.
 */
export function WideTable({ children, className, pinned = 1 }: WideTableProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState({ before: 0, after: 0 });
  const [firstWidth, setFirstWidth] = useState(0);

  const update = useCallback(() => {
    const box = boxRef.current;
    if (!box) return;
    const columns = measure(box);
    const next = offscreenColumns(columns, box.scrollLeft, box.clientWidth, pinned);
    setFirstWidth(columns[0]?.width ?? 0);
    setHidden((old) => (old.before === next.before && old.after === next.after ? old : next));
  }, [pinned]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    update();
    const observer = new ResizeObserver(update);
    observer.observe(box);
    const table = box.querySelector('table');
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, [update]);

  const scrollOn = () => {
    const box = boxRef.current;
    if (!box) return;
    const left = scrollToNextColumn(measure(box), box.scrollLeft, box.clientWidth, pinned);
    if (left !== null) box.scrollTo({ left, behavior: 'smooth' });
  };

  return (
    <div className={`wide-table-frame${hidden.before > 0 ? ' wide-table-scrolled' : ''}`}>
      <div
        ref={boxRef}
        className={`table-scroll wide-table${pinned === 2 ? ' wide-table-pin2' : ''}${className ? ` ${className}` : ''}`}
        style={pinned === 2 ? ({ '--wide-table-first': `${firstWidth}px` } as CSSProperties) : undefined}
        onScroll={update}
      >
        {children}
      </div>
      {hidden.after > 0 && (
        <button type="button" className="wide-table-more" onClick={scrollOn} aria-label={`${hidden.after} more ${hidden.after === 1 ? 'column' : 'columns'} to the right`}>
          {hidden.after} more →
        </button>
      )}
    </div>
  );
}
