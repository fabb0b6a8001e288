import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { InputOf } from '../../../shared/api/contract.ts';
import type { RestartPolicyName } from '../../../shared/domain/container-details.ts';
import { GpuPicker } from '../gpu/GpuPicker.tsx';
import { useGpuInventory } from '../gpu/use-gpu-inventory.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useDismiss } from '../ui/use-dismiss.ts';
import { EMPTY_RUN_FORM, toCreateInput, type MountRow, type RunForm } from './run-form.ts';
import { useApiMutation, useApiQuery } from '../api/use-api.ts';

export interface RunContainerDialogProps {
  onClose(): void;
  /** The container was created and started. */
  onCreated(created: { id: string; name: string }): void;
}

const RESTART_POLICIES: { value: RestartPolicyName; label: string }[] = [
  { value: 'no', label: 'Never' },
  { value: 'on-failure', label: 'On failure' },
  { value: 'unless-stopped', label: 'Unless stopped' },
  { value: 'always', label: 'Always' },
];

/** "Run a container": a local image with a name, command, env, ports, mounts, restart policy and GPUs. */
export function RunContainerDialog({ onClose, onCreated }: RunContainerDialogProps) {
  const [form, setForm] = useState<RunForm>(EMPTY_RUN_FORM);
  const [problem, setProblem] = useState<string | null>(null);
  const imageRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLFormElement>(null);
  const listId = useId();
  const images = useApiQuery('containers.imageChoices', {}, { staleTime: 30_000 });
  const gpu = useGpuInventory();
  const create = useApiMutation('containers.create', {
    toInput: (input: InputOf<'containers.create'>) => (input),
    onSuccess: (created) => onCreated(created),
  });

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    imageRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  useDismiss(dialogRef, () => {
    if (!create.isPending) onClose();
  });

  const update = (patch: Partial<RunForm>) => {
    setForm((old) => ({ ...old, ...patch }));
    setProblem(null);
  };
  const submit = () => {
    const result = toCreateInput(form);
    if ('problem' in result) {
      setProblem(`${result.problem.field}: ${result.problem.message}`);
      return;
    }
    create.mutate(result.input);
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && !create.isPending && onClose()}>
      <form
        role="dialog"
        aria-modal="true"
        aria-label="Run a container"
        className="dialog run-dialog"
        ref={dialogRef}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 className="dialog-title">Run a container</h2>
        <div className="run-grid">
          <label className="field">
            <span>Image</span>
            <input ref={imageRef} className="input" list={listId} aria-label="Image" placeholder="benchtop-test/busybox" value={form.image} onChange={(e) => update({ image: e.currentTarget.value })} />
            <datalist id={listId}>
              {(images.data ?? []).map((choice) => (
                <option key={choice.reference} value={choice.reference} />
              ))}
            </datalist>
          </label>
          <label className="field">
            <span>Name</span>
            <input className="input" aria-label="Name" placeholder="optional" value={form.name} onChange={(e) => update({ name: e.currentTarget.value })} />
          </label>
          <label className="field field-wide">
            <span>Command</span>
            <input className="input mono" aria-label="Command" placeholder="the image's default" value={form.command} onChange={(e) => update({ command: e.currentTarget.value })} />
          </label>
          <label className="field">
            <span>Restart policy</span>
            <select className="select" aria-label="Restart policy" value={form.restartPolicy} onChange={(e) => update({ restartPolicy: e.currentTarget.value as RestartPolicyName })}>
              {RESTART_POLICIES.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        </div>

        <RowList
          title="Environment"
          addLabel="Add variable"
          rows={form.env}
          onChange={(env) => update({ env })}
          render={(value, index, set) => (
            <input className="input mono" aria-label={`Environment variable ${index + 1}`} placeholder="KEY=VALUE" value={value} onChange={(e) => set(e.currentTarget.value)} />
          )}
          blank=""
        />
        <RowList
          title="Ports"
          addLabel="Add port"
          rows={form.ports}
          onChange={(ports) => update({ ports })}
          render={(value, index, set) => (
            <input className="input mono" aria-label={`Port ${index + 1}`} placeholder="8080:80/tcp" value={value} onChange={(e) => set(e.currentTarget.value)} />
          )}
          blank=""
        />
        <RowList<MountRow>
          title="Mounts"
          addLabel="Add mount"
          rows={form.mounts}
          onChange={(mounts) => update({ mounts })}
          blank={{ type: 'volume', source: '', target: '', readOnly: false }}
          render={(row, index, set) => (
            <>
              <select className="select" aria-label={`Mount ${index + 1} type`} value={row.type} onChange={(e) => set({ ...row, type: e.currentTarget.value as MountRow['type'] })}>
                <option value="volume">Volume</option>
                <option value="bind">Bind mount</option>
              </select>
              <input className="input mono" aria-label={`Mount ${index + 1} source`} placeholder={row.type === 'bind' ? '/host/path' : 'volume-name'} value={row.source} onChange={(e) => set({ ...row, source: e.currentTarget.value })} />
              <input className="input mono" aria-label={`Mount ${index + 1} target`} placeholder="/path/in/container" value={row.target} onChange={(e) => set({ ...row, target: e.currentTarget.value })} />
              <label className="checkbox-label">
                <input type="checkbox" aria-label={`Mount ${index + 1} read-only`} checked={row.readOnly} onChange={(e) => set({ ...row, readOnly: e.currentTarget.checked })} />
                read-only
              </label>
            </>
          )}
        />
        <div className="run-gpu">
          <GpuPicker value={form.gpus} onChange={(gpus) => update({ gpus })} gpus={gpu.gpus} disabledReason={gpu.isPending ? 'Looking for GPUs…' : gpu.disabledReason} />
        </div>

        {problem && <ErrorAlert error={problem} />}
        {create.error && <ErrorAlert error={create.error} prefix="Could not run the container" />}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose} disabled={create.isPending}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending} aria-busy={create.isPending}>
            {create.isPending ? 'Running…' : 'Run'}
          </button>
        </div>
      </form>
    </div>
  );
}

interface RowListProps<T> {
  title: string;
  addLabel: string;
  rows: T[];
  blank: T;
  onChange(rows: T[]): void;
  render(row: T, index: number, set: (row: T) => void): ReactNode;
}

/** A titled list of editable rows with Add and Remove buttons. */
function RowList<T>({ title, addLabel, rows, blank, onChange, render }: RowListProps<T>) {
  return (
    <fieldset className="row-list">
      <legend>{title}</legend>
      {rows.map((row, index) => (
        <div className="row-list-item" key={index}>
          {render(row, index, (next) => onChange(rows.map((old, i) => (i === index ? next : old))))}
          <button type="button" className="button button-small button-ghost" aria-label={`Remove ${title.toLowerCase()} row ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => onChange([...rows, blank])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
