import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useApiClient } from '../../api/api-context.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useWorkflowFollow } from './use-workflow-follow.ts';

/** The Argo tab's "Submit to cluster": a context of the user's kubeconfig, a namespace, then the workflow's live node phases. */
export function SubmitToCluster({ text, file }: { text: string; file: string | null }) {
  const api = useApiClient();
  const contexts = useQuery({ queryKey: ['exports.kubeContexts', {}], queryFn: () => api.call('exports.kubeContexts', {}) });
  const [chosen, setChosen] = useState<string | null>(null);
  const [namespace, setNamespace] = useState('');
  const context = chosen ?? contexts.data?.current ?? contexts.data?.contexts[0]?.name ?? '';
  const contextNamespace = contexts.data?.contexts.find((c) => c.name === context)?.namespace ?? 'default';
  const submit = useMutation({
    mutationFn: () => api.call('exports.submit', { text, file, context, ...(namespace.trim() ? { namespace: namespace.trim() } : {}), params: {} }),
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
          onSubmit={(event) => {
            event.preventDefault();
            submit.mutate();
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
