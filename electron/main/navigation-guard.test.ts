import { describe, expect, it } from 'vitest';
import { guardNavigation, type GuardedContents, type NavigationEvent, type PreventableEvent } from './navigation-guard.ts';

function fakeContents() {
  const listeners = new Map<string, (event: NavigationEvent) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardedContents = {
    on(name: string, listener: (event: NavigationEvent) => void) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  const fire = (name: string, url = '') => {
    let prevented = false;
    const event: NavigationEvent & PreventableEvent = { url, preventDefault: () => (prevented = true) };
    listeners.get(name)?.(event);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

function setup() {
  const fake = fakeContents();
  const external: string[] = [];
  const blocked: string[] = [];
  guardNavigation(fake.contents, { openExternal: (url) => external.push(url), onBlocked: (what) => blocked.push(what) });
  return { ...fake, external, blocked };
}

describe('guardNavigation', () => {
  it('lets the app navigate within app://benchtop', () => {
    const { fire, external } = setup();
    expect(fire('will-navigate', 'app://benchtop/containers')).toBe(false);
    expect(fire('will-frame-navigate', 'app://benchtop/')).toBe(false);
    expect(external).toEqual([]);
  });

  it.each(['https://app.evil/', 'javascript:alert(1)', 'file:///etc/passwd', 'app://benchtop.evil/', 'app://renderer/', 'not a url'])(
    'denies navigation to %s',
    (url) => {
      const { fire } = setup();
      expect(fire('will-navigate', url)).toBe(true);
      expect(fire('will-frame-navigate', url)).toBe(true);
      expect(fire('will-redirect', url)).toBe(true);
    },
  );

  it('sends http(s) links to the system browser, and nothing else', () => {
    const { fire, external } = setup();
    fire('will-navigate', 'https://docs.docker.com/');
    fire('will-navigate', 'file:///etc/passwd');
    fire('will-frame-navigate', 'https://example.com/');
    expect(external).toEqual(['https://docs.docker.com/']);
  });

  it('denies every window.open; safe URLs go to openExternal', () => {
    const { open, external, blocked } = setup();
    expect(open('https://mlflow.org/')).toEqual({ action: 'deny' });
    expect(open('app://benchtop/other')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://mlflow.org/']);
    expect(blocked).toEqual(['window.open', 'window.open']);
  });

  it('refuses to attach webviews', () => {
    const { fire } = setup();
    expect(fire('will-attach-webview')).toBe(true);
  });
});
