import { useEffect, useState, type RefObject } from 'react';
import { fitColumns, type PrioritizedColumn } from './column-priorities.ts';

/** The columns that fit the width of `ref` now (see fitColumns), following its resizes. */
export function useFitColumns<Id extends string>(ref: RefObject<HTMLElement | null>, columns: readonly PrioritizedColumn<Id>[]): ReadonlySet<Id> {
  const [shown, setShown] = useState<ReadonlySet<Id>>(() => new Set(columns.map((c) => c.id)));
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const next = fitColumns(columns, el.clientWidth);
      setShown((old) => (old.size === next.size && [...next].every((id) => old.has(id)) ? old : next));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, columns]);
  return shown;
}
