import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import type { OutputFile, StepArtifactListing } from '../../../shared/outputs/output-file.ts';
import { useApiQuery } from '../api/use-api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { FilePreview } from './FilePreview.tsx';
import { fileTree, type TreeNode } from './file-tree.ts';

/** The picked file of an artifact browser: artifact name and path inside it. */
export interface PickedArtifactFile {
  artifact: string;
  path: string;
}

/** A step's output artifacts as folder trees; a picked file opens in the preview. The pick lives in the caller's store. */
export function ArtifactBrowser({ runId, step, picked, onPick }: { runId: string; step: string; picked: PickedArtifactFile | null; onPick(file: PickedArtifactFile | null): void }) {
  const listing = useApiQuery('outputs.stepArtifacts', { runId, step });
  if (listing.isPending) return <p role="status">Loading the artifacts of {step}…</p>;
  if (listing.error) return <ErrorAlert error={listing.error} prefix={`Could not list the artifacts of ${step}`} />;
  if (listing.data.length === 0) return <p className="muted">{step} has no output artifacts in this run (declare them under outputs.artifacts).</p>;
  const file: OutputFile | null = picked ? { kind: 'run', runId, step, artifact: picked.artifact, path: picked.path } : null;
  return (
    <div className="artifact-browser">
      <div className="artifact-trees" aria-label={`Artifacts of ${step}`}>
        {listing.data.map((artifact) => (
          <ArtifactTree key={artifact.name} artifact={artifact} picked={picked} onPick={onPick} />
        ))}
      </div>
      {file ? <FilePreview key={`${file.artifact}/${file.path}`} file={file} /> : <p className="muted artifact-hint">Pick a file to preview or download it.</p>}
    </div>
  );
}

function ArtifactTree({ artifact, picked, onPick }: { artifact: StepArtifactListing; picked: PickedArtifactFile | null; onPick(file: PickedArtifactFile): void }) {
  return (
    <details open className="artifact-tree">
      <summary>
        <span className="mono">{artifact.name}</span> <span className="muted">{formatBytes(artifact.size)}</span>
      </summary>
      {!artifact.present ? (
        <p className="muted">Its folder is gone from disk.</p>
      ) : artifact.files.length === 0 ? (
        <p className="muted">Empty.</p>
      ) : (
        <TreeList nodes={fileTree(artifact.files)} artifact={artifact.name} picked={picked} onPick={onPick} />
      )}
      {artifact.truncated && <p className="muted">More files than shown.</p>}
    </details>
  );
}

function TreeList({ nodes, artifact, picked, onPick }: { nodes: readonly TreeNode[]; artifact: string; picked: PickedArtifactFile | null; onPick(file: PickedArtifactFile): void }) {
  return (
    <ul className="file-tree">
      {nodes.map((node) =>
        node.children ? (
          <li key={node.path}>
            <details open>
              <summary className="mono">{node.name}/</summary>
              <TreeList nodes={node.children} artifact={artifact} picked={picked} onPick={onPick} />
            </details>
          </li>
        ) : (
          <li key={node.path}>
            <button
              type="button"
              className={`link-button mono file-tree-file${picked?.artifact === artifact && picked.path === node.path ? ' file-tree-picked' : ''}`}
              aria-label={`${artifact}/${node.path}`}
              aria-current={picked?.artifact === artifact && picked.path === node.path ? 'true' : undefined}
              onClick={() => onPick({ artifact, path: node.path })}
            >
              {node.name}
            </button>{' '}
            <span className="muted">{formatBytes(node.size)}</span>
          </li>
        ),
      )}
    </ul>
  );
}
