import { useState } from 'react';
import type { ExportTarget } from '../../../../shared/api/methods/exports.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ExportNotesList } from './ExportNotesList.tsx';
import { SaveExport } from './SaveExport.tsx';
import { SubmitToCluster } from './SubmitToCluster.tsx';
import { CopyButton } from './CopyButton.tsx';
import { useApiQuery } from '../../api/use-api.ts';

export interface ExportDialogProps {
  /** The pipeline file's text as shown in the editor (unsaved edits included). */
  text: string;
  /** The pipeline file's path on the machine that runs Benchtop, or null for an unsaved pipeline. */
  file: string | null;
  onClose(): void;
}

const TABS: { target: ExportTarget; label: string }[] = [
  { target: 'argo', label: 'Argo' },
  { target: 'github-actions', label: 'GitHub Actions' },
];

/** Export a pipeline to Argo Workflows or GitHub Actions: a preview under its warnings, copy, save, and (Argo) submit to a cluster. */
export function ExportDialog({ text, file, onClose }: ExportDialogProps) {
  const [target, setTarget] = useState<ExportTarget>('argo');
  const input = { target, text, file };
  const preview = useApiQuery('exports.preview', input);
  const result = preview.data;
  return (
    <Dialog label="Export pipeline" title="Export pipeline" onClose={onClose} className="export-dialog">
      <div role="tablist" aria-label="Export target" className="export-tabs">
        {TABS.map((tab) => (
          <button
            key={tab.target}
            type="button"
            role="tab"
            id={`export-tab-${tab.target}`}
            aria-selected={tab.target === target}
            aria-controls="export-tab-panel"
            className={`export-tab${tab.target === target ? ' export-tab-selected' : ''}`}
            onClick={() => setTarget(tab.target)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="export-tab-panel" aria-labelledby={`export-tab-${target}`} className="export-panel">
        {preview.error && <ErrorAlert error={preview.error} prefix="Export" />}
        {preview.isPending && <p className="export-muted">Exporting…</p>}
        {result && (
          <>
            <p className="export-summary">
              {result.yaml === null
                ? 'Not exported: fix the errors below.'
                : `${result.kinds.join(' + ')} · ${result.fileName}${result.notes.length > 0 ? ` · ${result.notes.length} note${result.notes.length === 1 ? '' : 's'}` : ''}`}
            </p>
            <ExportNotesList notes={result.notes} />
            {result.yaml !== null && (
              <>
                <pre className="export-preview" aria-label="Export preview" tabIndex={0}>
                  {result.yaml}
                </pre>
                <div className="export-actions">
                  <CopyButton text={result.yaml} />
                  <SaveExport key={`${target}:${file ?? ''}`} target={target} text={text} file={file} fileName={result.fileName} />
                </div>
                {target === 'argo' && <SubmitToCluster text={text} file={file} />}
              </>
            )}
          </>
        )}
      </div>
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
