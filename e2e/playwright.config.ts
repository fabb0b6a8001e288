import { defineConfig } from '@playwright/test';
import { electronSkipReason } from './support/electron-availability.ts';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'];

const skipElectron = electronSkipReason();
if (skipElectron) console.log(`e2e: the "electron" project is skipped: ${skipElectron}`);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: './results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  globalSetup: './support/global-setup.ts',
  use: {
    viewport: { width: 1400, height: 860 },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      use: { browserName: 'chromium', launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs } },
    },
    { name: 'electron', use: { browserName: 'chromium' } },
  ],
});
