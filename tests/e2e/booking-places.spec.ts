import { join } from 'node:path';
import { zonedParts } from '../../src/domain/time';
import { AdminClient } from '../support/admin-client';
import { editJson } from '../support/hub-process';
import { bookWithCard, openSlotGrid, tomorrow } from './booking';
import { classMinutes, expectMemberScreen, LiveHub, outcome, TIME_ZONE, wedgeScan } from './checkin';
import { e2eConfig, expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk } from './kiosk';

// The member screen's class places and bookings (issue 5): reserve, wait, give up, promotion, and a
// booking cancelled from the member screen. Two classes are open for check-in at once, so a scan
// checks in to neither by itself and the member chooses on the screen.

let hub: LiveHub;
let entryIds: Record<string, string>;
const CARDS = { P1: '6217000055550001', P2: '6217000055550002', P3: '6217000055550003', P4: '6217000055550004' };

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Two classes of one place each, in two rooms, starting in 20 and 25 minutes: both open for check-in now. */
function placesConfig() {
  const ids: Record<string, string> = {};
  const dir = e2eConfig((d) => {
    editJson(join(d, 'kiosks/lobby-1.json'), (k) => (k.features = ['checkin', 'book', 'schedule']));
    editJson(join(d, 'schedule.json'), (s) => {
      s.weekly = ([['pa', 20, 'activity-room'], ['pb', 25, 'training-room']] as const).map(([id, minutes, room]) => {
        const start = zonedParts(Date.now() + minutes * 60_000, TIME_ZONE);
        ids[id] = `${id}@${start.date}`;
        return {
          id, category: 'fitness', title: { 'zh-CN': `瑜伽 ${id}`, en: `Yoga ${id}` }, weekday: WEEKDAYS[start.weekday - 1],
          start: start.time, minutes: classMinutes(start, 45), room, instructor: '李老师', capacity: 1,
        };
      });
    });
  });
  return { dir, entryIds: ids };
}

test.beforeAll(async () => {
  const config = placesConfig();
  entryIds = config.entryIds;
  hub = await LiveHub.start(config.dir);
  await (await new AdminClient(hub.url).login()).importMembers([
    { memberNo: 'E2E-P1', name: '周建国', card: CARDS.P1 },
    { memberNo: 'E2E-P2', name: '吴秀英', card: CARDS.P2 },
    { memberNo: 'E2E-P3', name: '郑海涛', card: CARDS.P3 },
    { memberNo: 'E2E-P4', name: '陈桂兰', card: CARDS.P4 },
  ]);
});
test.afterAll(async () => hub?.close());

test('a member reserves a class place and checks in to it within its window', async ({ page }) => {
  const admin = await new AdminClient(hub.url).login();
  const m = await admin.member('E2E-P1');
  const a = entryIds.pa!;
  await openEnrolledKiosk(page, hub);
  await wedgeScan(page, CARDS.P1);
  await expectMemberScreen(page, m.maskedName);
  await expect(page.getByTestId(`class-reserve-${a}`)).toHaveAttribute('data-offer', 'reserve');
  await page.getByTestId(`class-reserve-${a}`).click();
  await expect(outcome(page, 'place_reserved')).toBeVisible();
  const place = page.getByTestId(`class-place-${a}`);
  await expect(place).toHaveAttribute('data-status', /pending|reserved/);
  await expect(place).toHaveAttribute('data-status', 'reserved', { timeout: 20_000 }); // the hub's verdict
  await page.getByTestId(`class-${a}`).click();
  await expect(outcome(page, 'checked_in')).toBeVisible();
  await page.getByTestId('member-done').click();
  await expectPending(page, 0);
});

test('a full class puts the member on the waitlist, and a cancellation promotes them', async ({ page }) => {
  const admin = await new AdminClient(hub.url).login();
  const [holder, waiter] = [await admin.member('E2E-P2'), await admin.member('E2E-P3')];
  const b = entryIds.pb!;
  await openEnrolledKiosk(page, hub);

  await wedgeScan(page, CARDS.P2);
  await expectMemberScreen(page, holder.maskedName);
  await page.getByTestId(`class-reserve-${b}`).click();
  await expect(page.getByTestId(`class-place-${b}`)).toHaveAttribute('data-status', 'reserved', { timeout: 20_000 });
  await page.getByTestId('member-done').click();

  await wedgeScan(page, CARDS.P3);
  await expectMemberScreen(page, waiter.maskedName);
  await expect(page.getByTestId(`class-reserve-${b}`)).toHaveAttribute('data-offer', 'waitlist');
  await expect(page.getByTestId(`class-reserve-${b}`)).toHaveAttribute('data-position', '1');
  await page.getByTestId(`class-reserve-${b}`).click();
  await expect(outcome(page, 'place_waitlisted')).toBeVisible();
  const waiting = page.getByTestId(`class-place-${b}`);
  await expect(waiting).toHaveAttribute('data-status', 'waitlisted', { timeout: 20_000 });
  await expect(waiting).toHaveAttribute('data-position', '1');
  await page.getByTestId('member-done').click();

  await page.waitForTimeout(5_000); // the same card is acted on once per 5 s (debounce): the holder comes back later
  await wedgeScan(page, CARDS.P2);
  await expectMemberScreen(page, holder.maskedName);
  await page.getByTestId(`place-cancel-${b}`).click();
  await expect(outcome(page, 'place_cancelled')).toBeVisible();
  await page.getByTestId('member-done').click();

  // the attract screen tells of the freed place, and the waiting member sees it at the next scan
  await expect(page.getByTestId('notice-place-freed')).toContainText(waiter.maskedName, { timeout: 20_000 });
  await wedgeScan(page, CARDS.P3);
  await expectMemberScreen(page, waiter.maskedName);
  await expect(page.getByTestId(`class-place-${b}`)).toHaveAttribute('data-status', 'reserved');
  await expect(page.getByTestId(`class-place-${b}`)).toHaveAttribute('data-promoted', 'true');
});

test('a member cancels a booking from the member screen and the slot is free again', async ({ page }) => {
  const admin = await new AdminClient(hub.url).login();
  const m = await admin.member('E2E-P4');
  await openEnrolledKiosk(page, hub);
  await openSlotGrid(page, 'badminton', tomorrow());
  const code = await bookWithCard(page, 'badminton-2', '11:00', CARDS.P4);
  await page.getByTestId('book-done').click();
  await wedgeScan(page, CARDS.P4);
  await expectMemberScreen(page, m.maskedName);
  const row = page.getByTestId(`my-booking-${code}`);
  await expect(row).toHaveAttribute('data-status', 'confirmed', { timeout: 20_000 });
  await page.getByTestId(`booking-cancel-${code}`).click();
  await expect(outcome(page, 'booking_cancelled')).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.getByTestId('member-done').click();
  await expectPending(page, 0);
  const rows = await hub.rows<{ status: string; code: string }>('SELECT status, code FROM bookings WHERE facility_id = $1', ['badminton-2']);
  expect(rows).toEqual([{ status: 'cancelled', code }]);
});
