import { isAppUrl } from './app-url.ts';

/** Permissions the app's own pages may use (notifications: a run ended). Everything else (media, display-capture, geolocation, …) is denied. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'notifications']);

export function isPermissionAllowed(permission: string, requestingUrl: string | null | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** The parts of Electron's Session the handlers need. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void) | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((webContents: unknown, permission: string, requestingOrigin: string, details: { requestingUrl?: string }) => boolean) | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

/**
 * Security checklist item 5: Electron approves every permission request unless told otherwise.
 * Requests and checks are denied unless the permission is allow-listed and asked for by an
 * app://benchtop page; device access (HID, serial, USB) is always denied.
 */
export function installPermissionHandlers(session: PermissionSession, onDenied?: (permission: string, url: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const url = details?.requestingUrl ?? '';
    const allowed = isPermissionAllowed(permission, url);
    if (!allowed) onDenied?.(permission, url);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details?.requestingUrl || requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
