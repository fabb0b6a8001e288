import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { formatNumber } from '../../../shared/monitoring/report-html.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { MonitorDetail } from './MonitorDetail.tsx';
import { useMonitoringUi } from './monitoring-ui-store.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** Drift and quality monitors: each one's state, and the selected one's timeline and per-column details. */
export function MonitoringPage() {
  const api = useApiClient();
  // Monitors are also added from the CLI and by other windows: the page asks again each time it opens
  // (Home's alerts section may have cached the list earlier).
  const monitors = useQuery({ queryKey: ['monitors.list', {}], queryFn: () => api.call('monitors.list', {}), refetchOnMount: 'always' });
  const selected = useMonitoringUi((s) => s.selected);
  const select = useMonitoringUi((s) => s.select);
  const [adding, setAdding] = useState(false);
  const list = monitors.data ?? [];
  const current = selected && list.some((m) => m.name === selected) ? selected : (list[0]?.name ?? null);
  return (
    <div className="page monitoring-page">
      <div className="page-header">
        <h1>Monitoring</h1>
        <span className="page-count">{monitors.data ? `${list.filter((m) => m.latest?.status === 'alert').length} alerting of ${list.length}` : ''}</span>
      </div>
      <div className="toolbar">
        <span className="muted">Drift per column (Evidently's default tests) and model quality over each monitor's window; alerts when a threshold is crossed.</span>
        <div className="bulk-actions">
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            New monitor…
          </button>
        </div>
      </div>
      {monitors.error && <ErrorAlert error={monitors.error} prefix="Could not list monitors" />}
      {monitors.isPending ? (
        <p role="status" className="loading">
          Loading monitors…
        </p>
      ) : list.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No monitors</p>
          <p>Compare current data (an endpoint's traffic, a step's output, a file) with a reference, on a schedule, or from the CLI:</p>
          <pre className="empty-command">
            <code>benchtop monitor report --reference train.csv --current today.csv</code>
          </pre>
        </div>
      ) : (
        <div className="monitoring-layout">
          <ul className="monitor-list" aria-label="Monitors">
            {list.map((m) => (
              <li key={m.name}>
                <button type="button" className={`monitor-item${m.name === current ? ' selected' : ''}`} aria-current={m.name === current} onClick={() => select(m.name)}>
                  <span className="monitor-item-name">{m.name}</span>
                  <StatusBadge monitor={m} />
                  <span className="muted">drift share {formatNumber(m.latest?.driftShare)}</span>
                </button>
              </li>
            ))}
          </ul>
          {current && <MonitorDetail key={current} name={current} />}
        </div>
      )}
      {adding && <NewMonitorDialog onClose={() => setAdding(false)} onSaved={(name) => (setAdding(false), select(name))} />}
    </div>
  );
}

function NewMonitorDialog({ onClose, onSaved }: { onClose(): void; onSaved(name: string): void }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [referenceKind, setReferenceKind] = useState<'file' | 'featureSet'>('file');
  const [reference, setReference] = useState('');
  const [currentKind, setCurrentKind] = useState<'file' | 'endpoint'>('file');
  const [current, setCurrent] = useState('');
  const [captureWindow, setCaptureWindow] = useState('1h');
  const [model, setModel] = useState('');
  const [cron, setCron] = useState('');
  const [share, setShare] = useState('0.5');
  const save = useMutation({
    mutationFn: () =>
      api.call('monitors.save', {
        name: name.trim(),
        reference: referenceKind === 'file' ? { kind: 'file', path: reference.trim() } : { kind: 'featureSet', name: reference.trim() },
        current: currentKind === 'file' ? { kind: 'file', path: current.trim() } : { kind: 'endpoint', endpoint: current.trim(), window: captureWindow.trim() },
        model: model.trim() || null,
        schedule: cron.trim() ? { cron: cron.trim() } : null,
        thresholds: { driftShare: Number(share), quality: [] },
      }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('monitors.') });
      onSaved(saved.name);
    },
  });
  return (
    <Dialog label="New monitor" title="New monitor" onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <label className="field">
          <span>Name</span>
          <input className="input" aria-label="Monitor name" value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="credit" required />
        </label>
        <label className="field">
          <span>Reference</span>
          <select className="input" aria-label="Reference kind" value={referenceKind} onChange={(e) => setReferenceKind(e.currentTarget.value as 'file' | 'featureSet')}>
            <option value="file">CSV or Parquet file</option>
            <option value="featureSet">Feature set (latest version)</option>
          </select>
        </label>
        <label className="field">
          <span>{referenceKind === 'file' ? 'Reference file (absolute path)' : 'Feature set name'}</span>
          <input className="input" aria-label={referenceKind === 'file' ? 'Reference file' : 'Feature set'} value={reference} onChange={(e) => setReference(e.currentTarget.value)} placeholder={referenceKind === 'file' ? '/data/train.csv' : 'credit-features'} required />
        </label>
        <label className="field">
          <span>Current data</span>
          <select className="input" aria-label="Current kind" value={currentKind} onChange={(e) => setCurrentKind(e.currentTarget.value as 'file' | 'endpoint')}>
            <option value="file">CSV or Parquet file</option>
            <option value="endpoint">An endpoint's traffic (its last window)</option>
          </select>
        </label>
        {currentKind === 'file' ? (
          <label className="field">
            <span>Current file (absolute path)</span>
            <input className="input" aria-label="Current file" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} placeholder="/data/today.csv" required />
          </label>
        ) : (
          <div className="form-row">
            <label className="field">
              <span>Endpoint</span>
              <input className="input" aria-label="Endpoint" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} placeholder="credit-scorer" required />
            </label>
            <label className="field">
              <span>Window</span>
              <input className="input" aria-label="Window" value={captureWindow} onChange={(e) => setCaptureWindow(e.currentTarget.value)} placeholder="1h" pattern="\d+(s|m|h|d)" required />
            </label>
          </div>
        )}
        <label className="field">
          <span>Model version (NAME@ALIAS, optional: its signature names the columns)</span>
          <input className="input" aria-label="Model" value={model} onChange={(e) => setModel(e.currentTarget.value)} placeholder="credit@champion" />
        </label>
        <label className="field">
          <span>Schedule (cron, optional)</span>
          <input className="input" aria-label="Schedule" value={cron} onChange={(e) => setCron(e.currentTarget.value)} placeholder="0 * * * *" />
        </label>
        <label className="field">
          <span>Alert when the share of drifted columns reaches</span>
          <input className="input" aria-label="Drift share threshold" type="number" min="0" max="1" step="0.05" value={share} onChange={(e) => setShare(e.currentTarget.value)} />
        </label>
        {save.error && <ErrorAlert error={save.error} prefix="Could not save the monitor" />}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!name.trim() || !reference.trim() || !current.trim() || save.isPending}>
            Save monitor
          </button>
        </div>
      </form>
    </Dialog>
  );
}
