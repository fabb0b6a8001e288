import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FINAL_STEP_STATES, SUCCESS_STEP_STATES, type RunDetail } from '../../../shared/pipeline/run-model.ts';
import { useApiClient } from '../api/api-context.tsx';
import { useOpenRun } from '../pipelines/open-run.ts';
import { RunDialog } from '../pipelines/run/RunDialog.tsx';
import { useUiStore } from '../state/ui-store.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useNow } from '../ui/use-now.ts';
import { StepMetrics } from '../experiments/StepMetrics.tsx';
import { RegisteredVersions } from '../outputs/RegisteredVersions.tsx';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';
import { RerunFromDialog } from './RerunFromDialog.tsx';
import { RunNameEditor } from './RunNameEditor.tsx';
import { StepOutputs } from './StepOutputs.tsx';
import { RunStateBadge } from './RunStateBadge.tsx';
import { RunTimeline } from './RunTimeline.tsx';
import { useRunsUi } from './runs-ui-store.ts';
import { formatSpan } from './timeline-model.ts';
import { useApiMutation, useApiQuery } from '../api/use-api.ts';

const stepDuration = (step: RunDetail['steps'][number], now: number) =>
  step.startedAt && step.attempts.length > 0 ? formatSpan((step.finishedAt ? Date.parse(step.finishedAt) : now) - Date.parse(step.startedAt)) : '';

