import { request } from 'node:http';
import { AdminClient } from '../support/admin-client';

/**
 * Posts a body the hub will refuse by size. The hub answers 413 as soon as it sees the length, before
 * the upload ends, which fetch reports as a failed request; a plain HTTP client reads the answer as
 * curl or a browser would.
 */
function postOversized(url: string, token: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = Buffer.alloc(bytes, 'x');
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (e) => setTimeout(() => reject(e), 1000)); // a reset after the answer is expected
    req.end(body);
  });
}
import { expect, test } from './fixtures';

// Bad input at the real hub process: each answer is plain and changes nothing.
const event = (id: string, extra: object = {}) => ({
  id, kioskId: 'lobby-1', seq: 1, at: '2026-11-23T02:00:00.000Z', kind: 'rating', payload: { topic: 'gym', score: 3 }, ...extra,
});
const ID = '019aaf00-0000-7000-8000-000000000001';

test.describe('events API against bad input', () => {
  test('refuses missing and wrong tokens, malformed and oversized bodies, and id conflicts', async ({ hub }) => {
    const token = await (await new AdminClient(hub.url).login()).deviceToken('lobby-1');
    const post = (body: string, auth: string | null = `Bearer ${token}`) =>
      fetch(`${hub.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body });
    const ok = JSON.stringify({ events: [event(ID)] });

    expect((await post(ok, null)).status).toBe(401);
    expect((await post(ok, 'Bearer not-a-token')).status).toBe(401);
    const malformed = await post('{"events": [');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'bad_request' });
    // an event that breaks the schema on its own is rejected with what is wrong; the batch is not refused
    const wrongSeq = await post(JSON.stringify({ events: [event(ID, { seq: 'one' })] }));
    expect(wrongSeq.status).toBe(200);
    expect(await wrongSeq.json()).toMatchObject({ results: [{ id: ID, status: 'rejected', reason: 'invalid', detail: expect.stringMatching(/^\$\.seq: /) }] });
    expect((await post(JSON.stringify({ events: [event('not-a-uuid')] }))).status).toBe(400);
    expect(await postOversized(`${hub.url}/api/v1/events`, token, 2 * 1024 * 1024)).toBe(413);

    expect(await (await post(ok)).json()).toEqual({ results: [{ id: ID, status: 'applied' }] });
    expect(await (await post(ok)).json()).toEqual({ results: [{ id: ID, status: 'duplicate' }] });
    const conflict = await (await post(JSON.stringify({ events: [event(ID, { payload: { topic: 'gym', score: 0 } })] }))).json();
    expect(conflict).toEqual({ results: [{ id: ID, status: 'rejected', reason: 'id_conflict' }] });
  });

  test('shows hostile suggestion text as text on the admin page', async ({ hub, page }) => {
    const admin = await new AdminClient(hub.url).login();
    const token = await admin.deviceToken('lobby-1');
    const hostile = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=2">'];
    const events = hostile.map((text, i) => ({
      id: `019aaf00-0000-7000-8000-00000000001${i}`, kioskId: 'lobby-1', seq: i + 1, at: '2026-11-23T02:00:00.000Z',
      kind: 'suggestion', payload: { topic: null, text, contact: null },
    }));
    const res = await fetch(`${hub.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events }) });
    expect(res.status).toBe(200);

    await page.goto(`${hub.url}/admin/login?lang=en`);
    await page.getByLabel('Password').fill((await import('../support/hub-process')).ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.goto(`${hub.url}/admin/suggestions`);
    for (const text of hostile) await expect(page.getByText(text, { exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.locator('main img[src="x"]')).toHaveCount(0);
  });
});
