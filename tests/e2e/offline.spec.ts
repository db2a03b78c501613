import { expect, test, waitForServiceWorker } from './fixtures';
import { openEnrolledKiosk } from './kiosk';

test.describe('offline', () => {
  test('with the hub stopped a reload still shows the app and the cached schedule with its age', async ({ page, hub }) => {
    await openEnrolledKiosk(page, hub);
    await waitForServiceWorker(page);
    await expect(page.getByTestId('snapshot-updated')).toHaveText(/^Updated \d\d:\d\d$/);
    const updated = await page.getByTestId('snapshot-updated').textContent();

    await hub.stop();
    await page.reload();
    await expect(page.getByRole('heading', { name: "Binjiang Workers' Service Center" })).toBeVisible();
    await page.getByRole('button', { name: /Schedule/ }).click();
    await expect(page.getByTestId('schedule-entry').first()).toBeVisible();
    await expect(page.getByTestId('snapshot-updated')).toHaveText(updated!);
    await expect(page.getByTestId('snapshot-stale')).toHaveCount(0);
  });

  test('with the network cut a reload is served by the service worker', async ({ page, hub, context }) => {
    await openEnrolledKiosk(page, hub);
    await waitForServiceWorker(page);
    await expect(page.getByTestId('snapshot-updated')).toBeVisible();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: "Binjiang Workers' Service Center" })).toBeVisible();
    await expect(page.getByTestId('net-status')).toHaveAccessibleName('Offline');
    await expect(page.getByTestId('snapshot-updated')).toBeVisible();
  });

  test('says plainly that the schedule may be out of date after 10 minutes without a snapshot', async ({ page, hub }) => {
    await page.clock.install();
    await openEnrolledKiosk(page, hub);
    await expect(page.getByTestId('snapshot-updated')).toBeVisible();
    await expect(page.getByTestId('snapshot-stale')).toHaveCount(0);
    await hub.stop();
    await page.clock.fastForward('09:00');
    await expect(page.getByTestId('snapshot-stale')).toHaveCount(0);
    await page.clock.fastForward('02:00');
    await expect(page.getByTestId('snapshot-stale')).toHaveText('The schedule may be out of date');
    await expect(page.getByTestId('snapshot-updated')).toBeVisible();
  });
});
