import { expect, type Page } from '@playwright/test';
import { AdminClient } from '../support/admin-client';
import type { Hub } from '../support/hub-process';
export { waitForServiceWorker } from './fixtures';

// What a worker and a staff member do at the kiosk, in the words a person would use.

/** Enrolls the kiosk in this page the way staff do: an enrollment link opened once on the device. */
export async function openEnrolledKiosk(page: Page, hub: Pick<Hub, 'url'>, opts: { lang?: 'en' | 'zh-CN'; kioskId?: string } = {}) {
  const code = await (await new AdminClient(hub.url).login()).enrollmentCode(opts.kioskId ?? 'lobby-1');
  const lang = opts.lang === undefined ? 'en' : opts.lang;
  await page.goto(`${hub.url}/?${lang === 'zh-CN' ? '' : `lang=${lang}&`}enroll=${code}`);
  await expect(page).not.toHaveURL(/enroll=/);
  await expect(page.getByTestId('snapshot-updated')).toBeVisible();
}

const FACES = ['Very unhappy', 'Unhappy', 'Happy', 'Very happy'] as const;

/**
 * One rating: a face tapped, the thank-you, back to the start. With `fast`, the page's clock is
 * moved past the thank-you instead of waiting for it (the page must have called clock.install()).
 */
export async function rate(page: Page, score: 0 | 1 | 2 | 3, fast = false) {
  await page.getByRole('button', { name: /Rate us/ }).click();
  await page.getByRole('button', { name: FACES[score], exact: true }).click();
  if (score <= 1) {
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    if (fast) await page.clock.runFor(11_000);
    else await page.getByRole('button', { name: 'Send' }).click();
  }
  await expect(page.getByTestId('thank-you')).toBeVisible();
  if (fast) await page.clock.runFor(3_500);
  await expect(page.getByRole('button', { name: /Rate us/ })).toBeVisible({ timeout: 10_000 });
}

export async function suggest(page: Page, text: string, fast = false) {
  await page.getByRole('button', { name: /Suggestion/ }).click();
  // the phone QR's encoder is a chunk of its own, loaded here: online, or from the service worker offline
  await expect(page.getByTestId('phone-qr').locator('path')).toHaveAttribute('d', /^M/);
  await page.getByLabel('Your suggestion').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('thank-you')).toBeVisible();
  if (fast) await page.clock.runFor(3_500);
  await expect(page.getByRole('button', { name: /Suggestion/ })).toBeVisible({ timeout: 10_000 });
}

export async function pending(page: Page): Promise<number> {
  return Number(await page.getByTestId('pending-count').textContent());
}

/** On the attract screen: write a suggestion, ask to sign it, and reach the badge step. */
export async function writeSignedSuggestion(page: Page, text: string) {
  await page.getByRole('button', { name: /Suggestion/ }).click();
  await page.getByLabel('Your suggestion').fill(text);
  await page.getByTestId('send-signed').click();
  await expect(page.getByTestId('suggest-sign')).toBeVisible();
}

export async function expectPending(page: Page, n: number, timeout = 30_000) {
  await expect(page.getByTestId('pending-count')).toHaveText(String(n), { timeout });
}

/** Staff open staff mode with a long press on the logo (a short tap does nothing). */
export async function longPressLogo(page: Page) {
  await page.getByTestId('logo').hover();
  await page.mouse.down();
  await page.waitForTimeout(2_300);
  await page.mouse.up();
}

export async function typePin(page: Page, pin: string) {
  const pad = page.getByTestId('pin-pad');
  for (const d of pin) await pad.getByRole('button', { name: d, exact: true }).click();
  await pad.locator('.pin-ok').click(); // 'OK' or '确定'
}

/** The demo staff PIN (kiosk-config/kiosks/*.json staffPinHash). */
export const DEMO_PIN = '2468';

/** Staff mode opened the way staff open it: long press, PIN, the staff panel. */
export async function openStaffMode(page: Page) {
  await longPressLogo(page);
  await typePin(page, DEMO_PIN);
  await expect(page.getByTestId('staff-panel')).toBeVisible();
}
