import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Completion } from './schema-completion.ts';

export interface EditorProblem {
  line: number;
  column: number;
  message: string;
}

export interface YamlEditorProps {
  label: string;
  text: string;
  onChange(text: string): void;
  problems: readonly EditorProblem[];
  /** Completions at a text offset and the length of the word they replace. */
  complete?(text: string, offset: number): { items: Completion[]; prefix: string };
  onSave?(): void;
}

const LINE_HEIGHT = 18;

/** Offset of line:column (1-based) in text. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

/**
 * The gutter's numbers as one text block (a 200-step pipeline is ~1,000 lines: one element each
 * cost more to create and lay out than the DAG's nodes), with a row per problem line on top.
 * Re-rendered only when the line count or the problems change, not on every keystroke.
 */
const LineNumbers = memo(function LineNumbers({ count, errorLines }: { count: number; errorLines: ReadonlyMap<number, string> }) {
  const numbers = useMemo(() => Array.from({ length: count }, (_, i) => i + 1).join('\n'), [count]);
  return (
    <div className="gutter-lines">
      <div className="gutter-numbers">{numbers}</div>
      {[...errorLines].map(([line, message]) => (
        <div key={line} className="gutter-line gutter-error" style={{ top: (line - 1) * LINE_HEIGHT }} title={message}>
          {line}
        </div>
      ))}
    </div>
  );
});

/**
 * A YAML textarea with a line-number gutter that marks problem lines (the compose editor's look),
 * schema completion on Ctrl+Space, Tab indenting by two spaces, and a problem list that jumps to the spot.
 */
export function YamlEditor({ label, text, onChange, problems, complete, onSave }: YamlEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<{ items: Completion[]; prefix: string; index: number; top: number; left: number } | null>(null);
  const errorLines = useMemo(() => new Map(problems.map((p) => [p.line, p.message])), [problems]);
  const lineCount = text.split('\n').length;

  const openMenu = useCallback(() => {
    const el = area.current;
    if (!el || !complete) return;
    const offset = el.selectionStart;
    const { items, prefix } = complete(el.value, offset);
    if (items.length === 0) {
      setMenu(null);
      return;
    }
    const before = el.value.slice(0, offset);
    const line = before.split('\n').length - 1;
    const column = offset - (before.lastIndexOf('\n') + 1);
    setMenu({ items, prefix, index: 0, top: (line + 1) * LINE_HEIGHT - el.scrollTop + 6, left: Math.min(column * 7.8 - el.scrollLeft + 8, el.clientWidth - 160) });
  }, [complete]);

  const accept = (item: Completion) => {
    const el = area.current;
    if (!el || !menu) return;
    const end = el.selectionStart;
    const start = end - menu.prefix.length;
    const next = el.value.slice(0, start) + item.insert + el.value.slice(end);
    onChange(next);
    setMenu(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + item.insert.length, start + item.insert.length);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (menu) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setMenu({ ...menu, index: (menu.index + step + menu.items.length) % menu.items.length });
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        accept(menu.items[menu.index]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setMenu(null);
        return;
      }
    }
    if (event.key === ' ' && event.ctrlKey) {
      event.preventDefault();
      openMenu();
    } else if (event.key === 's' && (event.ctrlKey || event.metaKey) && onSave) {
      event.preventDefault();
      onSave();
    } else if (event.key === 'Tab' && !event.shiftKey) {
      event.preventDefault();
      const el = event.currentTarget;
      const start = el.selectionStart;
      onChange(`${el.value.slice(0, start)}  ${el.value.slice(el.selectionEnd)}`);
      requestAnimationFrame(() => el.setSelectionRange(start + 2, start + 2));
    }
  };

  const jumpTo = (problem: EditorProblem) => {
    const el = area.current;
    if (!el) return;
    const offset = offsetOf(text, problem.line, problem.column);
    el.focus();
    el.setSelectionRange(offset, offset);
    el.scrollTop = Math.max(0, (problem.line - 5) * LINE_HEIGHT);
  };

  return (
    <section className="yaml-editor" aria-label={label}>
      <div className="compose-editor-body yaml-editor-body">
        <div className="compose-editor-gutter" ref={gutter} aria-hidden="true">
          <LineNumbers count={lineCount} errorLines={errorLines} />
        </div>
        <textarea
          ref={area}
          className="compose-editor-text yaml-editor-text"
          aria-label={`${label} text`}
          spellCheck={false}
          wrap="off"
          value={text}
          onChange={(event) => {
            onChange(event.target.value);
            if (menu) setMenu(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setMenu(null), 150)}
          onScroll={(event) => {
            if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
            if (menu) setMenu(null);
          }}
        />
        {menu && (
          <ul className="yaml-completions" role="listbox" aria-label="Completions" style={{ top: menu.top, left: Math.max(menu.left, 40) }}>
            {menu.items.map((item, i) => (
              <li
                key={item.label}
                role="option"
                aria-selected={i === menu.index}
                className={i === menu.index ? 'yaml-completion yaml-completion-active' : 'yaml-completion'}
                onMouseDown={(event) => {
                  event.preventDefault();
                  accept(item);
                }}
              >
                <span className="mono">{item.label}</span>
                {item.detail && <span className="muted yaml-completion-detail">{item.detail}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="muted yaml-editor-hint">Ctrl+Space completes keys and values from the pipeline schema · Ctrl+S saves</p>
      {problems.length > 0 && (
        <ul className="compose-editor-problems" aria-label="Pipeline problems">
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" className="link-button mono compose-problem-at" onClick={() => jumpTo(p)}>
                {p.line}:{p.column}
              </button>{' '}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
