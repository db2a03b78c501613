import { t } from '../../src/kiosk/i18n/t';
import { AdminClient } from '../support/admin-client';
import { expiredBadge, forgedBadge, hubSigningKey, payloadOf } from '../support/badges';
import { launchWithCamera, type CameraBrowser } from '../support/fake-camera';
import { ATTENDANCE_SQL, checkinConfig, expectCameraRunning, expectMemberScreen, LiveHub, MEMBER_EVENTS_SQL, SCAN_TIMEOUT, VISITS_SQL, outcome, type ClassNow, type StoredEvent, closeCameraKiosk, openCameraKiosk } from './checkin';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk, waitForServiceWorker } from './kiosk';

// Badges shown to the kiosk's camera: a fake capture device playing a QR code written at test time
// (tests/support/fake-camera.ts), one hub for the file with a class whose check-in window is open now.

let hub: LiveHub;
let classNow: ClassNow;

test.beforeAll(async () => {
  const config = checkinConfig({ classNow: true });
  classNow = config.classNow!;
  hub = await LiveHub.start(config.dir);
});
test.afterAll(async () => hub?.close());

// the kiosk's own browser (its camera is fixed at launch); on a failure its screen, camera and console
// go into the report, since a scan that never comes says nothing by itself
let kiosk: CameraBrowser | undefined;
async function closeKiosk() {
  await kiosk?.close();
  kiosk = undefined;
}
test.afterEach(async ({}, info) => {
  await closeCameraKiosk(kiosk, info);
  kiosk = undefined;
});

async function memberWithBadge(memberNo: string, name: string) {
  const admin = await new AdminClient(hub.url).login();
  await admin.importMembers([{ memberNo, name }]);
  const member = await admin.member(memberNo);
  return { ...member, token: await admin.badgeToken(member.id) };
}

test('a badge the hub issued, shown to the camera, checks its member in to the class in its window and the hub stores it', async () => {
  const member = await memberWithBadge('E2E-B1', '王小明');
  kiosk = await openCameraKiosk(hub);
  const { page, camera } = kiosk;
  camera.show(member.token);
  await expectMemberScreen(page, member.maskedName);
  await expect(outcome(page, 'checked_in')).toBeVisible();
  await expect(outcome(page, 'checked_in')).toHaveAttribute('data-tone', 'success');
  await expect(outcome(page, 'checked_in')).toHaveAttribute('data-offline', 'false');
  camera.show(null); // the worker walks away with the badge
  await page.getByTestId('member-done').click();
  await expectPending(page, 0);
  // the camera started and read with no error in the page (an interrupted play() inside html5-qrcode was one)
  expect(kiosk.log.filter((l) => l.includes(' pageerror '))).toEqual([]);
  await closeKiosk();

  const { events, attendance, visits } = await hub.read(async (q) => ({
    events: await q<StoredEvent>(MEMBER_EVENTS_SQL, [String(member.id)]),
    attendance: await q(ATTENDANCE_SQL, [member.id]),
    visits: await q(VISITS_SQL, [member.id]),
  }));
  const badgeId = `${member.id}@${payloadOf(member.token).issuedAt}`;
  expect(events.map((e) => [e.kind, e.payload])).toEqual([
    ['visit', { identity: { via: 'badge', memberId: String(member.id), badgeId }, outcome: 'visit_recorded' }],
    ['class_checkin', { identity: { via: 'badge', memberId: String(member.id), badgeId }, entryId: classNow.entryId, outcome: 'checked_in' }],
  ]);
  // the hub judged it again and counts the member in the class
  expect(attendance).toEqual([{ entry_id: classNow.entryId, via: 'badge', kiosk_outcome: 'checked_in', hub_outcome: 'checked_in', counted: true }]);
  expect(visits).toEqual([{ via: 'badge', verified: true }]);
  // and staff see it in today's attendance export
  const attendanceCsv = await (await new AdminClient(hub.url).login()).csv('/admin/today/attendance.csv');
  expect(attendanceCsv.filter((r) => r['member no'] === 'E2E-B1').map((r) => [r.entry, r['masked name'], r['hub found']])).toEqual([
    [classNow.entryId, member.maskedName, 'checked_in'],
  ]);
});

