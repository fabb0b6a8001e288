import { useState } from 'react';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

/** Name, image and command of a new step; the caller adds it through shared/pipeline/edit. */
export function AddStepDialog({ defaultImage, upstream, onAdd, onClose }: { defaultImage: string; upstream: string | null; onAdd(step: { name: string; image: string; command: string[]; depends: string[] }): void; onClose(): void }) {
  const [name, setName] = useState('');
  const [image, setImage] = useState(defaultImage);
  const [command, setCommand] = useState('sh -c "echo hello"');
  const [error, setError] = useState<unknown>(null);
  return (
    <Dialog label="Add step" title="Add step" onClose={onClose}>
      <form
        className="pipeline-dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          try {
            const words = command.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^(["'])(.*)\1$/, '$2')) ?? [];
            onAdd({ name: name.trim(), image: image.trim(), command: words, depends: upstream ? [upstream] : [] });
          } catch (caught) {
            setError(caught);
          }
        }}
      >
        {error !== null && <ErrorAlert error={error} onDismiss={() => setError(null)} />}
        <label className="field">
          Step name
          <input className="input mono" value={name} onChange={(event) => setName(event.target.value)} placeholder="evaluate" required />
        </label>
        <label className="field">
          Image
          <input className="input mono" value={image} onChange={(event) => setImage(event.target.value)} required />
        </label>
        <label className="field">
          Command
          <input className="input mono" value={command} onChange={(event) => setCommand(event.target.value)} required />
        </label>
        {upstream && <p className="muted">It will depend on {upstream}.</p>}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={name.trim() === '' || image.trim() === ''}>
            Add
          </button>
        </div>
      </form>
    </Dialog>
  );
}
