import { AdminClient } from '../support/admin-client';
import { ADMIN_PASSWORD } from '../support/hub-process';
import { checkinConfig, closeCameraKiosk, expectMemberScreen, LiveHub, openCameraKiosk } from './checkin';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk } from './kiosk';
import type { CameraBrowser } from '../support/fake-camera';

// Issue 16, the loop closed: a worker signs a suggestion with their badge at the camera, staff answer it
// in the admin, and the worker's next scan shows the answer until they mark it read.

let hub: LiveHub;
test.beforeAll(async () => {
  hub = await LiveHub.start(checkinConfig().dir);
});
test.afterAll(async () => hub?.close());

let kiosk: CameraBrowser | undefined;
test.afterEach(async ({}, info) => {
  await closeCameraKiosk(kiosk, info);
  kiosk = undefined;
});

test('a worker signs a suggestion with their badge, staff answer it, and the worker’s next scan shows the answer until they mark it read', async ({ browser }) => {
  const admin = await new AdminClient(hub.url).login();
  await admin.importMembers([{ memberNo: 'E2E-V1', name: '周建国' }]);
  const member = await admin.member('E2E-V1');
  const token = await admin.badgeToken(member.id);

  kiosk = await openCameraKiosk(hub);
  const { page, camera } = kiosk;
  await page.getByRole('button', { name: /Suggestion/ }).click();
  await page.getByLabel('Your suggestion').fill('更衣室的柜子不够用，晚上经常排队。');
  await page.getByTestId('send-signed').click();
  await expect(page.getByTestId('suggest-sign')).toBeVisible();
  camera.show(token);
  await expect(page.getByTestId('thank-you')).toContainText('with your name');
  camera.show(null);
  await expectPending(page, 0);

  // staff read it in the inbox, signed, and answer it there
  const staff = await browser.newPage();
  await staff.goto(`${hub.url}/admin/login?lang=en`);
  await staff.getByLabel('Username').fill('admin');
  await staff.getByLabel('Password').fill(ADMIN_PASSWORD);
  await staff.getByRole('button', { name: 'Log in' }).click();
  await staff.goto(`${hub.url}/admin/suggestions?lang=en`);
  const item = staff.getByTestId('suggestion').filter({ hasText: '更衣室的柜子不够用' });
  await expect(item.getByTestId('suggestion-signer')).toContainText(`Signed by ${member.maskedName} (E2E-V1)`);
  await item.getByLabel('Status').selectOption('answered');
  await item.getByLabel('Reply').fill('下月起增加 20 个柜子，谢谢您的建议。');
  await item.getByRole('button', { name: 'Save' }).click();
  await expect(staff.getByTestId('suggestion').filter({ hasText: '更衣室的柜子不够用' }).getByTestId('suggestion-delivery')).toContainText('next scan');

  // the worker comes back: the answer is on their member screen, and only theirs
  await page.getByTestId('logo').waitFor();
  camera.show(token);
  await expectMemberScreen(page, member.maskedName);
  camera.show(null);
  const answer = page.getByTestId('member-replies');
  await expect(answer).toContainText('下月起增加 20 个柜子，谢谢您的建议。', { timeout: 20_000 });
  await expect(answer).toContainText('更衣室的柜子不够用');
  await answer.getByTestId('reply-read').click();
  await expect(page.getByTestId('member-replies')).toHaveCount(0);
  await page.getByTestId('member-done').click();
  await expectPending(page, 0);

  // the hub knows it was read: no kiosk shows it again, and staff see that it reached the member
  await staff.reload();
  await expect(staff.getByTestId('suggestion').filter({ hasText: '更衣室的柜子不够用' }).getByTestId('suggestion-delivery')).toContainText('read this answer');
  const read = await hub.read((q) => q<{ read: boolean }>(`SELECT read_at IS NOT NULL AS read FROM suggestions WHERE text LIKE '更衣室的柜子不够用%'`));
  expect(read).toEqual([{ read: true }]);
  await staff.close();
});

test('an anonymous suggestion from the phone gives a receipt, and its link shows the center’s answer once staff write one', async ({ page }) => {
  await page.goto(`${hub.url}/suggest?k=lobby-1&lang=en`);
  await page.getByLabel('Your suggestion').fill('停车场晚上太暗了，希望加几盏灯。');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('thank-you')).toBeVisible();
  const code = (await page.getByTestId('receipt-code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await page.getByTestId('receipt-link').click();
  await expect(page.getByTestId('receipt-text')).toHaveText('停车场晚上太暗了，希望加几盏灯。');
  await expect(page.getByText('No answer yet.')).toBeVisible();

  const admin = await new AdminClient(hub.url).login();
  const row = (await admin.csv('/admin/export/suggestions.csv')).find((r) => r.text === '停车场晚上太暗了，希望加几盏灯。')!;
  expect(row.source).toBe('phone');
  await admin.replyToSuggestion(row.id!, '本周已在停车场加装四盏路灯。');
  await page.reload();
  await expect(page.getByTestId('receipt-answer')).toHaveText('本周已在停车场加装四盏路灯。');
  await expect(page.getByTestId('receipt-status')).toHaveText('Answered.');

  // staff put it on "you said, we did": every kiosk's start screen shows it, with no name
  await admin.publishToBoard(row.id!, { saidZh: '停车场晚上太暗', didZh: '已加装四盏路灯', didEn: 'Four more lamps in the car park' });
  await openEnrolledKiosk(page, hub);
  const board = page.getByTestId('board');
  await expect(board).toContainText('停车场晚上太暗');
  await expect(board).toContainText('Four more lamps in the car park');
});
