import { DEMO_MEMBERS } from '../../src/hub/demo/seed';
import { startHub } from '../support/hub-process';
import { expectMemberScreen, wedgeScan } from './checkin';
import { e2eConfig, expect, test } from './fixtures';

// Issue 13: a newcomer's first run. `npm start` (DEMO_DATA=1) on a new database prints a link that makes
// this browser the demo kiosk, enrolled; the demo members check in at once; a second start neither makes
// the demo again nor prints a link for a kiosk that is already enrolled.

test('the start link opens an enrolled demo kiosk where a demo member checks in, and later starts print no link', async ({ page }) => {
  test.setTimeout(120_000);
  const configDir = e2eConfig();
  let hub = await startHub({ configDir, env: { DEMO_DATA: '1' } });
  try {
    const out = hub.output();
    expect(out).toMatch(/Demo data: 12 members and \d+ events/);
    const link = /Try the kiosk: open (\S+)/.exec(out)?.[1];
    expect(link, out).toBeDefined();
    const { pathname, search } = new URL(link!);
    await page.goto(`${hub.url}${pathname}${search}`);
    await expect(page.locator('button[data-feature="book"]')).toBeVisible({ timeout: 20_000 }); // enrolled: the demo's features
    await expect(page).not.toHaveURL(/enroll=/); // the spent code leaves the address bar

    // a demo worker with an employee card swipes it: greeted by name, verified
    const carded = DEMO_MEMBERS.find((m) => m.card)!;
    await wedgeScan(page, carded.card!);
    await expectMemberScreen(page, '张*国');
    await page.getByTestId('member-done').click();

    // the number typed on the keypad, as the start output says
    await page.getByTestId('open-keypad').click();
    for (const d of DEMO_MEMBERS[0]!.memberNo) await page.getByTestId(`key-${d}`).click();
    await page.getByTestId('key-ok').click();
    await expect(page.getByTestId('member-screen')).toHaveAttribute('data-verified', 'false');

    // the same database again: nothing new is made, and the enrolled demo kiosk needs no link
    await hub.stop();
    hub = await startHub({ configDir, dataDir: hub.dataDir, env: { DEMO_DATA: '1' } });
    expect(hub.output()).not.toMatch(/Demo data:|Try the kiosk/);
  } finally {
    await hub.stop();
    hub.cleanup();
  }
});
