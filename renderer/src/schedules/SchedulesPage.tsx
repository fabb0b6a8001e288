import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { BackfillDialog } from './BackfillDialog.tsx';
import { ScheduleTicks } from './ScheduleTicks.tsx';
import { useApiMutation, useApiQuery } from '../api/use-api.ts';

/** Scheduled pipeline files: state, cron, zone, next and missed ticks; enable/disable; backfill. */
export function SchedulesPage() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const schedules = useApiQuery('schedules.list', {});
  const [backfill, setBackfill] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('schedules.') });
  const toggle = useMutation({
    mutationFn: ({ pipeline, file, enable }: { pipeline: string; file: string; enable: boolean }) =>
      enable ? api.call('schedules.enable', { file }).then(() => undefined) : api.call('schedules.disable', { pipeline }).then(() => undefined),
    onSettled: refresh,
  });
  const list = schedules.data ?? [];
  return (
    <div className="page schedules-page">
      <div className="page-header">
        <h1>Schedules</h1>
        <span className="page-count">{schedules.data ? `${list.filter((s) => s.enabled).length} enabled of ${list.length}` : ''}</span>
      </div>
      <div className="toolbar">
        <span className="muted">Runs start on each cron tick while Benchtop (the app, the web host or benchtop scheduler) is running.</span>
        <div className="bulk-actions">
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Schedule a file…
          </button>
        </div>
      </div>
      {notice && (
        <div role="status" className="banner banner-info">
          {notice}
          <button type="button" className="button button-ghost button-small" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      {toggle.error && <ErrorAlert error={toggle.error} prefix="Could not change the schedule" onDismiss={toggle.reset} />}
      {schedules.error && <ErrorAlert error={schedules.error} prefix="Could not list schedules" />}
      {schedules.isPending ? (
        <p role="status" className="loading">
          Loading schedules…
        </p>
      ) : list.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No schedules</p>
          <p>Give a pipeline a schedule section, then schedule its file:</p>
          <pre className="empty-command">
            <code>{'schedule: { cron: ["0 3 * * *"], timezone: Europe/Paris }'}</code>
          </pre>
        </div>
      ) : (
        <div className="schedule-cards">
          {list.map((schedule) => {
            const state = !schedule.enabled ? 'disabled' : schedule.suspended ? 'suspended' : 'enabled';
            return (
              <section key={schedule.pipeline} className="schedule-card" aria-label={`Schedule ${schedule.pipeline}`}>
                <header className="schedule-card-header">
                  <h2>{schedule.pipeline}</h2>
                  <span className={`badge schedule-state-${state}`}>{state}</span>
                  <div className="bulk-actions">
                    <button
                      type="button"
                      className="button button-small"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate({ pipeline: schedule.pipeline, file: schedule.file, enable: !schedule.enabled })}
                    >
                      {schedule.enabled ? 'Disable' : 'Enable'}
                    </button>
                    <button type="button" className="button button-small" disabled={Boolean(schedule.problem)} onClick={() => setBackfill(schedule.pipeline)}>
                      Backfill…
                    </button>
                  </div>
                </header>
                <dl className="schedule-facts">
                  <div>
                    <dt>Cron</dt>
                    <dd>
                      <code>{schedule.cron.join(' · ') || '—'}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>Time zone</dt>
                    <dd>{schedule.timezone ?? 'local time of the machine'}</dd>
                  </div>
                  <div>
                    <dt>Concurrency</dt>
                    <dd>{schedule.concurrency}</dd>
                  </div>
                  <div>
                    <dt>Last tick</dt>
                    <dd>{schedule.lastTick ? new Date(schedule.lastTick).toLocaleString() : '—'}</dd>
                  </div>
                  <div className="schedule-file">
                    <dt>File</dt>
                    <dd>{schedule.file}</dd>
                  </div>
                </dl>
                {schedule.problem ? <ErrorAlert error={new Error(schedule.problem)} prefix="This schedule cannot run" /> : <ScheduleTicks pipeline={schedule.pipeline} />}
              </section>
            );
          })}
        </div>
      )}
      {backfill && (
        <BackfillDialog
          pipeline={backfill}
          onClose={() => setBackfill(null)}
          onStarted={(count) => {
            setBackfill(null);
            setNotice(`Backfill of ${backfill} started: ${count} run${count === 1 ? '' : 's'} (see the Runs page).`);
            void refresh();
          }}
        />
      )}
      {adding && <ScheduleFileDialog onClose={() => setAdding(false)} onDone={() => (setAdding(false), void refresh())} />}
    </div>
  );
}

function ScheduleFileDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const [file, setFile] = useState('');
  const enable = useApiMutation('schedules.enable', { toInput: () => ({ file: file.trim() }), onSuccess: onDone });
  return (
    <Dialog label="Schedule a file" title="Schedule a pipeline file" onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          enable.mutate();
        }}
      >
        <label className="field">
          <span>Pipeline file with a schedule section (absolute path)</span>
          <input className="input" aria-label="Pipeline file" value={file} onChange={(e) => setFile(e.currentTarget.value)} placeholder="/home/me/project/nightly.yaml" required />
        </label>
        {enable.error && <ErrorAlert error={enable.error} prefix="Could not schedule it" />}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!file.trim() || enable.isPending}>
            Enable schedule
          </button>
        </div>
      </form>
    </Dialog>
  );
}