/** One run: header (state, duration, params), actions (cancel, re-run failed / from a step, run again, open in the graph), timeline, steps. */
export function RunDetailView({ id }: { id: string }) {
  const api = useApiClient();
  const showRun = useRunsUi((s) => s.showRun);
  const openStep = useRunsUi((s) => s.openStep);
  const showStep = useRunsUi((s) => s.showStep);
  const detail = useApiQuery('runs.get', { id });
  const run = detail.data;
  const now = useNow(run?.state === 'running' ? 250 : 60_000);
  const [rerunFrom, setRerunFrom] = useState(false);
  const [metricsStep, setMetricsStep] = useState<string | null>(null);
  const [runAgain, setRunAgain] = useState<{ text: string; file: string } | null>(null);
  const cancel = useApiMutation('runs.cancel', { toInput: () => ({ id }), onSuccess: () => void detail.refetch() });
  const rerun = useApiMutation('runs.retry', {
    toInput: (how: { failed: boolean } | { from: string }) => ({ id, ...how }),
    onSuccess: ({ runId }) => {
      setRerunFrom(false);
      showRun(runId);
    },
  });
  const readFile = useMutation({ mutationFn: (file: string) => api.call('pipelines.readFile', { file }), onSuccess: (read) => setRunAgain(read) });

  if (detail.isPending) return <p className="loading" role="status">Loading run {id}…</p>;
  if (!run) return <ErrorAlert error={detail.error} prefix={`Could not load run ${id}`} />;
  const running = run.state === 'running';
  const hasFailed = run.steps.some((s) => FINAL_STEP_STATES.has(s.state) && !SUCCESS_STEP_STATES.has(s.state));
  const took = formatSpan((run.finishedAt ? Date.parse(run.finishedAt) : now) - Date.parse(run.createdAt));
  return (
    <section className="run-detail" aria-label={`Run ${run.name} (${run.id})`}>
      <header className="run-detail-header">
        <div className="run-detail-title">
          <RunNameEditor run={run} />
          <RunStateBadge state={run.state} />
          <code className="run-id" title="The run's id">
            {run.id}
          </code>
          <CopyLinkButton what={`run ${run.id}`} />
        </div>
        <dl className="run-detail-facts">
          <div>
            <dt>Pipeline</dt>
            <dd>{run.pipeline}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{new Date(run.createdAt).toLocaleString()}</dd>
          </div>
          <div>
            <dt>{running ? 'Running for' : 'Took'}</dt>
            <dd>{took}</dd>
          </div>
          {run.file && (
            <div>
              <dt>File</dt>
              <dd className="run-detail-file">{run.file}</dd>
            </div>
          )}
          {run.rerunOf && (
            <div>
              <dt>Re-run</dt>
              <dd>
                {run.rerunMode} of{' '}
                <button type="button" className="link-button run-id" onClick={() => showRun(run.rerunOf)}>
                  {run.rerunOf}
                </button>
              </dd>
            </div>
          )}
        </dl>
        {Object.keys(run.params).length > 0 && (
          <div className="run-detail-params" aria-label="Params">
            {Object.entries(run.params).map(([k, v]) => (
              <span key={k} className="run-param-chip">
                {k}={v}
              </span>
            ))}
          </div>
        )}
        {run.message && (
          <p className={`run-detail-message${run.state === 'running' && run.message.startsWith('waiting for the engine') ? ' run-engine-wait' : ' muted'}`} role={run.state === 'running' ? 'status' : undefined}>
            {run.message}
          </p>
        )}
        <div className="toolbar run-detail-actions">
          {running && (
            <button type="button" className="button button-danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
              {cancel.isPending ? 'Cancelling…' : 'Cancel run'}
            </button>
          )}
          <button type="button" className="button" disabled={running || !hasFailed || rerun.isPending} onClick={() => rerun.mutate({ failed: true })} title="Reuse the steps that succeeded; run the others again">
            Re-run failed
          </button>
          <button type="button" className="button" disabled={running} onClick={() => setRerunFrom(true)}>
            Re-run from step…
          </button>
          {run.file && (
            <button type="button" className="button" disabled={readFile.isPending} onClick={() => readFile.mutate(run.file as string)}>
              Run again…
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={() => {
              useOpenRun.getState().openRun(run.id, run.file);
              useUiStore.getState().setPage('pipelines');
            }}
          >
            Open in graph
          </button>
        </div>
        {cancel.error && <ErrorAlert error={cancel.error} prefix="Could not cancel" onDismiss={cancel.reset} />}
        {rerun.error && !rerunFrom && <ErrorAlert error={rerun.error} prefix="Could not re-run" onDismiss={rerun.reset} />}
        {readFile.error && <ErrorAlert error={readFile.error} prefix="Could not read the pipeline file" onDismiss={readFile.reset} />}
      </header>
      <h3 className="run-section-title">Timeline</h3>
      <RunTimeline run={run} />
      <h3 className="run-section-title">Steps</h3>
      <div className="table-scroll table-scroll-auto">
        <table className="resource-table run-steps-table" aria-label="Steps">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Took</th>
              <th scope="col">Result from</th>
              <th scope="col">Metrics</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {run.steps.map((step) => (
              <tr key={step.name} className={`run-step-row${openStep === step.name ? ' run-step-open' : ''}`} onClick={() => showStep(openStep === step.name ? null : step.name)}>
                <td>
                  <button
                    type="button"
                    className="link-button run-step-open-button"
                    aria-label={`Open step ${step.name}`}
                    aria-expanded={openStep === step.name}
                    onClick={(event) => {
                      event.stopPropagation();
                      showStep(openStep === step.name ? null : step.name);
                    }}
                  >
                    {step.name}
                  </button>
                </td>
                <td>
                  <RunStateBadge state={step.state} />
                </td>
                <td>{step.attempts.length}</td>
                <td className="muted">{stepDuration(step, now)}</td>
                <td className="muted">
                  {step.reusedFrom ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={(event) => {
                        event.stopPropagation();
                        showRun(step.reusedFrom);
                      }}
                      title="Reused by the re-run"
                    >
                      reused from {step.reusedFrom}
                    </button>
                  ) : step.cache?.decision === 'hit' && step.cache.fromRun ? (
                    `cache: run ${step.cache.fromRun}`
                  ) : step.attempts.length > 0 ? (
                    'this run'
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  {Object.entries(step.metrics).map(([k, v]) => (
                    <span key={k} className="run-param-chip">
                      {k}={v}
                    </span>
                  ))}
                </td>
                <td className="muted run-step-message" title={step.message ?? ''}>
                  {step.message ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(() => {
        const opened = run.steps.find((s) => s.name === openStep);
        if (opened) return <StepOutputs run={run} step={opened} />;
        if (openStep) return <ErrorAlert error={`Run ${run.id} has no step ${openStep}.`} onDismiss={() => showStep(null)} />;
        return <p className="muted run-steps-hint">Click a step for its logs, artifacts and registered models.</p>;
      })()}
      <h3 className="run-section-title">Registered models</h3>
      <RegisteredVersions runId={run.id} runState={`${run.state}:${run.steps.filter((s) => s.state === 'succeeded').length}`} />
      <TrackedStepMetrics run={run} chosen={metricsStep} onChoose={setMetricsStep} />
      {rerunFrom && <RerunFromDialog run={run} pending={rerun.isPending} error={rerun.error} onCancel={() => (setRerunFrom(false), rerun.reset())} onConfirm={(step) => rerun.mutate({ from: step })} />}
      {runAgain && (
        <RunDialog
          text={runAgain.text}
          file={runAgain.file}
          initialParams={run.params}
          onClose={() => setRunAgain(null)}
          onStarted={(runId) => {
            setRunAgain(null);
            showRun(runId);
          }}
        />
      )}
    </section>
  );
}

/** A step's live MLflow metrics: the running step by default, else the first that ran; a picker for the others. */
function TrackedStepMetrics({ run, chosen, onChoose }: { run: RunDetail; chosen: string | null; onChoose(step: string): void }) {
  const ran = run.steps.filter((s) => s.attempts.length > 0);
  if (ran.length === 0) return null;
  const step = (chosen && ran.some((s) => s.name === chosen) ? chosen : null) ?? ran.find((s) => s.state === 'running')?.name ?? ran[0].name;
  return (
    <>
      <h3 className="run-section-title">Metrics</h3>
      <label className="field field-inline metrics-step-picker">
        <span>Step</span>
        <select className="input" aria-label="Metrics of step" value={step} onChange={(e) => onChoose(e.currentTarget.value)}>
          {ran.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <StepMetrics key={`${run.id}/${step}`} runId={run.id} step={step} />
    </>
  );
}
