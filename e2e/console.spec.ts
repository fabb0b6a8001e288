import type { Page } from '@playwright/test';
import { expect, screenshotsDir, test } from './support/fixtures.ts';

// Every page of the sidebar, opened as a person would: no console error, no uncaught exception,
// no failed request and no HTTP error answer anywhere (the icon's 404 was one on every load).
const PAGES = ['Home', 'Containers', 'Stacks', 'Environments', 'Pipelines', 'Runs', 'Schedules', 'Models', 'Features', 'Images', 'GPUs', 'Volumes', 'Networks', 'Disk usage'];

function watchForTrouble(page: Page): string[] {
  const trouble: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => trouble.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => trouble.push(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    // The printed URL's ?token= answers 302 to sign in; anything 400 and up is a fault.
    if (response.status() >= 400) trouble.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return trouble;
}

test('every page opens without a console error or a failed request', async ({ playwright }, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'the web host serves the page and its icon here');
  const url = process.env.BENCHTOP_E2E_URL;
  if (!url) throw new Error('BENCHTOP_E2E_URL is not set: global setup did not start the web host.');
  const browser = await playwright.chromium.launch(testInfo.project.use.launchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const trouble = watchForTrouble(page);
    await page.goto(url);
    await expect(page.getByRole('heading', { name: 'Home', exact: true, level: 1 })).toBeVisible();
    const icon = await page.evaluate(async () => (await fetch('./icon.png')).status);
    expect(icon).toBe(200);
    for (const label of PAGES) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label, exact: true }).click();
      await expect(page.getByRole('heading', { name: label, exact: true, level: 1 })).toBeVisible();
      // Let the page's queries and streams answer before moving on.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: `${screenshotsDir}${testInfo.project.name}-console-01-last-page.png` });
    console.log(`console check: ${PAGES.length} pages opened, ${trouble.length} console errors or failed requests`);
    expect(trouble).toEqual([]);
  } finally {
    await browser.close();
  }
});
