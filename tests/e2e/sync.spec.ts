import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient } from '../support/admin-client';
import { startClockedHub } from '../support/clocked-hub';
import { ADMIN_PASSWORD } from '../support/hub-process';
import { freePort } from '../support/net';
import { checkinConfig, expectMemberScreen, outcome, wedgeScan } from './checkin';
import { expect, test, waitForServiceWorker } from './fixtures';
import { openEnrolledKiosk } from './kiosk';

// Issue 14: a kiosk pulls by parts. Offline for two days (its clock and the hub's both moved on, two
// nightly reloads among them), it catches up with one pull that carries only the members changed
// meanwhile, and then knows them: a member added checks in by card, a badge replaced meanwhile is refused.

const CARD = '6217000077778888';
const TWO_DAYS = 48 * 3_600_000;
let hub: Awaited<ReturnType<typeof startClockedHub>>;
let url: string;
let work: string;

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wsc-e2e-sync-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  hub = await startClockedHub([checkinConfig().dir, join(work, 'data'), join(import.meta.dirname, '../../dist'), String(port), ADMIN_PASSWORD]);
  await hub.ask({ op: 'up', up: true });
});
test.afterAll(async () => {
  await hub?.ask({ op: 'stop' }).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

test('a kiosk offline for two days catches up with one pull of the changes: a member added meanwhile checks in, a replaced badge is refused', async ({ page, context }) => {
  const admin = await new AdminClient(url).login();
  await admin.importMembers([{ memberNo: 'E2E-Y1', name: '周小燕' }]);
  const first = await admin.member('E2E-Y1');
  const oldCode = await admin.badgeCode(first.id);
  await page.clock.install({ time: Date.now() });
  await openEnrolledKiosk(page, { url });
  // a kiosk that has run a while: its nightly reloads offline come from the worker's precache (a page no
  // worker controls waits for the network instead, offline.spec), and only its own pull catches up
  await waitForServiceWorker(page);
  const pages: string[] = [];
  page.on('framenavigated', (f) => void (f === page.mainFrame() && pages.push(f.url())));
  await context.setOffline(true);
  // two days pass at the kiosk and at the hub; the kiosk's polls meanwhile fail
  await hub.ask({ op: 'clock', offset: TWO_DAYS });
  await page.clock.fastForward(TWO_DAYS);

  const staff = await new AdminClient(url).login(); // two days on, the first session has expired
  await staff.importMembers([{ memberNo: 'E2E-Y2', name: '吴建国', card: CARD }]);
  await staff.renewBadge(first.id);
  const added = await staff.member('E2E-Y2');
  type Pull = { status: number; body: { identity?: { full?: unknown; changes?: { members: { memberId: string }[]; revokedBadges: string[] } } } | null };
  // recorded in the order the answers arrive: a 200's body is read later, and a 304 that came after it
  // must not overtake it in the list
  const pulls: Promise<Pull>[] = [];
  page.on('response', (r) => {
    if (!r.url().endsWith('/api/v1/sync')) return;
    const status = r.status();
    pulls.push(status === 200 ? r.json().then((body: Pull['body']) => ({ status, body })) : Promise.resolve({ status, body: null }));
  });
  await context.setOffline(false); // the kiosk pulls as soon as the network is back

  expect(pages.length).toBeGreaterThan(0); // the nightly reloads happened
  expect(pages.filter((u) => !u.startsWith(url))).toEqual([]); // and never showed the browser's error page
  await expect.poll(() => pulls.length, { timeout: 20_000 }).toBeGreaterThan(0);
  const pull = await pulls[0]!;
  expect(pull.status).toBe(200);
  expect(pull.body?.identity?.full).toBeUndefined(); // the changes, not the whole map again
  expect(pull.body?.identity?.changes?.members.map((m) => m.memberId).sort()).toEqual([String(first.id), String(added.id)].sort());
  expect(pull.body?.identity?.changes?.revokedBadges).toHaveLength(1);

  await wedgeScan(page, CARD);
  await expectMemberScreen(page, added.maskedName, true);
  await page.getByTestId('member-done').click();
  await wedgeScan(page, oldCode);
  await expect(outcome(page, 'revoked_badge')).toBeVisible();
  // one pull was all it took: no other pull brought members or badges (the member's visit, once sent,
  // changes the day part, and a slow run may well pull that before the end)
  expect((await Promise.all(pulls)).filter((p) => p.body?.identity !== undefined)).toHaveLength(1);
});
