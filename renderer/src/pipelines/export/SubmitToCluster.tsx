import { Fragment, useMemo, useState } from 'react';
import { parsePipeline } from '../../../../shared/pipeline/validate.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { initialParamValues, paramErrors, paramFields } from '../run/param-fields.ts';
import { ParamsForm } from '../run/ParamsForm.tsx';
import { useWorkflowFollow } from './use-workflow-follow.ts';
import { useApiMutation, useApiQuery } from '../../api/use-api.ts';

/**
 * The Argo tab's "Submit to cluster": a context of the user's kubeconfig, a namespace, the run's
 * typed params (the run dialog's form), then the workflow's live node phases.
 */
export function SubmitToCluster({ text, file }: { text: string; file: string | null }) {
  const contexts = useApiQuery('exports.kubeContexts', {});
  const [chosen, setChosen] = useState<string | null>(null);
  const [namespace, setNamespace] = useState('');
  const context = chosen ?? contexts.data?.current ?? contexts.data?.contexts[0]?.name ?? '';
  const contextNamespace = contexts.data?.contexts.find((c) => c.name === context)?.namespace ?? 'default';
  const fields = useMemo(() => {
    const parsed = parsePipeline(text);
    return parsed.ok ? paramFields(parsed.spec) : [];
  }, [text]);
  // Only what the person changed is kept, so that an edited pipeline's new params start at their defaults.
  const [edits, setEdits] = useState<Readonly<Record<string, string>>>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const values = useMemo(() => {
    const current = initialParamValues(fields);
    for (const name of Object.keys(current)) if (Object.hasOwn(edits, name)) current[name] = edits[name];
    return current;
  }, [fields, edits]);
  const errors = paramErrors(fields, values);
  const shownErrors = Object.fromEntries(Object.entries(errors).filter(([name]) => attempted || touched.has(name)));
  const submit = useApiMutation('exports.submit', {
    toInput: (params: Record<string, string>) => ({ text, file, context, ...(namespace.trim() ? { namespace: namespace.trim() } : {}), params }),
  });
  const target = useMemo(() => (submit.data ? { context: submit.data.context, namespace: submit.data.namespace, name: submit.data.name } : null), [submit.data]);
  const view = useWorkflowFollow(target);

  return (
    <section className="export-submit" aria-label="Submit to cluster">
      <h3 className="export-section-title">Submit to cluster</h3>
      {contexts.error && <ErrorAlert error={contexts.error} prefix="Kubeconfig" />}
      {contexts.data?.problem && <p className="export-muted">{contexts.data.problem}</p>}
      {contexts.data && contexts.data.contexts.length > 0 && (
        <form
          className="export-submit-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setAttempted(true);
            if (Object.keys(errors).length === 0) submit.mutate(values);
          }}
        >
          <label className="field">
            Context
            <select className="select" aria-label="Context" value={context} onChange={(e) => setChosen(e.currentTarget.value)}>
              {contexts.data.contexts.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                  {c.server ? ` (${c.server})` : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Namespace
            <input className="input" aria-label="Namespace" value={namespace} placeholder={contextNamespace} onChange={(e) => setNamespace(e.currentTarget.value)} />
          </label>
          {fields.length > 0 && (
            <div className="export-submit-params" role="group" aria-label="Params">
              <span className="export-submit-params-title">Params</span>
              <ParamsForm
                fields={fields}
                values={values}
                errors={shownErrors}
                idPrefix="submit-param"
                onChange={(name, value) => {
                  setEdits((current) => ({ ...current, [name]: value }));
                  setTouched((current) => new Set(current).add(name));
                }}
              />
            </div>
          )}
          <button type="submit" className="button button-primary" disabled={submit.isPending || context === ''}>
            {submit.isPending ? 'Submitting…' : 'Submit'}
          </button>
        </form>
      )}
      {submit.error && <ErrorAlert error={submit.error} prefix="Submit" />}
      {submit.data && (
        <div className="export-workflow" aria-label="Workflow status">
          <p>
            Workflow <code>{submit.data.name}</code> in {submit.data.namespace} ({submit.data.context}): <strong>{view.phase ?? 'Pending'}</strong>
            {view.message ? ` — ${view.message}` : ''}
          </p>
          {submit.variables && Object.keys(submit.variables).length > 0 && (
            <p className="export-muted" aria-label="Submitted params">
              Params:{' '}
              {Object.entries(submit.variables).map(([name, value]) => (
                <Fragment key={name}>
                  <span className="run-param-chip">
                    {name}={value}
                  </span>{' '}
                </Fragment>
              ))}
            </p>
          )}
          {view.error && <ErrorAlert error={view.error} prefix="Following" />}
          <ul className="export-nodes">
            {view.nodes.map((node) => (
              <li key={node.name} className={`export-node export-node-${node.phase.toLowerCase()}`}>
                <span className="export-node-name">{node.name}</span> <span className="export-node-phase">{node.phase}</span>
                {node.message ? <span className="export-muted"> {node.message}</span> : null}
              </li>
            ))}
          </ul>
          {view.logs.length > 0 && (
            <details className="export-logs">
              <summary>Logs ({view.logs.length} pods)</summary>
              <pre>{view.logs.map((log) => log.text.replace(/\n$/, '').split('\n').map((line) => `${log.name} | ${line}`).join('\n')).join('\n')}</pre>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
