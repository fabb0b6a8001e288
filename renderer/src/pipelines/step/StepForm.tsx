import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { applyStepForm, formValuesOf, type StepFormValues } from './step-form-model.ts';

const TRIGGERS = ['all_success', 'all_done', 'all_done_min_one_success', 'none_failed'];

function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      {label}
      {children}
      {hint && <span className="muted step-form-hint">{hint}</span>}
    </label>
  );
}

/** A step's fields as a form; Apply rewrites only the changed keys of the YAML (comments and order kept). */
export function StepForm({ text, step, steps, onApply, onRenamed }: { text: string; step: string; steps: readonly string[]; onApply(text: string): void; onRenamed(name: string): void }) {
  const initial = useMemo(() => formValuesOf(text, step), [text, step]);
  const [values, setValues] = useState<StepFormValues | null>(initial);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setValues(initial);
    setError(null);
  }, [initial]);
  if (!initial || !values) return <p className="muted">The YAML cannot be read: fix it in the editor to edit this step here.</p>;
  const set = <K extends keyof StepFormValues>(key: K, value: StepFormValues[K]) => setValues({ ...values, [key]: value });
  const input = (key: 'name' | 'image' | 'when' | 'retryLimit' | 'timeout' | 'cpu' | 'memory' | 'gpu', mono = true) => (
    <input className={`input${mono ? ' mono' : ''}`} value={values[key]} onChange={(event) => set(key, event.target.value)} />
  );
  const changed = JSON.stringify(values) !== JSON.stringify(initial);
  return (
    <form
      className="step-form"
      aria-label={`Edit step ${step}`}
      onSubmit={(event) => {
        event.preventDefault();
        try {
          onApply(applyStepForm(text, initial, values));
          if (values.name.trim() !== step) onRenamed(values.name.trim());
        } catch (caught) {
          setError(caught);
        }
      }}
    >
      {error !== null && <ErrorAlert error={error} onDismiss={() => setError(null)} />}
      <Field label="Name">{input('name')}</Field>
      <Field label="Image">{input('image')}</Field>
      <Field label="Command" hint="One item per line">
        <textarea className="input mono" rows={2} value={values.command} onChange={(event) => set('command', event.target.value)} />
      </Field>
      <Field label="Args" hint="One item per line">
        <textarea className="input mono" rows={3} value={values.args} onChange={(event) => set('args', event.target.value)} />
      </Field>
      <Field label="Env" hint="KEY=value, one per line">
        <textarea className="input mono" rows={2} value={values.env} onChange={(event) => set('env', event.target.value)} />
      </Field>
      <fieldset className="step-form-depends">
        <legend>Depends on</legend>
        {steps
          .filter((s) => s !== step)
          .map((s) => (
            <label key={s} className="select-label">
              <input
                type="checkbox"
                checked={values.depends.includes(s)}
                onChange={(event) => set('depends', event.target.checked ? [...values.depends, s] : values.depends.filter((d) => d !== s))}
              />
              {s}
            </label>
          ))}
      </fieldset>
      <div className="step-form-row">
        <Field label="Trigger">
          <select className="select" value={values.trigger} onChange={(event) => set('trigger', event.target.value)}>
            <option value="">all_success (default)</option>
            {TRIGGERS.slice(1).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        <Field label="When">{input('when')}</Field>
      </div>
      <div className="step-form-row">
        <Field label="Retry limit">{input('retryLimit')}</Field>
        <Field label="Retry policy">
          <select className="select" value={values.retryPolicy} onChange={(event) => set('retryPolicy', event.target.value)}>
            <option value="">OnFailure (default)</option>
            <option value="OnError">OnError</option>
            <option value="Always">Always</option>
          </select>
        </Field>
        <Field label="Timeout">{input('timeout')}</Field>
      </div>
      <div className="step-form-row">
        <Field label="CPU">{input('cpu')}</Field>
        <Field label="Memory">{input('memory')}</Field>
        <Field label="GPU">{input('gpu')}</Field>
        <Field label="Cache">
          <select className="select" value={values.cache} onChange={(event) => set('cache', event.target.value as StepFormValues['cache'])}>
            <option value="default">default</option>
            <option value="on">on</option>
            <option value="off">off</option>
          </select>
        </Field>
      </div>
      <div className="toolbar">
        <button type="submit" className="button button-small button-primary" disabled={!changed}>
          Apply
        </button>
        <button type="button" className="button button-small" disabled={!changed} onClick={() => setValues(initial)}>
          Reset
        </button>
      </div>
    </form>
  );
}
