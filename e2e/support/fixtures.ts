import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { electronSkipReason } from './electron-availability.ts';

export const screenshotsDir = fileURLToPath(new URL('../screenshots/', import.meta.url));
mkdirSync(screenshotsDir, { recursive: true });

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A uniquely named test container, removed after the test whatever happens. */
export function containerName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

interface Fixtures {
  /** Opens a URL in a fresh browser page (Debian's Chromium), closed after the test. */
  openInBrowser(url: string): Promise<Page>;
  /** The app opened as a user opens it: the printed URL in the browser (or the Electron window). */
  app: Page;
  shot(name: string): Promise<void>;
}

// Fixtures depend on `playwright`, never on `page`: the Electron project must not launch a browser.
export const test = base.extend<Fixtures>({
  openInBrowser: async ({ playwright }, use, testInfo) => {
    const browsers: Browser[] = [];
    await use(async (url) => {
      const browser = await playwright.chromium.launch(testInfo.project.use.launchOptions);
      browsers.push(browser);
      const page = await browser.newPage({ viewport: testInfo.project.use.viewport ?? { width: 1400, height: 860 } });
      await page.goto(url);
      return page;
    });
    for (const browser of browsers) await browser.close();
  },
  app: async ({ openInBrowser }, use, testInfo) => {
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
    await use(await openInBrowser(url));
  },
  shot: async ({ app }, use, testInfo) => {
    await use(async (name) => {
      await app.screenshot({ path: `${screenshotsDir}${testInfo.project.name}-${name}.png` });
    });
  },
});

/** Opens a page from the sidebar, as a person would. */
export async function openPage(app: Page, label: string): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label, exact: true }).click();
  await expect(app.getByRole('heading', { name: label, exact: true, level: 1 })).toBeVisible();
}

export { expect };
