import type { ExportNote } from '../../../../shared/api/methods/exports.ts';

/** Refusals first, then losses; each names the step and the field it is about. */
export function ExportNotesList({ notes }: { notes: readonly ExportNote[] }) {
  if (notes.length === 0) return null;
  const sorted = [...notes].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className="export-notes" aria-label="Export notes">
      {sorted.map((note, index) => (
        <li key={index} className={`export-note export-note-${note.severity}`}>
          <span className="export-note-severity">{note.severity === 'error' ? 'Error' : 'Warning'}</span>{' '}
          <span className="export-note-where">
            {note.step === null ? 'pipeline' : `step ${note.step}`} · {note.field}
          </span>
          : {note.message}
        </li>
      ))}
    </ul>
  );
}
