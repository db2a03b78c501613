import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema, type Snapshot } from '../../../src/domain/index';
import { cardHash, insertMember, setSuspended } from '../../../src/hub/members/repo';
import { insertEntry } from '../../../src/hub/schedule/repo';
import { at, badge, card, classCheckin, gym, visit } from '../../fixtures/hub/checkin';
import { DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

describe.each(DB_KINDS)('snapshot card map and today on %s', (kind) => {
  let hub: TestHub;
  let token: string;
  const ids: Record<string, number> = {};
  const snapshot = async () => {
    const res = await hub.request('/api/v1/snapshot', { headers: bearer(token) });
    const body = await res.json();
    expect(v.safeParse(SnapshotSchema, body).issues).toBeUndefined();
    return body as Snapshot;
  };
  const post = (events: unknown[]) =>
    hub.request('/api/v1/events', { method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body: JSON.stringify({ events }) });

  beforeAll(async () => {
    hub = await startTestHub(kind);
    token = await enrollKiosk(hub, 'gym-1');
    for (const [no, name, c] of [['E1', '张小明', '11112222'], ['E2', '李四', '33334444'], ['E3', '王五', null]] as const) {
      const made = await insertMember(hub.db, { memberNo: no, name, card: c }, hub.clock.now);
      if (!made.ok) throw new Error(made.error);
      ids[no] = made.value.id;
    }
    await setSuspended(hub.db, ids.E2!, true, hub.clock.now);
    const start = Date.parse(at(10));
    await insertEntry(hub.db, 'c-today', { category: 'fitness', titleZh: '课', titleEn: 'Class', startsAt: start, endsAt: start + 3_600_000, room: 'r1', instructor: '', capacity: 5 });
  });
  afterAll(() => hub.cleanup());

  it('maps card keys to member id and masked name and leaves suspended members out', async () => {
    const s = await snapshot();
    expect(s.cardMap).toEqual({ [cardHash('11112222')]: { memberId: String(ids.E1), maskedName: '张*明' } });
  });

  it('has an empty today for the center day before anything happened', async () => {
    expect((await snapshot()).today).toEqual({ day: '2026-03-04', visits: [], attendance: [], gym: [], names: {} });
  });

  it('lists today\'s visits, attendance per entry and gym steps in order with ids and masked names, and changes version', async () => {
    const before = (await snapshot()).version;
    const start = gym('gym-1', at(1), badge(ids.E1!), 'rower', 'session_started', [{ action: 'session_start', group: 'rower', unit: 1 }]);
    const queue = gym('gym-1', at(0), card('a'.repeat(64)), 'rower', 'queued', [{ action: 'queue_join', group: 'rower', unit: null }]);
    const events = [
      visit('gym-1', at(0), badge(ids.E1!)), visit('gym-1', at(0), badge(ids.E3!)),
      classCheckin('gym-1', at(0), badge(ids.E3!), 'c-today'), start, queue,
      // yesterday's visit is not today's
      visit('gym-1', '2026-03-03T10:00:00.000Z', badge(ids.E3!)),
    ];
    expect((await post(events)).status).toBe(200);
    const s = await snapshot();
    expect(s.version).not.toBe(before);
    expect(s.today).toEqual({
      day: '2026-03-04',
      visits: [String(ids.E1), String(ids.E3)],
      attendance: [{ entryId: 'c-today', memberIds: [String(ids.E3)] }],
      gym: [
        { id: `${queue.id}:0`, memberId: `card:${'a'.repeat(64)}`, action: 'queue_join', group: 'rower', unit: null, at: at(0) },
        { id: `${start.id}:0`, memberId: String(ids.E1), action: 'session_start', group: 'rower', unit: 1, at: at(1) },
      ],
      names: { [String(ids.E1)]: '张*明' },
    });
    expect((await snapshot()).version).toBe(s.version);
  });

  it('changes version when a card is added to a member', async () => {
    const before = (await snapshot()).version;
    await hub.db.query('UPDATE members SET card_hash = $1 WHERE id = $2', [cardHash('55556666'), ids.E3]);
    const s = await snapshot();
    expect(s.version).not.toBe(before);
    expect(s.cardMap?.[cardHash('55556666')]).toEqual({ memberId: String(ids.E3), maskedName: '王*' });
  });

  it('starts a new today at the center\'s midnight', async () => {
    hub.clock.now = Date.parse('2026-03-04T16:00:00Z'); // 00:00 on the 5th in Shanghai
    expect((await snapshot()).today).toMatchObject({ day: '2026-03-05', visits: [], gym: [] });
  });
});
