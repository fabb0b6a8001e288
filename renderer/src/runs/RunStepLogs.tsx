import { useEffect, useRef, useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';

const MAX_CHARS = 2_000_000;

/** The latest attempt's log of one step of a run, followed while it runs (the address /runs/RUN/steps/STEP). */
export function RunStepLogs({ runId, step, onClose }: { runId: string; step: string; onClose(): void }) {
  const api = useApiClient();
  const [text, setText] = useState('');
  const [attempt, setAttempt] = useState<number | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  const section = useRef<HTMLElement>(null);

  // A deep link lands here: bring the logs into view. (Braces: Chromium's scrollIntoView returns a
  // promise, which React would take for the effect's cleanup.)
  useEffect(() => {
    void section.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  useEffect(() => {
    setText('');
    setEnded(null);
    return api.subscribe(
      'runs.logs',
      { id: runId, step, follow: true },
      (chunk) => {
        setAttempt(chunk.attempt);
        setText((current) => (current + chunk.text).slice(-MAX_CHARS));
      },
      (error) => setEnded(error ? error.message : 'end of log'),
    );
  }, [api, runId, step]);

  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [text]);

  return (
    <section ref={section} className="run-step-logs" aria-label={`Logs of step ${step}`}>
      <div className="toolbar">
        <h3 className="run-section-title">
          Logs · {step}
          {attempt !== null ? <span className="muted"> (attempt {attempt})</span> : null}
        </h3>
        <span className="muted" role="status">
          {ended ?? 'following…'}
        </span>
        <CopyLinkButton what={`step ${step}`} />
        <button type="button" className="button button-small" aria-label={`Close the logs of ${step}`} onClick={onClose}>
          Close
        </button>
      </div>
      <pre ref={pre} className="step-log-text mono" aria-label={`Log of ${step}`}>
        {text || (ended ? '(no output)' : '')}
      </pre>
    </section>
  );
}
