import { defineConfig } from '@playwright/test';

// The shortened soak (soak.spec.ts), the last stage of `npm test` (tests/run-all.mjs), alone on the machine:
// its days are compressed into seconds of real time while a new service worker installs and takes over in
// real time. Alone: `npx playwright test -c tests/soak/playwright.config.ts`.
export default defineConfig({
  testDir: '.',
  testMatch: 'soak.spec.ts',
  timeout: 15 * 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../.tmp/playwright-soak.json' }]],
  outputDir: '../../test-results/soak',
});
