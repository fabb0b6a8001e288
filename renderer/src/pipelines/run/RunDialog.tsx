import { useMemo, useState } from 'react';
import { parsePipeline } from '../../../../shared/pipeline/validate.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { initialParamValues, paramErrors, paramFields } from './param-fields.ts';
import { MAX_RUN_NAME_LENGTH } from '../../../../shared/pipeline/run-name.ts';
import { ParamsForm } from './ParamsForm.tsx';
import { useApiMutation } from '../../api/use-api.ts';

export interface RunDialogProps {
  /** The pipeline file's text as it is now (unsaved edits included). */
  text: string;
  /** Where the text came from, for the run list; null for an unsaved pipeline. */
  file: string | null;
  onClose(): void;
  onStarted(runId: string): void;
  /** Values to start from instead of the defaults (run again with an earlier run's params); unknown names are ignored. */
  initialParams?: Readonly<Record<string, string>>;
}

/** "Run <pipeline>": a form built from the typed params, a no-cache option, then pipelines.run. */
export function RunDialog({ text, file, onClose, onStarted, initialParams }: RunDialogProps) {
  const parsed = useMemo(() => parsePipeline(text), [text]);
  const fields = useMemo(() => (parsed.ok ? paramFields(parsed.spec) : []), [parsed]);
  const [values, setValues] = useState(() => {
    const defaults = initialParamValues(fields);
    for (const name of Object.keys(defaults)) if (initialParams && Object.hasOwn(initialParams, name)) defaults[name] = initialParams[name];
    return defaults;
  });
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [noCache, setNoCache] = useState(false);
  const [runName, setRunName] = useState('');
  const errors = paramErrors(fields, values);
  const shownErrors = Object.fromEntries(Object.entries(errors).filter(([name]) => submitted || touched.has(name)));
  const run = useApiMutation('pipelines.run', {
    toInput: () => ({ text, ...(file ? { file } : {}), params: values, noCache, detach: false, ...(runName.trim() ? { name: runName.trim() } : {}) }),
    onSuccess: ({ runId }) => onStarted(runId),
  });
  const name = parsed.ok ? parsed.spec.metadata.name : 'pipeline';
  return (
    <Dialog label="Run pipeline" title={`Run ${name}`} onClose={onClose} className="run-dialog">
      {!parsed.ok ? (
        <>
          <div role="alert" className="alert alert-error">
            <span>This pipeline has problems; fix them before running it.</span>
          </div>
          <ul className="run-dialog-problems">
            {parsed.problems.map((problem, index) => (
              <li key={index}>
                {file ?? 'pipeline'}:{problem.line}:{problem.column}: {problem.message}
              </li>
            ))}
          </ul>
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setSubmitted(true);
            if (Object.keys(errors).length === 0) run.mutate();
          }}
        >
          {file && <p className="muted run-dialog-file">{file}</p>}
          <ParamsForm
            fields={fields}
            values={values}
            errors={shownErrors}
            onChange={(param, value) => {
              setValues((current) => ({ ...current, [param]: value }));
              setTouched((current) => new Set(current).add(param));
            }}
          />
          <label className="field">
            <span>Run name (optional)</span>
            <input
              className="input"
              aria-label="Run name"
              placeholder={`generated: ${name} adjective-noun`}
              maxLength={MAX_RUN_NAME_LENGTH}
              value={runName}
              onChange={(event) => setRunName(event.currentTarget.value)}
            />
          </label>
          <label className="checkbox-label">
            <input type="checkbox" checked={noCache} onChange={(event) => setNoCache(event.currentTarget.checked)} />
            No cache (run every step again)
          </label>
          {run.error && <ErrorAlert error={run.error} prefix="Could not start the run" />}
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={run.isPending}>
              {run.isPending ? 'Starting…' : 'Run'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
