import { describe, expect, it } from 'vitest';
import { installPermissionHandlers, isPermissionAllowed, type PermissionSession } from './permissions.ts';

function fakeSession() {
  const handlers: {
    request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
    check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
    device?: Parameters<PermissionSession['setDevicePermissionHandler']>[0];
  } = {};
  const session: PermissionSession = {
    setPermissionRequestHandler: (h) => void (handlers.request = h),
    setPermissionCheckHandler: (h) => void (handlers.check = h),
    setDevicePermissionHandler: (h) => void (handlers.device = h),
  };
  return { session, handlers };
}

describe('permissions', () => {
  it('allows only the allow-listed permissions, only for our pages', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://benchtop/')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.test/')).toBe(false);
    expect(isPermissionAllowed('notifications', 'app://benchtop/')).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.test/')).toBe(false);
    for (const permission of ['media', 'display-capture', 'geolocation', 'clipboard-read', 'openExternal', 'unknown']) {
      expect(isPermissionAllowed(permission, 'app://benchtop/')).toBe(false);
    }
  });

  it('installs request, check and device handlers that deny by default', () => {
    const { session, handlers } = fakeSession();
    const denied: string[] = [];
    installPermissionHandlers(session, (permission) => denied.push(permission));
    const answers: boolean[] = [];
    handlers.request?.({}, 'media', (granted) => answers.push(granted), { requestingUrl: 'app://benchtop/' });
    handlers.request?.({}, 'display-capture', (granted) => answers.push(granted), { requestingUrl: 'app://benchtop/' });
    handlers.request?.({}, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'app://benchtop/x' });
    expect(answers).toEqual([false, false, true]);
    expect(denied).toEqual(['media', 'display-capture']);
    expect(handlers.check?.({}, 'clipboard-sanitized-write', 'app://benchtop', {})).toBe(true);
    expect(handlers.check?.({}, 'media', 'app://benchtop', {})).toBe(false);
    expect(handlers.check?.({}, 'clipboard-sanitized-write', 'https://evil.test', {})).toBe(false);
    expect(handlers.device?.({})).toBe(false);
  });
});
