import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { matchItems } from './match-items.ts';
import type { PaletteItem } from './palette-item.ts';
import { paletteSources } from './sources.ts';

const SHORTCUTS: readonly [string, string][] = [
  ['Ctrl/⌘+K', 'open or close this palette'],
  ['Alt+1…9', 'go to the nth page of the sidebar'],
  ['↑ ↓', 'move'],
  ['Enter', 'run'],
  ['Esc', 'close'],
];

/** The palette itself: a search box over every source, arrow keys + Enter, Escape closes. */
export function PaletteDialog({ onClose }: { onClose(): void }) {
  const lists = paletteSources.map((source) => source());
  // The sources are fixed, so `lists` has a fixed length: each list is a dependency.
  const all = useMemo(() => lists.flat(), lists);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => matchItems(all, query), [all, query]);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const current = Math.min(active, Math.max(0, results.length - 1));

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const run = (item: PaletteItem | undefined) => {
    if (!item) return;
    onClose();
    item.run();
  };

  return (
    <div className="dialog-backdrop palette-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className="palette">
        <input
          ref={inputRef}
          className="palette-input"
          role="combobox"
          aria-label="Search commands"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={results.length > 0 ? `${listId}-${current}` : undefined}
          placeholder="Go to a page, container, volume, network… or run an action"
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setActive((current + 1) % Math.max(1, results.length));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((current - 1 + results.length) % Math.max(1, results.length));
            } else if (event.key === 'Enter') {
              event.preventDefault();
              run(results[current]);
            } else if (event.key === 'Escape') {
              event.preventDefault();
              onClose();
            }
          }}
        />
        <ul id={listId} ref={listRef} role="listbox" aria-label="Commands" className="palette-list">
          {results.map((item, index) => (
            <li
              key={item.id}
              id={`${listId}-${index}`}
              data-index={index}
              role="option"
              aria-selected={index === current}
              className="palette-option"
              onMouseMove={() => index !== current && setActive(index)}
              onClick={() => run(item)}
            >
              <span className="palette-label">{item.label}</span>
              <span className="palette-group">{item.group}</span>
              {item.shortcut && <kbd className="palette-kbd">{item.shortcut}</kbd>}
            </li>
          ))}
          {results.length === 0 && (
            <li className="palette-empty" role="presentation">
              Nothing matches “{query}”. Try a page name, a container name, or “prune”.
            </li>
          )}
        </ul>
        <footer className="palette-shortcuts" aria-label="Keyboard shortcuts">
          {SHORTCUTS.map(([keys, what]) => (
            <span key={keys}>
              <kbd>{keys}</kbd> {what}
            </span>
          ))}
        </footer>
      </div>
    </div>
  );
}
