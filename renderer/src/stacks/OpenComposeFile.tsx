import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ComposeEditor } from './ComposeEditor.tsx';
import { PlanPreview } from './PlanPreview.tsx';
import { useStacksUiStore } from './stacks-ui-store.ts';

const splitProfiles = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);

/** Open a compose file by path: preview what up will change, then up. */
export function OpenComposeFile({ onUp, busy }: { onUp(files: string[], profiles: string[], onDone: () => void): void; busy: boolean }) {
  const api = useApiClient();
  const filePath = useStacksUiStore((s) => s.filePath);
  const profiles = useStacksUiStore((s) => s.profiles);
  const { setFilePath, setProfiles } = useStacksUiStore.getState();
  const [editing, setEditing] = useState<string | null>(null);
  const preview = useMutation({
    mutationFn: (input: { files: string[]; profiles: string[] }) => api.call('compose.plan', input),
  });
  const files = filePath
    .split(/\s*;\s*/)
    .map((f) => f.trim())
    .filter(Boolean);

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    if (files.length > 0) preview.mutate({ files, profiles: splitProfiles(profiles) });
  };

  return (
    <section className="open-compose" aria-label="Open a compose file">
      <form className="toolbar" onSubmit={onPreview}>
        <input
          className="input compose-path-input"
          aria-label="Compose file path"
          placeholder="/path/to/compose.yaml (several: a.yaml; b.yaml)"
          value={filePath}
          onChange={(event) => {
            setFilePath(event.currentTarget.value);
            preview.reset();
          }}
        />
        <input
          className="input compose-profiles-input"
          aria-label="Profiles"
          placeholder="profiles (optional)"
          value={profiles}
          onChange={(event) => {
            setProfiles(event.currentTarget.value);
            preview.reset();
          }}
        />
        <button
          type="button"
          className="button"
          aria-label="Edit compose file"
          disabled={files.length === 0}
          title="Edit the first file with problems shown as you type"
          onClick={() => {
            setEditing(editing === files[0] ? null : files[0]);
            preview.reset();
          }}
        >
          Edit
        </button>
        <button type="submit" className="button" disabled={files.length === 0 || preview.isPending}>
          {preview.isPending ? 'Checking…' : 'Preview changes'}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!preview.data || busy}
          title={preview.data ? undefined : 'Preview the changes first'}
          onClick={() => onUp(files, splitProfiles(profiles), () => preview.reset())}
        >
          Up
        </button>
      </form>
      {preview.error && <ErrorAlert error={preview.error} prefix="This compose file cannot be used" />}
      {preview.data && <PlanPreview plan={preview.data} />}
      {editing && <ComposeEditor key={editing} file={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}
