import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ApiErrorPayload } from '../../../../shared/api/errors.ts';
import type { MlflowImportSummary } from '../../../../shared/api/methods/mlflow.ts';
import { useApiClient } from '../../api/api-context.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

const PHASE_TEXT = {
  reading: 'Reading and checking',
  artifacts: 'Storing artifact files',
  tracking: 'Writing runs',
  registry: 'Writing registered models',
  done: 'Done',
} as const;

type Phase = keyof typeof PHASE_TEXT;

interface ImportState {
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  phase: Phase;
  fraction: number | null;
  summary: MlflowImportSummary | null;
  error: ApiErrorPayload | null;
}

const ROWS: [keyof Pick<MlflowImportSummary, 'experiments' | 'runs' | 'loggedModels' | 'registeredModels' | 'versions' | 'aliases'>, string][] = [
  ['experiments', 'Experiments'],
  ['runs', 'Runs'],
  ['loggedModels', 'Logged models'],
  ['registeredModels', 'Registered models'],
  ['versions', 'Model versions'],
  ['aliases', 'Aliases'],
];

/** "Import from MLflow…": the button for the Models page header, with its dialog. */
export function ImportMlflowButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Import from MLflow…
      </button>
      {open && <ImportMlflowDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Imports an mlruns folder or an mlflow.db (a path on the machine that runs Benchtop) into the
 * catalog; shows the phase, then what was added, updated, unchanged and skipped. Importing the
 * same source again changes nothing. Cancel (or closing while it runs) stops it.
 */
export function ImportMlflowDialog({ onClose }: { onClose(): void }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const [path, setPath] = useState('');
  const [run, setRun] = useState<ImportState | null>(null);
  const close = useRef<(() => void) | null>(null);
  useEffect(() => () => close.current?.(), []);
  const running = run?.state === 'running';

  const start = () => {
    close.current?.();
    setRun({ state: 'running', phase: 'reading', fraction: null, summary: null, error: null });
    const stop = api.subscribe(
      'mlflow.import',
      { path: path.trim() },
      (message) =>
        setRun((r) =>
          r ? { ...r, phase: message.phase, fraction: message.total > 1 ? message.done / message.total : r.fraction, summary: message.summary ?? r.summary } : r,
        ),
      (error) => {
        if (close.current !== stop) return;
        close.current = null;
        setRun((r) => (r ? { ...r, state: error ? (error.code === 'cancelled' ? 'cancelled' : 'failed') : 'succeeded', error: error ?? null } : r));
        if (!error) void queryClient.invalidateQueries({ predicate: (query) => /^(models|features|mlflow)\./.test(String(query.queryKey[0])) });
      },
    );
    close.current = stop;
  };

  const cancel = () => {
    close.current?.();
    close.current = null;
    setRun((r) => (r ? { ...r, state: 'cancelled' } : r));
  };

  const summary = run?.summary ?? null;
  return (
    <Dialog label="Import from MLflow" title="Import from MLflow" onClose={onClose} className="dialog-wide">
      <form
        className="mlflow-import-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim() && !running) start();
        }}
      >
        <label className="mlflow-import-field">
          <span>mlruns folder or mlflow.db file</span>
          <input
            className="input mono"
            value={path}
            placeholder="/home/me/project/mlruns or /home/me/project/mlflow.db"
            onChange={(event) => setPath(event.currentTarget.value)}
            disabled={running}
            spellCheck={false}
          />
        </label>
        <button type="submit" className="button button-primary" disabled={running || !path.trim()}>
          Import
        </button>
      </form>
      <p className="muted mlflow-import-hint">
        A path on the machine that runs Benchtop. Experiments, runs, metric histories, params, tags, registered models, versions and aliases come in;
        artifact files are stored once each. The database is opened read-only; importing the same source again changes nothing.
      </p>
      {run && (
        <section aria-label="Import progress" className="mlflow-import-progress">
          <div role="status">
            {run.state === 'running' && `${PHASE_TEXT[run.phase]}…`}
            {run.state === 'succeeded' && summary && `Imported ${summary.kind === 'sqlite' ? 'the database' : 'the folder'} in ${summary.durationMs} ms.`}
            {run.state === 'cancelled' && 'Cancelled: nothing was written unless the import had reached the catalog; import again to finish.'}
            {run.state === 'failed' && 'The import failed and changed nothing.'}
          </div>
          {running && <progress className="progress-bar" max={1} value={run.fraction ?? undefined} aria-label="Import progress" />}
          {run.error && <ErrorAlert error={run.error.message} />}
          {summary && (
            <>
              <table className="resource-table mlflow-import-summary" aria-label="Import summary">
                <thead>
                  <tr>
                    <th scope="col">What</th>
                    <th scope="col">Added</th>
                    <th scope="col">Updated</th>
                    <th scope="col">Unchanged</th>
                  </tr>
                </thead>
                <tbody>
                  {ROWS.map(([key, label]) => (
                    <tr key={key}>
                      <th scope="row">{label}</th>
                      <td>{summary[key].added}</td>
                      <td>{summary[key].updated}</td>
                      <td>{summary[key].unchanged}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">
                {summary.metricPointsAdded} new metric points · {summary.artifactFiles} artifact files
              </p>
              {summary.skipped.length > 0 && (
                <details>
                  <summary>Skipped {summary.skipped.length}</summary>
                  <ul className="mlflow-import-skipped">
                    {summary.skipped.map((s) => (
                      <li key={`${s.path}:${s.reason}`}>
                        <span className="mono">{s.path}</span>: {s.reason}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </section>
      )}
      <div className="dialog-buttons">
        {running && (
          <button type="button" className="button button-danger" onClick={cancel}>
            Cancel import
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {running ? 'Close (cancels)' : 'Close'}
        </button>
      </div>
    </Dialog>
  );
}
