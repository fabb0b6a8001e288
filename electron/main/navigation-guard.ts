import { isAppUrl } from './app-url.ts';
import { isSafeExternalUrl } from './open-external.ts';

export interface PreventableEvent {
  preventDefault(): void;
}
export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

/** The parts of Electron's WebContents the guard touches. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  /** Receives http(s) links the page tried to open; it must be open-external.ts. */
  openExternal(url: string): unknown;
  onBlocked?(what: string, url: string): void;
}

/**
 * Security checklist items 11-14: a page may only navigate within app://benchtop; links that
 * leave it open in the system browser instead (http/https only); window.open always gets
 * `deny`; <webview> never attaches.
 */
export function guardNavigation(contents: GuardedContents, options: NavigationGuardOptions): void {
  const block = (what: string, event: NavigationEvent) => {
    if (isAppUrl(event.url)) return false;
    event.preventDefault();
    options.onBlocked?.(what, event.url);
    return true;
  };
  contents.on('will-navigate', (event) => {
    if (block('navigation', event) && isSafeExternalUrl(event.url)) options.openExternal(event.url);
  });
  contents.on('will-frame-navigate', (event) => void block('frame navigation', event));
  contents.on('will-redirect', (event) => void block('redirect', event));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.onBlocked?.('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) options.openExternal(url);
    else options.onBlocked?.('window.open', url);
    return { action: 'deny' };
  });
}
