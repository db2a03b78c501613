import { expect, test } from './fixtures';

test.describe('attract screen', () => {
  test('greets in Chinese by default with the center name, clock, now/next and a way to English', async ({ page, hub }) => {
    await page.goto(hub.url);
    await expect(page.getByRole('heading', { name: '滨江区职工服务中心' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
    await expect(page.getByRole('button', { name: /活动日程/ })).toBeVisible();
    await expect(page.getByTestId('net-status')).toHaveAttribute('data-state', 'online');
    await expect(page.getByText('即将开始')).toBeVisible();
  });

  test('speaks English with ?lang=en and switches back to Chinese with one tap', async ({ page, hub }) => {
    await page.goto(`${hub.url}/?lang=en`);
    await expect(page.getByRole('heading', { name: "Binjiang Workers' Service Center" })).toBeVisible();
    await expect(page.getByRole('button', { name: /Schedule/ })).toBeVisible();
    await expect(page.getByTestId('net-status')).toHaveAccessibleName('Online');
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { name: '滨江区职工服务中心' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  });

  test('offers only the features that work: no dead buttons', async ({ page, hub }) => {
    await page.goto(`${hub.url}/?lang=en`);
    await expect(page.getByRole('button', { name: /Schedule/ })).toBeVisible();
    for (const name of ['Check in', 'Book', 'Rate us']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  });

  test('shows the offline mark calmly when the network drops and online again when it returns', async ({ page, hub, context }) => {
    await page.goto(`${hub.url}/?lang=en`);
    await expect(page.getByTestId('net-status')).toHaveAttribute('data-state', 'online');
    await context.setOffline(true);
    await expect(page.getByTestId('net-status')).toHaveAccessibleName('Offline');
    await context.setOffline(false);
    await expect(page.getByTestId('net-status')).toHaveAccessibleName('Online', { timeout: 20_000 });
  });
});
