import type { RunDetail } from '../../../shared/pipeline/run-model.ts';
import { ArtifactBrowser } from '../outputs/ArtifactBrowser.tsx';
import { RegisteredVersions } from '../outputs/RegisteredVersions.tsx';
import { StepLogs } from '../pipelines/step/StepLogs.tsx';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';
import { useRunsUi, type StepTab } from './runs-ui-store.ts';

const TABS: readonly { id: StepTab; label: string }[] = [
  { id: 'logs', label: 'Logs' },
  { id: 'artifacts', label: 'Artifacts' },
  { id: 'models', label: 'Models' },
];

/** The opened step row of a run: its logs, its artifacts (browse, preview, download) and the model versions it registered. */
export function StepOutputs({ run, step }: { run: RunDetail; step: RunDetail['steps'][number] }) {
  const tab = useRunsUi((s) => s.stepTab);
  const setTab = useRunsUi((s) => s.setStepTab);
  const picked = useRunsUi((s) => s.openArtifact);
  const pick = useRunsUi((s) => s.pickArtifact);
  const close = useRunsUi((s) => s.showStep);
  return (
    <section className="step-outputs" aria-label={`Outputs of ${step.name}`}>
      <header className="step-outputs-header">
        <h3 className="run-section-title">{step.name}</h3>
        <div className="step-panel-tabs" role="tablist" aria-label={`What ${step.name} made`}>
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={`step-tab${tab === t.id ? ' step-tab-active' : ''}`} onClick={() => setTab(t.id)}>
              {t.label}
              {t.id === 'artifacts' && step.artifacts.length > 0 ? ` (${step.artifacts.length})` : ''}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <CopyLinkButton what={`step ${step.name}`} />
        <button type="button" className="button button-small" aria-label={`Close ${step.name}`} onClick={() => close(null)}>
          ✕
        </button>
      </header>
      {tab === 'logs' &&
        (step.attempts.length > 0 ? (
          <StepLogs key={`${run.id}/${step.name}`} runId={run.id} step={step.name} attempts={step.attempts.length} />
        ) : (
          <p className="muted">{step.reusedFrom ? `No container ran: the result was reused from run ${step.reusedFrom}.` : step.state === 'cached' ? 'No container ran: the result came from the cache.' : 'This step has not started.'}</p>
        ))}
      {tab === 'artifacts' && <ArtifactBrowser key={`${run.id}/${step.name}`} runId={run.id} step={step.name} picked={picked} onPick={pick} />}
      {tab === 'models' && <RegisteredVersions runId={run.id} step={step.name} runState={step.state} />}
    </section>
  );
}
