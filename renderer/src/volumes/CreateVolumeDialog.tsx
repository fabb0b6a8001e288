import { useState } from 'react';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { parseLabels } from './parse-labels.ts';
import { useApiMutation } from '../api/use-api.ts';

/** Name, driver and labels; a clash or a bad name is shown here and nothing is created. */
export function CreateVolumeDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [labels, setLabels] = useState('');
  const create = useApiMutation('volumes.create', {
    toInput: () => ({ name: name.trim(), driver: driver.trim() || 'local', labels: parseLabels(labels) }),
    // The changes stream adds the row; nothing to refetch.
    onSuccess: onClose,
  });
  return (
    <Dialog label="Create volume" title="Create a volume" onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <label className="field">
          <span>Name</span>
          <input className="input" aria-label="Volume name" value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="datasets" required />
        </label>
        <label className="field">
          <span>Driver</span>
          <input className="input" aria-label="Driver" value={driver} onChange={(e) => setDriver(e.currentTarget.value)} />
        </label>
        <label className="field">
          <span>Labels (one key=value a line)</span>
          <textarea className="input" aria-label="Labels" rows={3} value={labels} onChange={(e) => setLabels(e.currentTarget.value)} placeholder="project=llm" />
        </label>
        {create.error && <ErrorAlert error={create.error} prefix="Could not create the volume" />}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending || !name.trim()}>
            {create.isPending ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
