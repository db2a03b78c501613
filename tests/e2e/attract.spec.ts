import { expect, test } from './fixtures';
import { openEnrolledKiosk } from './kiosk';

test.describe('attract screen', () => {
  test('greets in Chinese by default with the center name, clock, now/next and a way to English', async ({ page, hub }) => {
    await openEnrolledKiosk(page, hub, { lang: 'zh-CN' });
    await expect(page.getByRole('heading', { name: '滨江区职工服务中心' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
    await expect(page.getByRole('button', { name: /活动日程/ })).toBeVisible();
    await expect(page.getByTestId('net-status')).toHaveAttribute('data-state', 'online');
    await expect(page.getByText('即将开始')).toBeVisible();
  });

  test('speaks English with ?lang=en and switches back to Chinese with one tap', async ({ page, hub }) => {
    await openEnrolledKiosk(page, hub);
    await expect(page.getByRole('heading', { name: "Binjiang Workers' Service Center" })).toBeVisible();
    await expect(page.getByRole('button', { name: /Schedule/ })).toBeVisible();
    await expect(page.getByTestId('net-status')).toHaveAccessibleName('Online');
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { name: '滨江区职工服务中心' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  });

  test('offers exactly the features of its kiosk file: no dead buttons', async ({ page, hub }) => {
    await openEnrolledKiosk(page, hub);
    // lobby-1: checkin (scanning, no button of its own), book, schedule, rate, suggest; gym-1's equipment is not here
    for (const name of [/^Book/, /Schedule/, /Rate us/, /Suggestion/]) await expect(page.getByRole('button', { name })).toBeVisible();
    for (const name of ['Check in', /Gym/]) await expect(page.getByRole('button', { name })).toHaveCount(0);
  });

  test('says plainly that it is not set up before staff enroll it, with no buttons', async ({ page, hub }) => {
    await page.goto(`${hub.url}/?lang=en`);
    await expect(page.getByTestId('not-set-up')).toBeVisible();
    await expect(page.getByRole('button', { name: /Schedule|Rate us|Suggestion/ })).toHaveCount(0);
  });

  test('shows the offline mark calmly when the network drops and online again when it returns', async ({ page, hub, context }) => {
    await openEnrolledKiosk(page, hub);
    await expect(page.getByTestId('net-status')).toHaveAttribute('data-state', 'online');
    await context.setOffline(true);
    await expect(page.getByTestId('net-status')).toHaveAccessibleName('Offline');
    await context.setOffline(false);
    await expect(page.getByTestId('net-status')).toHaveAccessibleName('Online', { timeout: 20_000 });
  });
});
