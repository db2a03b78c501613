import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_REFUSALS, bookingCode } from '../../../src/domain/index';
import { CATALOGS } from '../../../src/hub/admin/i18n';
import type { Queryable } from '../../../src/hub/db/port';
import { insertMember } from '../../../src/hub/members/repo';
import { insertEntry } from '../../../src/hub/schedule/repo';
import { Browser, DB_KINDS, startTestHub, type TestHub } from './harness';

// The admin Bookings page on both databases. Rows are written with SQL as the hub's booking apply
// path would leave them; the page's own writes (cancel, blocks, lifting) go through its forms.

const HOSTILE_MASKED = '=HYPERLINK("http://x")<script>alert(1)</script>';
/** a center-local time on a day, Asia/Shanghai (the demo center's zone) */
const sh = (day: string, time: string) => Date.parse(`${day}T${time}:00+08:00`);
const TODAY = '2026-03-04';
const TOMORROW = '2026-03-05';

interface Row { facility: string; kind: string; member: number | null; day: string; from: string; to: string; status: string; refusal?: string; reason?: string }

async function insertBooking(db: Queryable, r: Row): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  const code = bookingCode(id);
  await db.query(
    `INSERT INTO bookings (id, facility_id, facility_kind, member_id, during, status, code, refusal, source, kiosk_id, requested_at, decided_at, reason)
     VALUES ($1, $2, $3, $4, tstzrange($5::timestamptz, $6::timestamptz, '[)'), $7, $8, $9, $10, $11, $12, $12, $13)`,
    [id, r.facility, r.kind, r.member, new Date(sh(r.day, r.from)), new Date(sh(r.day, r.to)), r.status, code, r.refusal ?? null,
      r.member === null ? 'admin' : 'kiosk', r.member === null ? null : 'lobby-1', new Date(sh(TODAY, '09:00')), r.reason ?? null],
  );
  return { id, code };
}

const rowsOf = (html: string, testid: string) => [...html.matchAll(new RegExp(`<tr data-testid="${testid}"[^>]*>(.*?)</tr>`, 'g'))].map((m) => m[1]!);
const cell = (html: string, facility: string, time: string) => {
  const m = new RegExp(`<td data-testid="cell-${facility}-${time}" data-state="([a-z_]+)"[^>]*>(.*?)</td>`).exec(html);
  return m ? { state: m[1], text: m[2]!.replace(/<div class="hint" data-testid="release">(.*?)<\/div>/, ' · $1') } : null;
};

it('has staff words in both languages for every refusal rule and every stored booking status', () => {
  const keys = [...BOOKING_REFUSALS.map((r) => `bookings.refusal_${r}`),
    ...['confirmed', 'checked_in', 'cancelled', 'no_show', 'refused', 'block', 'block_lifted'].map((s) => `bookings.status_${s}`)];
  for (const key of keys) {
    expect(Object.hasOwn(CATALOGS.en, key), key).toBe(true);
    expect((CATALOGS['zh-CN'] as Record<string, string>)[key], key).not.toBe((CATALOGS.en as Record<string, string>)[key]);
  }
});

