import { zonedParts, addDays } from '../../src/domain/time';
import { ADMIN_PASSWORD } from '../support/hub-process';
import { expect, test } from './fixtures';
import { openEnrolledKiosk } from './kiosk';

test.describe('admin and kiosk together', () => {
  test('a class the admin adds shows on the kiosk after its next snapshot, without a reload', async ({ page, hub, browser }) => {
    await openEnrolledKiosk(page, hub);
    await page.getByRole('button', { name: /Schedule/ }).click();
    await page.getByRole('tab').nth(1).click();
    await expect(page.getByTestId('schedule-entry').first()).toBeVisible();

    const staff = await browser.newPage();
    await staff.goto(`${hub.url}/admin/login?lang=en`);
    await staff.getByLabel('Username').fill('admin');
    await staff.getByLabel('Password').fill(ADMIN_PASSWORD);
    await staff.getByRole('button', { name: 'Log in' }).click();
    await expect(staff.getByRole('button', { name: 'Log out', exact: true })).toBeVisible();

    const tomorrow = addDays(zonedParts(Date.now(), 'Asia/Shanghai').date, 1);
    await staff.getByLabel('Title (Chinese)').fill('八段锦晨练');
    await staff.getByLabel('Title (English)').fill('Baduanjin morning exercise');
    await staff.getByLabel('Category').selectOption('fitness');
    await staff.getByLabel('Date').fill(tomorrow);
    await staff.getByLabel('Start').fill('06:00');
    await staff.getByLabel('Minutes').fill('45');
    await staff.getByLabel('Room').selectOption('activity-room');
    await staff.getByLabel('Instructor').fill('孙师傅');
    await staff.getByLabel('Capacity').fill('25');
    await staff.getByRole('button', { name: 'Add entry' }).click();
    await expect(staff.getByText('Baduanjin morning exercise').first()).toBeVisible();
    await staff.close();

    const added = page.getByTestId('schedule-entry').filter({ hasText: 'Baduanjin morning exercise' });
    await expect(added).toBeVisible({ timeout: 15_000 });
    await expect(added.getByTestId('entry-places')).toHaveText('25 places left');
    await expect(added).toContainText('06:00–06:45');
  });

  test('a wrong password is refused with a plain message', async ({ page, hub }) => {
    await page.goto(`${hub.url}/admin/login?lang=en`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log out', exact: true })).toHaveCount(0);
    await expect(page.locator('body')).toContainText(/wrong|incorrect|not match/i);
  });
});
