import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { usePipelinesUiStore } from './pipelines-ui-store.ts';
import { useApiQuery } from '../api/use-api.ts';
import { FolderPickerButton } from '../folders/FolderPickerButton.tsx';
import { FirstRunGuide } from './FirstRunGuide.tsx';

const FILES_KEY = ['workspaces.files', {}] as const;

/** The workspace folders (typed, or picked with Browse…) and the pipeline files found in them; the first-run guide until something has run. */
export function WorkspaceFiles() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const open = usePipelinesUiStore((s) => s.open);
  const drafts = usePipelinesUiStore((s) => s.drafts);
  const [path, setPath] = useState('');
  const folders = useApiQuery('workspaces.list', {});
  const files = useQuery({ queryKey: FILES_KEY, queryFn: () => api.call('workspaces.files', {}), staleTime: 10_000 });
  const change = useMutation({
    mutationFn: ({ verb, path }: { verb: 'add' | 'remove'; path: string }) => api.call(verb === 'add' ? 'workspaces.add' : 'workspaces.remove', { path }),
    onSuccess: (list, { verb }) => {
      queryClient.setQueryData(['workspaces.list', {}], list);
      void queryClient.invalidateQueries({ queryKey: ['workspaces.files'] });
      if (verb === 'add') setPath('');
    },
  });

  return (
    <div className="page pipelines-page">
      <div className="page-header">
        <h1>Pipelines</h1>
        <span className="page-count">{files.data ? `${files.data.files.length} file${files.data.files.length === 1 ? '' : 's'}` : ''}</span>
        <span className="spacer" />
        <button type="button" className="button button-small" onClick={() => void queryClient.invalidateQueries({ queryKey: ['workspaces.files'] })}>
          Refresh
        </button>
      </div>
      <form
        className="toolbar workspace-add"
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim()) change.mutate({ verb: 'add', path: path.trim() });
        }}
      >
        <input className="input mono workspace-path" aria-label="Workspace folder path" placeholder="/home/me/pipelines" value={path} onChange={(event) => setPath(event.target.value)} />
        <button type="submit" className="button button-primary button-small" disabled={path.trim() === '' || change.isPending}>
          Add folder
        </button>
        <FolderPickerButton title="Add a workspace folder" start={path.trim().startsWith('/') ? path.trim() : undefined} onPick={(picked) => change.mutate({ verb: 'add', path: picked })} disabled={change.isPending} />
        {(folders.data ?? []).map((folder) => (
          <span key={folder.path} className={`workspace-chip mono${folder.exists ? '' : ' workspace-missing'}`} title={folder.exists ? folder.path : `${folder.path} (missing)`}>
            {folder.path}
            <button type="button" className="button button-ghost button-small" aria-label={`Remove folder ${folder.path}`} onClick={() => change.mutate({ verb: 'remove', path: folder.path })}>
              ✕
            </button>
          </span>
        ))}
      </form>
      {change.error && <ErrorAlert error={change.error} onDismiss={() => change.reset()} />}
      {files.error && <ErrorAlert error={files.error} />}
      {files.data && !files.data.files.some((f) => f.lastRun !== null) && <FirstRunGuide files={files.data.files} />}
      {folders.data?.length === 0 && <p className="muted">Add a folder that holds pipeline files (YAML with apiVersion: benchtop/v1 and kind: Pipeline). Benchtop looks into its subfolders too.</p>}
      {files.data?.truncated && <p className="muted">The scan stopped at its limits (depth 8, 50 000 entries, 1 000 files): add a narrower folder to see the rest.</p>}
      {files.data && files.data.files.length > 0 && (
        <div className="table-scroll">
          <table className="table pipelines-table" aria-label="Pipeline files">
            <thead>
              <tr>
                <th>Pipeline</th>
                <th>File</th>
                <th>State</th>
                <th>Last run</th>
                <th>Schedule</th>
                <th>Next tick</th>
              </tr>
            </thead>
            <tbody>
              {files.data.files.map((f) => {
                const draft = drafts[f.file];
                return (
                  <tr key={f.file}>
                    <td>
                      <button type="button" className="link-button pipeline-open" onClick={() => open(f.file)}>
                        {f.name ?? f.relative}
                      </button>
                      {draft && draft.text !== draft.savedText && <span className="pipeline-dirty" title="Unsaved changes"> ●</span>}
                    </td>
                    <td className="mono muted" title={f.file}>
                      {f.relative}
                    </td>
                    <td>{f.valid ? <span className="badge badge-running">valid · {f.steps} steps</span> : <span className="badge badge-dead">{f.problems} problem{f.problems === 1 ? '' : 's'}</span>}</td>
                    <td>{f.lastRun ? <span className={`run-state run-state-${f.lastRun.state}`}>{f.lastRun.state} · {new Date(f.lastRun.createdAt).toLocaleString()}</span> : <span className="muted">never</span>}</td>
                    <td className="mono">{f.schedule ? `${f.schedule.cron.join(', ')}${f.schedule.enabled ? '' : ' (off)'}${f.schedule.suspended ? ' (suspended)' : ''}` : <span className="muted">—</span>}</td>
                    <td>{f.schedule?.nextTick ? new Date(f.schedule.nextTick).toLocaleString() : <span className="muted">—</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
