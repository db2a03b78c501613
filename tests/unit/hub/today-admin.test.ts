import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBadge } from '../../../src/domain/badge';
import { verifyEd25519 } from '../../../src/hub/badges/ed25519';
import { activeBadgeKeys } from '../../../src/hub/badges/keys';
import { insertMember, setSuspended } from '../../../src/hub/members/repo';
import { insertEntry } from '../../../src/hub/schedule/repo';
import { at, badge, card, classCheckin, gym, keypad, visit } from '../../fixtures/hub/checkin';
import { Browser, DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

// What a CSV or a page would do with a name a CSV import or a form typed: run a formula, inject markup.
const HOSTILE_MASKED = '=HYPERLINK("http://x")<script>alert(1)</script>';

describe.each(DB_KINDS)('admin Today page and badge view on %s', (kind) => {
  let hub: TestHub;
  let b: Browser;
  let csrf: string;
  const ids: Record<string, number> = {};
  const tokens: Record<string, string> = {};
  const post = (kioskId: string, events: unknown[]) =>
    hub.request('/api/v1/events', { method: 'POST', headers: bearer(tokens[kioskId]!, { 'content-type': 'application/json' }), body: JSON.stringify({ events }) })
      .then((r) => r.json() as Promise<{ results: { status: string }[] }>);
  const csv = async (path: string) => {
    const res = await hub.request(path, { headers: { cookie: `wsc_admin=${b.cookie('wsc_admin')}` } }, b.ip);
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    hub = await startTestHub(kind);
    b = new Browser(hub, '203.0.113.60');
    csrf = await b.login();
    tokens['lobby-1'] = await enrollKiosk(hub, 'lobby-1');
    tokens['gym-1'] = await enrollKiosk(hub, 'gym-1');
    for (const [no, name] of [['E1', '张小明'], ['E2', '李四'], ['E3', 'Evil']] as const) {
      const made = await insertMember(hub.db, { memberNo: no, name, card: null }, hub.clock.now);
      if (!made.ok) throw new Error(made.error);
      ids[no] = made.value.id;
    }
    await hub.db.query('UPDATE members SET masked_name = $1 WHERE id = $2', [HOSTILE_MASKED, ids.E3]);
    const start = Date.parse(at(10));
    await insertEntry(hub.db, 'c-one', { category: 'fitness', titleZh: '单人课', titleEn: 'Class for one', startsAt: start, endsAt: start + 3_600_000, room: 'r1', instructor: '', capacity: 1 });
    const results = [
      ...(await post('lobby-1', [
        visit('lobby-1', at(0), badge(ids.E1!)), visit('lobby-1', at(1), keypad('E2')), visit('lobby-1', at(2), badge(ids.E3!)),
        visit('lobby-1', at(3), card('b'.repeat(64))),
        classCheckin('lobby-1', at(0), badge(ids.E1!), 'c-one'),
      ])).results,
      ...(await post('gym-1', [
        classCheckin('gym-1', at(1), badge(ids.E3!), 'c-one'),
        gym('gym-1', at(0), badge(ids.E1!), 'rower', 'session_started', [{ action: 'session_start', group: 'rower', unit: 1 }]),
        gym('gym-1', at(25), badge(ids.E1!), 'rower', 'session_ended', [{ action: 'session_end', group: 'rower', unit: 1 }]),
        gym('gym-1', at(5), badge(ids.E3!), 'rower', 'session_started', [{ action: 'session_start', group: 'rower', unit: 2 }]),
      ])).results,
    ];
    if (results.some((r) => r.status !== 'applied')) throw new Error(JSON.stringify(results));
    hub.clock.now = Date.parse(at(30));
  });
  afterAll(() => hub.cleanup());

  it('sends a visitor without a session from the page, every CSV and the badge view to the login page', async () => {
    const stranger = new Browser(hub, '203.0.113.61');
    for (const path of ['/admin/today', '/admin/today/visits.csv', '/admin/today/attendance.csv', '/admin/today/sessions.csv', '/admin/today/facts.csv', `/admin/members/${ids.E1}/badge`]) {
      const { res } = await stranger.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/login');
    }
  });

  it('shows the nav link, visits with time, masked name, member number, via and verified', async () => {
    const { res, html } = await b.get('/admin/today?lang=en');
    expect(res.status).toBe(200);
    expect(html).toContain('<a href="/admin/today">Today</a>');
    expect(html).toContain('Check-in on 2026-03-04');
    const rows = [...html.matchAll(/<tr data-testid="today-visit">(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1]));
    expect(rows[0]).toEqual(['10:00', '张*明', 'E1', 'badge', 'Yes', 'lobby-1']);
    expect(rows[1]).toEqual(['10:01', '李*', 'E2', 'keypad', 'No', 'lobby-1']);
    expect(rows[3]).toEqual(['10:03', 'unverified card (bbbbbbbbbbbb…)', '–', 'card', 'No', 'lobby-1']);
  });

  it('shows class attendance as count of capacity with who, and equipment sessions and occupancy', async () => {
    const { html } = await b.get('/admin/today?lang=en');
    const row = /<tr data-testid="today-class-c-one">(.*?)<\/tr>/.exec(html)![1]!;
    expect(row).toContain('<td data-testid="attendance-count">2 of 1</td>');
    expect(row).toContain('张*明 (E1), ');
    const sessions = [...html.matchAll(/<tr data-testid="today-session">(.*?)<\/tr>/g)].map((m) => m[1]!);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toContain('<td>10:00</td><td>10:25 · ended by the member</td><td>25 min</td>');
    expect(sessions[1]).toContain('<td>in use</td><td>25 min</td>');
    expect(html).toMatch(/<tr data-testid="today-group-rower" data-free="1" data-queue="0">/);
  });

  it('lists the flagged facts (over capacity, unknown card) with a resolve form, and only information unflagged', async () => {
    const { html } = await b.get('/admin/today?lang=en');
    const facts = [...html.matchAll(/<tr data-testid="today-fact" data-kind="([a-z_]+)" data-flagged="(true|false)" data-resolved="false">/g)].map((m) => [m[1], m[2]]);
    expect(facts).toEqual(expect.arrayContaining([['full', 'true'], ['unknown_card', 'true']]));
    expect(html).toContain('Over capacity: a kiosk let them in to a full class · c-one');
    expect(html.match(/action="\/admin\/today\/facts\/\d+\/resolve"/g)).toHaveLength(facts.filter((f) => f[1] === 'true').length);
  });

  it('marks a fact resolved with the note and who did it, only with the session\'s CSRF token', async () => {
    const [fact] = await hub.db.query<{ id: string }>("SELECT id::text AS id FROM checkin_facts WHERE kind = 'full'");
    expect((await b.post(`/admin/today/facts/${fact!.id}/resolve`, { note: 'no token', day: '2026-03-04' })).res.status).toBe(403);
    const res = await b.post(`/admin/today/facts/${fact!.id}/resolve`, { _csrf: csrf, note: '<b>extra mat</b> found', day: '2026-03-04' });
    expect(res.res.status).toBe(303);
    expect(res.res.headers.get('location')).toBe('/admin/today?day=2026-03-04&done=resolved');
    const [row] = await hub.db.query<{ resolved_by: string; note: string; resolved_at: Date | string }>('SELECT resolved_by, note, resolved_at FROM checkin_facts WHERE id = $1', [fact!.id]);
    expect(row).toMatchObject({ resolved_by: 'admin', note: '<b>extra mat</b> found' });
    const { html } = await b.get('/admin/today?lang=en&done=resolved');
    expect(html).toContain('Marked resolved.');
    expect(html).toContain('data-kind="full" data-flagged="true" data-resolved="true"');
    expect(html).toContain('Resolved by admin at 10:30: &lt;b>extra mat&lt;/b> found');
  });

  it('renders a hostile masked name as text on the page', async () => {
    const { html } = await b.get('/admin/today?lang=en');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('exports visits, attendance, sessions and facts as Excel CSV (BOM, CRLF) with formula cells guarded', async () => {
    const { res, bytes } = await csv('/admin/today/visits.csv?day=2026-03-04');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="visits-2026-03-04.csv"');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('time,local time,member no,masked name,unresolved as,via,verified,kiosk');
    expect(lines[1]).toBe(`${at(0)},2026-03-04 10:00,E1,张*明,,badge,yes,lobby-1`);
    expect(lines[3]).toBe(`${at(2)},2026-03-04 10:02,E3,"'=HYPERLINK(""http://x"")<script>alert(1)</script>",,badge,yes,lobby-1`);
    expect(lines[4]).toContain(`,,,card:${'b'.repeat(64)},card,no,lobby-1`);
    const attendance = (await csv('/admin/today/attendance.csv?day=2026-03-04')).bytes.toString('utf8').split('\r\n');
    expect(attendance).toHaveLength(4);
    expect(attendance[1]!.endsWith('lobby-1,checked_in')).toBe(true);
    expect(attendance[2]!.endsWith('gym-1,full')).toBe(true);
    const sessions = (await csv('/admin/today/sessions.csv?day=2026-03-04')).bytes.toString('utf8').split('\r\n');
    expect(sessions[1]).toBe('rower,1,E1,张*明,,2026-03-04 10:00,2026-03-04 10:25,25,member');
    const facts = (await csv('/admin/today/facts.csv?day=2026-03-04')).bytes.toString('utf8');
    expect(facts).toContain(',full,yes,');
    expect(facts).toContain(',admin,<b>extra mat</b> found\r\n');
  });

  it('shows another day on request and refuses a day that is not a date', async () => {
    const { html } = await b.get('/admin/today?lang=en&day=2026-03-03');
    expect(html).toContain('No visits on this day.');
    expect(html).toContain('Nothing for staff on this day.');
    for (const day of ['2026-02-30', 'yesterday']) {
      const bad = await b.get(`/admin/today?lang=en&day=${day}`);
      expect(bad.res.status).toBe(400);
      expect(bad.html).toContain('Enter the day as YYYY-MM-DD.');
    }
  });

  it('speaks Chinese by default', async () => {
    const { html } = await b.get('/admin/today?lang=zh-CN');
    expect(html).toContain('2026-03-04 签到情况');
    expect(html).toContain('超员：终端让其进入了已满的课程');
  });

  it('shows a member\'s badge: a fresh verifiable token in badge-token and its QR, linked from the member page', async () => {
    const edit = await b.get(`/admin/members/${ids.E1}?lang=en`);
    expect(edit.html).toContain(`href="/admin/members/${ids.E1}/badge"`);
    const { res, html } = await b.get(`/admin/members/${ids.E1}/badge?lang=en`);
    expect(res.status).toBe(200);
    const token = /<code data-testid="badge-token"[^>]*>([^<]+)<\/code>/.exec(html)![1]!;
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="E1"/);
    const keys = new Map((await activeBadgeKeys(hub.db)).map((k) => [k.kid, k.publicKeyRaw]));
    const verdict = await verifyBadge(token, { keys, now: hub.clock.now }, verifyEd25519);
    expect(verdict).toMatchObject({ ok: true, value: { memberId: String(ids.E1), name: '张*明' } });
    expect((await b.get('/admin/members/999999/badge')).res.status).toBe(404);
  });

  it('warns on the badge of a suspended member', async () => {
    await setSuspended(hub.db, ids.E2!, true, hub.clock.now);
    const { html } = await b.get(`/admin/members/${ids.E2}/badge?lang=en`);
    expect(html).toContain('This member is suspended: kiosks refuse this badge.');
    expect(html).toContain('data-testid="badge-token"');
  });
});
