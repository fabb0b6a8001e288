import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { electronSkipReason } from './electron-availability.ts';

export const screenshotsDir = fileURLToPath(new URL('../screenshots/', import.meta.url));
mkdirSync(screenshotsDir, { recursive: true });

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

/** A uniquely named test container, removed after the test whatever happens. */
export function containerName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

interface Fixtures {
  /** The app opened as a user opens it: the printed URL in the browser (or the Electron window). */
  app: Page;
  shot(name: string): Promise<void>;
}

export const test = base.extend<Fixtures>({
  app: async ({ page }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const reason = electronSkipReason();
      test.skip(reason !== null, reason ?? '');
      const { _electron } = await import('playwright-core');
      const electronApp = await _electron.launch({ args: ['.'], cwd: fileURLToPath(new URL('../..', import.meta.url)) });
      const window = await electronApp.firstWindow();
      await use(window);
      await electronApp.close();
      return;
    }
    const url = process.env.BENCHTOP_E2E_URL;
    if (!url) throw new Error('BENCHTOP_E2E_URL is not set: global setup did not start the web host.');
    await page.goto(url);
    await use(page);
  },
  shot: async ({ app }, use, testInfo) => {
    await use(async (name) => {
      await app.screenshot({ path: `${screenshotsDir}${testInfo.project.name}-${name}.png` });
    });
  },
});

export { expect };
