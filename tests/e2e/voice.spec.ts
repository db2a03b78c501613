import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { AdminClient } from '../support/admin-client';
import { ADMIN_PASSWORD, editJson } from '../support/hub-process';
import { checkinConfig, closeCameraKiosk, expectMemberScreen, LiveHub, openCameraKiosk, SCAN_TIMEOUT, wedgeScan } from './checkin';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk, waitForServiceWorker, writeSignedSuggestion } from './kiosk';
import type { CameraBrowser } from '../support/fake-camera';

// Issue 16, the loop closed: a worker signs a suggestion with their badge at the camera, staff answer it
// in the admin, and the worker's next scan shows the answer until they mark it read. Polls: members vote
// with their badge, a second vote is refused, two offline kiosks' votes of one member count once.

let hub: LiveHub;
test.beforeAll(async () => {
  const { dir } = checkinConfig();
  // a second kiosk with the suggestion box, for two kiosks taking one member's vote offline
  editJson(join(dir, 'kiosks/gym-1.json'), (k) => k.features.push('suggest'));
  hub = await LiveHub.start(dir);
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
  await writeSignedSuggestion(page, '更衣室的柜子不够用，晚上经常排队。');
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

/** On the attract screen: open the poll, choose `option`, and reach the badge step. */
async function choose(page: Page, question: string, option: string) {
  await page.locator('[data-feature="poll"]').click();
  await page.getByTestId('poll-card').filter({ hasText: question }).getByTestId('poll-open').click();
  await page.getByTestId('poll-option').filter({ hasText: option }).click();
  await page.getByTestId('poll-confirm').click();
  await expect(page.getByTestId('poll-sign')).toBeVisible();
}

/**
 * What the poll's answer screen says (data-code), then back on the attract screen by itself. The badge
 * leaves the camera first (`away`), as a worker puts it away: the attract screen would read it again.
 */
async function expectVote(page: Page, code: string, offline = false, away = () => {}) {
  const answer = page.getByTestId('poll-outcome');
  await expect(answer).toHaveAttribute('data-code', code, { timeout: SCAN_TIMEOUT });
  away();
  await expect(answer).toHaveAttribute('data-offline', String(offline));
  await expect(page.getByTestId('attract-screen')).toBeVisible({ timeout: 15_000 });
}

test('members vote in a poll with their badge, a second vote is refused, two offline kiosks’ votes of one member count once, and the published result reaches the kiosk', async ({ browser }) => {
  // five votes, each answer screen going back by itself, and two kiosks going offline and back: 40-55 s
  // on an idle machine, and past the default 60 s beside the layout sweep on CI's two cores
  test.setTimeout(180_000);
  const admin = await new AdminClient(hub.url).login();
  await admin.importMembers([{ memberNo: 'E2E-P1', name: '钱文华' }, { memberNo: 'E2E-P2', name: '吴海燕' }, { memberNo: 'E2E-P3', name: '郑国庆', card: '88880003' }]);
  const [p1, p2, p3] = [await admin.member('E2E-P1'), await admin.member('E2E-P2'), await admin.member('E2E-P3')];
  const [t1, t2] = [await admin.badgeToken(p1.id), await admin.badgeToken(p2.id)];
  const question = '是否开通夜班班车？';
  const pollId = await admin.createPoll({ question, options: ['开通', '不需要', '看情况'] });

  kiosk = await openCameraKiosk(hub);
  const { page, camera } = kiosk;
  await expect(page.locator('[data-feature="poll"]')).toContainText('1 question(s) for members');

  // two members vote at the camera; the first tries again and is told they already voted
  for (const [token, option] of [[t1, '开通'], [t2, '不需要']] as const) {
    await choose(page, question, option);
    camera.show(token);
    await expectVote(page, 'counted', false, () => camera.show(null));
  }
  await choose(page, question, '看情况');
  camera.show(t1);
  await expectVote(page, 'already_voted', false, () => camera.show(null));
  await expectPending(page, 0);

  // two kiosks offline: neither hears of the other's vote
  const ctxB = await browser.newContext();
  const b = await ctxB.newPage();
  try {
    await openEnrolledKiosk(b, hub, { kioskId: 'gym-1' });
    await waitForServiceWorker(b);
    for (const p of [page, b]) {
      await p.context().setOffline(true);
      await expect(p.getByTestId('net-status')).toHaveAccessibleName('Offline');
    }
    await choose(page, question, '开通');
    await wedgeScan(page, '88880003');
    await expectVote(page, 'counted', true);
    await choose(b, question, '看情况');
    await wedgeScan(b, '88880003');
    await expectVote(b, 'counted', true);
    // B reaches the hub first; A's vote was cast first, so A's is the one that counts
    await ctxB.setOffline(false);
    await expectPending(b, 0, 60_000);
    await page.context().setOffline(false);
    await expectPending(page, 0, 60_000);
  } finally {
    await ctxB.close();
  }

  const ballots = await hub.rows<{ member_id: number; kiosk_id: string; choices: string[]; counted: boolean }>(
    'SELECT member_id, kiosk_id, choices, counted FROM poll_ballots WHERE poll_id = $1 ORDER BY at', [pollId]);
  expect(ballots.filter((r) => r.member_id === p3.id).map((r) => [r.kiosk_id, r.choices, r.counted])).toEqual([['lobby-1', ['o1'], true], ['gym-1', ['o3'], false]]);
  expect(ballots.filter((r) => r.counted).map((r) => r.member_id).sort()).toEqual([p1.id, p2.id, p3.id].sort());

  // staff see the bars with their numbers, close the poll and publish the result
  const html = await (await admin.get('/admin/polls?lang=en')).text();
  const chart = new RegExp(`data-testid="chart-poll" data-poll="${pollId}" data-voters="(\\d+)"[\\s\\S]*?</svg>`).exec(html)!;
  expect(chart[1]).toBe('3');
  expect([...chart[0].matchAll(/data-testid="poll-bar" data-option="\d" data-count="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([2, 1, 0]);
  await admin.pollAction(pollId, 'close');
  await admin.pollAction(pollId, 'publish');

  await page.reload();
  await expect(page.locator('[data-feature="poll"]')).toContainText('See what members answered', { timeout: 30_000 });
  await page.locator('[data-feature="poll"]').click();
  const result = page.getByTestId('poll-card').filter({ hasText: question }).getByTestId('poll-result');
  await expect(result).toContainText('3 member(s) voted');
  await expect(result.getByTestId('poll-result-option')).toHaveText([/开通: 2 vote\(s\), 67%/, /不需要: 1 vote\(s\), 33%/, /看情况: 0 vote\(s\), 0%/]);
});
