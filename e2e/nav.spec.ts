import { expect, screenshotsDir, test } from './support/fixtures.ts';

// The sidebar at the smallest size the app supports: every group headed, every page reachable.
const GROUPS: Record<string, string[]> = {
  ML: ['Pipelines', 'Runs', 'Experiments', 'Models', 'Features', 'Endpoints', 'Monitoring', 'Schedules'],
  Environments: ['Environments'],
  Engine: ['Containers', 'Stacks', 'Images', 'Volumes', 'Networks', 'Disk usage', 'GPUs'],
};

test('the sidebar groups the pages as the work is and fits 1024×700', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'sizes the browser window');
  await app.setViewportSize({ width: 1024, height: 700 });
  const nav = app.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Home', exact: true })).toBeVisible();

  for (const [group, labels] of Object.entries(GROUPS)) {
    const list = nav.getByRole('list', { name: group, exact: true });
    await expect(list.getByRole('button')).toHaveText(labels);
    for (const label of labels) await expect(list.getByRole('button', { name: label, exact: true })).toBeInViewport();
  }
  await expect(nav.getByRole('button', { name: 'ML', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('button', { name: 'Engine', exact: true })).toHaveAttribute('aria-expanded', 'true');
  // Nothing cut off: the whole list fits without scrolling at this size.
  const overflow = await nav.evaluate((el) => el.scrollHeight - el.clientHeight);
  expect(overflow).toBeLessThanOrEqual(0);

  // Keyboard: the group heading folds and unfolds its pages; the open page stays reachable when folded.
  await nav.getByRole('button', { name: 'Containers', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Containers', exact: true, level: 1 })).toBeVisible();
  const engine = nav.getByRole('button', { name: 'Engine', exact: true });
  await engine.focus();
  await app.keyboard.press('Enter');
  await expect(engine).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('list', { name: 'Engine', exact: true }).getByRole('button')).toHaveText(['Containers']);
  await app.keyboard.press('Space');
  await expect(engine).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('list', { name: 'Engine', exact: true }).getByRole('button')).toHaveCount(7);
  await app.keyboard.press('Tab');
  await expect(nav.getByRole('button', { name: 'Containers', exact: true })).toBeFocused();
  await app.keyboard.press('Tab');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Stacks', exact: true, level: 1 })).toBeVisible();

  // Screenshots: the sidebar on the ML page, both sizes, light and dark.
  await nav.getByRole('button', { name: 'Pipelines', exact: true }).click();
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    await app.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await app.emulateMedia({ colorScheme: scheme });
      await app.waitForTimeout(150);
      await app.screenshot({ path: `${screenshotsDir}nav-${size.width}x${size.height}-${scheme}.png` });
    }
  }
});
