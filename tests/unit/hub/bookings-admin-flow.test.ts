import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema } from '../../../src/domain/index';
import { releaseNoShows } from '../../../src/hub/bookings/no-shows';
import { insertMember } from '../../../src/hub/members/repo';
import { insertEntry } from '../../../src/hub/schedule/repo';
import { eventId } from '../../fixtures/events/make';
import { badge } from '../../fixtures/hub/checkin';
import { Browser, DB_KINDS, demoConfig, NOW, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

// From the kiosks to the admin Bookings page and back, on both databases: bookings arrive as kiosk
// events through the real API, the hub's own no-show release runs, and what staff do on the page
// (cancel, block, lift) reaches the kiosks in the next snapshot.

/** a center-local time, Asia/Shanghai (the demo center's zone) */
const sh = (day: string, time: string) => new Date(Date.parse(`${day}T${time}:00+08:00`)).toISOString();
const TODAY = '2026-03-04'; // NOW is 10:00 on it
const TOMORROW = '2026-03-05';
const MINUTE = 60_000;

let seq = 0;
const bookingEvent = (kioskId: string, memberId: number, facilityId: string, day: string, from: string, to: string, at: number) => ({
  id: eventId(), kioskId, seq: ++seq, at: new Date(at).toISOString(),
  kind: 'booking' as const, payload: { identity: badge(memberId), facilityId, startsAt: sh(day, from), endsAt: sh(day, to) },
});

describe.each(DB_KINDS)('admin Bookings page with kiosk bookings on %s', (kind) => {
  let hub: TestHub;
  let b: Browser;
  let csrf: string;
  const ids: Record<string, number> = {};
  const tokens: Record<string, string> = {};
  const post = async (kioskId: string, events: unknown[]) => {
    const res = await hub.request('/api/v1/events', { method: 'POST', headers: bearer(tokens[kioskId]!, { 'content-type': 'application/json' }), body: JSON.stringify({ events }) });
    return ((await res.json()) as { results: { status: string; reason?: string }[] }).results.map((r) => r.reason ?? r.status);
  };
  const snapshot = async () => v.parse(SnapshotSchema, await (await hub.request('/api/v1/snapshot', { headers: bearer(tokens['lobby-1']!) })).json());
  const stored = async (id: string) => (await hub.db.query<{ status: string; refusal: string | null; code: string }>('SELECT status, refusal, code FROM bookings WHERE id = $1', [id]))[0]!;

  beforeAll(async () => {
    // gym-1 books here too, as a second booking kiosk (the hub holds each kiosk to its features: in the
    // demo only lobby-1 offers Book)
    const config = demoConfig();
    hub = await startTestHub(kind, { config: { ...config, kiosks: config.kiosks.map((k) => (k.id === 'gym-1' ? { ...k, features: [...k.features, 'book'] } : k)) } });
    b = new Browser(hub, '203.0.113.80');
    csrf = await b.login();
    tokens['lobby-1'] = await enrollKiosk(hub, 'lobby-1');
    tokens['gym-1'] = await enrollKiosk(hub, 'gym-1');
    for (const [no, name] of [['F1', '王小红'], ['F2', '赵六']] as const) {
      const made = await insertMember(hub.db, { memberNo: no, name, card: null }, NOW);
      if (!made.ok) throw new Error(made.error);
      ids[no] = made.value.id;
    }
  });
  afterAll(() => hub.cleanup());

  it('shows the kiosk booking the hub confirmed in the grid and the one it refused at sync with its rule and kiosk', async () => {
    const first = bookingEvent('lobby-1', ids.F1!, 'badminton-1', TOMORROW, '10:00', '11:00', NOW);
    // booked offline at gym-1 a minute later, heard after: the hub applies it and stores the refusal
    const second = bookingEvent('gym-1', ids.F2!, 'badminton-1', TOMORROW, '10:00', '11:00', NOW + MINUTE);
    expect(await post('lobby-1', [first])).toEqual(['applied']);
    expect(await post('gym-1', [second])).toEqual(['applied']);
    expect(await stored(second.id)).toMatchObject({ status: 'refused', refusal: 'slot_taken' });
    const { html } = await b.get(`/admin/bookings?day=${TOMORROW}&lang=en`);
    const code = (await stored(first.id)).code;
    expect(html).toMatch(new RegExp(`data-testid="cell-badminton-1-10:00" data-state="confirmed" class="cell-confirmed">\\s*王\\*红 · ${code}`));
    const refused = /<tr data-testid="refused-booking" data-refusal="slot_taken">(.*?)<\/tr>/.exec(html)![1]!;
    expect(refused).toBe('<td>赵* (F2)</td><td>Badminton court 1</td><td>2026-03-05 10:00–11:00</td><td>someone else booked the slot first</td><td>2026-03-04 10:01</td><td>gym-1</td>');
  });

  it('cancels a kiosk booking with a reason the kiosks get in the next snapshot, and a block then keeps kiosks off the court', async () => {
    const [row] = await hub.db.query<{ id: string }>("SELECT id::text AS id FROM bookings WHERE status = 'confirmed' AND member_id = $1", [ids.F1]);
    const cancel = await b.post(`/admin/bookings/${row!.id}/cancel`, { _csrf: csrf, reason: '场地维修', day: TOMORROW });
    expect(cancel.res.headers.get('location')).toBe(`/admin/bookings?day=${TOMORROW}&done=cancelled`);
    expect((await snapshot()).bookings?.find((x) => x.id === row!.id)).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', reason: '场地维修' });

    const block = await b.post('/admin/bookings/blocks', { _csrf: csrf, day: TOMORROW, facility: 'badminton-1', from: `${TOMORROW}T09:00`, to: `${TOMORROW}T12:00`, reason: 'repairs' });
    expect(block.res.headers.get('location')).toBe(`/admin/bookings?day=${TOMORROW}&done=block_added`);
    expect((await snapshot()).bookings?.filter((x) => x.status === 'block')).toHaveLength(1);
    const late = bookingEvent('lobby-1', ids.F2!, 'badminton-1', TOMORROW, '11:00', '12:00', NOW + 2 * MINUTE);
    expect(await post('lobby-1', [late])).toEqual(['applied']);
    expect(await stored(late.id)).toMatchObject({ status: 'refused', refusal: 'slot_taken' });
  });

  it('lists the no-shows the hub released and the suspension the second one caused, and lifting it reaches the kiosks', async () => {
    const court = bookingEvent('lobby-1', ids.F1!, 'badminton-2', TODAY, '11:00', '12:00', NOW);
    const table = bookingEvent('lobby-1', ids.F1!, 'tt-1', TODAY, '12:00', '13:00', NOW);
    expect(await post('lobby-1', [court, table])).toEqual(['applied', 'applied']);
    expect((await stored(table.id)).status).toBe('confirmed');
    hub.clock.now = Date.parse(sh(TODAY, '11:16'));
    expect(await releaseNoShows(hub.db, demoConfig(), hub.clock.now)).toHaveLength(1);
    hub.clock.now = Date.parse(sh(TODAY, '12:16'));
    const [second] = await releaseNoShows(hub.db, demoConfig(), hub.clock.now);
    expect(second!.suspendedUntil).not.toBeNull();

    const { html } = await b.get(`/admin/bookings?day=${TODAY}&lang=en`);
    expect([...html.matchAll(/<tr data-testid="no-show">(.*?)<\/tr>/g)].map((m) => m[1])).toEqual([
      `<td>王*红 (F1)</td><td>Table-tennis table 1</td><td>2026-03-04 12:00–13:00</td><td>${(await stored(table.id)).code}</td><td>2026-03-04 12:16</td>`,
      `<td>王*红 (F1)</td><td>Badminton court 2</td><td>2026-03-04 11:00–12:00</td><td>${(await stored(court.id)).code}</td><td>2026-03-04 11:16</td>`,
    ]);
    expect(html).toMatch(/data-state="freed" class="cell-freed past">\s*free \(no-show\)/);
    const suspension = /<tr data-testid="suspension-(\d+)"><td>王\*红 \(F1\)<\/td><td>2026-03-04 12:16<\/td><td>2026-03-18 12:16<\/td>/.exec(html);
    expect(suspension).not.toBeNull();
    expect((await snapshot()).bookingSuspensions).toHaveProperty(String(ids.F1));

    const lifted = await b.post(`/admin/bookings/suspensions/${suspension![1]}/lift`, { _csrf: csrf, day: TODAY });
    expect(lifted.res.headers.get('location')).toBe(`/admin/bookings?day=${TODAY}&done=suspension_lifted`);
    expect((await snapshot()).bookingSuspensions ?? {}).not.toHaveProperty(String(ids.F1));
  });

  it('lets staff give up a member\'s class place before the start: the first waiting gets it at once, and kiosks hear of it', async () => {
    const start = Date.parse(sh(TOMORROW, '18:00'));
    await insertEntry(hub.db, 'flow-yoga', { category: 'fitness', titleZh: '瑜伽', titleEn: 'Yoga', startsAt: start, endsAt: start + 60 * MINUTE, room: 'activity-room', instructor: '', capacity: 1 });
    const reserve = (memberId: number, at: number) => ({
      id: eventId(), kioskId: 'lobby-1', seq: ++seq, at: new Date(at).toISOString(), kind: 'class_reserve' as const, payload: { identity: badge(memberId), entryId: 'flow-yoga' },
    });
    const [held, waiting] = [reserve(ids.F1!, NOW), reserve(ids.F2!, NOW + MINUTE)];
    expect(await post('lobby-1', [held, waiting])).toEqual(['applied', 'applied']);
    const { html } = await b.get(`/admin/bookings?day=${TOMORROW}&lang=en`);
    expect(html).toContain(`action="/admin/bookings/places/${held.id}/cancel"`);

    expect((await b.post(`/admin/bookings/places/${held.id}/cancel`, { day: TOMORROW })).res.status).toBe(403); // no CSRF token
    const given = await b.post(`/admin/bookings/places/${held.id}/cancel`, { _csrf: csrf, day: TOMORROW });
    expect(given.res.status).toBe(303);
    expect((await b.get(given.res.headers.get('location')! + '&lang=en')).html).toContain('Place given up.');
    const places = (await snapshot()).reservations!.filter((r) => r.entryId === 'flow-yoga');
    expect(places.map((r) => [r.memberId, r.status, r.promotedAt !== null])).toEqual([[String(ids.F2), 'reserved', true]]);
    // a second click finds it gone: no error, nothing more changes
    expect((await b.post(`/admin/bookings/places/${held.id}/cancel`, { _csrf: csrf, day: TOMORROW })).res.status).toBe(303);
    const rows = await hub.db.query<{ status: string; cancelled_by: string | null }>('SELECT status, cancelled_by FROM class_reservations WHERE id = $1', [held.id]);
    expect(rows).toEqual([{ status: 'cancelled', cancelled_by: 'staff' }]);
  });
});
