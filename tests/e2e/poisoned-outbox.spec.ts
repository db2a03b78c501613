import { AdminClient } from '../support/admin-client';
import { storedRows } from '../support/stored-rows';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk, openStaffMode, rate, waitForServiceWorker } from './kiosk';

// Issue 10: one event a hub cannot take used to stall a kiosk's sync for good (the batch was answered
// 500 and retried forever). Here the outbox holds two bad events between good ones, as an older or
// buggy kiosk version could have queued them: one the hub refuses (NUL in a suggestion), one the hub
// fails on every time (its answer is a 500 whenever that event is in the batch).

const POISON = '01936f6e-0000-7000-8000-00000000dead';
const DOOMED = '01936f6e-0000-7000-8000-0000000000b0';

/** Appends an event to the kiosk's outbox the way data/outbox.ts stores it, numbered after the others. */
async function queueRaw(page: import('@playwright/test').Page, event: { id: string; kind: string; payload: unknown }) {
  await page.evaluate(async (e) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('wsc-outbox');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('events', 'readwrite');
    const os = tx.objectStore('events');
    const read = (key: string) => new Promise<number>((resolve) => {
      const r = os.get(key);
      r.onsuccess = () => resolve(typeof r.result === 'number' ? r.result : 0);
    });
    const [next, seq] = await Promise.all([read('meta:next'), read('meta:seq:lobby-1')]);
    os.put({ id: e.id, kioskId: 'lobby-1', seq: seq + 1, at: new Date().toISOString(), kind: e.kind, payload: e.payload }, next + 1);
    os.put(next + 1, 'meta:next');
    os.put(seq + 1, 'meta:seq:lobby-1');
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, event);
}

test('a kiosk whose outbox holds a poisoned event between good ones syncs the good ones, shows the stuck one in staff mode, and the Kiosks page names it', async ({ page, hub, context }) => {
  test.setTimeout(150_000);
  await openEnrolledKiosk(page, hub);
  await waitForServiceWorker(page);
  let failedOnDoomed = 0;
  await context.route('**/api/v1/events', async (route) => {
    if (route.request().postData()?.includes(DOOMED)) {
      failedOnDoomed++;
      await route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"internal","message":"The hub failed to answer; the error was logged."}' });
    } else await route.continue();
  });
  await context.setOffline(true);
  await rate(page, 3);
  await rate(page, 2);
  await queueRaw(page, { id: POISON, kind: 'suggestion', payload: { topic: null, text: 'a\u0000b', contact: null } });
  await queueRaw(page, { id: DOOMED, kind: 'rating', payload: { topic: null, score: 3 } });
  await rate(page, 3);
  await rate(page, 2);
  await expectPending(page, 6);

  await context.setOffline(false);
  // five answers of 500 to the whole batch, then halves until the doomed event is alone
  await expectPending(page, 1, 90_000);
  expect(failedOnDoomed).toBeGreaterThanOrEqual(6);

  await openStaffMode(page);
  const panel = page.getByTestId('staff-panel');
  await expect(panel.getByTestId('staff-stuck')).toContainText(/1 since .*rating #\d+, the hub answers HTTP 500/);
  await expect(panel.getByTestId('staff-dead')).toHaveText('1');
  await expect(panel.getByTestId('dead-letters')).toContainText('invalid: $.payload.text: contains a control character');
  // staff mode keeps the kiosk's heartbeat going: the admin's Kiosks page names the stuck event
  const admin = await new AdminClient(hub.url).login();
  await expect.poll(async () => (await (await admin.get('/admin/kiosks?lang=en')).text()).match(/Stuck since [^<]*/)?.[0] ?? '', { timeout: 30_000 }).toMatch(/1 event/);
  const html = await (await admin.get('/admin/kiosks?lang=en')).text();
  expect(html).toContain(DOOMED);
  expect(html).toContain('HTTP 500');

  await hub.stop();
  const rows = await storedRows<{ id: string; kind: string }>(hub.dataDir, 'select id::text as id, kind from events order by seq');
  expect(rows.filter((r) => r.kind === 'rating')).toHaveLength(4);
  expect(rows.map((r) => r.id)).not.toContain(POISON);
  expect(rows.map((r) => r.id)).not.toContain(DOOMED);
});
