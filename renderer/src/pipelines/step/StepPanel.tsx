import { useRef, useState } from 'react';
import { useDismiss } from '../../ui/use-dismiss.ts';
import type { RunDetail } from '../../../../shared/pipeline/run-model.ts';
import { useLiveRunStore } from '../dag/live-run-store.ts';
import { StepMetrics } from '../../experiments/StepMetrics.tsx';
import { ArtifactBrowser, type PickedArtifactFile } from '../../outputs/ArtifactBrowser.tsx';
import { RegisteredVersions } from '../../outputs/RegisteredVersions.tsx';
import { StepDetails } from './StepDetails.tsx';
import { StepForm } from './StepForm.tsx';
import { StepLogs } from './StepLogs.tsx';

type Tab = 'logs' | 'artifacts' | 'models' | 'metrics' | 'details' | 'edit';

const TAB_LABELS: Record<Tab, string> = { logs: 'Logs', artifacts: 'Artifacts', models: 'Models', metrics: 'Metrics', details: 'Details', edit: 'Edit' };

export interface StepPanelProps {
  step: string;
  text: string;
  steps: readonly string[];
  runId: string | null;
  detail: RunDetail | undefined;
  onApply(text: string): void;
  onRenamed(name: string): void;
  onDelete(): void;
  onClose(): void;
}

/** The side panel of a clicked node: its live logs, what the run made of it, and its fields. */
export function StepPanel({ step, text, steps, runId, detail, onApply, onRenamed, onDelete, onClose }: StepPanelProps) {
  // On a narrow window the panel is a drawer over the graph (styles.css): Escape closes it, as everywhere.
  const panelRef = useRef<HTMLElement>(null);
  useDismiss(panelRef, onClose);
  const [tab, setTab] = useState<Tab>(runId ? 'logs' : 'edit');
  const [picked, setPicked] = useState<PickedArtifactFile | null>(null);
  const state = useLiveRunStore((s) => s.steps[step]?.state);
  const problems = useLiveRunStore((s) => s.problems[step]);
  return (
    <aside ref={panelRef} className="step-panel" aria-label={`Step ${step}`}>
      <header className="step-panel-header">
        <h3 className="step-panel-title">{step}</h3>
        {state && <span className={`dag-badge dag-state-badge dag-state-${state}`}>{state.replace('_', ' ')}</span>}
        <span className="spacer" />
        <button type="button" className="button button-small button-danger-text" onClick={onDelete}>
          Delete step
        </button>
        <button type="button" className="button button-small" aria-label="Close step panel" onClick={onClose}>
          ✕
        </button>
      </header>
      {problems && problems.length > 0 && (
        <ul className="step-panel-problems" aria-label="Step problems">
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      <div className="step-panel-tabs" role="tablist">
        {(['logs', 'artifacts', 'models', 'metrics', 'details', 'edit'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={`step-tab${tab === t ? ' step-tab-active' : ''}`} onClick={() => setTab(t)}>
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      <div className="step-panel-body">
        {tab === 'logs' && (runId ? <StepLogs key={`${runId}/${step}`} runId={runId} step={step} /> : <p className="muted">No run yet: run the pipeline to see this step's logs.</p>)}
        {tab === 'artifacts' && (runId ? <ArtifactBrowser key={`${runId}/${step}`} runId={runId} step={step} picked={picked} onPick={setPicked} /> : <p className="muted">No run yet: run the pipeline to see what this step writes.</p>)}
        {tab === 'models' && (runId ? <RegisteredVersions runId={runId} step={step} runState={state} /> : <p className="muted">No run yet.</p>)}
        {tab === 'metrics' && (runId ? <StepMetrics key={`${runId}/${step}`} runId={runId} step={step} /> : <p className="muted">No run yet: run the pipeline to see what this step logs.</p>)}
        {tab === 'details' && (detail ? <StepDetails detail={detail} step={step} /> : <p className="muted">No run yet.</p>)}
        {tab === 'edit' && <StepForm text={text} step={step} steps={steps} onApply={onApply} onRenamed={onRenamed} />}
      </div>
    </aside>
  );
}
