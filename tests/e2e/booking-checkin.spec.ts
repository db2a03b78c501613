import { join } from 'node:path';
import { zonedParts } from '../../src/domain/time';
import { AdminClient } from '../support/admin-client';
import { editJson } from '../support/hub-process';
import { bookingConfig, bookWithCard, openSlotGrid } from './booking';
import { expectMemberScreen, LiveHub, outcome, TIME_ZONE, wedgeScan } from './checkin';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk } from './kiosk';

// Checking in to a booking at the court time is the same gesture as class check-in (issue 5): the
// member scans and the kiosk checks in to the one booking open for check-in. For a slot that starts
// within the next quarter of an hour whatever time the tests run, tables here are bookable round the
// clock in 10-minute slots (a facility kind's own rules, facilities.json), and check-in opens 15
// minutes before a start.

const CARD = '6217000066660001';
const SLOT_MS = 10 * 60_000;
let hub: LiveHub;

test.beforeAll(async () => {
  const config = bookingConfig();
  editJson(join(config.dir, 'facilities.json'), (f) => {
    const tt = f.kinds.find((k: { id: string }) => k.id === 'table-tennis');
    tt.rules = { slotMinutes: 10, opens: '00:00', closes: '00:00' };
  });
  hub = await LiveHub.start(config.dir);
  await (await new AdminClient(hub.url).login()).importMembers([{ memberNo: 'E2E-C1', name: '林志明', card: CARD }]);
});
test.afterAll(async () => hub?.close());

test('a member who booked a table checks in to it by scanning at the table time, and the hub stores the check-in', async ({ page }) => {
  const member = await (await new AdminClient(hub.url).login()).member('E2E-C1');
  // the next slot, or the one after when the next starts too soon to be booked in time; both open for check-in now
  const next = Math.ceil((Date.now() + 1) / SLOT_MS) * SLOT_MS;
  const start = next - Date.now() < 90_000 ? next + SLOT_MS : next;
  const { date, time } = zonedParts(start, TIME_ZONE);

  await openEnrolledKiosk(page, hub);
  await openSlotGrid(page, 'table-tennis', date);
  const code = await bookWithCard(page, 'tt-3', time, CARD);
  await expect(page.getByTestId('book-confirmation')).toHaveAttribute('data-status', 'confirmed', { timeout: 20_000 });
  await page.getByTestId('book-done').click();

  await page.waitForTimeout(5_000); // the same card is acted on once per 5 s
  await wedgeScan(page, CARD);
  await expectMemberScreen(page, member.maskedName);
  await expect(outcome(page, 'booking_checked_in')).toBeVisible();
  await expect(page.getByTestId(`my-booking-${code}`)).toHaveAttribute('data-status', 'checked_in');
  await page.getByTestId('member-done').click();
  await expectPending(page, 0);

  const rows = await hub.rows<{ status: string; checked_in: boolean }>(
    'SELECT status, checked_in_at IS NOT NULL AS checked_in FROM bookings WHERE code = $1', [code],
  );
  expect(rows).toEqual([{ status: 'checked_in', checked_in: true }]);
});
