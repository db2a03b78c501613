import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../../src/hub/hub';
import { ADMIN_PASSWORD, Browser, csrfOf, DB_KINDS, demoConfig, startTestHub, type TestHub } from './harness';

// Issue 10: the login limit, sessions after a password change, HSTS and the enrollment throttle, as an
// attacker would try them.

describe.each(DB_KINDS)('hostile admin on %s', (kind) => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub(kind);
  });
  afterAll(() => hub.cleanup());

  const attempt = async (b: Browser, password: string) => {
    const page = await b.get('/admin/login?lang=en');
    return (await b.post('/admin/login', { _csrf: csrfOf(page.html), username: 'admin', password })).res.status;
  };

  it('lets a burst of 200 parallel logins from one address check at most 5 passwords: the right one among them is not accepted', async () => {
    const b = new Browser(hub, '203.0.113.7');
    const page = await b.get('/admin/login?lang=en');
    const csrf = csrfOf(page.html);
    const tries = Array.from({ length: 200 }, (_, i) => (i === 99 ? ADMIN_PASSWORD : `guess-${i}`));
    const statuses = await Promise.all(tries.map((password) => b.post('/admin/login', { _csrf: csrf, username: 'admin', password }).then((r) => r.res.status)));
    expect(statuses[99]).toBe(429);
    expect(statuses.filter((s) => s === 303)).toHaveLength(0);
    // 5 were checked (401, the fifth told 429 at once); every other try was refused before any check
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(195);
    expect(await attempt(b, ADMIN_PASSWORD)).toBe(429);
    hub.clock.now += 15 * 60_000 + 1;
    await b.login();
  });

  it('slows guesses at one username from many addresses by a growing delay that stops at one minute, and lets the admin in after it', async () => {
    for (let i = 0; i < 10; i++) expect(await attempt(new Browser(hub, `198.18.0.${i + 1}`), `wrong-${i}`)).toBe(401);
    // from the 10th failure on, each sets a wait twice the last: 1 s, 2 s … stopping at 60 s; a try made
    // 1 ms early, even with the right password from a fresh address, is refused without a check
    for (const delay of [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]) {
      hub.clock.now += delay - 1;
      expect(await attempt(new Browser(hub, `198.18.3.${delay % 251}`), ADMIN_PASSWORD)).toBe(429);
      hub.clock.now += 1;
      expect(await attempt(new Browser(hub, `198.18.2.${delay % 251}`), 'wrong-b')).toBe(401);
    }
    hub.clock.now += 60_000;
    await new Browser(hub, '198.18.9.9').login();
  });

  it('ends every session when the hub starts with a new ADMIN_PASSWORD, and keeps them when it is the same', async () => {
    hub.clock.now += 16 * 60_000;
    const b = new Browser(hub, '192.0.2.40');
    await b.login();
    expect((await b.get('/admin/members')).res.status).toBe(200);
    const restart = (adminPassword: string) =>
      createHub({ db: hub.db, config: demoConfig(), kioskDist: hub.kioskDist, adminPassword, now: () => hub.clock.now, hourly: false, log: () => undefined });
    const same = await restart(ADMIN_PASSWORD);
    expect(same.admin).toEqual({ kind: 'from_env', changed: false });
    expect((await b.get('/admin/members')).res.status).toBe(200);
    const changed = await restart('a brand new passphrase');
    expect(changed.admin).toEqual({ kind: 'from_env', changed: true });
    const old = await b.get('/admin/members');
    expect(old.res.headers.get('location')).toBe('/admin/login');
    expect((await b.get('/admin/members.csv')).res.status).not.toBe(200);
    await b.login('a brand new passphrase');
    await restart(ADMIN_PASSWORD);
  });

  it('logs out everywhere: every session of the admin ends, on every browser', async () => {
    const a = new Browser(hub, '192.0.2.41');
    const b = new Browser(hub, '192.0.2.42');
    const csrf = await a.login();
    await b.login();
    expect((await a.get('/admin')).html).toContain('/admin/logout-everywhere');
    const out = await a.post('/admin/logout-everywhere', { _csrf: csrf });
    expect(out.res.status).toBe(303);
    for (const x of [a, b]) expect((await x.get('/admin/members')).res.headers.get('location')).toBe('/admin/login');
  });

  it('sends Strict-Transport-Security for at least 180 days only when the hub serves HTTPS', async () => {
    const plain = await hub.request('/healthz');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const tls = await createHub({ db: hub.db, config: demoConfig(), kioskDist: hub.kioskDist, tls: true, adminPassword: ADMIN_PASSWORD, hourly: false, log: () => undefined });
    for (const path of ['/healthz', '/admin/login', '/api/v1/snapshot', '/']) {
      const res = await tls.app.request(`https://hub.test${path}`);
      const hsts = res.headers.get('strict-transport-security') ?? '';
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(180 * 86_400);
    }
  });

  it('throttles wrong enrollment codes and device tokens per address with 429 and Retry-After', async () => {
    const enroll = (ip: string) =>
      hub.request('/api/v1/enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'x'.repeat(43) }) }, ip);
    for (let i = 0; i < 10; i++) expect((await enroll('203.0.113.50')).status).toBe(400);
    const limited = await enroll('203.0.113.50');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await enroll('203.0.113.51')).status).toBe(400);
    const snapshot = (ip: string) => hub.request('/api/v1/snapshot', { headers: { authorization: `Bearer ${'A'.repeat(43)}` } }, ip);
    for (let i = 0; i < 60; i++) expect((await snapshot('203.0.113.60')).status).toBe(401);
    expect((await snapshot('203.0.113.60')).status).toBe(429);
    hub.clock.now += 10 * 60_000;
    expect((await snapshot('203.0.113.60')).status).toBe(401);
  });
});
