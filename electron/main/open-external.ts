/** What this module needs from Electron's `shell`. */
export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** True only for well-formed http(s) URLs with a host and no credentials. */
export function isSafeExternalUrl(url: unknown): boolean {
  return parseSafe(url) !== null;
}

function parseSafe(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 8192) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed;
}

/**
 * The one way the app opens something outside itself (security checklist item 15). Anything but
 * an http(s) URL (javascript:, file:, smb:, custom schemes, malformed input) is refused.
 * Resolves true when the URL was handed to the system browser.
 */
export function createOpenExternal(shell: ShellLike, onRefused?: (url: string) => void): (url: unknown) => Promise<boolean> {
  return async (url) => {
    const parsed = parseSafe(url);
    if (!parsed) {
      onRefused?.(String(url).slice(0, 200));
      return false;
    }
    await shell.openExternal(parsed.href);
    return true;
  };
}
