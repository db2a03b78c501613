import { createHash } from 'node:crypto';
import { tStaff } from '../../src/kiosk/i18n/staff-t';
import { AdminClient } from '../support/admin-client';
import { launchWithCamera } from '../support/fake-camera';
import { ATTENDANCE_SQL, checkinConfig, expectMemberScreen, LiveHub, MEMBER_EVENTS_SQL, VISITS_SQL, type ClassNow, outcome, wedgeScan, type StoredEvent } from './checkin';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk, openStaffMode } from './kiosk';

// A USB card reader in keyboard-wedge mode "types" the card number and presses Enter, faster than a
// person can. This browser has no camera at all: the kiosk must still identify members by card.

let hub: LiveHub;
let classNow: ClassNow;
const CARD = '6217000012345678';
const cardKeyOf = (card: string) => createHash('sha256').update(card).digest('hex');

test.beforeAll(async () => {
  const config = checkinConfig({ classNow: true });
  classNow = config.classNow!;
  hub = await LiveHub.start(config.dir);
  await (await new AdminClient(hub.url).login()).importMembers([
    { memberNo: 'E2E-W1', name: '孙丽华', card: CARD },
    { memberNo: 'E2E-W2', name: '钱志强', card: '6217000022223333' },
    { memberNo: 'E2E-W3', name: '冯雪梅', card: '6217000044445555' },
  ]);
});
test.afterAll(async () => hub?.close());

test('a card number typed at reader speed and ended with Enter identifies the member and checks them in to the class open now', async ({ page }) => {
  const member = await (await new AdminClient(hub.url).login()).member('E2E-W1');
  await openEnrolledKiosk(page, hub);
  await wedgeScan(page, CARD);
  await expectMemberScreen(page, member.maskedName);
  await expect(outcome(page, 'checked_in')).toBeVisible();
  await expect(outcome(page, 'checked_in')).toHaveAttribute('data-tone', 'success');
  await page.getByTestId('member-done').click();
  await expectPending(page, 0);

  const { events, visits, attendance } = await hub.read(async (q) => ({
    events: await q<StoredEvent>(MEMBER_EVENTS_SQL, [String(member.id)]),
    visits: await q(VISITS_SQL, [member.id]),
    attendance: await q(ATTENDANCE_SQL, [member.id]),
  }));
  // the kiosk keeps and sends only the card's hash, never the number
  const identity = { via: 'card', memberId: String(member.id), cardKey: cardKeyOf(CARD) };
  expect(events.map((e) => [e.kind, e.payload])).toEqual([
    ['visit', { identity, outcome: 'visit_recorded' }],
    ['class_checkin', { identity, entryId: classNow.entryId, outcome: 'checked_in' }],
  ]);
  expect(visits).toEqual([{ via: 'card', verified: true }]);
  expect(attendance).toEqual([{ entry_id: classNow.entryId, via: 'card', kiosk_outcome: 'checked_in', hub_outcome: 'checked_in', counted: true }]);
});

test('the same number typed at a person’s pace into the suggestion field stays in the field and identifies nobody', async ({ page }) => {
  const since = new Date();
  await openEnrolledKiosk(page, hub);
  await page.getByRole('button', { name: /Suggestion/ }).click();
  const field = page.getByLabel('Your suggestion');
  await field.click();
  await page.keyboard.type(`${CARD}\n`, { delay: 120 });
  await expect(field).toHaveValue(new RegExp(`^${CARD}\\s*$`));
  await expect(page.getByTestId('member-screen')).toHaveCount(0);
  await expect(page.getByTestId('outcome')).toHaveCount(0);

  // sent as what it is, a suggestion: the hub gets that and no check-in at all
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('thank-you')).toBeVisible();
  await expectPending(page, 0);
  const stored = await hub.rows<{ kind: string; text: string | null }>(`SELECT kind, payload->>'text' AS text FROM events WHERE at >= $1 ORDER BY at, seq`, [since]);
  expect(stored.map((e) => [e.kind, e.text?.trim()])).toEqual([['suggestion', CARD]]);
});

// No camera, or the camera refused: the kiosk says so in staff mode and the card reader still works.

test('with no camera at all, a card still checks the member in and staff mode says there is no camera', async ({ page, context }) => {
  const member = await (await new AdminClient(hub.url).login()).member('E2E-W2');
  await context.grantPermissions(['camera'], { origin: hub.url }); // allowed, but there is no device
  await openEnrolledKiosk(page, hub);
  await wedgeScan(page, '6217000022223333');
  await expectMemberScreen(page, member.maskedName);
  await expect(outcome(page, 'checked_in')).toBeVisible();
  await page.getByTestId('member-done').click();

  await openStaffMode(page);
  await expect(page.getByTestId('camera-state')).toHaveAttribute('data-state', 'no_camera');
  await expect(page.getByTestId('camera-state')).toContainText(tStaff('en', 'camera.state.no_camera'));
  await expect(page.getByTestId('staff-camera')).toContainText(tStaff('en', 'camera.fallback'));
});

test('with the camera permission refused, a card still checks the member in and staff mode says the camera is not allowed', async () => {
  const member = await (await new AdminClient(hub.url).login()).member('E2E-W3');
  const kiosk = await launchWithCamera(hub.url, null, { permission: false });
  try {
    const { page } = kiosk;
    await openEnrolledKiosk(page, hub);
    await wedgeScan(page, '6217000044445555');
    await expectMemberScreen(page, member.maskedName);
    await expect(outcome(page, 'checked_in')).toBeVisible();
    await page.getByTestId('member-done').click();

    await openStaffMode(page);
    await expect(page.getByTestId('camera-state')).toHaveAttribute('data-state', 'denied');
    await expect(page.getByTestId('camera-state')).toContainText(tStaff('en', 'camera.state.denied'));
    await expect(page.getByTestId('staff-camera')).toContainText(tStaff('en', 'camera.fallback'));
  } finally {
    await kiosk.close();
  }
});