describe.each(DB_KINDS)('admin Bookings page on %s', (kind) => {
  let hub: TestHub;
  let b: Browser;
  let csrf: string;
  const ids: Record<string, number> = {};
  const bk: Record<string, { id: string; code: string }> = {};
  let suspensionId = '';

  beforeAll(async () => {
    hub = await startTestHub(kind);
    b = new Browser(hub, '203.0.113.70');
    csrf = await b.login();
    for (const [no, name] of [['E1', '张小明'], ['E2', '李四'], ['E3', 'Evil']] as const) {
      const made = await insertMember(hub.db, { memberNo: no, name, card: null }, hub.clock.now);
      if (!made.ok) throw new Error(made.error);
      ids[no] = made.value.id;
    }
    await hub.db.query('UPDATE members SET masked_name = $1 WHERE id = $2', [HOSTILE_MASKED, ids.E3]);
    bk.e1 = await insertBooking(hub.db, { facility: 'badminton-1', kind: 'badminton', member: ids.E1!, day: TODAY, from: '14:00', to: '15:00', status: 'confirmed' });
    bk.e2in = await insertBooking(hub.db, { facility: 'badminton-2', kind: 'badminton', member: ids.E2!, day: TODAY, from: '10:00', to: '11:00', status: 'checked_in' });
    bk.e3 = await insertBooking(hub.db, { facility: 'badminton-3', kind: 'badminton', member: ids.E3!, day: TODAY, from: '16:00', to: '17:00', status: 'confirmed' });
    bk.gone = await insertBooking(hub.db, { facility: 'badminton-3', kind: 'badminton', member: ids.E2!, day: TODAY, from: '18:00', to: '19:00', status: 'cancelled' });
    bk.e1now = await insertBooking(hub.db, { facility: 'badminton-1', kind: 'badminton', member: ids.E1!, day: TODAY, from: '10:00', to: '11:00', status: 'confirmed' });
    bk.e1early = await insertBooking(hub.db, { facility: 'badminton-1', kind: 'badminton', member: ids.E1!, day: TODAY, from: '08:00', to: '09:00', status: 'confirmed' });
    bk.e2tomorrow = await insertBooking(hub.db, { facility: 'badminton-1', kind: 'badminton', member: ids.E2!, day: TOMORROW, from: '09:00', to: '10:00', status: 'confirmed' });
    bk.block = await insertBooking(hub.db, { facility: 'tt-1', kind: 'table-tennis', member: null, day: TODAY, from: '12:00', to: '14:00', status: 'block', reason: 'new net <b>' });
    bk.room = await insertBooking(hub.db, { facility: 'activity-room', kind: 'room', member: ids.E1!, day: TODAY, from: '10:00', to: '12:00', status: 'confirmed' });
    bk.refused = await insertBooking(hub.db, { facility: 'badminton-1', kind: 'badminton', member: ids.E3!, day: TODAY, from: '14:00', to: '15:00', status: 'refused', refusal: 'slot_taken' });
    bk.noShow = await insertBooking(hub.db, { facility: 'tt-2', kind: 'table-tennis', member: ids.E2!, day: '2026-03-03', from: '08:00', to: '09:00', status: 'no_show' });
    await hub.db.query('INSERT INTO booking_no_shows (booking_id, member_id, at) VALUES ($1, $2, $3)', [bk.noShow!.id, ids.E2, new Date(sh('2026-03-03', '08:15'))]);
    const [s] = await hub.db.query<{ id: string }>(
      'INSERT INTO booking_suspensions (member_id, starts_at, until_at, cause_booking_id) VALUES ($1, $2, $3, $4) RETURNING id::text AS id',
      [ids.E2, new Date(sh('2026-03-03', '08:15')), new Date(sh('2026-03-17', '08:15')), bk.noShow!.id],
    );
    suspensionId = s!.id;
    await insertEntry(hub.db, 'c-full', { category: 'fitness', titleZh: '瑜伽', titleEn: 'Yoga', startsAt: sh(TOMORROW, '18:00'), endsAt: sh(TOMORROW, '19:00'), room: 'r1', instructor: '', capacity: 1 });
    const place = (member: number, status: string, time: string) => hub.db.query(
      'INSERT INTO class_reservations (id, entry_id, member_id, status, requested_at, decided_at) VALUES ($1, $2, $3, $4, $5, $5)',
      [randomUUID(), 'c-full', member, status, new Date(sh(TODAY, time))],
    );
    await place(ids.E1!, 'reserved', '08:00');
    await place(ids.E3!, 'waitlisted', '08:30');
    await place(ids.E2!, 'waitlisted', '08:10');
  });
  afterAll(() => hub.cleanup());

  it('sends a visitor without a session from the page and the CSV to the login page', async () => {
    const stranger = new Browser(hub, '203.0.113.71');
    for (const path of ['/admin/bookings', '/admin/bookings.csv']) {
      const { res } = await stranger.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/login');
    }
  });

  it('shows today per facility kind: booked with masked name and code, checked in, blocked, freed and free slots', async () => {
    const { res, html } = await b.get('/admin/bookings?lang=en');
    expect(res.status).toBe(200);
    expect(html).toContain('<a href="/admin/bookings">Bookings</a>');
    expect(html).toContain('Bookings from 2026-03-04');
    expect(cell(html, 'badminton-1', '14:00')).toEqual({ state: 'confirmed', text: `张*明 · ${bk.e1!.code}` });
    expect(cell(html, 'badminton-2', '10:00')).toEqual({ state: 'checked_in', text: `李* · ${bk.e2in!.code} ✓` });
    expect(cell(html, 'badminton-3', '18:00')).toEqual({ state: 'freed', text: 'free (cancelled)' });
    // under way and nobody checked in: staff see when the hub will free it
    expect(cell(html, 'badminton-1', '10:00')).toEqual({ state: 'confirmed', text: `张*明 · ${bk.e1now!.code} · not checked in, freed at 10:15` });
    expect(cell(html, 'badminton-1', '09:00')).toEqual({ state: 'free', text: 'free' });
    expect(html).toContain(`data-testid="cell-badminton-1-08:00" data-state="confirmed" class="cell-confirmed past"`);
    for (const time of ['12:00', '13:00']) expect(cell(html, 'tt-1', time)).toEqual({ state: 'block', text: 'blocked: new net &lt;b>' });
    expect(cell(html, 'tt-1', '14:00')?.state).toBe('free');
    // the room kind has its own 2-hour slots
    expect(cell(html, 'activity-room', '10:00')?.state).toBe('confirmed');
    expect(cell(html, 'activity-room', '11:00')).toBeNull();
  });

  it('shows the week per facility with what holds it each day and how many slots are free', async () => {
    const { html } = await b.get('/admin/bookings?lang=en');
    const tomorrow = /<td data-testid="week-badminton-1-2026-03-05" data-free="13">(.*?)<\/td>/.exec(html)?.[1];
    expect(tomorrow).toContain('13 of 14 free');
    expect(tomorrow).toContain(`09:00–10:00 李* (E2) · ${bk.e2tomorrow!.code}`);
    expect(html).toContain('data-testid="week-badminton-1-2026-03-10" data-free="14"');
    expect(html).toContain('<th>03-05 Thu</th>');
    expect(html).not.toContain('week-badminton-1-2026-03-11');
  });

  it('renders a hostile masked name and block reason as text', async () => {
    const { html } = await b.get('/admin/bookings?lang=en');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('net <b>');
    expect(html).toContain(`&lt;script>alert(1)&lt;/script> · ${bk.e3!.code}`);
  });

  it('lists a refused offline booking with member, facility, time, rule and kiosk', async () => {
    const { html } = await b.get('/admin/bookings?lang=en');
    expect(html).toContain('The hub could not confirm (1)');
    const [row] = rowsOf(html, 'refused-booking');
    expect(row).toContain('Badminton court 1');
    expect(row).toContain('2026-03-04 14:00–15:00');
    expect(row).toContain('someone else booked the slot first');
    expect(row).toContain('<td>lobby-1</td>');
    expect(row).toContain('(E3)');
  });

  it('lists no-shows and the suspension they caused', async () => {
    const { html } = await b.get('/admin/bookings?lang=en');
    const [noShow] = rowsOf(html, 'no-show');
    expect(noShow).toContain('<td>李* (E2)</td><td>Table-tennis table 2</td><td>2026-03-03 08:00–09:00</td>');
    expect(noShow).toContain('<td>2026-03-03 08:15</td>');
    const [suspension] = rowsOf(html, `suspension-${suspensionId}`);
    expect(suspension).toContain('<td>李* (E2)</td><td>2026-03-03 08:15</td><td>2026-03-17 08:15</td>');
  });

  it('lists class places and the waitlist in the order members joined it', async () => {
    const { html } = await b.get('/admin/bookings?lang=en');
    const [row] = rowsOf(html, 'class-c-full');
    // each place and waitlist place has a Give up form for staff (the member rang); the names read without them
    expect(row!.match(/<form method="post" action="\/admin\/bookings\/places\/[0-9a-f-]{36}\/cancel"/g)).toHaveLength(3);
    const names = row!.replace(/<form[\s\S]*?<\/form>/g, '').replace(/ data-testid="place-[0-9a-f-]{36}"/g, '');
    expect(names).toContain('<div data-testid="places">1 reserved · 0 of 1 places left</div><div>张*明 (E1)</div>');
    expect(names).toMatch(/<ol[^>]*><li>李\* \(E2\)<\/li><li>=HYPERLINK\(&quot;http:\/\/x&quot;\)&lt;script>alert\(1\)&lt;\/script> \(E3\)<\/li><\/ol>/);
  });

  it('cancels a booking only with the session\'s CSRF token and a reason, and frees its slot', async () => {
    const path = `/admin/bookings/${bk.e1!.id}/cancel`;
    expect((await b.post(path, { reason: 'no token', day: TODAY })).res.status).toBe(403);
    const empty = await b.post(path, { _csrf: csrf, reason: '  ', day: TODAY });
    expect(empty.res.headers.get('location')).toBe(`/admin/bookings?day=${TODAY}&problem=reason_required`);
    expect((await b.get(empty.res.headers.get('location')! + '&lang=en')).html).toContain('Give a reason: the member is told it.');
    const status = async () => (await hub.db.query<{ status: string }>('SELECT status FROM bookings WHERE id = $1', [bk.e1!.id]))[0]!.status;
    expect(await status()).toBe('confirmed');
    const done = await b.post(path, { _csrf: csrf, reason: 'court flooded <i>', day: TODAY });
    expect(done.res.status).toBe(303);
    expect(done.res.headers.get('location')).toBe(`/admin/bookings?day=${TODAY}&done=cancelled`);
    const [row] = await hub.db.query<{ status: string; cancelled_by: string; reason: string; staff_user: string }>(
      'SELECT status, cancelled_by, reason, staff_user FROM bookings WHERE id = $1', [bk.e1!.id]);
    expect(row).toEqual({ status: 'cancelled', cancelled_by: 'staff', reason: 'court flooded <i>', staff_user: 'admin' });
    const { html } = await b.get(`/admin/bookings?day=${TODAY}&done=cancelled&lang=en`);
    expect(html).toContain('Booking cancelled; the member sees the reason at their next scan.');
    expect(cell(html, 'badminton-1', '14:00')).toEqual({ state: 'freed', text: 'free (cancelled)' });
    expect(rowsOf(html, `booking-${bk.e1!.code}`)[0]).toContain('cancelled by admin: court flooded &lt;i>');
    // a booking that is over is a no-show or done: nothing to cancel any more
    expect(rowsOf(html, `booking-${bk.e1early!.code}`)[0]).not.toContain('/cancel');
    expect(rowsOf(html, `booking-${bk.e2in!.code}`)[0]).toContain(`action="/admin/bookings/${bk.e2in!.id}/cancel"`);
    const again = await b.post(path, { _csrf: csrf, reason: 'twice', day: TODAY });
    expect(again.res.headers.get('location')).toBe(`/admin/bookings?day=${TODAY}&problem=not_cancellable`);
    expect((await b.post(`/admin/bookings/${randomUUID()}/cancel`, { _csrf: csrf, reason: 'x' })).res.status).toBe(404);
  });

  it('refuses a block over a member\'s booking and names the booking, and says what is wrong with a bad block', async () => {
    const block = (fields: Record<string, string>) => b.post('/admin/bookings/blocks?lang=en', { _csrf: csrf, day: TODAY, facility: 'badminton-1', from: `${TOMORROW}T08:00`, to: `${TOMORROW}T12:00`, reason: 'repainting', ...fields });
    const clash = await block({});
    expect(clash.res.status).toBe(422);
    expect(clash.html).toContain('The block was not added: these bookings overlap it.');
    expect(clash.html).toContain(`Badminton court 1 · 2026-03-05 09:00–10:00 · 李* (E2) · ${bk.e2tomorrow!.code}`);
    expect(clash.html).toContain('value="repainting"');
    const cases: [Record<string, string>, string][] = [
      [{ to: `${TOMORROW}T07:00` }, '“to” must be after “from”'],
      [{ from: 'tomorrow' }, '“to” must be after “from”'],
      [{ facility: 'r1' }, 'Choose a facility from the list.'],
      [{ from: '2026-03-01T08:00', to: '2026-03-01T09:00' }, 'The block must end in the future.'],
      [{ reason: ' ' }, 'Enter a reason (at most 200 characters).'],
    ];
    for (const [fields, words] of cases) {
      const bad = await block(fields);
      expect(bad.res.status, JSON.stringify(fields)).toBe(422);
      expect(bad.html).toContain(words);
    }
    expect((await b.post('/admin/bookings/blocks', { day: TODAY, facility: 'badminton-2', from: `${TOMORROW}T08:00`, to: `${TOMORROW}T09:00`, reason: 'x' })).res.status).toBe(403);
    expect((await hub.db.query("SELECT 1 FROM bookings WHERE status = 'block' AND facility_id LIKE 'badminton%'")).length).toBe(0);
  });

  it('adds a block that shows in the grid as taken, and lifts it to free the time again', async () => {
    const added = await b.post('/admin/bookings/blocks', { _csrf: csrf, day: TOMORROW, facility: 'badminton-2', from: `${TOMORROW}T08:00`, to: `${TOMORROW}T10:00`, reason: 'tournament' });
    expect(added.res.status).toBe(303);
    expect(added.res.headers.get('location')).toBe(`/admin/bookings?day=${TOMORROW}&done=block_added`);
    const [row] = await hub.db.query<{ id: string; code: string; staff_user: string }>("SELECT id::text AS id, code, staff_user FROM bookings WHERE status = 'block' AND facility_id = 'badminton-2'");
    expect(row!.staff_user).toBe('admin');
    let { html } = await b.get(`/admin/bookings?day=${TOMORROW}&done=block_added&lang=en`);
    expect(html).toContain('Block added.');
    expect(cell(html, 'badminton-2', '08:00')).toEqual({ state: 'block', text: 'blocked: tournament' });
    expect(cell(html, 'badminton-2', '09:00')?.state).toBe('block');
    expect(cell(html, 'badminton-2', '10:00')?.state).toBe('free');
    expect(rowsOf(html, `block-${row!.code}`)[0]).toContain('2026-03-05 08:00–10:00');
    const lift = await b.post(`/admin/bookings/blocks/${row!.id}/lift`, { _csrf: csrf, day: TOMORROW });
    expect(lift.res.headers.get('location')).toBe(`/admin/bookings?day=${TOMORROW}&done=block_lifted`);
    ({ html } = await b.get(`/admin/bookings?day=${TOMORROW}&lang=en`));
    expect(cell(html, 'badminton-2', '08:00')).toEqual({ state: 'freed', text: 'free (block lifted)' });
    expect(html).toContain(`data-testid="block-${row!.code}" data-status="block_lifted"`);
    // a block before opening holds no slot but is still listed where staff look for it
    await b.post('/admin/bookings/blocks', { _csrf: csrf, day: TOMORROW, facility: 'tt-3', from: `${TOMORROW}T06:00`, to: `${TOMORROW}T07:30`, reason: 'cleaning' });
    expect((await b.get(`/admin/bookings?day=${TOMORROW}&lang=en`)).html).toMatch(/data-status="block"><td>2026-03-05 06:00–07:30<\/td><td>Table-tennis table 3<\/td><td>cleaning<\/td>/);
    // lifting twice (a double click) says nothing more and changes nothing
    expect((await b.post(`/admin/bookings/blocks/${row!.id}/lift`, { _csrf: csrf, day: TOMORROW })).res.headers.get('location')).toBe(`/admin/bookings?day=${TOMORROW}`);
  });

  it('lifts a suspension, after which the member is no longer listed', async () => {
    const path = `/admin/bookings/suspensions/${suspensionId}/lift`;
    expect((await b.post(path, { day: TODAY })).res.status).toBe(403);
    const lifted = await b.post(path, { _csrf: csrf, day: TODAY });
    expect(lifted.res.headers.get('location')).toBe(`/admin/bookings?day=${TODAY}&done=suspension_lifted`);
    const [row] = await hub.db.query<{ lifted_by: string | null }>('SELECT lifted_by FROM booking_suspensions WHERE id = $1', [suspensionId]);
    expect(row!.lifted_by).toBe('admin');
    const { html } = await b.get('/admin/bookings?lang=en&done=suspension_lifted');
    expect(html).toContain('Suspension lifted; the member can book again.');
    expect(html).toContain('Nobody is suspended from booking.');
  });

  it('exports the week as Excel CSV with every status and formula cells guarded', async () => {
    const res = await hub.request(`/admin/bookings.csv?day=${TODAY}`, { headers: { cookie: `wsc_admin=${b.cookie('wsc_admin')}` } }, b.ip);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="bookings-${TODAY}.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('code,facility,kind,starts,ends,status,member no,masked name,refusal,source,kiosk,requested at,decided at,checked in at,cancelled at,cancelled by,reason,staff,id');
    expect(lines.find((l) => l.startsWith(bk.e2in!.code))).toBe(
      `${bk.e2in!.code},badminton-2,badminton,2026-03-04 10:00,2026-03-04 11:00,checked_in,E2,李*,,kiosk,lobby-1,2026-03-04 09:00,2026-03-04 09:00,,,,,,${bk.e2in!.id}`);
    expect(lines.find((l) => l.startsWith(bk.refused!.code))).toContain(`,refused,E3,"'=HYPERLINK(""http://x"")<script>alert(1)</script>",slot_taken,kiosk,`);
    expect(lines.find((l) => l.startsWith(bk.e1!.code))).toContain(',cancelled,');
    expect(lines.some((l) => l.startsWith(bk.noShow!.code))).toBe(false); // the day before the week
  });

  it('speaks Chinese by default and refuses a day that is not a date', async () => {
    const { html } = await b.get('/admin/bookings?lang=zh-CN');
    expect(html).toContain('2026-03-04 起的预约');
    expect(html).toContain('羽毛球场');
    expect(html).toContain('该时段已被他人先预约');
    const bad = await b.get('/admin/bookings?lang=en&day=2026-02-30');
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain('Enter the day as YYYY-MM-DD.');
  });
});
