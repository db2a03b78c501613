import { t } from '../../src/kiosk/i18n/t';
import { AdminClient } from '../support/admin-client';
import { checkinConfig, expectMemberScreen, LiveHub, outcome, wedgeScan, type StoredEvent } from './checkin';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk } from './kiosk';

// The gym kiosk with one rower: one member rows, two queue, and when the rower is freed the head of the
// queue is called on the attract screen and claims it. Members identify with their cards (wedge).

const GROUP = 'rower';
const MEMBERS = [
  { memberNo: 'E2E-G1', name: '周建国', card: '31000001' },
  { memberNo: 'E2E-G2', name: '吴晓燕', card: '31000002' },
  { memberNo: 'E2E-G3', name: '郑海涛', card: '31000003' },
];
const DEBOUNCE_MS = 5_000; // rules.scanDebounceSeconds: the same code is acted on once in this time

let hub: LiveHub;

test.beforeAll(async () => {
  hub = await LiveHub.start(checkinConfig({ gymGroup: { id: GROUP, units: 1 } }).dir);
  await (await new AdminClient(hub.url).login()).importMembers(MEMBERS);
});
test.afterAll(async () => hub?.close());

test('a gym session starts, a queue forms behind it, and the freed unit is offered to the head of the queue', async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await new AdminClient(hub.url).login();
  const [rower, first, second] = await Promise.all(MEMBERS.map((m) => admin.member(m.memberNo)));
  await openEnrolledKiosk(page, hub, { kioskId: 'gym-1' });
  const occupancy = page.getByTestId(`gym-group-${GROUP}`);
  await expect(occupancy).toHaveAttribute('data-free', '1');

  /** A member swipes their card, sees their screen, and does `then` there. */
  const visit = async (i: number, maskedName: string, then: () => Promise<void>) => {
    await wedgeScan(page, MEMBERS[i]!.card);
    await expectMemberScreen(page, maskedName);
    await then();
    if (await page.getByTestId('member-screen').isVisible()) await page.getByTestId('member-done').click();
    await expect(page.getByTestId('member-screen')).toHaveCount(0);
  };
  const tapGroup = async (code: string) => {
    await page.getByTestId(`gym-${GROUP}`).click();
    await expect(outcome(page, code)).toBeVisible();
  };

  await visit(0, rower!.maskedName, () => tapGroup('session_started'));
  const startedAt = Date.now();
  await expect(occupancy).toHaveAttribute('data-free', '0');
  await visit(1, first!.maskedName, () => tapGroup('queued'));
  await visit(2, second!.maskedName, () => tapGroup('queued'));
  await expect(occupancy).toHaveAttribute('data-queue', '2');
  await expect(page.getByTestId(`queue-call-${GROUP}`)).toHaveCount(0);

  // the rower's second swipe ends the open session (not a repeat of the first swipe: wait out the debounce)
  await page.waitForTimeout(Math.max(0, startedAt + DEBOUNCE_MS + 500 - Date.now()));
  await visit(0, rower!.maskedName, () => expect(outcome(page, 'session_ended')).toBeVisible());
  const call = page.getByTestId(`queue-call-${GROUP}`);
  await expect(call).toBeVisible();
  // "<name>: Rower no. 1 is yours — scan before <time>", in the kiosk's own words
  await expect(call).toContainText(t('en', 'gym.call', { name: first!.maskedName, group: 'Rower', unit: 1, time: '\u0000' }).split('\u0000')[0]!);
  await expect(call).not.toContainText(second!.maskedName);

  // the head of the queue claims it; the next one waits on, and nobody is called
  await visit(1, first!.maskedName, () => expect(outcome(page, 'session_started')).toBeVisible());
  await expect(page.getByTestId(`queue-call-${GROUP}`)).toHaveCount(0);
  await expect(occupancy).toHaveAttribute('data-free', '0');
  await expect(occupancy).toHaveAttribute('data-queue', '1');
  await expectPending(page, 0);

  const { stored, steps } = await hub.read(async (q) => ({
    stored: await q<StoredEvent>(`SELECT kind, kiosk_id, payload FROM events WHERE kind = 'gym' ORDER BY at, seq`),
    steps: await q<{ member_id: number; action: string; unit: number | null }>('SELECT member_id, action, unit FROM gym_steps ORDER BY at, id'),
  }));
  const gymOf = (id: number) => stored.filter((e) => e.payload.identity.memberId === String(id)).map((e) => [e.payload.outcome, e.payload.steps]);
  expect(gymOf(rower!.id)).toEqual([
    ['session_started', [{ action: 'session_start', group: GROUP, unit: 1 }]],
    ['session_ended', [{ action: 'session_end', group: GROUP, unit: 1 }]],
  ]);
  expect(gymOf(first!.id)).toEqual([
    ['queued', [{ action: 'queue_join', group: GROUP, unit: null }]],
    ['session_started', [{ action: 'claim', group: GROUP, unit: 1 }]],
  ]);
  expect(gymOf(second!.id)).toEqual([['queued', [{ action: 'queue_join', group: GROUP, unit: null }]]]);
  // the hub keeps every step for its own replay of the day, in the order they happened
  expect(steps.map((x) => [x.member_id, x.action, x.unit])).toEqual([
    [rower!.id, 'session_start', 1],
    [first!.id, 'queue_join', null],
    [second!.id, 'queue_join', null],
    [rower!.id, 'session_end', 1],
    [first!.id, 'claim', 1],
  ]);
  // what staff see: the rower's finished session and the claimed one still open
  const sessions = await (await new AdminClient(hub.url).login()).csv('/admin/today/sessions.csv');
  expect(sessions.map((r) => [r.group, r.unit, r['member no'], r.end === '', r['ended by']])).toEqual([
    [GROUP, '1', 'E2E-G1', false, 'member'],
    [GROUP, '1', 'E2E-G2', true, 'open'],
  ]);
});
