import { describe, expect, it } from 'vitest';
import { deliverRunEnd, desktopNotificationsFor, runEndNotice, type RunEndNotice } from './run-notifier.ts';

// Plain objects stand in for Electron's Notification API (there is no Electron here); the logic is what is tested.
function fakeNotificationApi(permission: NotificationPermission, answer: NotificationPermission = permission) {
  const shown: { title: string; body?: string; instance: { onclick: ((event: Event) => unknown) | null } }[] = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = async () => {
      FakeNotification.permission = answer;
      return answer;
    };
    onclick: ((event: Event) => unknown) | null = null;
    constructor(title: string, options?: { body?: string }) {
      shown.push({ title, body: options?.body, instance: this });
    }
  }
  return { api: FakeNotification, shown };
}

describe('run notifications', () => {
  it('words the notice by how the run ended', () => {
    expect(runEndNotice({ runId: 'r1', state: 'succeeded', message: '5 of 5 steps succeeded' }, 'busybox-select')).toEqual({
      runId: 'r1',
      title: 'busybox-select succeeded',
      body: 'Run r1: 5 of 5 steps succeeded',
      tone: 'success',
    });
    expect(runEndNotice({ runId: 'r2', state: 'failed', message: null }, null)).toMatchObject({ title: 'Pipeline failed', body: 'Run r2', tone: 'error' });
    expect(runEndNotice({ runId: 'r3', state: 'cancelled', message: 'cancelled by the user' }, 'p').tone).toBe('neutral');
  });

  it('on the web host (no window.benchtop) it is a toast, even when the Notification API exists', async () => {
    expect(desktopNotificationsFor({ Notification: fakeNotificationApi('granted').api })).toBeNull();
    const toasts: RunEndNotice[] = [];
    const notice = runEndNotice({ runId: 'r1', state: 'failed', message: null }, 'p');
    expect(await deliverRunEnd(notice, { desktop: null, toast: (n) => toasts.push(n), openRun: () => undefined })).toBe('toast');
    expect(toasts).toEqual([notice]);
  });

  it('inside Electron it asks for permission once, shows a desktop notification, and a click opens the run', async () => {
    const { api, shown } = fakeNotificationApi('default', 'granted');
    let focused = 0;
    const opened: string[] = [];
    const desktop = desktopNotificationsFor({ benchtop: {}, Notification: api, focus: () => focused++ });
    const toasts: RunEndNotice[] = [];
    const deps = { desktop, toast: (n: RunEndNotice) => toasts.push(n), openRun: (id: string) => opened.push(id) };
    expect(await deliverRunEnd(runEndNotice({ runId: 'r9', state: 'succeeded', message: null }, 'train'), deps)).toBe('desktop');
    expect(shown.map((s) => [s.title, s.body])).toEqual([['train succeeded', 'Run r9']]);
    shown[0].instance.onclick?.(new Event('click'));
    expect([focused, opened]).toEqual([1, ['r9']]);
    expect(toasts).toEqual([]);
  });

  it('inside Electron with notifications denied it falls back to a toast', async () => {
    const { api, shown } = fakeNotificationApi('default', 'denied');
    const toasts: RunEndNotice[] = [];
    const desktop = desktopNotificationsFor({ benchtop: {}, Notification: api });
    expect(await deliverRunEnd(runEndNotice({ runId: 'r4', state: 'failed', message: null }, 'p'), { desktop, toast: (n) => toasts.push(n), openRun: () => undefined })).toBe('toast');
    expect([shown.length, toasts.length]).toEqual([0, 1]);
  });
});
