import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { expectPending, longPressLogo, openEnrolledKiosk, rate, suggest, typePin, waitForServiceWorker } from './kiosk';

test.describe('staff mode', () => {
  test('opens behind a long press and the PIN, makes a wrong PIN wait, and exports what waits to be sent', async ({ page, hub }) => {
    await openEnrolledKiosk(page, hub);
    await waitForServiceWorker(page);
    await hub.stop();
    await rate(page, 3);
    await suggest(page, '请延长周末开放时间');
    await expectPending(page, 2);

    await page.getByTestId('logo').click(); // a short tap does nothing
    await expect(page.getByTestId('pin-pad')).toHaveCount(0);
    await longPressLogo(page);
    await expect(page.getByTestId('pin-pad')).toBeVisible();
    await typePin(page, '1111');
    await expect(page.getByTestId('pin-message')).toContainText('Wrong PIN');
    await typePin(page, '2222');
    await expect(page.getByTestId('pin-message')).toContainText(/Try again in \d+ s/);
    await expect(page.getByTestId('staff-panel')).toHaveCount(0);
    await page.waitForTimeout(2_500);
    await typePin(page, '2468');

    const panel = page.getByTestId('staff-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('staff-kiosk')).toContainText('lobby-1');
    await expect(panel.getByTestId('staff-pending')).toContainText('2');
    await expect(panel.getByTestId('staff-last-error')).not.toBeEmpty();

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export pending' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pending-lobby-1-.*\.json$/);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('请延长周末开放时间');
    expect(JSON.parse(exported)).toBeTruthy();

    await panel.getByRole('button', { name: 'Close' }).click();
    await expect(panel).toHaveCount(0);
  });
});
