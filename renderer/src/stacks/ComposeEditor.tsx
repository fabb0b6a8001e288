import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useApiMutation, useApiQuery } from '../api/use-api.ts';

const VALIDATE_AFTER_MS = 400;

/** A compose file in a textarea with a line-number gutter; schema and project problems show inline as you type; Save refuses when the file changed on disk. */
export function ComposeEditor({ file, onClose }: { file: string; onClose(): void }) {
  const api = useApiClient();
  const read = useApiQuery('compose.readFile', { file }, { staleTime: Infinity, gcTime: 0 });
  const [text, setText] = useState<string | null>(null);
  const [version, setVersion] = useState<string | null>(null);
  const [debounced, setDebounced] = useState<string | null>(null);
  useEffect(() => {
    if (read.data && text === null) {
      setText(read.data.text);
      setDebounced(read.data.text);
      setVersion(read.data.version);
    }
  }, [read.data, text]);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text), VALIDATE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const validation = useQuery({
    queryKey: ['compose.validateText', { file, text: debounced ?? '' }],
    queryFn: () => api.call('compose.validateText', { file, text: debounced ?? '', profiles: [] }),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
  });
  const problems = useMemo(() => (validation.data?.problems ?? []).filter((p) => p.file === null || p.file === file), [validation.data, file]);
  const elsewhere = (validation.data?.problems.length ?? 0) - problems.length;
  const errorLines = useMemo(() => new Set(problems.map((p) => p.line).filter((l): l is number => l !== null)), [problems]);

  const save = useApiMutation('compose.saveFile', {
    toInput: () => ({ file, text: text ?? '', version: version ?? '' }),
    onSuccess: (result) => setVersion(result.version),
  });
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = (text ?? '').split('\n').length;

  return (
    <section className="compose-editor" aria-label={`Edit ${file}`}>
      <div className="compose-editor-header">
        <h2 className="compose-editor-title">{file}</h2>
        <span className={`compose-editor-state${problems.length > 0 ? ' compose-editor-invalid' : ''}`} role="status" aria-label="Validation">
          {validation.isFetching ? 'Checking…' : problems.length > 0 ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : debounced !== null ? 'Valid' : ''}
        </span>
        <button type="button" className="button button-small button-primary" disabled={text === null || save.isPending} onClick={() => save.mutate()}>
          Save
        </button>
        <button type="button" className="button button-small" aria-label="Close editor" onClick={onClose}>
          Close
        </button>
      </div>
      {read.error && <ErrorAlert error={read.error} />}
      {save.error && <ErrorAlert error={save.error} onDismiss={() => save.reset()} />}
      {save.isSuccess && (
        <p role="status" className="muted compose-editor-saved">
          Saved.
        </p>
      )}
      {text !== null && (
        <div className="compose-editor-body">
          <div className="compose-editor-gutter" ref={gutter} aria-hidden="true">
            {Array.from({ length: lineCount }, (_, i) => (
              <div key={i} className={errorLines.has(i + 1) ? 'gutter-line gutter-error' : 'gutter-line'}>
                {i + 1}
              </div>
            ))}
          </div>
          <textarea
            className="compose-editor-text"
            aria-label="Compose file"
            spellCheck={false}
            wrap="off"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              if (save.isSuccess) save.reset();
            }}
            onScroll={(event) => {
              if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
            }}
          />
        </div>
      )}
      {(problems.length > 0 || elsewhere > 0) && (
        <ul className="compose-editor-problems" aria-label="Compose file problems">
          {problems.map((p, i) => (
            <li key={i}>
              <span className="mono compose-problem-at">{p.line !== null ? `${p.line}:${p.column ?? 1}` : '—'}</span> {p.message}
            </li>
          ))}
          {elsewhere > 0 && <li className="muted">{elsewhere} more in included or extended files.</li>}
        </ul>
      )}
    </section>
  );
}
