import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { useApiClient } from '../api/api-context.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useEndpointsUi } from '../endpoints/endpoints-ui-store.ts';
import { DownloadButton, FilePreview } from '../outputs/FilePreview.tsx';
import { useCatalogUi } from './catalog-ui-store.ts';
import { LineageGraph } from './LineageGraph.tsx';
import { Markdown } from './Markdown.tsx';
import { openRunOnPipelines } from './open-run.ts';
import { invalidateCatalog } from './use-catalog.ts';
import { useApiMutation, useApiQuery } from '../api/use-api.ts';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';

/** One version: source and run link, image and input digests, signature, files, aliases, card and lineage. */
export function VersionPanel({ name, version }: { name: string; version: number }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const detail = useApiQuery('models.version', { name, version });
  const lineage = useApiQuery('models.lineage', { name, version });
  const [alias, setAlias] = useState('');
  const openFile = useCatalogUi((s) => s.openFile);
  const openVersionFile = useCatalogUi((s) => s.openVersionFile);
  const setAliasMutation = useApiMutation('models.setAlias', {
    toInput: () => ({ name, alias: alias.trim(), version }),
    onSuccess: () => {
      setAlias('');
      return invalidateCatalog(queryClient);
    },
  });
  const [confirming, setConfirming] = useState(false);
  const remove = useApiMutation('models.delete', {
    toInput: () => ({ name, version }),
    onSuccess: () => {
      setConfirming(false);
      return invalidateCatalog(queryClient);
    },
  });
  if (detail.error) return <ErrorAlert error={detail.error} prefix={`Could not load ${name} v${version}`} />;
  const v = detail.data;
  if (!v) return <p role="status">Loading v{version}…</p>;
  const s = v.source;
  return (
    <section className="version-panel" aria-label={`Version ${v.version}`}>
      <div className="version-panel-header">
        <h3>
          {v.name} v{v.version}
        </h3>
        <CopyLinkButton what={`${v.name} v${v.version}`} />
        {v.aliases.map((a) => (
          <span key={a} className="alias-chip">
            {a}
          </span>
        ))}
        <button type="button" className="button button-small button-primary" onClick={() => useEndpointsUi.getState().openServe({ model: v.name, version: v.version, image: s.imageDigest })}>
          Serve
        </button>
        <button type="button" className="button button-small button-danger" onClick={() => setConfirming(true)}>
          Delete version
        </button>
      </div>
      {confirming && (
        <Dialog label="Delete version" title={`Delete ${v.name} v${v.version}?`} onClose={() => setConfirming(false)}>
          <p>
            The version leaves the catalog{v.aliases.length > 0 ? ` with its aliases (${v.aliases.join(', ')})` : ''}; its number is never reused. Its files stay on disk until <code>benchtop gc</code> frees what nothing else uses.
          </p>
          {remove.error && <ErrorAlert error={remove.error} prefix="Could not delete" />}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
              Delete v{v.version}
            </button>
          </div>
        </Dialog>
      )}
      <dl className="version-facts">
        <dt>Source</dt>
        <dd>
          {s.type}
          {s.runId && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => void openRunOnPipelines(api, s.runId as string)}>
                run {s.runId}
              </button>
            </>
          )}
          {s.step && ` · step ${s.step}`}
          {s.attempt && ` · attempt ${s.attempt}`}
          {!s.runId && s.uri && ` · ${s.uri}`}
        </dd>
        {s.imageDigest && (
          <>
            <dt>Image</dt>
            <dd className="mono">{s.imageDigest}</dd>
          </>
        )}
        {v.inputs.length > 0 && (
          <>
            <dt>Inputs</dt>
            <dd>
              {v.inputs.map((input) => (
                <div key={input.name} className="mono">
                  {input.name} {input.digest.slice(0, 19)}… {input.step && <span className="muted">from {input.step}.{input.artifact}</span>}
                </div>
              ))}
            </dd>
          </>
        )}
        {v.features.length > 0 && (
          <>
            <dt>Features</dt>
            <dd>{v.features.map((f) => `${f.name} v${f.version}`).join(', ')}</dd>
          </>
        )}
        <dt>Files</dt>
        <dd>
          {v.fileCount} files, {formatBytes(v.sizeBytes)} {v.treeDigest && <span className="mono muted">{v.treeDigest.slice(0, 19)}…</span>}
        </dd>
        {v.flavor && (
          <>
            <dt>Flavor</dt>
            <dd>{v.flavor}</dd>
          </>
        )}
      </dl>
      {v.description && (
        <div className="model-card" aria-label="Model card">
          <Markdown text={v.description} />
        </div>
      )}
      <h4>Lineage</h4>
      {lineage.error ? <ErrorAlert error={lineage.error} prefix="Could not load the lineage" /> : lineage.data ? <LineageGraph graph={lineage.data} /> : <p role="status">Loading lineage…</p>}
      {v.signature !== null && (
        <details open>
          <summary>Signature</summary>
          <pre className="signature">{JSON.stringify(v.signature, null, 2)}</pre>
        </details>
      )}
      <details open={openFile !== null || undefined}>
        <summary>Files ({v.files.length})</summary>
        <ul className="file-list" aria-label={`Files of ${name} v${version}`}>
          {v.files.map((f) => (
            <li key={f.path}>
              <button type="button" className={`link-button mono${openFile === f.path ? ' file-tree-picked' : ''}`} aria-current={openFile === f.path ? 'true' : undefined} onClick={() => openVersionFile(openFile === f.path ? null : f.path)}>
                {f.path}
              </button>{' '}
              <span className="muted">{formatBytes(f.size)}</span>{' '}
              <DownloadButton file={{ kind: 'model', name, version, path: f.path }} label={`Download ${f.path}`} />
            </li>
          ))}
        </ul>
        {openFile !== null && v.files.some((f) => f.path === openFile) && <FilePreview key={openFile} file={{ kind: 'model', name, version, path: openFile }} />}
      </details>
      <form
        className="alias-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (alias.trim()) setAliasMutation.mutate();
        }}
      >
        <input className="input" aria-label="Alias" placeholder="champion" value={alias} onChange={(e) => setAlias(e.currentTarget.value)} />
        <button type="submit" className="button button-small" disabled={!alias.trim() || setAliasMutation.isPending}>
          Point alias here
        </button>
      </form>
      {setAliasMutation.error && <ErrorAlert error={setAliasMutation.error} prefix="Could not set the alias" />}
    </section>
  );
}
