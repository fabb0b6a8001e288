import { useLayoutEffect, useRef } from 'react';
import type { ComposeRun } from './use-compose-run.ts';

/** The lines an up or down printed, compose style: "Container demo-web-1  Started". */
export function ComposeProgressLog({ run, onCancel, onDismiss }: { run: ComposeRun; onCancel(): void; onDismiss(): void }) {
  const done = run.lines.find((line) => line.type === 'done');
  const listRef = useRef<HTMLOListElement>(null);
  // Keep the newest line in view, as a terminal does.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [run.lines.length]);
  return (
    <section className="compose-progress" aria-label="Compose progress">
      <div className="compose-progress-header">
        <strong>{run.title}</strong>
        <span role="status" className={`compose-run-state compose-run-${run.state}`}>
          {run.state === 'running' ? 'Running…' : run.state === 'done' ? `Done${done?.type === 'done' ? ` in ${(done.elapsedMs / 1000).toFixed(1)} s, ${done.changed} changed` : ''}` : run.state === 'cancelled' ? 'Cancelled' : 'Failed'}
        </span>
        {run.state === 'running' ? (
          <button type="button" className="button button-small" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="button button-ghost button-small" aria-label="Close progress" onClick={onDismiss}>
            ×
          </button>
        )}
      </div>
      <ol ref={listRef} className="compose-progress-lines" role="log" aria-label="Compose progress lines">
        {run.lines
          .filter((line) => line.type === 'resource')
          .map((line, index) =>
            line.type === 'resource' ? (
              <li key={index}>
                <span className="compose-kind">{line.kind === 'container' ? 'Container' : line.kind === 'network' ? 'Network' : 'Volume'}</span>
                <span className="compose-resource">{line.name}</span>
                <span className={`compose-status compose-status-${line.status}`}>{line.status}</span>
                {line.detail && <span className="muted">{line.detail}</span>}
              </li>
            ) : null,
          )}
      </ol>
      {run.error && (
        <p role="alert" className="alert alert-error">
          {run.error.message}
        </p>
      )}
    </section>
  );
}
