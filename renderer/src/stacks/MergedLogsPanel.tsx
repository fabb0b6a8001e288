import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { StackSummary } from '../../../shared/domain/compose-stacks.ts';
import { stripAnsi } from '../../../shared/logs/ansi.ts';
import { formatLogTimestamp } from '../logs/format-log-timestamp.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useMergedLogs, type MergedLogSource } from './use-merged-logs.ts';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';

/** The most lines drawn at once (the buffer keeps more; the newest are shown). */
const VISIBLE_LINES = 1000;
const SERVICE_COLOURS = 8;

/** Every container of a stack in one log, interleaved by time, each line prefixed with its service; per-service toggles. */
export function MergedLogsPanel({ stack, onClose }: { stack: StackSummary; onClose(): void }) {
  const sources = useMemo<MergedLogSource[]>(() => {
    const perService = new Map<string, number>();
    for (const c of stack.containers) perService.set(c.service, (perService.get(c.service) ?? 0) + 1);
    return stack.containers.map((c) => ({ id: c.id, service: c.service, label: (perService.get(c.service) ?? 0) > 1 ? `${c.service}-${c.number ?? c.name}` : c.service }));
  }, [stack.containers]);
  const { buffer, revision, failures } = useMergedLogs(sources);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const colourOf = useMemo(() => new Map(stack.services.map((s, i) => [s, i % SERVICE_COLOURS])), [stack.services]);

  const lines = useMemo(() => {
    const all = buffer.slice();
    const shown = hidden.size === 0 ? all : all.filter((l) => !hidden.has(l.service));
    return { shown: shown.slice(-VISIBLE_LINES), revision };
  }, [buffer, revision, hidden]).shown;

  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  useEffect(() => setHidden((old) => new Set([...old].filter((s) => stack.services.includes(s)))), [stack.services]);

  return (
    <section className="merged-logs" aria-label={`Merged logs of ${stack.project}`}>
      <div className="merged-logs-toolbar">
        <h2 className="merged-logs-title">Logs · {stack.project}</h2>
        <CopyLinkButton what={`stack ${stack.project}`} />
        <fieldset className="merged-logs-services">
          <legend className="stacks-sr-only">Services shown</legend>
          {stack.services.map((service) => (
            <label key={service} className={`merged-logs-toggle service-colour-${colourOf.get(service) ?? 0}`}>
              <input
                type="checkbox"
                checked={!hidden.has(service)}
                onChange={(event) =>
                  setHidden((old) => {
                    const next = new Set(old);
                    if (event.target.checked) next.delete(service);
                    else next.add(service);
                    return next;
                  })
                }
              />
              {service}
            </label>
          ))}
        </fieldset>
        <span className="muted merged-logs-count">
          {buffer.droppedCount > 0 ? `${buffer.length} lines (older dropped)` : `${buffer.length} lines`}
        </span>
        <button type="button" className="button button-small" aria-label="Close merged logs" onClick={onClose}>
          Close
        </button>
      </div>
      {failures.map((failure) => (
        <ErrorAlert key={failure} error={failure} />
      ))}
      <div
        className="merged-logs-lines"
        role="log"
        aria-label={`Log lines of ${stack.project}`}
        tabIndex={0}
        ref={scroller}
        onScroll={(event) => {
          const el = event.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {lines.map((line, index) => (
          <div key={index} className={`merged-log-line${line.stream === 'stderr' ? ' merged-log-stderr' : ''}`}>
            <span className="merged-log-ts">{line.ts ? formatLogTimestamp(line.ts) : ''}</span>
            <span className={`merged-log-prefix service-colour-${colourOf.get(line.service) ?? 0}`}>{line.label} |</span>
            <span className="merged-log-text">{stripAnsi(line.text)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
