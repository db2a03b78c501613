import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from '../support/chromium.mjs';

// End-to-end tests drive the built kiosk (dist/, built once in global-setup) served by a real hub process.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../.tmp/playwright.json' }]],
  outputDir: '../../test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1920, height: 1080 },
    launchOptions: { executablePath: findChromium() ?? undefined, args: chromiumArgs() },
    trace: 'retain-on-failure',
    serviceWorkers: 'allow',
  },
});
