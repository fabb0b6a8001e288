import { useState } from 'react';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { outputFileName, type OutputFile } from '../../../shared/outputs/output-file.ts';
import { useApiQuery } from '../api/use-api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { downloadOutput } from './download-output.ts';

/** The one preview of an output file (a step's artifact file or a model version's file): text, a CSV table, an image; a Download button. */
export function FilePreview({ file }: { file: OutputFile }) {
  const preview = useApiQuery('outputs.preview', { file });
  const name = outputFileName(file);
  return (
    <section className="file-preview" aria-label={`Preview of ${file.path}`}>
      <header className="file-preview-header">
        <span className="mono file-preview-name" title={file.path}>
          {file.path}
        </span>
        {preview.data && <span className="muted">{formatBytes(preview.data.size)}</span>}
        <span className="spacer" />
        <DownloadButton file={file} label={`Download ${name}`} />
      </header>
      {preview.isPending && <p role="status">Loading {name}…</p>}
      {preview.error && <ErrorAlert error={preview.error} prefix="No preview" />}
      {preview.data?.kind === 'text' && (
        <>
          <pre className="file-preview-text mono" aria-label={`Text of ${name}`}>
            {preview.data.text}
          </pre>
          {preview.data.truncated && <p className="muted">The first {formatBytes(new TextEncoder().encode(preview.data.text).length)} of {formatBytes(preview.data.size)}: download the file for the rest.</p>}
        </>
      )}
      {preview.data?.kind === 'csv' && (
        <>
          <div className="table-scroll file-preview-table">
            <table className="resource-table" aria-label={`Rows of ${name}`}>
              <thead>
                <tr>
                  {preview.data.columns.map((c, i) => (
                    <th key={i} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.data.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, i) => (
                      <td key={i} className="mono">
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">
            {preview.data.rows.length} row{preview.data.rows.length === 1 ? '' : 's'}
            {preview.data.truncated ? ' shown: the first rows only; download the file for all of them.' : '.'}
          </p>
        </>
      )}
      {preview.data?.kind === 'image' && <img className="file-preview-image" alt={name} src={`data:${preview.data.mimeType};base64,${preview.data.base64}`} />}
    </section>
  );
}

/** Downloads one output file (the save dialog in Electron); says why when it fails. */
export function DownloadButton({ file, label }: { file: OutputFile; label: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button-small"
        aria-label={label}
        onClick={() => {
          setError(null);
          downloadOutput(file)
            .then((result) => {
              if (!result.saved && result.error) setError(result.error);
            })
            .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
        }}
      >
        Download
      </button>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