test('a forged badge and an expired badge are refused, each in its own words, and the camera then still checks in a good badge', async () => {
  const member = await memberWithBadge('E2E-B2', '李小红');
  const key = await hub.whileStopped(hubSigningKey);
  const forged = forgedBadge(member.token);
  const expired = expiredBadge(key, member, Date.now());
  const since = new Date();
  kiosk = await openCameraKiosk(hub, { lang: 'zh-CN' }); // the kiosk's own language, as workers see it
  const { page, camera } = kiosk;

  camera.show(forged);
  await expect(outcome(page, 'bad_signature')).toBeVisible({ timeout: SCAN_TIMEOUT });
  await expect(outcome(page, 'bad_signature')).toHaveAttribute('data-tone', 'failed');
  await expect(outcome(page, 'bad_signature')).toContainText(t('zh-CN', 'outcome.bad_signature'));
  await expect(page.getByTestId('member-screen')).toHaveCount(0);

  camera.show(expired);
  await expect(outcome(page, 'expired_badge')).toBeVisible({ timeout: SCAN_TIMEOUT });
  await expect(outcome(page, 'expired_badge')).toHaveAttribute('data-tone', 'failed');
  await expect(outcome(page, 'expired_badge')).toContainText(t('zh-CN', 'outcome.expired_badge'));
  await expect(page.getByTestId('member-screen')).toHaveCount(0);

  camera.show(member.token);
  await expectMemberScreen(page, member.maskedName);
  await expect(outcome(page, 'checked_in')).toBeVisible();
  camera.show(null);
  await page.getByTestId('member-done').click();
  await expectPending(page, 0);
  await closeKiosk();

  const { failed, failures, events } = await hub.read(async (q) => ({
    failed: await q<{ payload: unknown }>(`SELECT payload FROM events WHERE kind = 'scan_failed' AND at >= $1 ORDER BY at, seq`, [since]),
    failures: await q(`SELECT reason, source FROM scan_failures WHERE at >= $1 ORDER BY at`, [since]),
    events: await q<StoredEvent>(MEMBER_EVENTS_SQL, [String(member.id)]),
  }));
  // the reason and where it came from, never what the code said
  const refused = [
    { reason: 'bad_signature', source: 'camera' },
    { reason: 'expired_badge', source: 'camera' },
  ];
  expect(failed.map((r) => r.payload)).toEqual(refused);
  expect(failures).toEqual(refused);
  expect(events.map((e) => [e.kind, e.payload.outcome])).toEqual([
    ['visit', 'visit_recorded'],
    ['class_checkin', 'checked_in'],
  ]);
});

test('offline, a badge is checked against the cached keys and accepted, and the check-in reaches the hub once the network is back', async () => {
  const member = await memberWithBadge('E2E-B3', '赵大刚');
  kiosk = await launchWithCamera(hub.url, null);
  const { page, camera, context } = kiosk;
  await openEnrolledKiosk(page, hub);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload(); // served by the service worker: keys come from the cached snapshot, not memory
  await expect(page.getByTestId('net-status')).toHaveAccessibleName('Offline');
  await expectCameraRunning(page);

  camera.show(member.token);
  await expectMemberScreen(page, member.maskedName);
  await expect(outcome(page, 'checked_in')).toBeVisible();
  await expect(outcome(page, 'checked_in')).toHaveAttribute('data-offline', 'true');
  camera.show(null);
  await page.getByTestId('member-done').click();
  await expectPending(page, 2); // the visit and the class check-in wait in the outbox

  await context.setOffline(false);
  await expectPending(page, 0, 60_000);
  await closeKiosk();

  const { events, attendance } = await hub.read(async (q) => ({
    events: await q<StoredEvent>(MEMBER_EVENTS_SQL, [String(member.id)]),
    attendance: await q(ATTENDANCE_SQL, [member.id]),
  }));
  expect(events.map((e) => [e.kind, e.payload.outcome, e.payload.entryId])).toEqual([
    ['visit', 'visit_recorded', undefined],
    ['class_checkin', 'checked_in', classNow.entryId],
  ]);
  expect(attendance).toEqual([{ entry_id: classNow.entryId, via: 'badge', kiosk_outcome: 'checked_in', hub_outcome: 'checked_in', counted: true }]);
});
