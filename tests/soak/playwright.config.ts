import { defineConfig } from '@playwright/test';

// The shortened soak (soak.spec.ts): `npx playwright test -c tests/soak/playwright.config.ts`, alone on the
// machine. Not a stage of `npm test` yet, because it does not hold every time (issue 13 stays open):
// its days are compressed into seconds of real time while a new service worker installs and takes over
// in real time, and now and then the takeover never comes (the bridge asked; the new worker stays
// waiting) or a page load under the fake clock never finishes. Beside a second heavy test on two cores
// that was about half the runs; alone, 9 of 11 held (one hang of a day, one update never applied).
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
