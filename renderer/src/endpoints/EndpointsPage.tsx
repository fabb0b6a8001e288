import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Endpoint } from '../../../shared/serving/endpoint.ts';
import { signatureColumns } from '../../../shared/serving/endpoint.ts';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useEndpointsUi } from './endpoints-ui-store.ts';
import { LatencyChart } from './LatencyChart.tsx';
import { RemoveEndpointDialog } from './RemoveEndpointDialog.tsx';
import { buildTryItBody, defaultValue } from './try-it-request.ts';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const ms = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} ms`);
const targetText = (e: Endpoint) => (e.target.kind === 'alias' ? `@${e.target.alias}` : `v${e.target.version}`);

/** Model endpoints: state, model, version and alias, URL, latency, traffic, errors; one in detail. */
export function EndpointsPage() {
  const api = useApiClient();
  const { selected, select, removeRequest } = useEndpointsUi();
  const list = useQuery({ queryKey: ['endpoints.list', {}], queryFn: () => api.call('endpoints.list', {}), refetchInterval: 2000 });
  const endpoints = list.data ?? [];
  useEffect(() => {
    if ((selected === null || !endpoints.some((e) => e.name === selected)) && endpoints.length > 0) select(endpoints[0].name);
  }, [selected, endpoints, select]);
  return (
    <div className="page endpoints-page">
      <div className="page-header">
        <h1>Endpoints</h1>
        <span className="page-count">{list.data ? `${endpoints.length} ${endpoints.length === 1 ? 'endpoint' : 'endpoints'}` : ''}</span>
      </div>
      {list.error && <ErrorAlert error={list.error} prefix="Could not list endpoints" />}
      {list.data && endpoints.length === 0 && <p className="muted">No endpoints yet. Serve a version or an alias from the Models page, or run <code>benchtop serve NAME@champion</code>.</p>}
      {endpoints.length > 0 && (
        <div className="table-scroll table-scroll-auto">
          <table className="resource-table" aria-label="Endpoints">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">State</th>
                <th scope="col">Model</th>
                <th scope="col">Version</th>
                <th scope="col">URL</th>
                <th scope="col">p50</th>
                <th scope="col">p95</th>
                <th scope="col">Req/min</th>
                <th scope="col">Errors</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr key={e.name} className={e.name === selected ? 'row-selected' : undefined} onClick={() => select(e.name)}>
                  <td>
                    <button type="button" className="link-button" onClick={() => select(e.name)}>
                      {e.name}
                    </button>
                  </td>
                  <td>
                    <span className={`state-chip state-${e.state}`}>{e.state}</span>
                  </td>
                  <td>
                    {e.model} <span className="muted">{targetText(e)}</span>
                  </td>
                  <td>{e.version === null ? '–' : `v${e.version}`}</td>
                  <td className="mono">{e.url}</td>
                  <td>{ms(e.stats.p50Ms)}</td>
                  <td>{ms(e.stats.p95Ms)}</td>
                  <td>{e.stats.requestsPerMinute}</td>
                  <td>{e.stats.errors}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && endpoints.some((e) => e.name === selected) && <EndpointDetail name={selected} />}
      {removeRequest && <RemoveEndpointDialog name={removeRequest} />}
    </div>
  );
}

function EndpointDetail({ name }: { name: string }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: ['endpoints.get', { name }], queryFn: () => api.call('endpoints.get', { name, captures: 10 }), refetchInterval: 1000 });
  const [showLogs, setShowLogs] = useState(false);
  const logs = useQuery({ queryKey: ['endpoints.logs', { name }], queryFn: () => api.call('endpoints.logs', { name, tail: 200 }), enabled: showLogs, refetchInterval: showLogs ? 3000 : false });
  const refresh = () => queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('endpoints.') });
  const stop = useMutation({ mutationFn: () => api.call('endpoints.stop', { name }), onSettled: refresh });
  const e = detail.data;
  if (detail.error) return <ErrorAlert error={detail.error} prefix={`Could not load ${name}`} />;
  if (!e) return <p role="status">Loading {name}…</p>;
  return (
    <section className="panel endpoint-detail" aria-label={`Endpoint ${e.name}`}>
      <div className="endpoint-header">
        <h2>{e.name}</h2>
        <CopyLinkButton what={`endpoint ${e.name}`} />
        <span className={`state-chip state-${e.state}`}>{e.state}</span>
        <span className="mono">{e.url}</span>
        <div className="endpoint-actions">
          <button type="button" className="button button-small" onClick={() => void navigator.clipboard?.writeText(`${e.url}/invocations`)}>
            Copy URL
          </button>
          <button type="button" className="button button-small" onClick={() => setShowLogs((v) => !v)}>
            {showLogs ? 'Hide logs' : 'Logs'}
          </button>
          <button type="button" className="button button-small" onClick={() => stop.mutate()} disabled={stop.isPending || e.state === 'stopped'}>
            Stop
          </button>
          <button type="button" className="button button-small button-danger" onClick={() => useEndpointsUi.getState().requestRemove(name)}>
            Remove
          </button>
        </div>
      </div>
      {stop.error && <ErrorAlert error={stop.error} prefix="Could not change the endpoint" />}
      {e.message && <p className={e.state === 'failed' ? 'error-text' : 'muted'}>{e.message}</p>}
      <dl className="version-facts">
        <dt>Model</dt>
        <dd>
          {e.model} {targetText(e)} {e.version !== null && <>→ serving v{e.version}</>}
        </dd>
        <dt>Image</dt>
        <dd className="mono">{e.image ?? '–'}</dd>
        <dt>Latency</dt>
        <dd>
          p50 {ms(e.stats.p50Ms)} · p95 {ms(e.stats.p95Ms)} · {e.stats.requestsPerMinute} requests/min · {plural(e.stats.requests, 'request')} · {plural(e.stats.errors, 'error')}
        </dd>
      </dl>
      <div className="model-panels">
        <section className="panel" aria-label="Latency">
          <h3>Latency (last 2 minutes)</h3>
          <LatencyChart series={e.stats.series} now={Date.now()} />
        </section>
        <TryIt endpoint={e} />
      </div>
      <section className="panel" aria-label="Last requests">
        <h3>Last requests</h3>
        {e.captures.length === 0 ? (
          <p className="muted">No request yet.</p>
        ) : (
          <table className="resource-table" aria-label="Captured requests">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Status</th>
                <th scope="col">Version</th>
                <th scope="col">Latency</th>
                <th scope="col">Input</th>
                <th scope="col">Output</th>
              </tr>
            </thead>
            <tbody>
              {e.captures.map((c) => (
                <tr key={c.requestId}>
                  <td>{new Date(c.time).toLocaleTimeString()}</td>
                  <td>{c.status}</td>
                  <td>{c.version === null ? '–' : `v${c.version}`}</td>
                  <td>{ms(c.latencyMs)}</td>
                  <td className="mono capture-cell" title={c.input ?? ''}>
                    {c.truncated ? '(over the capture size cap)' : (c.input ?? '').slice(0, 120)}
                  </td>
                  <td className="mono capture-cell" title={c.output ?? ''}>
                    {(c.output ?? '').slice(0, 120)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ExportPanel name={e.name} />
      {showLogs && (
        <section className="panel" aria-label="Endpoint logs">
          <h3>Logs</h3>
          <pre className="endpoint-logs">{logs.data?.text || (logs.isLoading ? 'Loading…' : '(no output)')}</pre>
        </section>
      )}
    </section>
  );
}

/** A row built from the version's signature, sent through the endpoint; shows the answer. */
function TryIt({ endpoint }: { endpoint: Endpoint }) {
  const api = useApiClient();
  const version = useQuery({
    queryKey: ['models.version', { name: endpoint.model, version: endpoint.version ?? 0 }],
    queryFn: () => api.call('models.version', { name: endpoint.model, version: endpoint.version ?? 0 }),
    enabled: endpoint.version !== null,
  });
  const columns = signatureColumns(version.data?.signature);
  const [values, setValues] = useState<Record<string, string>>({});
  const send = useMutation({ mutationFn: () => api.call('endpoints.invoke', { name: endpoint.name, body: buildTryItBody(columns, values), contentType: 'application/json' }) });
  const answer = send.data;
  let prediction: string | null = null;
  if (answer) {
    try {
      const parsed = JSON.parse(answer.body) as { predictions?: unknown; message?: string };
      prediction = parsed.predictions !== undefined ? JSON.stringify(parsed.predictions) : (parsed.message ?? answer.body);
    } catch {
      prediction = answer.body;
    }
  }
  return (
    <section className="panel try-it" aria-label="Try it">
      <h3>Try it</h3>
      {columns.length === 0 ? (
        <p className="muted">The version has no input signature to build a row from; send a request to {endpoint.url}/invocations.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <div className="try-it-fields">
            {columns.map((c) => (
              <label key={c.name} className="field field-compact">
                <span>
                  {c.name} <span className="muted">{c.type}</span>
                </span>
                <input className="input" aria-label={c.name} value={values[c.name] ?? defaultValue(c)} onChange={(ev) => setValues({ ...values, [c.name]: ev.currentTarget.value })} />
              </label>
            ))}
          </div>
          <button type="submit" className="button button-primary" disabled={send.isPending || endpoint.state === 'stopped'}>
            Send
          </button>
        </form>
      )}
      {send.error && <ErrorAlert error={send.error} prefix="Could not send" />}
      {answer && (
        <div className="try-it-answer" aria-label="Answer">
          <span className={answer.status === 200 ? 'status-ok' : 'error-text'}>HTTP {answer.status}</span> in {answer.latencyMs.toFixed(1)} ms{answer.version !== null && ` from v${answer.version}`}
          <div>
            {answer.status === 200 ? 'Prediction' : 'Error'}: <output className="mono" aria-label="Prediction">{prediction}</output>
          </div>
        </div>
      )}
    </section>
  );
}

/** The endpoint as a compose service or Kubernetes manifests (image pinned by digest), to copy or save with the CLI. */
function ExportPanel({ name }: { name: string }) {
  const api = useApiClient();
  const [format, setFormat] = useState<'compose' | 'kubernetes' | null>(null);
  const preview = useQuery({ queryKey: ['endpoints.export', { name, format }], queryFn: () => api.call('endpoints.export', { name, format: format ?? 'compose' }), enabled: format !== null });
  return (
    <section className="panel" aria-label="Export">
      <div className="endpoint-header">
        <h3>Export</h3>
        <div className="endpoint-actions">
          <button type="button" className="button button-small" aria-pressed={format === 'compose'} onClick={() => setFormat(format === 'compose' ? null : 'compose')}>
            Compose
          </button>
          <button type="button" className="button button-small" aria-pressed={format === 'kubernetes'} onClick={() => setFormat(format === 'kubernetes' ? null : 'kubernetes')}>
            Kubernetes
          </button>
        </div>
      </div>
      {format === null && (
        <p className="muted">
          A compose service or a Deployment and Service, the image pinned by digest. To write the files: <code>benchtop endpoints export {name} --format compose --out DIR</code>.
        </p>
      )}
      {preview.error && <ErrorAlert error={preview.error} prefix="Could not export" />}
      {format !== null && preview.data && (
        <>
          {preview.data.notes.map((note) => (
            <p key={note} className="muted">
              {note}
            </p>
          ))}
          <pre className="endpoint-logs" aria-label={`${format} export`}>
            {preview.data.text}
          </pre>
        </>
      )}
    </section>
  );
}
