import { useEffect, useRef, useState } from 'react';
import { useApiClient } from '../../api/api-context.tsx';
import { useLiveRunStore } from '../dag/live-run-store.ts';

const MAX_CHARS = 2_000_000;

/**
 * One attempt's log, followed while the step runs; the newest attempt unless another is chosen.
 * `attempts` (the run's detail) is the number of attempts outside the Pipelines page's live run.
 */
export function StepLogs({ runId, step, attempts }: { runId: string; step: string; attempts?: number }) {
  const api = useApiClient();
  const liveAttempt = useLiveRunStore((s) => s.steps[step]?.attempt ?? 0);
  const latestAttempt = attempts ?? liveAttempt;
  const [chosen, setChosen] = useState<number | null>(null);
  const attempt = chosen ?? (latestAttempt > 0 ? latestAttempt : null);
  const [text, setText] = useState('');
  const [ended, setEnded] = useState<string | null>(null);
  const [follow, setFollow] = useState(true);
  const pre = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (attempt === null) return;
    setText('');
    setEnded(null);
    /** The byte offset in the log just after the text shown: a reconnect resumes from there (each byte once, no gap). */
    let shownUpTo = 0;
    const close = api.subscribe(
      'runs.logs',
      { id: runId, step, attempt, follow: true },
      (chunk) => {
        shownUpTo = chunk.end;
        setText((current) => (current + chunk.text).slice(-MAX_CHARS));
      },
      (error) => setEnded(error ? error.message : 'end of log'),
      { resumeInput: () => ({ id: runId, step, attempt, follow: true, offset: shownUpTo }), onRestart: () => setText('') },
    );
    return close;
  }, [api, runId, step, attempt]);

  useEffect(() => {
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [text, follow]);

  if (attempt === null) return <p className="muted">This step has not started in this run.</p>;
  return (
    <div className="step-logs">
      <div className="toolbar">
        <label className="select-label">
          Attempt
          <select className="select" aria-label="Attempt" value={attempt} onChange={(event) => setChosen(Number(event.target.value))}>
            {Array.from({ length: Math.max(latestAttempt, attempt) }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
                {n === latestAttempt ? ' (latest)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="select-label">
          <input type="checkbox" checked={follow} onChange={(event) => setFollow(event.target.checked)} /> Follow
        </label>
        <span className="muted" role="status">
          {ended ?? 'following…'}
        </span>
      </div>
      <pre
        ref={pre}
        className="step-log-text mono"
        aria-label={`Log of ${step}, attempt ${attempt}`}
        onScroll={(event) => {
          const el = event.currentTarget;
          setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < 24);
        }}
      >
        {text || (ended ? '(no output)' : '')}
      </pre>
    </div>
  );
}
