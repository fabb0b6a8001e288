import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { RunDialog } from '../pipelines/run/RunDialog.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

/** "New run…": a pipeline file's path on the Benchtop machine, then the run dialog with its params. */
export function NewRunDialog({ onClose, onStarted }: { onClose(): void; onStarted(runId: string): void }) {
  const api = useApiClient();
  const [path, setPath] = useState('');
  const read = useMutation({ mutationFn: () => api.call('pipelines.readFile', { file: path.trim() }) });
  if (read.data) return <RunDialog text={read.data.text} file={read.data.file} onClose={onClose} onStarted={onStarted} />;
  return (
    <Dialog label="New run" title="Run a pipeline file" onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          read.mutate();
        }}
      >
        <label className="field">
          <span>Pipeline file (absolute path on the machine that runs Benchtop)</span>
          <input className="input" aria-label="Pipeline file" value={path} onChange={(e) => setPath(e.currentTarget.value)} placeholder="/home/me/project/pipeline.yaml" required />
        </label>
        {read.error && <ErrorAlert error={read.error} prefix="Could not open the file" />}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!path.trim() || read.isPending}>
            {read.isPending ? 'Reading…' : 'Next'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
