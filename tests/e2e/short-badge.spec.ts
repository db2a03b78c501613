import { readableMask } from '../../src/hub/badges/qr';
import { AdminClient } from '../support/admin-client';
import { modulesOf, renderFrame, sceneOf, VGA, type Scene } from '../support/camera-scene';
import type { CameraBrowser } from '../support/fake-camera';
import { checkinConfig, expectMemberScreen, LiveHub, MEMBER_EVENTS_SQL, outcome, SCAN_TIMEOUT, type StoredEvent, closeCameraKiosk, openCameraKiosk } from './checkin';
import { expect, test } from './fixtures';
import { expectPending, waitForServiceWorker, writeSignedSuggestion } from './kiosk';

// Issue 11: the short badge as a lobby webcam sees it. The fake camera plays frames rendered from the
// camera corpus's scene model (tests/support/camera-scene.ts) — out of focus and noisy, or on a phone —
// rather than a perfect code.

let hub: LiveHub;
test.beforeAll(async () => {
  hub = await LiveHub.start(checkinConfig({ classNow: true }).dir);
});
test.afterAll(async () => hub?.close());

let kiosk: CameraBrowser | undefined;
test.afterEach(async ({}, info) => {
  await closeCameraKiosk(kiosk, info);
  kiosk = undefined;
});

const CARD: Scene = {
  id: 'e2e', condition: 'close (defocus)', medium: { kind: 'card', qrMm: 38 }, distanceMm: 160, offsetMm: [0, 0], rollDeg: 10, pitchDeg: 0, yawDeg: 0,
  exposure: 1, noise: 12, motionPx: 0, motionAngleDeg: 0, glare: null, extraBlurPx: 0.8, seed: 42,
};
/**
 * A printed badge (the print page's 38 mm code) held 16 cm from the camera: out of focus by 1.9 px and
 * noisy (σ 12). zxing-cpp reads it with room to spare (it still does at 2.4 px); zxing-js reads nothing.
 */
const blurredCard = (code: string) => ({ luma: renderFrame(modulesOf(code, readableMask(code)), CARD, VGA, 0) });
/** The badge page on a phone at arm's length, screen dimmed to 30 %. */
const dimPhone = (code: string) => ({
  luma: renderFrame(modulesOf(code, readableMask(code)), { ...CARD, medium: { kind: 'phone', qrMm: 40, brightness: 0.35 }, distanceMm: 220, rollDeg: -8, pitchDeg: 8, noise: 5, extraBlurPx: 0.3 }, VGA, 0),
});

/**
 * The badge 20 cm away under a grainy sensor (noise σ 30, as a cheap webcam in a dim lobby): zxing-cpp
 * reads none of 16 such codes on a plain frame and all 16 smoothed (frame-filter.ts), so this checks in
 * only because the kiosk reads every other frame smoothed.
 */
const grainyCard = (code: string) => ({
  luma: renderFrame(modulesOf(code, readableMask(code)), { ...CARD, distanceMm: 200, rollDeg: 6, noise: 30, extraBlurPx: 0.3, seed: 7 }, VGA, 0),
});
/**
 * A card 17 cm away under a lamp whose highlight (1 cm across, 70 % of white) lies over a finder pattern
 * (the corpus's glare scene 8003, centred): zxing-cpp reads none of 16 such codes plain or smoothed and
 * all 16 at local contrast, so this checks in only because the kiosk has local-contrast turns.
 */
const glaredCard = (code: string, frame = 0) => ({
  luma: renderFrame(modulesOf(code, readableMask(code)), { ...sceneOf('glare', 8003), offsetMm: [0, 0] }, VGA, frame),
});
/** The badge with its middle worn away: the camera finds a QR code (its corners) and cannot read it. */
const wornCard = (code: string) => {
  const m = modulesOf(code, readableMask(code));
  const worn = { size: m.size, get: (r: number, c: number) => (r >= 9 && r <= 20 && c >= 9 && c <= 20 ? (r * 7 + c * 3) % 5 < 2 : m.get(r, c)) };
  return { luma: renderFrame(worn, { ...CARD, distanceMm: 260, noise: 3, extraBlurPx: 0 }, VGA, 0) };
};

/** The revoked badge keys in the kiosk's cached snapshot (data/snapshot-cache.ts: the 'parts' record in wsc-kiosk/state). */
function cachedRevocations(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => new Promise<string[]>((resolve) => {
    const open = indexedDB.open('wsc-kiosk');
    open.onsuccess = () => {
      const get = open.result.transaction('state', 'readonly').objectStore('state').get('parts');
      get.onsuccess = () => {
        resolve((get.result as { identity?: { revokedBadges?: string[] } } | undefined)?.identity?.revokedBadges ?? []);
        open.result.close();
      };
      get.onerror = () => resolve([]);
    };
    open.onerror = () => resolve([]);
  }));
}

async function member(memberNo: string, name: string) {
  const admin = await new AdminClient(hub.url).login();
  await admin.importMembers([{ memberNo, name }]);
  const m = await admin.member(memberNo);
  return { ...m, admin, code: await admin.badgeCode(m.id) };
}

