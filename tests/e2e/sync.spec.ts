import { AdminClient } from '../support/admin-client';
import { checkinConfig, expectMemberScreen, LiveHub, outcome, wedgeScan } from './checkin';
import { expect, test } from './fixtures';
import { openEnrolledKiosk } from './kiosk';

// Issue 14: a kiosk pulls by parts. Back from a time offline it catches up with one pull that carries
// only the members changed meanwhile, and then knows them: a member added checks in by card, a badge
// replaced meanwhile is refused.

let hub: LiveHub;
const CARD = '6217000077778888';

test.beforeAll(async () => {
  hub = await LiveHub.start(checkinConfig().dir);
});
test.afterAll(async () => hub?.close());

test('a kiosk back from offline catches up with one pull of the changes: a member added meanwhile checks in, a replaced badge is refused', async ({ page, context }) => {
  const admin = await new AdminClient(hub.url).login();
  await admin.importMembers([{ memberNo: 'E2E-Y1', name: '周小燕' }]);
  const first = await admin.member('E2E-Y1');
  const oldCode = await admin.badgeCode(first.id);
  await openEnrolledKiosk(page, hub);
  await context.setOffline(true);

  await admin.importMembers([{ memberNo: 'E2E-Y2', name: '吴建国', card: CARD }]);
  await admin.renewBadge(first.id);
  const added = await admin.member('E2E-Y2');
  const pulls: { status: number; body: { identity?: { full?: unknown; changes?: { members: { memberId: string }[]; revokedBadges: string[] } } } | null }[] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('/api/v1/sync')) pulls.push({ status: r.status(), body: r.status() === 200 ? await r.json() : null });
  });
  await context.setOffline(false); // the kiosk pulls as soon as the network is back

  await expect.poll(() => pulls.length, { timeout: 20_000 }).toBeGreaterThan(0);
  const pull = pulls[0]!;
  expect(pull.status).toBe(200);
  expect(pull.body?.identity?.full).toBeUndefined(); // the changes, not the whole map again
  expect(pull.body?.identity?.changes?.members.map((m) => m.memberId).sort()).toEqual([String(first.id), String(added.id)].sort());
  expect(pull.body?.identity?.changes?.revokedBadges).toHaveLength(1);

  await wedgeScan(page, CARD);
  await expectMemberScreen(page, added.maskedName, true);
  await page.getByTestId('member-done').click();
  await wedgeScan(page, oldCode);
  await expect(outcome(page, 'revoked_badge')).toBeVisible();
  expect(pulls).toHaveLength(1); // one pull was all it took
});
