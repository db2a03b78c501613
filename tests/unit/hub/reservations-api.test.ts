import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../../src/domain/card';
import type { Snapshot } from '../../../src/domain/index';
import { insertMember } from '../../../src/hub/members/repo';
import { insertEntry } from '../../../src/hub/schedule/repo';
import { eventId } from '../../fixtures/events/make';
import { at, badge, classCheckin } from '../../fixtures/hub/checkin';
import { Browser, DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

// Class places through the hub's API (issue 5): kiosks post class_reserve / class_reserve_cancel,
// the snapshot tells every kiosk the verdicts, the places left and the place-freed notices.

type Answer = { results: { id: string; status: string; reason?: string }[] };
const NAMES = ['张小明', '李四', '王五', '赵六'] as const;
const KIOSKS = ['lobby-1', 'gym-1'] as const;
let seq = 90_000;

const placeEvent = (kind: 'class_reserve' | 'class_reserve_cancel', kioskId: string, memberId: number, entryId: string, when: string) =>
  ({ id: eventId(), kioskId, seq: ++seq, at: when, kind, payload: { identity: badge(memberId), entryId } });

describe.each(DB_KINDS)('class places through the API on %s', (kind) => {
  let hub: TestHub;
  const tokens: Record<string, string> = {};
  const ids: number[] = [];
  const post = async (kioskId: string, events: unknown[]) => {
    const res = await hub.request('/api/v1/events', { method: 'POST', headers: bearer(tokens[kioskId]!, { 'content-type': 'application/json' }), body: JSON.stringify({ events }) });
    return ((await res.json()) as Answer).results.map((r) => r.reason ?? r.status);
  };
  const snapshot = async (kioskId = 'lobby-1') =>
    (await (await hub.request('/api/v1/snapshot', { headers: bearer(tokens[kioskId]!) })).json()) as Snapshot;
  const addClass = async (id: string, startMinute: number, capacity: number) => {
    const start = Date.parse(at(startMinute));
    await insertEntry(hub.db, id, { category: 'fitness', titleZh: '瑜伽', titleEn: 'Yoga', startsAt: start, endsAt: start + 60 * 60_000, room: `room-${id}`, instructor: '', capacity });
  };
  const placesOf = (s: Snapshot, entryId: string) => s.schedule.find((e) => e.id === entryId)?.placesLeft;
  const placesIn = (s: Snapshot, entryId: string) =>
    (s.reservations ?? []).filter((r) => r.entryId === entryId).map((r) => `${NAMES[ids.indexOf(Number(r.memberId))]}:${r.status}${r.promotedAt ? ':promoted' : ''}`);

  beforeAll(async () => {
    hub = await startTestHub(kind);
    for (const k of KIOSKS) tokens[k] = await enrollKiosk(hub, k);
    for (const [i, name] of NAMES.entries()) {
      const made = await insertMember(hub.db, { memberNo: `P${i}`, name, card: null }, hub.clock.now);
      if (!made.ok) throw new Error(made.error);
      ids.push(made.value.id);
    }
  });
  afterAll(() => hub.cleanup());

  it('lists places and the waitlist in every kiosk’s snapshot, with the places left', async () => {
    await addClass('api-yoga', 480, 2);
    expect(placesOf(await snapshot(), 'api-yoga')).toBe(2);
    expect(await post('lobby-1', [placeEvent('class_reserve', 'lobby-1', ids[0]!, 'api-yoga', at(0))])).toEqual(['applied']);
    expect(await post('gym-1', [placeEvent('class_reserve', 'gym-1', ids[1]!, 'api-yoga', at(1)), placeEvent('class_reserve', 'gym-1', ids[2]!, 'api-yoga', at(2))])).toEqual(['applied', 'applied']);
    for (const k of KIOSKS) {
      const s = await snapshot(k);
      expect(placesOf(s, 'api-yoga')).toBe(0);
      expect(placesIn(s, 'api-yoga')).toEqual(['张小明:reserved', '李四:reserved', '王五:waitlisted']);
    }
  });

  it('gives a cancelled place to the first waiting, marks it promoted and puts a masked notice on every kiosk', async () => {
    const before = (await snapshot()).version;
    expect(await post('lobby-1', [placeEvent('class_reserve_cancel', 'lobby-1', ids[1]!, 'api-yoga', at(5))])).toEqual(['applied']);
    const s = await snapshot('gym-1');
    expect(s.version).not.toBe(before);
    expect(placesIn(s, 'api-yoga')).toEqual(['张小明:reserved', '王五:reserved:promoted']);
    expect(placesOf(s, 'api-yoga')).toBe(0);
    expect(s.notices).toEqual([{ kind: 'place_freed', entryId: 'api-yoga', maskedName: maskName('王五'), at: new Date(hub.clock.now).toISOString() }]);
  });

  it('rejects a place for a member or a class nobody has, and answers a resend as duplicate', async () => {
    const ghost = placeEvent('class_reserve', 'lobby-1', 987_654, 'api-yoga', at(6));
    const noClass = placeEvent('class_reserve', 'lobby-1', ids[3]!, 'no-such-class', at(6));
    const fine = placeEvent('class_reserve', 'lobby-1', ids[3]!, 'api-yoga', at(6));
    expect(await post('lobby-1', [ghost, noClass, fine])).toEqual(['unknown_member', 'unknown_entry', 'applied']);
    expect(await post('lobby-1', [fine])).toEqual(['duplicate']);
    expect(placesIn(await snapshot(), 'api-yoga')).toEqual(['张小明:reserved', '王五:reserved:promoted', '赵六:waitlisted']);
  });

  it('applies a place and its cancellation in one batch in the kiosk’s order: the place is given up', async () => {
    await addClass('api-pilates', 480, 3);
    const reserve = placeEvent('class_reserve', 'lobby-1', ids[0]!, 'api-pilates', at(0));
    const cancel = placeEvent('class_reserve_cancel', 'lobby-1', ids[0]!, 'api-pilates', at(1));
    expect(await post('lobby-1', [reserve, cancel])).toEqual(['applied', 'applied']);
    const s = await snapshot();
    expect(placesIn(s, 'api-pilates')).toEqual([]);
    expect(placesOf(s, 'api-pilates')).toBe(3);
  });

  it('lets a reserved member check in to a class walk-ins filled, and the hub agrees (no fact for staff)', async () => {
    await addClass('api-full', 20, 1);
    expect(await post('lobby-1', [placeEvent('class_reserve', 'lobby-1', ids[0]!, 'api-full', at(-30))])).toEqual(['applied']);
    const walkIn = classCheckin('gym-1', at(0), badge(ids[1]!), 'api-full');
    const reserved = classCheckin('lobby-1', at(1), badge(ids[0]!), 'api-full');
    expect(await post('gym-1', [walkIn])).toEqual(['applied']);
    expect(await post('lobby-1', [reserved])).toEqual(['applied']);
    const facts = await hub.db.query<{ kind: string; event_id: string }>('SELECT kind, event_id FROM checkin_facts WHERE entry_id = $1', ['api-full']);
    expect(facts).toEqual([{ kind: 'full', event_id: walkIn.id }]);
    expect(placesOf(await snapshot(), 'api-full')).toBe(0);
  });

  it('gives the places staff add to a class to the waitlist at once, not at the next timer', async () => {
    const b = new Browser(hub, '198.51.100.77');
    const csrf = await b.login();
    const form = {
      title_zh: '普拉提', title_en: 'Pilates', category: 'fitness', date: '2026-03-06', start: '18:00', minutes: '45',
      room: 'training-room', instructor: '赵老师', capacity: '1', _csrf: csrf,
    };
    expect((await b.post('/admin/entries', form)).res.status).toBe(303);
    const entryId = (await snapshot()).schedule.find((e) => e.title.en === 'Pilates')!.id;
    await post('lobby-1', [placeEvent('class_reserve', 'lobby-1', ids[0]!, entryId, at(0)), placeEvent('class_reserve', 'lobby-1', ids[1]!, entryId, at(1))]);
    expect(placesIn(await snapshot(), entryId)).toEqual(['张小明:reserved', '李四:waitlisted']);
    expect((await b.post(`/admin/entries/${entryId}`, { ...form, capacity: '2' })).res.status).toBe(303);
    expect(placesIn(await snapshot(), entryId)).toEqual(['张小明:reserved', '李四:reserved:promoted']);
  });
});
