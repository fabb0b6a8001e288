import { expect, screenshotsDir, test } from './support/fixtures.ts';
import { startWebHostProcess, type RunningWebHost } from './support/web-host.ts';

let host: RunningWebHost | undefined;
test.afterAll(async () => {
  await host?.stop();
});

test('with no engine reachable the app explains every candidate it tried instead of a blank page', async ({ openInBrowser }, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'drives a second web host with a broken DOCKER_HOST');
  host = await startWebHostProcess({ DOCKER_HOST: 'unix:///nonexistent/benchtop-e2e.sock' });
  const page = await openInBrowser(host.url);
  await expect(page.getByRole('heading', { name: 'No Docker engine found' })).toBeVisible();
  const candidates = page.getByRole('table', { name: 'Engine candidates' });
  await expect(candidates).toContainText('/nonexistent/benchtop-e2e.sock');
  await expect(candidates).toContainText('missing');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  await page.screenshot({ path: `${screenshotsDir}web-07-diagnostics.png` });
});
