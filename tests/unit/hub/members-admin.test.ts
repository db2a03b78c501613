import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBadge } from '../../../src/domain/badge';
import { cardHash, getMemberByNo, listMembers } from '../../../src/hub/members/repo';
import { Browser, DB_KINDS, startTestHub, type TestHub } from './harness';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

describe.each(DB_KINDS)('admin Members pages on %s', (kind) => {
  let hub: TestHub;
  let b: Browser;
  let csrf: string;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    b = new Browser(hub, '203.0.113.40');
    csrf = await b.login();
  });
  afterAll(() => hub.cleanup());

  it('needs a login, and the nav links Members', async () => {
    const res = await new Browser(hub, '203.0.113.41').get('/admin/members');
    expect(res.res.status).toBe(303);
    expect((await b.get('/admin/members?lang=en')).html).toContain('<a href="/admin/members">Members</a>');
  });

  it('adds a member with a masked name and only the hash of the card, and finds them by search', async () => {
    const res = await b.post('/admin/members', { _csrf: csrf, memberNo: 'E2001', name: '张小明', card: '0012345678' });
    expect(res.res.status).toBe(303);
    expect(res.res.headers.get('location')).toBe('/admin/members?done=added');
    const m = (await getMemberByNo(hub.db, 'E2001'))!;
    expect(m).toMatchObject({ name: '张小明', maskedName: '张*明', hasCard: true, suspendedAt: null });
    const stored = await hub.db.query<{ card_hash: string }>('SELECT card_hash FROM members WHERE id = $1', [m.id]);
    expect(stored[0]!.card_hash).toBe(cardHash('0012345678'));
    const { html } = await b.get(`/admin/members?lang=en&q=${encodeURIComponent('小明')}`);
    expect(html).toContain('张*明');
    expect(html).toContain('E2001');
  });

  it('refuses a bad member number, an empty name, a bad card and a duplicate, with plain messages and the typed values kept', async () => {
    let res = await b.post('/admin/members?lang=en', { _csrf: csrf, memberNo: 'E 1', name: '', card: '12' });
    expect(res.res.status).toBe(422);
    expect(res.html).toContain('Member number: 1–32 letters');
    expect(res.html).toContain('Name: 1–64 characters');
    expect(res.html).toContain('Card number: 4–32 letters or digits.');
    expect(res.html).toContain('value="E 1"');
    res = await b.post('/admin/members?lang=en', { _csrf: csrf, memberNo: 'E2001', name: 'Someone Else', card: '' });
    expect(res.res.status).toBe(422);
    expect(res.html).toContain('Another member already has this member number.');
    res = await b.post('/admin/members?lang=en', { _csrf: csrf, memberNo: 'E2002', name: 'Someone Else', card: '0012345678' });
    expect(res.html).toContain('This card belongs to another member.');
    expect((await b.post('/admin/members', { memberNo: 'E2003', name: 'No Token' })).res.status).toBe(403);
  });

  it('edits a member: new name and masked name, card kept when the field is empty, removed on request', async () => {
    const m = (await getMemberByNo(hub.db, 'E2001'))!;
    const page = await b.get(`/admin/members/${m.id}?lang=en`);
    expect(page.html).toContain('value="张小明"');
    let res = await b.post(`/admin/members/${m.id}`, { _csrf: csrf, memberNo: 'E2001', name: '欧阳小华', card: '' });
    expect(res.res.status).toBe(303);
    expect(await getMemberByNo(hub.db, 'E2001')).toMatchObject({ name: '欧阳小华', maskedName: '欧阳*华', hasCard: true });
    res = await b.post(`/admin/members/${m.id}`, { _csrf: csrf, memberNo: 'E2001', name: '欧阳小华', card: '', removeCard: 'on' });
    expect(await getMemberByNo(hub.db, 'E2001')).toMatchObject({ hasCard: false });
    expect((await b.get('/admin/members/999999')).res.status).toBe(404);
    expect((await b.get('/admin/members/abc')).res.status).toBe(404);
  });

  it('suspends and lifts the suspension', async () => {
    const m = (await getMemberByNo(hub.db, 'E2001'))!;
    let res = await b.post(`/admin/members/${m.id}/suspend`, { _csrf: csrf });
    expect(res.res.headers.get('location')).toBe('/admin/members?done=suspended');
    expect((await getMemberByNo(hub.db, 'E2001'))!.suspendedAt).toBe(new Date(hub.clock.now).toISOString());
    expect((await b.get('/admin/members?lang=en&done=suspended')).html).toContain('Suspended since');
    res = await b.post(`/admin/members/${m.id}/unsuspend`, { _csrf: csrf });
    expect((await getMemberByNo(hub.db, 'E2001'))!.suspendedAt).toBeNull();
  });

  it('imports CSV: good rows applied (existing numbers updated), bad rows reported by line with a reason', async () => {
    const csv = [
      '\uFEFFmember number,name,card number',
      'E3001,李明,5550001',
      'E2001,张小明,',                       // existing: updated, card kept as it is
      'E3002,"Smith, John",5550002',
      'E 3003,Bad Number,',                  // line 5
      'E3004,,',                             // line 6: no name
      'E3005,Bad Card,12',                   // line 7
      'E3006,Too,Many,Columns,Here',         // line 8
      'E3001,李明 again,',                   // line 9: repeats line 2
      'E3007,Card Thief,5550001',            // line 10: card of E3001
      '',
      'E3008,王芳',                          // line 12: no card column at all is fine
    ].join('\r\n');
    const res = await b.post('/admin/members/import?lang=en', { _csrf: csrf, csv });
    expect(res.res.status).toBe(200);
    expect(res.html).toContain('3 added, 1 updated, 6 rows not imported.');
    const rows = [...res.html.matchAll(/<tr data-testid="bad-row"><td>(\d+)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(rows.map((r) => r[0])).toEqual([5, 6, 7, 8, 9, 10]);
    expect(rows[3]![1]).toContain('Needs 3 columns');
    expect(rows[4]![1]).toContain('same member number is on line 2');
    expect(rows[5]![1]).toContain('This card belongs to another member.');
    expect(await getMemberByNo(hub.db, 'E3002')).toMatchObject({ name: 'Smith, John', maskedName: 'S*** J.', hasCard: true });
    expect(await getMemberByNo(hub.db, 'E3008')).toMatchObject({ maskedName: '王*', hasCard: false });
    expect(await getMemberByNo(hub.db, 'E2001')).toMatchObject({ name: '张小明', maskedName: '张*明' });
    expect(await getMemberByNo(hub.db, 'E3007')).toBeNull();
  });

  it('imports an uploaded UTF-8 file and refuses a GBK one with a plain message', async () => {
    const upload = async (bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      form.set('_csrf', csrf);
      form.set('file', new File([bytes], 'members.csv', { type: 'text/csv' }));
      const res = await hub.request('/admin/members/import?lang=en', { method: 'POST', body: form, headers: { cookie: `wsc_admin=${b.cookie('wsc_admin')}` } }, b.ip);
      return { res, html: await res.text() };
    };
    let r = await upload(new TextEncoder().encode('E4001,赵丽,\nE4002,钱多多,7770002\n'));
    expect(r.html).toContain('2 added, 0 updated, 0 rows not imported.');
    r = await upload(Uint8Array.from([0x45, 0x34, 0x30, 0x30, 0x33, 0x2c, 0xd5, 0xd4, 0xc0, 0xf6, 0x0a])); // "E4003,赵丽" in GBK
    expect(r.res.status).toBe(422);
    expect(r.html).toContain('The file is not UTF-8.');
    expect(await getMemberByNo(hub.db, 'E4003')).toBeNull();
  });

  it('prints badge cards with a QR image, masked name and member number, leaving out suspended members', async () => {
    await b.post('/admin/members', { _csrf: csrf, memberNo: 'E5001', name: HOSTILE, card: '' });
    const hostile = (await getMemberByNo(hub.db, 'E5001'))!;
    const page = await b.get('/admin/members/badges?lang=en&q=E5001');
    expect(page.res.status).toBe(200);
    expect(page.html.match(/data-testid="badge-card"/g)).toHaveLength(1);
    expect(page.html).toContain('@page{size:A4');
    expect(page.html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="E5001"/);
    expect(page.html).toContain(`>${hostile.maskedName.replace(/</g, '&lt;')}<`);
    const all = await listMembers(hub.db, '');
    await b.post(`/admin/members/${all.find((m) => m.memberNo === 'E3001')!.id}/suspend`, { _csrf: csrf });
    const every = await b.get('/admin/members/badges');
    expect(every.html.match(/data-testid="badge-card"/g)).toHaveLength(all.length - 1);
    const one = await b.get(`/admin/members/badges?id=${hostile.id}`);
    expect(one.html.match(/data-testid="badge-card"/g)).toHaveLength(1);
  });

  it('renders hostile names as text on the list, the edit page and the badge page', async () => {
    const hostile = (await getMemberByNo(hub.db, 'E5001'))!;
    for (const path of ['/admin/members?q=E5001', `/admin/members/${hostile.id}`, '/admin/members/badges?q=E5001']) {
      const { html } = await b.get(path);
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
    }
    expect((await b.get('/admin/members?q=E5001')).html).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('puts a verifiable token in the badge QR', async () => {
    const { signBadge } = await import('../../../src/hub/badges/issue');
    const { currentSigningKey } = await import('../../../src/hub/badges/keys');
    const m = (await getMemberByNo(hub.db, 'E3002'))!;
    const token = await signBadge(m, (await currentSigningKey(hub.db))!, hub.clock.now);
    expect(token.ok && parseBadge(token.value)).toMatchObject({ ok: true, value: { payload: { memberId: String(m.id), name: 'S*** J.' } } });
  });
});
