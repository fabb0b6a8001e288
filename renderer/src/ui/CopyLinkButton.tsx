import { useEffect, useRef, useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { shareableLink, type ShareableLink } from '../routing/share-link.ts';

type Outcome = { kind: 'copied'; link: ShareableLink } | { kind: 'manual'; link: ShareableLink } | { kind: 'failed'; message: string };

/**
 * "Copy link" on a detail view: copies the address of what the window shows now (the routing keeps
 * the address current), with the web host's token in a browser, and says so. When the clipboard
 * refuses, the link shows selected in a box to copy by hand.
 */
export function CopyLinkButton({ what, path }: { what: string; /** The in-app path to copy; the window's address by default. */ path?: string }) {
  const api = useApiClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (outcome?.kind !== 'copied') return;
    const timer = setTimeout(() => setOutcome(null), 6000);
    return () => clearTimeout(timer);
  }, [outcome]);
  useEffect(() => {
    if (outcome?.kind === 'manual') input.current?.select();
  }, [outcome]);

  const copy = async () => {
    let link: ShareableLink;
    try {
      link = await shareableLink(api, path);
    } catch (error) {
      setOutcome({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    try {
      await navigator.clipboard.writeText(link.url);
      setOutcome({ kind: 'copied', link });
    } catch {
      setOutcome({ kind: 'manual', link });
    }
  };

  return (
    <span className="copy-link">
      <button type="button" className="button button-small" aria-label={`Copy link to ${what}`} onClick={() => void copy()}>
        Copy link
      </button>
      {outcome?.kind === 'copied' && (
        <span className="copy-link-note muted" role="status">
          {outcome.link.includesToken
            ? 'Link copied, with the access token: whoever opens it gets in.'
            : outcome.link.desktop
              ? 'Copied the in-app address: its path opens the same view in benchtop web.'
              : 'Link copied (without a token: the web host did not give one).'}
        </span>
      )}
      {outcome?.kind === 'manual' && (
        <span className="copy-link-note" role="status">
          The clipboard is not available: copy it from here{outcome.link.includesToken ? ' (it includes the access token)' : ''}{' '}
          <input ref={input} className="input copy-link-input" readOnly value={outcome.link.url} aria-label="Link" onBlur={() => setOutcome(null)} />
        </span>
      )}
      {outcome?.kind === 'failed' && (
        <span className="copy-link-note error-text" role="alert">
          Could not make the link: {outcome.message}
        </span>
      )}
    </span>
  );
}
