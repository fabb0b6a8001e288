import { useState } from 'react';

/** Copies text to the clipboard and says so; falls back to a hidden textarea where the Clipboard API is missing. */
export function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      if (navigator.clipboard?.writeText) await navigator.clipboard.writeText(text);
      else copyWithTextarea(text);
      setState('copied');
    } catch {
      try {
        copyWithTextarea(text);
        setState('copied');
      } catch {
        setState('failed');
      }
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>
        Copy
      </button>
      <span role="status" className="export-muted">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'The browser refused the clipboard: select the preview and copy it.' : ''}
      </span>
    </>
  );
}

function copyWithTextarea(text: string): void {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}
