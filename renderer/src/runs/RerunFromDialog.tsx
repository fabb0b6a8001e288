import { useState } from 'react';
import type { RunDetail } from '../../../shared/pipeline/run-model.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

/** Picks the step to re-run from: it and everything downstream run again, the rest is reused. */
export function RerunFromDialog({ run, pending, error, onCancel, onConfirm }: { run: RunDetail; pending: boolean; error: unknown; onCancel(): void; onConfirm(step: string): void }) {
  const [step, setStep] = useState(run.steps[0]?.name ?? '');
  return (
    <Dialog label="Re-run from step" title="Re-run from a step" onClose={onCancel}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm(step);
        }}
      >
        <p>The chosen step and every step downstream of it run again, without the cache. Steps upstream (and other branches that succeeded) are reused from run {run.id}.</p>
        <label className="field">
          <span>Step</span>
          <select className="select" aria-label="Step" value={step} onChange={(e) => setStep(e.currentTarget.value)}>
            {run.steps.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} ({s.state.replace('_', ' ')})
              </option>
            ))}
          </select>
        </label>
        {Boolean(error) && <ErrorAlert error={error} prefix="Could not re-run" />}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={pending || !step}>
            {pending ? 'Starting…' : 'Re-run'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
