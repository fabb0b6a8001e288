import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatProblem } from '../../../shared/environments/problems.ts';
import { useApiClient } from '../api/api-context.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { RunProgress } from './RunProgress.tsx';
import { useEnvironmentRun } from './use-environment-run.ts';
import { useApiQuery } from '../api/use-api.ts';
import { FolderPickerButton } from '../folders/FolderPickerButton.tsx';
import { useOpenableUrl } from '../routing/port-links.ts';

type Mode = 'template' | 'folder' | 'lockfile';

/** "New environment": a template in a project folder, the folder's own devcontainer.json, or a lockfile to reproduce. */
export function NewEnvironmentDialog({ onClose }: { onClose(): void }) {
  const api = useApiClient();
  const openable = useOpenableUrl();
  const [mode, setMode] = useState<Mode>('template');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [folder, setFolder] = useState('');
  const [lockFile, setLockFile] = useState('');
  const [useGpus, setUseGpus] = useState(true);
  const [image, setImage] = useState('');
  const [checkedFolder, setCheckedFolder] = useState<string | null>(null);
  const environmentRun = useEnvironmentRun();
  const { run } = environmentRun;

  const templates = useApiQuery('environments.templates', {}, { staleTime: Infinity });
  const chosen = templateId ?? templates.data?.[0]?.id ?? null;
  const inspection = useQuery({
    queryKey: ['environments.inspectFolder', { folder: checkedFolder }],
    queryFn: () => api.call('environments.inspectFolder', { folder: checkedFolder ?? '' }),
    enabled: checkedFolder !== null,
  });

  const path = folder.trim();
  const canStart =
    run?.state !== 'running' &&
    (mode === 'template' ? chosen !== null && path.startsWith('/') : mode === 'folder' ? path.startsWith('/') : lockFile.trim().startsWith('/'));

  const startRun = () => {
    const gpu = useGpus ? 'auto' : 'none';
    const override = image.trim() ? { image: image.trim() } : {};
    if (mode === 'template' && chosen) {
      const name = templates.data?.find((t) => t.id === chosen)?.name ?? chosen;
      environmentRun.start(`${name} in ${path}`, { method: 'environments.up', input: { folder: path, template: chosen, gpu, ...override } });
    } else if (mode === 'folder') {
      environmentRun.start(`devcontainer.json of ${path}`, { method: 'environments.up', input: { folder: path, gpu, ...override } });
    } else {
      environmentRun.start(`Reproduce ${lockFile.trim()}`, { method: 'environments.reproduce', input: { lockFile: lockFile.trim() } });
    }
  };

  const ready = run?.state === 'done' ? run.ready : null;
  // While it starts (and once it is up) the dialog shows the progress; after a failure, the choices again.
  const showForm = !run || run.state === 'failed' || run.state === 'cancelled';

  return (
    <Dialog label="New environment" title="New environment" onClose={onClose} className="env-wizard">
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (canStart) startRun();
        }}
      >
        {showForm && (
          <>
        <div role="radiogroup" aria-label="Start from" className="env-mode">
          {(
            [
              ['template', 'A template'],
              ['folder', 'A project folder (devcontainer.json)'],
              ['lockfile', 'A lockfile (reproduce)'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className={`env-mode-option${mode === value ? ' selected' : ''}`}>
              <input type="radio" name="env-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
              {label}
            </label>
          ))}
        </div>

        {mode === 'template' && (
          <fieldset className="env-templates" aria-label="Templates">
            <legend>Template</legend>
            {templates.error && <ErrorAlert error={templates.error} prefix="Could not list the templates" />}
            {templates.data?.map((template) => (
              <label key={template.id} className={`env-template${chosen === template.id ? ' selected' : ''}`}>
                <input type="radio" name="env-template" value={template.id} checked={chosen === template.id} onChange={() => setTemplateId(template.id)} aria-label={template.name} />
                <span className="env-template-text">
                  <span className="env-template-name">{template.name}</span>
                  <span className="muted">{template.description}</span>
                  <span className="env-template-meta mono">
                    {template.image}
                    {template.appPort !== null ? ` · ${template.appLabel} on ${template.appPort}` : ''}
                  </span>
                </span>
                <span className="env-template-tags">
                  {template.tags.map((tag) => (
                    <span key={tag} className="badge badge-soft">
                      {tag}
                    </span>
                  ))}
                </span>
              </label>
            ))}
            <p className="muted env-templates-note">
              Templates bundled with Benchtop. A project with its own <span className="mono">.devcontainer/devcontainer.json</span> starts from that instead: pick
              &ldquo;A project folder&rdquo; above.
            </p>
          </fieldset>
        )}

        {mode !== 'lockfile' && (
          <label className="field">
            Project folder (absolute path on the machine running Benchtop; mounted into the environment)
            <span className="env-folder-row">
              <input
                className="input mono"
                aria-label="Project folder"
                placeholder="/home/you/projects/my-model"
                value={folder}
                onChange={(e) => {
                  setFolder(e.currentTarget.value);
                  setCheckedFolder(null);
                }}
              />
              <FolderPickerButton
                title="Project folder"
                className="button"
                start={path.startsWith('/') ? path : undefined}
                onPick={(picked) => {
                  setFolder(picked);
                  setCheckedFolder(mode === 'folder' ? picked : null);
                }}
              />
              {mode === 'folder' && (
                <button type="button" className="button" disabled={!path.startsWith('/')} onClick={() => setCheckedFolder(path)}>
                  Check
                </button>
              )}
            </span>
          </label>
        )}

        {mode === 'folder' && checkedFolder !== null && inspection.data && (
          <div className="env-inspection" aria-label="Folder check" role="status">
            {!inspection.data.exists ? (
              <p className="env-problem">{checkedFolder} does not exist.</p>
            ) : inspection.data.configFile === null ? (
              <p className="env-problem">No devcontainer.json here: pick a template instead, or add .devcontainer/devcontainer.json.</p>
            ) : (
              <>
                <p>
                  <span className="mono">{inspection.data.configFile}</span>
                  {inspection.data.variant && ` · ${inspection.data.variant}`}
                  {inspection.data.name && ` · ${inspection.data.name}`}
                </p>
                {inspection.data.problems.map((problem, index) => (
                  <p key={index} className="env-problem mono">
                    {formatProblem(problem)}
                  </p>
                ))}
                {inspection.data.refusal && <p className="env-problem">{inspection.data.refusal}</p>}
                {inspection.data.warnings.map((warning, index) => (
                  <p key={index} className="env-run-warning">
                    {warning}
                  </p>
                ))}
              </>
            )}
          </div>
        )}

        {mode === 'lockfile' && (
          <label className="field">
            benchtop.lock.json (absolute path)
            <input className="input mono" aria-label="Lockfile" placeholder="/home/you/projects/my-model/benchtop.lock.json" value={lockFile} onChange={(e) => setLockFile(e.currentTarget.value)} />
          </label>
        )}

        {mode !== 'lockfile' && (
          <label className="field">
            Image (optional: run a local image instead of the one the template or devcontainer.json names; every other setting stays)
            <input className="input mono" aria-label="Image override" placeholder="e.g. my-team/jupyterlab:offline" value={image} onChange={(e) => setImage(e.currentTarget.value)} />
          </label>
        )}

        {mode !== 'lockfile' && (
          <label className="checkbox-label">
            <input type="checkbox" checked={useGpus} onChange={(e) => setUseGpus(e.currentTarget.checked)} /> Use the GPUs when the config asks for them and the engine is GPU-ready
          </label>
        )}
          </>
        )}

        {run && <RunProgress run={run} onCancel={environmentRun.cancel} />}

        {ready && (
          <div className="env-ready" role="status">
            <strong>{ready.name}</strong> is {ready.state}.
            {ready.apps[0] ? (
              <a className="button button-primary" href={(api.transportName === 'electron' ? ready.apps[0].url : ready.apps[0].webPath) ?? undefined} target="_blank" rel="noopener noreferrer">
                Open {ready.apps[0].label}
              </a>
            ) : (
              ready.app?.url && (
                <a className="button button-primary" href={openable(ready.app.url)} target="_blank" rel="noopener noreferrer">
                  Open {ready.app.label}
                </a>
              )
            )}
          </div>
        )}

        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            {ready ? 'Done' : run?.state === 'running' ? 'Cancel and close' : 'Close'}
          </button>
          {!ready && (
            <button type="submit" className="button button-primary" disabled={!canStart} aria-busy={run?.state === 'running'}>
              {mode === 'lockfile' ? 'Reproduce' : 'Start environment'}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
