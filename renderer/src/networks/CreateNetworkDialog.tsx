import { useState } from 'react';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { parseLabels } from '../volumes/parse-labels.ts';
import { useApiMutation } from '../api/use-api.ts';

/** Name, driver, optional subnet, internal; a clash or an overlapping subnet is shown here and nothing is created. */
export function CreateNetworkDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('bridge');
  const [subnet, setSubnet] = useState('');
  const [internal, setInternal] = useState(false);
  const [labels, setLabels] = useState('');
  const create = useApiMutation('networks.create', {
    toInput: () => ({
        name: name.trim(),
        driver,
        internal,
        labels: parseLabels(labels),
        ...(subnet.trim() ? { subnet: subnet.trim() } : {}),
      }),
    onSuccess: onClose,
  });
  return (
    <Dialog label="Create network" title="Create a network" onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <label className="field">
          <span>Name</span>
          <input className="input" aria-label="Network name" value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="training-net" required />
        </label>
        <label className="field">
          <span>Driver</span>
          <select className="select" aria-label="Network driver" value={driver} onChange={(e) => setDriver(e.currentTarget.value)}>
            <option value="bridge">bridge</option>
            <option value="macvlan">macvlan</option>
            <option value="ipvlan">ipvlan</option>
            <option value="overlay">overlay</option>
          </select>
        </label>
        <label className="field">
          <span>Subnet (optional, CIDR)</span>
          <input className="input" aria-label="Subnet" value={subnet} onChange={(e) => setSubnet(e.currentTarget.value)} placeholder="172.30.0.0/16" />
        </label>
        <label className="checkbox-label">
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} />
          Internal (no route to the outside)
        </label>
        <label className="field">
          <span>Labels (one key=value a line)</span>
          <textarea className="input" aria-label="Network labels" rows={2} value={labels} onChange={(e) => setLabels(e.currentTarget.value)} />
        </label>
        {create.error && <ErrorAlert error={create.error} prefix="Could not create the network" />}
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
