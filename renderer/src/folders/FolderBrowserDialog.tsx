import { useState } from 'react';
import { useApiQuery } from '../api/use-api.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { parentPath } from './parent-path.ts';

export interface FolderBrowserDialogProps {
  title: string;
  /** Where the browse starts (absolute); the home folder of the user running Benchtop when left out. */
  start?: string;
  onPick(path: string): void;
  onClose(): void;
}

/**
 * The web host's folder browser: the folders of the machine that runs Benchtop (files.listDirectories),
 * one level at a time. Click a folder to go in, Up to go out, or type a path; "Choose" picks the
 * folder shown. An error (no such folder, no permission) keeps the way back.
 */
export function FolderBrowserDialog({ title, start, onPick, onClose }: FolderBrowserDialogProps) {
  const [path, setPath] = useState<string | undefined>(start);
  const [typed, setTyped] = useState<string | null>(null);
  const [showHidden, setShowHidden] = useState(false);
  const listing = useApiQuery('files.listDirectories', { path, showHidden }, { retry: false, staleTime: 5_000 });
  const [lastGood, setLastGood] = useState<{ path: string; parent: string | null; home: string } | null>(null);
  if (listing.data && lastGood?.path !== listing.data.path) setLastGood({ path: listing.data.path, parent: listing.data.parent, home: listing.data.home });

  const shown = listing.data?.path ?? path ?? '';
  const go = (next: string) => {
    setPath(next);
    setTyped(null);
  };
  // After an error (a file, no such folder, no permission) Up leads to the folder above what was asked.
  const parent = listing.data ? listing.data.parent : path !== undefined ? parentPath(path) : null;

  return (
    <Dialog label={title} title={title} onClose={onClose} className="folder-browser">
      <form
        className="folder-browser-path"
        onSubmit={(event) => {
          event.preventDefault();
          event.stopPropagation(); // React events bubble out of the portal to the page's own form

          if (typed !== null && typed.trim() !== '') go(typed.trim());
        }}
      >
        <button type="button" className="button button-small" onClick={() => parent !== null && go(parent)} disabled={parent === null} aria-label="Up one folder">
          ↑ Up
        </button>
        <button type="button" className="button button-small" onClick={() => go(listing.data?.home ?? lastGood?.home ?? '')} disabled={!listing.data && !lastGood} aria-label="Home folder">
          ⌂
        </button>
        <input className="input mono" aria-label="Folder path" value={typed ?? shown} onChange={(event) => setTyped(event.currentTarget.value)} spellCheck={false} />
        <button type="submit" className="button button-small" disabled={typed === null || typed.trim() === ''}>
          Go
        </button>
      </form>
      {listing.error && <ErrorAlert error={listing.error} />}
      <ul className="folder-browser-list" aria-label="Folders" aria-busy={listing.isFetching}>
        {listing.isPending && <li className="muted">Reading {path ?? 'the home folder'}…</li>}
        {listing.data?.entries.length === 0 && <li className="muted">No folders in here.</li>}
        {listing.data?.entries.map((entry) => (
          <li key={entry.path}>
            <button type="button" className="folder-browser-entry" onClick={() => go(entry.path)} title={entry.path}>
              <span aria-hidden="true">{entry.link ? '↪' : '▸'}</span> {entry.name}
            </button>
          </li>
        ))}
        {listing.data?.truncated && <li className="muted">More folders than shown: type a path to go further.</li>}
      </ul>
      <div className="dialog-buttons folder-browser-buttons">
        <label className="checkbox-label">
          <input type="checkbox" checked={showHidden} onChange={(event) => setShowHidden(event.currentTarget.checked)} /> Hidden folders
        </label>
        <span className="folder-browser-spacer" />
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-primary" disabled={!listing.data} onClick={() => listing.data && onPick(listing.data.path)}>
          Choose {listing.data ? listing.data.path.split('/').filter(Boolean).pop() ?? '/' : 'folder'}
        </button>
      </div>
    </Dialog>
  );
}
