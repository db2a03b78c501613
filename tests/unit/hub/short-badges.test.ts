import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src/domain/protocol';
import { getMemberByNo, insertMember, setSuspended } from '../../../src/hub/members/repo';
import { at, card, visit } from '../../fixtures/hub/checkin';
import { Browser, DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

// Issue 11: the short badge on the hub — issued on the Badge page or when printing, in every kiosk's card
// map by its hash only, replaced (and so revoked) by a new one, resolved from an offline kiosk's event.

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const codeOf = (html: string) => /<code data-testid="badge-code"[^>]*>([^<]+)<\/code>/.exec(html)?.[1] ?? null;

describe.each(DB_KINDS)('short badges on %s', (kind) => {
  let hub: TestHub;
  let b: Browser;
  let csrf: string;
  let token: string;
  const ids: Record<string, number> = {};
  const snapshot = async () => (await (await hub.request('/api/v1/snapshot', { headers: bearer(token) })).json()) as Snapshot;

  beforeAll(async () => {
    hub = await startTestHub(kind);
    token = await enrollKiosk(hub, 'lobby-1');
    for (const [no, name] of [['S1', '张小明'], ['S2', '李四'], ['S3', '王五']] as const) {
      const made = await insertMember(hub.db, { memberNo: no, name, card: null }, hub.clock.now);
      if (!made.ok) throw new Error(made.error);
      ids[no] = made.value.id;
    }
    b = new Browser(hub);
    csrf = await b.login();
  });
  afterAll(() => hub.cleanup());

  it('shows a short badge on the Badge page, the same at every visit, beside a signed token of the old kind', async () => {
    const first = await b.get(`/admin/members/${ids.S1}/badge?lang=en`);
    const code = codeOf(first.html);
    expect(code).toMatch(/^W2\.[A-Z2-7]{16}$/);
    expect(first.html).toContain('data-testid="badge-code-qr"');
    expect(first.html).toMatch(/<code data-testid="badge-token"[^>]*>WSC1\./);
    expect(codeOf((await b.get(`/admin/members/${ids.S1}/badge`)).html)).toBe(code);
    const [row] = await hub.db.query<{ badge_hash: string }>('SELECT badge_hash FROM members WHERE id = $1', [ids.S1]);
    expect(row!.badge_hash).toBe(sha(code!));
  });

  it('puts each short badge in every kiosk\'s card map by its hash only, and leaves out a suspended member\'s', async () => {
    const code = codeOf((await b.get(`/admin/members/${ids.S1}/badge`)).html)!;
    const s2 = codeOf((await b.get(`/admin/members/${ids.S2}/badge`)).html)!;
    await setSuspended(hub.db, ids.S2!, true, hub.clock.now);
    const snap = await snapshot();
    expect(snap.cardMap?.[sha(code)]).toEqual({ memberId: String(ids.S1), maskedName: '张*明' });
    expect(snap.cardMap?.[sha(s2)]).toBeUndefined();
    expect(JSON.stringify(snap)).not.toContain(code.slice(3));
    await setSuspended(hub.db, ids.S2!, false, hub.clock.now);
  });

  it('replaces a lost badge: the new code is in the map at the next snapshot and the old one is gone', async () => {
    const old = codeOf((await b.get(`/admin/members/${ids.S1}/badge`)).html)!;
    const res = await b.post(`/admin/members/${ids.S1}/badge/renew`, { _csrf: csrf });
    expect(res.res.status).toBe(303);
    // the staff member is told it worked, on the page the form sends them back to
    const back = res.res.headers.get('location')!;
    expect(back).toBe(`/admin/members/${ids.S1}/badge?done=renewed`);
    expect((await b.get(`${back}&lang=en`)).html).toContain('A new badge is issued.');
    const fresh = codeOf((await b.get(`/admin/members/${ids.S1}/badge`)).html)!;
    expect(fresh).not.toBe(old);
    const map = (await snapshot()).cardMap!;
    expect(map[sha(fresh)]?.memberId).toBe(String(ids.S1));
    expect(map[sha(old)]).toBeUndefined();
    expect((await snapshot()).revokedBadges).toContain(sha(old));
    expect((await b.post(`/admin/members/${ids.S1}/badge/renew`, {})).res.status).toBe(403); // no CSRF token
  });

  it('resolves a short badge an offline kiosk took by its key to its member, verified', async () => {
    const code = codeOf((await b.get(`/admin/members/${ids.S3}/badge`)).html)!;
    const e = visit('lobby-1', at(5), card(sha(code), null));
    const res = await hub.request('/api/v1/events', { method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body: JSON.stringify({ events: [e] }) });
    expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied');
    const [row] = await hub.db.query<{ subject: string; verified: boolean }>('SELECT subject, verified FROM visits WHERE event_id = $1', [e.id]);
    expect(row).toEqual({ subject: String(ids.S3), verified: true });
  });

  it('counts members who hold only the old badge on the Members page and prints new badges for them in one batch', async () => {
    await insertMember(hub.db, { memberNo: 'S9', name: '赵六', card: null }, hub.clock.now);
    const before = await b.get('/admin/members?lang=en');
    expect(before.html).toMatch(/data-testid="old-badges">\d+ active members still hold only the old badge/);
    expect(before.html).toContain('href="/admin/members/badges?old=1"');
    const print = await b.get('/admin/members/badges?old=1&lang=en');
    expect(print.html.match(/data-testid="badge-card"/g)!.length).toBeGreaterThanOrEqual(1);
    expect((await getMemberByNo(hub.db, 'S9'))!.badgeIssuedAt).not.toBeNull();
    const after = await b.get('/admin/members?lang=en');
    expect(after.html).not.toContain('data-testid="old-badges"');
    expect(after.html).toMatch(/<td data-testid="member-badge">short, \d{4}-\d{2}-\d{2}<\/td>/);
  });

  it('makes a personal phone link that shows the member\'s current badge, large, without a login; revoking it ends it', async () => {
    const made = await b.post(`/admin/members/${ids.S3}/badge/link?lang=en`, { _csrf: csrf });
    expect(made.res.status).toBe(200);
    const link = /<div data-testid="phone-link"><code[^>]*>([^<]+)<\/code>/.exec(made.html)?.[1];
    expect(link).toMatch(/^http:\/\/hub\.test\/b\/[A-Za-z0-9_-]{43}$/);
    const path = new URL(link!).pathname;
    const phone = new Browser(hub, '203.0.113.70');
    const shown = await phone.get(`${path}?lang=en`);
    expect(shown.res.status).toBe(200);
    expect(shown.res.headers.get('cache-control')).toBe('no-store');
    expect(shown.html).toContain('data-testid="badge-qr"');
    expect(shown.html).toContain('>王*<');
    expect(shown.html).toContain('Turn the screen brightness up');
    expect(shown.html).not.toContain('<script');
    // a new badge shows on the same link
    const before = /src="([^"]+)"[^>]*data-testid="badge-qr"/.exec(shown.html)![1];
    await b.post(`/admin/members/${ids.S3}/badge/renew`, { _csrf: csrf });
    expect(/src="([^"]+)"[^>]*data-testid="badge-qr"/.exec((await phone.get(path)).html)![1]).not.toBe(before);
    // the Badge page counts the live link and revokes it
    expect((await b.get(`/admin/members/${ids.S3}/badge?lang=en`)).html).toContain('Revoke the phone links (1)');
    expect((await b.post(`/admin/members/${ids.S3}/badge/links/revoke`, { _csrf: csrf })).res.status).toBe(303);
    const gone = await phone.get(`${path}?lang=en`);
    expect(gone.res.status).toBe(404);
    expect(gone.html).toContain('This badge link no longer works');
  });

  it('answers a wrong phone link 404 and throttles an address that keeps guessing', async () => {
    const guesser = new Browser(hub, '203.0.113.71');
    for (let i = 0; i < 30; i++) expect((await guesser.get(`/b/${'x'.repeat(42)}${i % 10}`)).res.status).toBe(404);
    expect((await guesser.get(`/b/${'y'.repeat(43)}`)).res.status).toBe(429);
    expect((await guesser.get('/b/short')).res.status).toBe(429);
    expect((await new Browser(hub, '203.0.113.72').get('/b/short')).res.status).toBe(404);
  });
});
