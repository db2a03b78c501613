import { AdminClient } from '../support/admin-client';
import type { CameraBrowser } from '../support/fake-camera';
import { bookingConfig, bookWithCard, openSlotGrid, slot, tomorrow } from './booking';
import { expectCameraRunning, expectMemberScreen, LiveHub, SCAN_TIMEOUT, wedgeScan, closeCameraKiosk, openCameraKiosk } from './checkin';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk, waitForServiceWorker } from './kiosk';

// Booking a court at the kiosk (issue 5): by badge at the camera, and by card at two kiosks that are
// offline at the same time. One hub for the file; each test books its own court.

let hub: LiveHub;
const CARDS = { W1: '6217000011110001', W2: '6217000011110002', W3: '6217000011110003', W4: '6217000011110004' };
const BOOKINGS_SQL = `SELECT facility_id, member_id, status, refusal, code FROM bookings WHERE facility_id = $1 ORDER BY requested_at`;

test.beforeAll(async () => {
  hub = await LiveHub.start(bookingConfig().dir);
  await (await new AdminClient(hub.url).login()).importMembers([
    { memberNo: 'E2E-K1', name: '周建国', card: CARDS.W1 },
    { memberNo: 'E2E-K2', name: '吴秀英', card: CARDS.W2 },
    { memberNo: 'E2E-K3', name: '郑海涛', card: CARDS.W3 },
    { memberNo: 'E2E-K4', name: '陈桂兰', card: CARDS.W4 },
  ]);
});
test.afterAll(async () => hub?.close());

let kiosk: CameraBrowser | undefined;
test.afterEach(async ({}, info) => {
  await closeCameraKiosk(kiosk, info);
  kiosk = undefined;
});

test('a member books a court by badge, sees it confirmed at the next scan, and a second member finds the slot taken', async () => {
  const admin = await new AdminClient(hub.url).login();
  const [first, second] = [await admin.member('E2E-K1'), await admin.member('E2E-K2')];
  const token = await admin.badgeToken(first.id);
  kiosk = await openCameraKiosk(hub);
  const { page, camera } = kiosk;

  await openSlotGrid(page, 'badminton', tomorrow());
  await expect(slot(page, 'badminton-1', '10:00')).toHaveAttribute('data-state', 'free');
  await slot(page, 'badminton-1', '10:00').click();
  await expect(page.getByTestId('book-scan')).toBeVisible();
  await expectCameraRunning(page); // the camera scans on the confirm step too
  camera.show(token);
  await expect(page.getByTestId('book-confirmation')).toBeVisible({ timeout: SCAN_TIMEOUT });
  camera.show(null);
  const code = (await page.getByTestId('booking-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
  await page.getByTestId('book-done').click();
  await expectPending(page, 0);

  // the next scan (the member's card this time) lists the booking as the hub confirmed it
  await wedgeScan(page, CARDS.W1);
  await expectMemberScreen(page, first.maskedName);
  await expect(page.getByTestId(`my-booking-${code}`)).toHaveAttribute('data-status', 'confirmed', { timeout: 20_000 });
  await page.getByTestId('member-done').click();

  // another member cannot have the same court at the same time
  await openSlotGrid(page, 'badminton', tomorrow());
  await expect(slot(page, 'badminton-1', '10:00')).toHaveAttribute('data-state', 'taken');
  await expect(slot(page, 'badminton-1', '10:00')).toBeDisabled();
  await expect(slot(page, 'badminton-2', '10:00')).toHaveAttribute('data-state', 'free');
  await kiosk.close();
  kiosk = undefined;

  const rows = await hub.rows<{ member_id: number; status: string; code: string }>(BOOKINGS_SQL, ['badminton-1']);
  expect(rows.map((r) => [r.member_id, r.status, r.code])).toEqual([[first.id, 'confirmed', code]]);
  expect(second.id).not.toBe(first.id);
});

test('two kiosks offline book the same slot: after sync exactly one is confirmed and the other member is told at their next scan', async ({ browser }) => {
  const admin = await new AdminClient(hub.url).login();
  const [m3, m4] = [await admin.member('E2E-K3'), await admin.member('E2E-K4')];
  const [ctxA, ctxB] = [await browser.newContext(), await browser.newContext()];
  const [a, b] = [await ctxA.newPage(), await ctxB.newPage()];
  try {
    await openEnrolledKiosk(a, hub, { kioskId: 'lobby-1' });
    await openEnrolledKiosk(b, hub, { kioskId: 'gym-1' });
    await Promise.all([waitForServiceWorker(a), waitForServiceWorker(b)]);
    for (const [ctx, page] of [[ctxA, a], [ctxB, b]] as const) {
      await ctx.setOffline(true);
      await page.reload();
      await expect(page.getByTestId('net-status')).toHaveAccessibleName('Offline');
    }

    await openSlotGrid(a, 'table-tennis', tomorrow());
    const codeA = await bookWithCard(a, 'tt-2', '15:00', CARDS.W3);
    await expect(a.getByTestId('book-confirmation')).toHaveAttribute('data-status', 'pending');
    await a.getByTestId('book-done').click();
    await openSlotGrid(b, 'table-tennis', tomorrow());
    const codeB = await bookWithCard(b, 'tt-2', '15:00', CARDS.W4);
    await expect(b.getByTestId('book-confirmation')).toHaveAttribute('data-status', 'pending');
    await b.getByTestId('book-done').click();

    // kiosk A reaches the hub first and gets the table; B's request arrives second
    await ctxA.setOffline(false);
    await expectPending(a, 0, 60_000);
    await ctxB.setOffline(false);
    await expectPending(b, 0, 60_000);

    await wedgeScan(b, CARDS.W4);
    await expectMemberScreen(b, m4.maskedName);
    const refused = b.getByTestId(`my-booking-${codeB}`);
    await expect(refused).toHaveAttribute('data-status', 'refused', { timeout: 20_000 });
    await expect(refused).toContainText(/already booked|taken/i);

    await wedgeScan(a, CARDS.W3);
    await expectMemberScreen(a, m3.maskedName);
    await expect(a.getByTestId(`my-booking-${codeA}`)).toHaveAttribute('data-status', 'confirmed', { timeout: 20_000 });
  } finally {
    await ctxA.close();
    await ctxB.close();
  }

  // staff see the refused offline booking on the admin page, with whom and which rule
  const bookingsPage = await (await (await new AdminClient(hub.url).login()).get(`/admin/bookings?day=${tomorrow()}`)).text();
  const refusedRow = /<tr data-testid="refused-booking" data-refusal="slot_taken">(.*?)<\/tr>/s.exec(bookingsPage)?.[1] ?? '';
  expect(refusedRow).toContain('(E2E-K4)');

  const rows = await hub.rows<{ member_id: number; status: string; refusal: string | null }>(BOOKINGS_SQL, ['tt-2']);
  expect(rows.map((r) => [r.member_id, r.status, r.refusal])).toEqual([[m3.id, 'confirmed', null], [m4.id, 'refused', 'slot_taken']]);
});
