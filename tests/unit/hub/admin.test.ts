import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema, type Snapshot } from '../../../src/domain/index';
import { Browser, csrfOf, DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

const ENTRY = {
  title_zh: '太极拳', title_en: 'Lunchtime tai chi', category: 'fitness', date: '2026-03-06', start: '07:30', minutes: '45',
  room: 'activity-room', instructor: '赵老师', capacity: '15',
};

const tokens = new WeakMap<TestHub, string>();
async function snapshot(hub: TestHub): Promise<Snapshot> {
  if (!tokens.has(hub)) tokens.set(hub, await enrollKiosk(hub, 'lobby-1'));
  const body = await (await hub.request('/api/v1/snapshot', { headers: bearer(tokens.get(hub)!) })).json();
  return v.parse(SnapshotSchema, body);
}

describe.each(DB_KINDS)('admin pages on %s', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind);
  });
  afterAll(() => hub.cleanup());

  it('sends a visitor without a session to the login page, in zh-CN by default and English with ?lang=en', async () => {
    const b = new Browser(hub, '198.51.100.1');
    const res = await b.get('/admin');
    expect(res.res.status).toBe(303);
    expect(res.res.headers.get('location')).toBe('/admin/login');
    expect((await b.get('/admin/login')).html).toContain('管理员登录');
    const en = await b.get('/admin/login?lang=en');
    expect(en.html).toContain('<label for="username">Username</label>');
    expect(en.html).toContain('<label for="password">Password</label>');
    expect(en.html).toContain('>Log in</button>');
    // the choice sticks in a cookie
    expect((await b.get('/admin/login')).html).toContain('>Log in</button>');
  });

  it('refuses a wrong password with 401 and logs in with the right one', async () => {
    const b = new Browser(hub, '198.51.100.2');
    const page = await b.get('/admin/login?lang=en');
    const bad = await b.post('/admin/login', { _csrf: csrfOf(page.html), username: 'admin', password: 'nope' });
    expect(bad.res.status).toBe(401);
    expect(bad.html).toContain('Wrong username or password.');
    await b.login();
    const cookie = bad.res.headers.getSetCookie().join(' ');
    expect(cookie).toContain('HttpOnly');
    expect(b.cookie('wsc_admin')).toBeDefined();
    expect((await b.get('/admin')).html).toMatch(/Binjiang Workers(&#39;|')? Service Center/);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, for 12 hours', async () => {
    const b = new Browser(hub, '198.51.100.3');
    const page = await b.get('/admin/login');
    const res = await b.post('/admin/login', { _csrf: csrfOf(page.html), username: 'admin', password: 'correct horse battery staple' });
    const set = res.res.headers.getSetCookie().find((c) => c.startsWith('wsc_admin='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Max-Age=43200/);
    expect(set).toMatch(/Path=\//);
  });

  it('answers 429 after five failed logins from one address', async () => {
    const b = new Browser(hub, '198.51.100.4');
    let last = 0;
    for (let i = 0; i < 5; i++) {
      const page = await b.get('/admin/login?lang=en');
      last = (await b.post('/admin/login', { _csrf: csrfOf(page.html), username: 'admin', password: `guess-${i}` })).res.status;
    }
    expect(last).toBe(429);
    const page = await b.get('/admin/login');
    const blocked = await b.post('/admin/login', { _csrf: csrfOf(page.html), username: 'admin', password: 'correct horse battery staple' });
    expect(blocked.res.status).toBe(429);
    expect(blocked.html).toContain('Too many attempts; try again in 15 minutes.');
    // another address is not affected
    await new Browser(hub, '198.51.100.5').login();
  });

  it('refuses a login and an admin form without their CSRF token with 403', async () => {
    const b = new Browser(hub, '198.51.100.6');
    await b.get('/admin/login');
    expect((await b.post('/admin/login', { username: 'admin', password: 'x' })).res.status).toBe(403);
    await b.login();
    const res = await b.post('/admin/entries', { ...ENTRY });
    expect(res.res.status).toBe(403);
    expect((await b.post('/admin/entries', { ...ENTRY, _csrf: 'forged' })).res.status).toBe(403);
  });

  it('refuses a POST whose Origin is another site', async () => {
    const b = new Browser(hub, '198.51.100.7');
    const csrf = await b.login();
    const res = await b.post('/admin/entries', { ...ENTRY, _csrf: csrf }, { origin: 'http://evil.example' });
    expect(res.res.status).toBe(403);
  });

  it('adds an entry that the next snapshot carries, edits it and cancels it', async () => {
    const b = new Browser(hub, '198.51.100.8');
    const csrf = await b.login();
    const add = await b.post('/admin/entries', { ...ENTRY, _csrf: csrf });
    expect(add.res.status).toBe(303);
    let entry = (await snapshot(hub)).schedule.find((e) => e.title.en === 'Lunchtime tai chi');
    expect(entry).toMatchObject({
      category: 'fitness', startsAt: '2026-03-05T23:30:00.000Z', endsAt: '2026-03-06T00:15:00.000Z', room: 'activity-room',
      instructor: '赵老师', capacity: 15, placesLeft: 15, cancelled: false,
    });
    const dashboard = await b.get('/admin?done=added');
    expect(dashboard.html).toContain('太极拳');

    const edit = await b.get(`/admin/entries/${entry!.id}?lang=en`);
    expect(edit.html).toContain('>Save</button>');
    expect(edit.html).toContain('>Cancel entry</button>');
    const saved = await b.post(`/admin/entries/${entry!.id}`, { ...ENTRY, title_en: 'Tai chi for beginners', capacity: '', _csrf: csrf });
    expect(saved.res.status).toBe(303);
    entry = (await snapshot(hub)).schedule.find((e) => e.id === entry!.id);
    expect(entry).toMatchObject({ title: { en: 'Tai chi for beginners' }, capacity: null });

    const cancelled = await b.post(`/admin/entries/${entry!.id}/cancel`, { _csrf: csrf });
    expect(cancelled.res.status).toBe(303);
    expect((await snapshot(hub)).schedule.find((e) => e.id === entry!.id)?.cancelled).toBe(true);
  });

  it('refuses an entry overlapping another in the same room, naming it', async () => {
    const b = new Browser(hub, '198.51.100.9');
    const csrf = await b.login();
    await b.get('/admin?lang=en');
    const first = { ...ENTRY, title_en: 'Morning stretch', title_zh: '晨间拉伸', date: '2026-03-07', start: '07:00' };
    expect((await b.post('/admin/entries', { ...first, _csrf: csrf })).res.status).toBe(303);
    const clash = await b.post('/admin/entries', { ...first, title_en: 'Clash', start: '07:30', _csrf: csrf });
    expect(clash.res.status).toBe(422);
    expect(clash.html).toContain('Overlaps “Morning stretch” (2026-03-07 07:00–07:45) in this room.');
    // the form keeps what was typed
    expect(clash.html).toContain('value="Clash"');
    expect((await snapshot(hub)).schedule.some((e) => e.title.en === 'Clash')).toBe(false);
  });

  it('shows plain validation messages next to the fields', async () => {
    const b = new Browser(hub, '198.51.100.10');
    const csrf = await b.login();
    await b.get('/admin?lang=en');
    const res = await b.post('/admin/entries', {
      ...ENTRY, title_zh: '', room: 'rooftop', minutes: 'lots', capacity: '-3', date: '2026-02-30', _csrf: csrf,
    });
    expect(res.res.status).toBe(422);
    expect(res.html).toContain('Please correct the fields marked below.');
    expect(res.html).toContain('<p class="err" id="title_zh-err">Required.</p>');
    expect(res.html).toContain('Enter a date as YYYY-MM-DD.');
    expect(res.html).toContain('Enter whole minutes from 5 to 720.');
    expect(res.html).toContain('Enter a whole number from 0 to 10000, or leave it empty for no limit.');
    const room = await b.post('/admin/entries', { ...ENTRY, room: 'rooftop', _csrf: csrf });
    expect(room.html).toContain('Choose a room from the list.');
    const past = await b.post('/admin/entries', { ...ENTRY, date: '2026-03-01', _csrf: csrf });
    expect(past.html).toContain('This start time is in the past.');
  });

  it('renders a hostile title as text, never as markup', async () => {
    const b = new Browser(hub, '198.51.100.11');
    const csrf = await b.login();
    const hostile = '<script>alert(1)</script>';
    await b.post('/admin/entries', { ...ENTRY, title_zh: hostile, title_en: hostile, date: '2026-03-08', _csrf: csrf });
    const zh = await b.get('/admin?lang=zh-CN');
    expect(zh.html).not.toContain('<script>alert(1)</script>');
    expect(zh.html).toContain('&lt;script>alert(1)&lt;/script>');
    expect((await snapshot(hub)).schedule.some((e) => e.title.en === hostile)).toBe(true);
  });

  it('refuses a form over 64 KiB with 413', async () => {
    const b = new Browser(hub, '198.51.100.12');
    const csrf = await b.login();
    const res = await b.post('/admin/entries', { ...ENTRY, instructor: 'x'.repeat(70_000), _csrf: csrf });
    expect(res.res.status).toBe(413);
  });

  it('logs out and then needs a login again', async () => {
    const b = new Browser(hub, '198.51.100.13');
    const csrf = await b.login();
    expect((await b.post('/admin/logout', { _csrf: csrf })).res.status).toBe(303);
    expect((await b.get('/admin')).res.status).toBe(303);
  });
});
