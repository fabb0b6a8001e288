import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MAX_RUN_NAME_LENGTH } from '../../../shared/pipeline/run-name.ts';
import type { RunDetail } from '../../../shared/pipeline/run-model.ts';
import { useApiMutation } from '../api/use-api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

/** The run's name as the page title, with Rename: an inline field (Enter saves, Esc cancels). */
export function RunNameEditor({ run }: { run: Pick<RunDetail, 'id' | 'name'> }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const rename = useApiMutation('runs.rename', {
    toInput: (name: string) => ({ id: run.id, name }),
    onSuccess: async () => {
      setDraft(null);
      await Promise.all(['runs.get', 'runs.list', 'runs.compare'].map((method) => queryClient.invalidateQueries({ queryKey: [method] })));
    },
  });
  if (draft === null) {
    return (
      <>
        <h2 className="run-name">{run.name}</h2>
        <button type="button" className="button button-small" onClick={() => setDraft(run.name)}>
          Rename
        </button>
      </>
    );
  }
  return (
    <form
      className="run-rename-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim()) rename.mutate(draft);
      }}
    >
      <input
        className="input"
        aria-label="Run name"
        autoFocus
        maxLength={MAX_RUN_NAME_LENGTH}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            setDraft(null);
            rename.reset();
          }
        }}
      />
      <button type="submit" className="button button-small button-primary" disabled={!draft.trim() || rename.isPending}>
        {rename.isPending ? 'Saving…' : 'Save name'}
      </button>
      <button type="button" className="button button-small" onClick={() => (setDraft(null), rename.reset())}>
        Cancel
      </button>
      {rename.error && <ErrorAlert error={rename.error} prefix="Could not rename" onDismiss={rename.reset} />}
    </form>
  );
}