test('a short badge seen out of focus and noisy checks its member in, decoded by zxing-cpp where the browser has no detector', async () => {
  const m = await member('E2E-S1', '孙小梅');
  kiosk = await openCameraKiosk(hub);
  const { page, camera } = kiosk;
  camera.show(blurredCard(m.code));
  await expectMemberScreen(page, m.maskedName);
  await expect(outcome(page, 'checked_in')).toBeVisible();
  // the polyfill is what html5-qrcode decoded with (Linux Chromium has no BarcodeDetector of its own)
  expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(true);
  camera.show(null);
  await page.getByTestId('member-done').click();
  await expectPending(page, 0);
  await kiosk.close();
  kiosk = undefined;
  const events = await hub.read((q) => q<StoredEvent>(MEMBER_EVENTS_SQL, [String(m.id)]));
  expect(events.map((e) => [e.kind, (e.payload as { identity: { via: string } }).identity.via])).toEqual([['visit', 'badge'], ['class_checkin', 'badge']]);
  expect(JSON.stringify(events)).not.toContain(m.code.slice(3));
});

test('a grainy badge that no plain frame reads checks its member in on a smoothed frame', async () => {
  const m = await member('E2E-S4', '郑海燕');
  kiosk = await openCameraKiosk(hub);
  kiosk.camera.show(grainyCard(m.code));
  await expectMemberScreen(kiosk.page, m.maskedName);
});

test("a badge under a lamp's highlight that no plain or smoothed frame reads checks its member in at local contrast", async () => {
  const m = await member('E2E-S6', '钱玉兰');
  kiosk = await openCameraKiosk(hub);
  // a webcam's frames differ in their sensor noise: the fake camera's one frame is redrawn twice a second
  // (one still frame read the same way every time; with some badge codes, one in six CI runs, never)
  let frame = 0;
  kiosk.camera.show(glaredCard(m.code));
  const noise = setInterval(() => kiosk?.camera.show(glaredCard(m.code, ++frame)), 500);
  try {
    await expectMemberScreen(kiosk.page, m.maskedName);
  } finally {
    clearInterval(noise);
  }
  await expect(outcome(kiosk.page, 'checked_in')).toBeVisible();
});

test('a code the camera sees and cannot read tells the worker how to hold the card, and the hint goes with a read', async () => {
  const m = await member('E2E-S5', '冯建国');
  kiosk = await openCameraKiosk(hub);
  const { page, camera } = kiosk;
  const hint = page.getByTestId('scan-hint');
  await expect(hint).not.toHaveClass(/scan-hint-hold/);
  camera.show(wornCard(m.code));
  await expect(hint).toHaveClass(/scan-hint-hold/, { timeout: SCAN_TIMEOUT });
  await expect(hint).toHaveText('Hold the card still, 20–30 cm from the camera');
  await expect(page.getByTestId('member-screen')).toHaveCount(0);
  camera.show(blurredCard(m.code));
  await expectMemberScreen(page, m.maskedName);
  await page.getByTestId('member-done').click();
  await expect(hint).not.toHaveClass(/scan-hint-hold/);
});

test("a suggestion's sign step shows the camera and how to hold a card it cannot read, and the card once read signs it", async () => {
  const m = await member('E2E-S7', '孙丽华');
  kiosk = await openCameraKiosk(hub);
  const { page, camera } = kiosk;
  await writeSignedSuggestion(page, '希望淋浴间早上七点开放。');
  // the picture sits in the step's own slot: the worker sees where the card is
  const slot = (await page.getByTestId('camera-slot').boundingBox())!;
  await expect(page.locator('#scanner')).toBeVisible();
  const box = (await page.locator('#scanner').boundingBox())!;
  // (within its 4 px border, which sits outside the slot's width)
  expect(Math.abs(box.x + box.width / 2 - (slot.x + slot.width / 2))).toBeLessThan(10);
  expect(Math.abs(box.y + box.height / 2 - (slot.y + slot.height / 2))).toBeLessThan(10);
  const hint = page.getByTestId('sign-scan-hint');
  await expect(hint).toHaveText('Hold your badge to the camera, or swipe your card');
  camera.show(wornCard(m.code));
  await expect(hint).toHaveClass(/scan-hint-hold/, { timeout: SCAN_TIMEOUT });
  await expect(hint).toHaveText('Hold the card still, 20–30 cm from the camera');
  camera.show(blurredCard(m.code));
  await expect(page.getByTestId('thank-you')).toContainText('with your name', { timeout: SCAN_TIMEOUT });
  camera.show(null);
  await expectPending(page, 0);
});

test('a badge shown on a dimmed phone screen checks its member in', async () => {
  const m = await member('E2E-S2', '周大伟');
  kiosk = await openCameraKiosk(hub);
  const { page, camera } = kiosk;
  camera.show(dimPhone(m.code));
  await expectMemberScreen(page, m.maskedName);
});

test('a badge staff replaced is refused offline after the snapshot that revoked it, and the new one is taken', async () => {
  const m = await member('E2E-S3', '吴小军');
  kiosk = await openCameraKiosk(hub);
  const { page, context, camera } = kiosk;
  await waitForServiceWorker(page);
  const lost = m.code;
  await m.admin.renewBadge(m.id);
  const fresh = await m.admin.badgeCode(m.id);
  // the kiosk's next snapshot (polled every 2 s here) carries the revocation and the new code: wait until
  // the kiosk has cached it, then the network goes
  await expect.poll(() => cachedRevocations(page), { timeout: 30_000 }).not.toEqual([]);
  await context.setOffline(true);
  camera.show(lost);
  await expect(outcome(page, 'revoked_badge')).toBeVisible({ timeout: SCAN_TIMEOUT });
  await expect(outcome(page, 'revoked_badge')).toHaveAttribute('data-offline', 'true');
  camera.show(null);
  await page.waitForTimeout(6_000); // past the 5 s debounce and the outcome banner
  camera.show(fresh);
  await expectMemberScreen(page, m.maskedName); // the snapshot that revoked the old code brought the new one
});
