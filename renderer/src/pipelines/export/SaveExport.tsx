import { useState } from 'react';
import type { ExportTarget } from '../../../../shared/api/methods/exports.ts';
import { ApiCallError } from '../../api/api-call-error.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useApiMutation } from '../../api/use-api.ts';

/** The folder part of a path as the core wrote it (either separator). */
export function siblingPath(file: string | null, fileName: string): string {
  if (file === null) return '';
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut === -1 ? fileName : `${file.slice(0, cut + 1)}${fileName}`;
}

/** Save the export next to the pipeline file or to a chosen path; an existing file is replaced only after confirming. */
export function SaveExport({ target, text, file, fileName }: { target: ExportTarget; text: string; file: string | null; fileName: string }) {
  const [path, setPath] = useState(siblingPath(file, fileName));
  const [confirming, setConfirming] = useState(false);
  const save = useApiMutation('exports.save', {
    toInput: (overwrite: boolean) => ({ target, text, file, path: path.trim(), overwrite }),
    onSuccess: () => setConfirming(false),
    onError: (error) => setConfirming(error instanceof ApiCallError && error.code === 'conflict'),
  });
  return (
    <form
      className="export-save"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(false);
      }}
    >
      <input className="input mono" aria-label="Save to" value={path} placeholder="/path/to/export.yaml" onChange={(e) => { setPath(e.currentTarget.value); setConfirming(false); save.reset(); }} required />
      <button type="submit" className="button" disabled={save.isPending || path.trim() === ''}>
        Save
      </button>
      {confirming ? (
        <div role="alert" className="alert export-confirm">
          <span>{path.trim()} already exists.</span>
          <button type="button" className="button button-danger" onClick={() => save.mutate(true)}>
            Replace
          </button>
          <button type="button" className="button" onClick={() => { setConfirming(false); save.reset(); }}>
            Keep it
          </button>
        </div>
      ) : (
        save.error && <ErrorAlert error={save.error} prefix="Save" />
      )}
      {save.data && <span role="status" className="export-muted">Saved {save.data.path} ({save.data.bytes} bytes).</span>}
    </form>
  );
}
