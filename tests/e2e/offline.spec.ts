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

  test('a kiosk no service worker controls stays on its page at the nightly reload while the network is cut, and reloads once it is back', async ({ browser, hub }) => {
    // its worker never installed (blocked here; on a kiosk, a first start cut off by the network, or a full disk)
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.clock.install({ time: Date.now() });
      await openEnrolledKiosk(page, hub);
      const heading = page.getByRole('heading', { name: "Binjiang Workers' Service Center" });
      await expect(heading).toBeVisible();
      const pages: string[] = [];
      page.on('framenavigated', (f) => void (f === page.mainFrame() && pages.push(f.url())));
      await context.setOffline(true);
      await expect(page.getByTestId('net-status')).toHaveAccessibleName('Offline');
      await page.clock.fastForward('26:00:00'); // past 03:00: the nightly reload is due
      await page.clock.fastForward('05:00'); // asked again, a minute apart
      await expect(heading).toBeVisible();
      expect(pages).toEqual([]); // a reload now would have shown the browser's "no internet" page

      await context.setOffline(false);
      await page.clock.fastForward('01:01');
      await expect.poll(() => pages.length, { timeout: 15_000 }).toBe(1);
      expect(pages[0]!.startsWith(hub.url)).toBe(true);
      await expect(heading).toBeVisible();
    } finally {
      await context.close();
    }
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
