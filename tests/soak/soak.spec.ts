import { test, expect } from '@playwright/test';
import { rmSync } from 'node:fs';
import { soakProblems } from './check';
import { runSoak, soakPlan } from './soak';

// Issue 13: the soak of `npm run soak`, shortened to 5 simulated days that still hold one of each kind
// of day (an update on days 2 and 4, the hub down on day 3, the network flapping on day 5, a nightly
// reload every night). The 30 days and their figures are `npm run soak` (BENCHMARKS.md). A stage of
// `npm test`; alone: `npx playwright test -c tests/soak/playwright.config.ts`.
test('a kiosk left alone for 5 simulated days loses nothing, grows nothing and takes each update once, when idle', async ({}, info) => {
  test.setTimeout(12 * 60_000);
  const shots = info.outputPath('day-ends');
  const lines: string[] = [];
  const report = await runSoak(soakPlan(5), { screenshots: shots, log: (m) => lines.push(m) });
  const problems = soakProblems(report);
  // the screen at each day's end stays in test-results when something failed
  if (problems.length === 0) rmSync(shots, { recursive: true, force: true });
  expect(problems, `the soak's log:\n${lines.join('\n')}`).toEqual([]);
});
