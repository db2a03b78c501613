import { AdminClient } from '../support/admin-client';
import { ADMIN_PASSWORD } from '../support/hub-process';
import { checkinConfig, closeCameraKiosk, expectMemberScreen, LiveHub, openCameraKiosk } from './checkin';
import { expect, test } from './fixtures';
import { expectPending } from './kiosk';
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
