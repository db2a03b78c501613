import type { Page } from '@playwright/test';
import { storedRows } from '../support/stored-rows';
import { startHub } from '../support/hub-process';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk, rate, suggest, waitForServiceWorker } from './kiosk';

type Count = { n: number; ids: number };
const countEvents = (dataDir: string) =>
  storedRows<Count>(dataDir, 'select count(*)::int as n, count(distinct id)::int as ids from events').then((r) => r[0]!);

/** The reasons of the events the kiosk set aside, counted: read straight from its IndexedDB. */
const deadLetterReasons = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('wsc-dead');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('events')) return resolve({});
          const all = db.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => {
            const counts: Record<string, number> = {};
            for (const d of all.result as { reason: string }[]) counts[d.reason] = (counts[d.reason] ?? 0) + 1;
            resolve(counts);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );

test.describe('the outbox loses nothing and doubles nothing', () => {
  test('50 ratings and 5 suggestions made offline survive a reload and arrive exactly once', async ({ page, hub, context }) => {
    test.setTimeout(180_000);
    await page.clock.install();
    await openEnrolledKiosk(page, hub);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    for (let i = 0; i < 50; i++) await rate(page, i % 2 === 0 ? 3 : 2, true);
    for (let i = 0; i < 5; i++) await suggest(page, `离线建议 ${i + 1}`, true);
    await expectPending(page, 55);

    await page.reload();
    await expect(page.getByRole('button', { name: /Rate us/ })).toBeVisible();
    await expectPending(page, 55);

    await context.setOffline(false);
    await expectPending(page, 0, 60_000);
    await hub.stop();
    expect(await countEvents(hub.dataDir)).toEqual({ n: 55, ids: 55 });
    const [kinds] = await storedRows<{ r: number; s: number }>(hub.dataDir, 'select (select count(*)::int from ratings) as r, (select count(*)::int from suggestions) as s');
    expect(kinds).toEqual({ r: 50, s: 5 });
  });

  test('a lost acknowledgement is answered duplicate on the retry and stored once', async ({ page, hub, context }) => {
    await openEnrolledKiosk(page, hub);
    let cut = 0;
    const statuses: string[] = [];
    page.on('response', async (r) => {
      if (r.url().endsWith('/api/v1/events') && r.ok()) statuses.push(...((await r.json()).results as { status: string }[]).map((x) => x.status));
    });
    await context.route('**/api/v1/events', async (route) => {
      if (cut++ === 0) {
        await route.fetch(); // the hub applies the batch …
        await route.abort('connectionreset'); // … but its answer never arrives
      } else await route.continue();
    });
    await rate(page, 3);
    await rate(page, 2);
    await expectPending(page, 0, 60_000);
    expect(cut).toBeGreaterThan(1);
    await expect.poll(() => statuses).toContain('duplicate'); // the last answer's body may still be being read
    await hub.stop();
    const n = await countEvents(hub.dataDir);
    expect(n.n).toBe(n.ids);
    expect(n.n).toBe(2);
  });

  test('events wait while the hub is down, back off through 500s, and arrive when it is up', async ({ page, hub, context }) => {
    test.setTimeout(120_000);
    await openEnrolledKiosk(page, hub);
    await waitForServiceWorker(page);
    await hub.stop();
    for (let i = 0; i < 3; i++) await rate(page, 3);
    await suggest(page, 'hub down');
    await expectPending(page, 4);

    let refused = 0;
    await context.route('**/api/v1/events', async (route) => {
      if (refused < 3) {
        refused++;
        await route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"internal","message":"boom"}', headers: { 'Retry-After': '1' } });
      } else await route.continue();
    });
    const again = await startHub({ port: hub.port, dataDir: hub.dataDir, configDir: hub.configDir });
    await expectPending(page, 0, 90_000);
    expect(refused).toBe(3);
    await again.stop();
    expect(await countEvents(hub.dataDir)).toEqual({ n: 4, ids: 4 });
  });

  test('a hub killed in the middle of a batch and restarted loses nothing and doubles nothing', async ({ page, hub }) => {
    test.setTimeout(180_000);
    await page.clock.install();
    await openEnrolledKiosk(page, hub);
    await waitForServiceWorker(page);
    await hub.stop();
    for (let i = 0; i < 120; i++) await rate(page, 2, true);
    await expectPending(page, 120);

    const restarted = await startHub({ port: hub.port, dataDir: hub.dataDir, configDir: hub.configDir });
    let killed = false;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/events')) void restarted.kill().then(() => (killed = true));
    });
    // to the next flush attempt: the backoff is jittered (up to 5 min after many failures), so step on
    await expect(async () => {
      if (!killed) await page.clock.runFor(30_000);
      expect(killed).toBe(true);
    }).toPass({ timeout: 60_000 });
    const last = await startHub({ port: hub.port, dataDir: hub.dataDir, configDir: hub.configDir });
    await expect(async () => {
      await page.clock.runFor(30_000);
      await expectPending(page, 0, 2_000);
    }).toPass({ timeout: 120_000 });
    await last.stop();
    const stored = await countEvents(hub.dataDir);
    // when this fails, say where the events went: set aside by the kiosk, or refused in a hub's log
    const why = stored.n === 120 ? '' : `dead letters: ${JSON.stringify(await deadLetterReasons(page))}\n--- restarted hub:\n${restarted.output()}\n--- last hub:\n${last.output()}`;
    expect(stored, why).toEqual({ n: 120, ids: 120 });
  });
});
