import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../../src/domain/card';
import type { CenterConfig } from '../../../src/domain/index';
import { migrate } from '../../../src/hub/db/migrate';
import type { Db } from '../../../src/hub/db/port';
import { applyEvent } from '../../../src/hub/events/apply';
import { insertMember } from '../../../src/hub/members/repo';
import {
  applyReservationEvent, noticesForSnapshot, prepareReservationEvent, promoteWaitlists, reservationsForSnapshot, type ReservationEvent,
} from '../../../src/hub/reservations/apply';
import { cancelEntry, getEntry, insertEntry, listEntries } from '../../../src/hub/schedule/repo';
import { eventId } from '../../fixtures/events/make';
import { at, badge, card, classCheckin } from '../../fixtures/hub/checkin';
import { DB_KINDS, demoConfig, NOW, openTestDb } from './harness';

// Class places at the hub (issue 5): the functions the event application, the promotion timer and the
// snapshot call, each inside a transaction of its own, on both databases.

const NAMES = ['张小明', '李四', '王五', '赵六', '钱七', '孙八'] as const;
let seq = 50_000;

const reserveEvent = (kind: ReservationEvent['kind'], entryId: string, identity: ReturnType<typeof badge> | ReturnType<typeof card>, when: string, kioskId = 'lobby-1'): ReservationEvent =>
  ({ id: eventId(), kioskId, seq: ++seq, at: when, kind, payload: { identity, entryId } });

describe.each(DB_KINDS)('class reservations on %s', (kind) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  const config: CenterConfig = demoConfig();
  const ids: number[] = [];
  const m = (i: number) => badge(ids[i]!);

  /** A class starting `startMinute` after 10:00 on the harness day. */
  const addClass = async (id: string, startMinute: number, capacity: number | null) => {
    const start = Date.parse(at(startMinute));
    await insertEntry(db, id, { category: 'fitness', titleZh: '瑜伽', titleEn: 'Yoga', startsAt: start, endsAt: start + 60 * 60_000, room: `room-${id}`, instructor: '', capacity });
  };

  /** What the hub's event application does: judge, store the event, apply it, in one transaction. */
  const apply = (e: ReservationEvent, now = NOW) => db.transaction(async (tx) => {
    const prepared = await prepareReservationEvent(tx, e);
    if (!prepared.ok) return prepared;
    await tx.query(
      `INSERT INTO events (id, kiosk_id, seq, at, received_at, kind, payload, content_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, 'test')`,
      [e.id, e.kioskId, e.seq, e.at, new Date(now), e.kind, JSON.stringify(e.payload)],
    );
    return applyReservationEvent(tx, prepared.value, now);
  });
  const reserve = (entryId: string, who: number, when = at(0), now = NOW) => apply(reserveEvent('class_reserve', entryId, m(who), when), now);
  const cancel = (entryId: string, who: number, when = at(0), now = NOW) => apply(reserveEvent('class_reserve_cancel', entryId, m(who), when), now);
  const rowsOf = (entryId: string) => db.query<{ member_id: number; status: string; refusal: string | null; promoted_at: Date | null }>(
    'SELECT member_id, status, refusal, promoted_at FROM class_reservations WHERE entry_id = $1 ORDER BY requested_at, id', [entryId],
  );
  const statusOf = async (entryId: string) => (await rowsOf(entryId)).map((r) => `${NAMES[ids.indexOf(r.member_id)]}:${r.status}${r.refusal ? `:${r.refusal}` : ''}`);
  const placesLeft = async (entryId: string) => (await getEntry(db, entryId))?.placesLeft;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDb(kind));
    await migrate(db);
    for (const [i, name] of NAMES.entries()) {
      const made = await insertMember(db, { memberNo: `R${i}`, name, card: null }, NOW);
      if (!made.ok) throw new Error(made.error);
      ids.push(made.value.id);
    }
  });
  afterAll(() => cleanup());

  it('reserves places up to the capacity, then waitlists in order with positions 1, 2', async () => {
    await addClass('yoga-a', 480, 2);
    expect(await reserve('yoga-a', 0, at(0))).toEqual({ kind: 'reserve', status: 'reserved' });
    expect(await reserve('yoga-a', 1, at(1))).toEqual({ kind: 'reserve', status: 'reserved' });
    expect(await reserve('yoga-a', 2, at(2))).toEqual({ kind: 'reserve', status: 'waitlisted', position: 1 });
    expect(await reserve('yoga-a', 3, at(3))).toEqual({ kind: 'reserve', status: 'waitlisted', position: 2 });
    expect(await statusOf('yoga-a')).toEqual(['张小明:reserved', '李四:reserved', '王五:waitlisted', '赵六:waitlisted']);
    expect(await placesLeft('yoga-a')).toBe(0);
    const listed = await reservationsForSnapshot(db, ['yoga-a'], NOW);
    expect(listed.map((r) => [r.memberId, r.status, r.at, r.promotedAt])).toEqual([
      [String(ids[0]), 'reserved', at(0), null], [String(ids[1]), 'reserved', at(1), null],
      [String(ids[2]), 'waitlisted', at(2), null], [String(ids[3]), 'waitlisted', at(3), null],
    ]);
  });

  it('stores a second request of the same member as refused, already_reserved or already_waitlisted, and keeps the first', async () => {
    expect(await reserve('yoga-a', 0, at(5))).toEqual({ kind: 'reserve', status: 'refused', refusal: 'already_reserved' });
    expect(await reserve('yoga-a', 2, at(5))).toEqual({ kind: 'reserve', status: 'refused', refusal: 'already_waitlisted' });
    expect(await statusOf('yoga-a')).toEqual([
      '张小明:reserved', '李四:reserved', '王五:waitlisted', '赵六:waitlisted', '张小明:refused:already_reserved', '王五:refused:already_waitlisted',
    ]);
  });

  it('gives a cancelled place to the first waiting at once, and the notice names them masked for 3 hours', async () => {
    const now = NOW + 60_000;
    expect(await cancel('yoga-a', 1, at(10), now)).toEqual({ kind: 'cancel', status: 'cancelled', promoted: [expect.any(String)] });
    expect((await statusOf('yoga-a')).slice(0, 4)).toEqual(['张小明:reserved', '李四:cancelled', '王五:reserved', '赵六:waitlisted']);
    const listed = await reservationsForSnapshot(db, ['yoga-a'], now);
    expect(listed.map((r) => [r.memberId, r.status, r.promotedAt])).toEqual([
      [String(ids[0]), 'reserved', null], [String(ids[2]), 'reserved', new Date(now).toISOString()], [String(ids[3]), 'waitlisted', null],
    ]);
    const notice = { kind: 'place_freed', entryId: 'yoga-a', maskedName: maskName('王五'), at: new Date(now).toISOString() };
    expect(await noticesForSnapshot(db, now + 3_600_000)).toEqual([notice]);
    expect(await noticesForSnapshot(db, now + 3 * 3_600_000 + 1)).toEqual([]);
  });

  it('gives up a waitlist place without promoting anyone, and the one behind moves up', async () => {
    await addClass('yoga-b', 480, 1);
    await reserve('yoga-b', 0, at(0));
    await reserve('yoga-b', 1, at(1));
    await reserve('yoga-b', 2, at(2));
    expect(await cancel('yoga-b', 1, at(3))).toEqual({ kind: 'cancel', status: 'cancelled', promoted: [] });
    expect(await statusOf('yoga-b')).toEqual(['张小明:reserved', '李四:cancelled', '王五:waitlisted']);
    expect(await reserve('yoga-b', 3, at(4))).toEqual({ kind: 'reserve', status: 'waitlisted', position: 2 });
  });

  it('refuses a place in a class that has started, is cancelled, or has no capacity limit, and stores the refusal', async () => {
    await addClass('yoga-started', 20, 5);
    await addClass('yoga-cancelled', 480, 5);
    await cancelEntry(db, 'yoga-cancelled', NOW);
    await addClass('open-talk', 480, null);
    expect(await reserve('yoga-started', 0, at(20))).toEqual({ kind: 'reserve', status: 'refused', refusal: 'class_started' });
    expect(await reserve('yoga-cancelled', 0)).toEqual({ kind: 'reserve', status: 'refused', refusal: 'class_cancelled' });
    expect(await reserve('open-talk', 0)).toEqual({ kind: 'reserve', status: 'refused', refusal: 'no_reservation_needed' });
    expect(await statusOf('yoga-started')).toEqual(['张小明:refused:class_started']);
    expect(await placesLeft('yoga-started')).toBe(5);
  });

  it('lists a refused request in snapshots for a day with its rule, so the member is told at the next scan, unless they hold a place anyway', async () => {
    await addClass('yoga-too-late', 10, 5);
    // asked for offline after the start: refused when the kiosk's event arrives
    expect(await reserve('yoga-too-late', 1, at(15))).toEqual({ kind: 'reserve', status: 'refused', refusal: 'class_started' });
    const listed = await reservationsForSnapshot(db, ['yoga-too-late'], NOW);
    expect(listed.map((r) => [r.memberId, r.status, r.refusal])).toEqual([[String(ids[1]), 'refused', 'class_started']]);
    expect(await reservationsForSnapshot(db, ['yoga-too-late'], NOW + 25 * 3_600_000)).toEqual([]);
    // a refusal of a second request says nothing while the first place stands
    await addClass('yoga-twice', 480, 5);
    await reserve('yoga-twice', 1, at(0));
    expect(await reserve('yoga-twice', 1, at(1))).toMatchObject({ status: 'refused', refusal: 'already_reserved' });
    expect((await reservationsForSnapshot(db, ['yoga-twice'], NOW)).map((r) => r.status)).toEqual(['reserved']);
  });

  it('judges by the time the member asked: an offline request made before the start still gets its place', async () => {
    await addClass('yoga-offline', 20, 5);
    expect(await reserve('yoga-offline', 0, at(19), Date.parse(at(40)))).toEqual({ kind: 'reserve', status: 'reserved' });
  });

  it('refuses to cancel a place the member does not hold, or once the class has started, and changes nothing', async () => {
    await addClass('yoga-c', 30, 1);
    await reserve('yoga-c', 0, at(0));
    await reserve('yoga-c', 1, at(1));
    expect(await cancel('yoga-c', 2, at(2))).toEqual({ kind: 'cancel', status: 'refused', refusal: 'not_reserved' });
    expect(await cancel('yoga-c', 0, at(30), Date.parse(at(30)))).toEqual({ kind: 'cancel', status: 'refused', refusal: 'class_started' });
    expect(await statusOf('yoga-c')).toEqual(['张小明:reserved', '李四:waitlisted']);
    // nobody waits for a class that has started: its waitlist is left out of the snapshot
    expect((await reservationsForSnapshot(db, ['yoga-c'], Date.parse(at(31)))).map((r) => r.status)).toEqual(['reserved']);
    expect((await reservationsForSnapshot(db, ['yoga-c'])).map((r) => r.status)).toEqual(['reserved', 'waitlisted']);
  });

  it('rejects a member nobody has, an unmapped card and a class nobody has, and stores nothing', async () => {
    await addClass('yoga-d', 480, 5);
    const unknownCard = createHash('sha256').update('424242').digest('hex');
    const cases = [
      reserveEvent('class_reserve', 'yoga-d', badge(987_654), at(0)),
      reserveEvent('class_reserve', 'yoga-d', card(unknownCard, null), at(0)),
      reserveEvent('class_reserve', 'yoga-d', card(unknownCard, 987_654), at(0)),
      reserveEvent('class_reserve_cancel', 'yoga-d', badge(987_654), at(0)),
      reserveEvent('class_reserve', 'no-such-class', m(0), at(0)),
      reserveEvent('class_reserve_cancel', 'no-such-class', m(0), at(0)),
    ];
    const answers = [];
    for (const e of cases) answers.push(await apply(e));
    expect(answers.map((a) => 'error' in a && a.error)).toEqual(['unknown_member', 'unknown_member', 'unknown_member', 'unknown_member', 'unknown_entry', 'unknown_entry']);
    const stored = await db.query('SELECT id FROM events WHERE id = ANY($1::uuid[])', [cases.map((e) => e.id)]);
    expect(stored).toEqual([]);
    expect(await rowsOf('yoga-d')).toEqual([]);
  });

  it('gives the last two places to two of six members asking at once; the others wait at positions 1 to 4', async () => {
    await addClass('yoga-race', 480, 2);
    // six connections open first, so the six requests really run side by side on PostgreSQL
    await Promise.all(NAMES.map(() => db.transaction((tx) => tx.query('SELECT pg_sleep(0.05)'))));
    const answers = await Promise.all(NAMES.map((_, i) => reserve('yoga-race', i, at(0))));
    expect(answers.filter((a) => 'status' in a && a.status === 'reserved')).toHaveLength(2);
    expect(answers.flatMap((a) => ('position' in a ? [a.position] : [])).sort()).toEqual([1, 2, 3, 4]);
    expect((await rowsOf('yoga-race')).map((r) => r.status).sort()).toEqual(['reserved', 'reserved', 'waitlisted', 'waitlisted', 'waitlisted', 'waitlisted']);
  });

  it('gives two places cancelled at the same moment to the first two waiting, one each', async () => {
    await addClass('yoga-two-cancels', 480, 2);
    for (const [i, who] of [0, 1, 2, 3].entries()) await reserve('yoga-two-cancels', who, at(i));
    await Promise.all(NAMES.map(() => db.transaction((tx) => tx.query('SELECT pg_sleep(0.05)'))));
    const answers = await Promise.all([cancel('yoga-two-cancels', 0, at(10)), cancel('yoga-two-cancels', 1, at(10))]);
    expect(answers.flatMap((a) => ('promoted' in a ? a.promoted : []))).toHaveLength(2);
    expect(await statusOf('yoga-two-cancels')).toEqual(['张小明:cancelled', '李四:cancelled', '王五:reserved', '赵六:reserved']);
  });

  it('promotes once when two timers run at once: exactly the freed places go to the first waiting', async () => {
    await promoteWaitlists(db, config, NOW); // whatever earlier tests left due
    await addClass('yoga-timer', 480, 1);
    for (const [i, who] of [0, 1, 2, 3].entries()) await reserve('yoga-timer', who, at(i));
    // staff free a place and raise the capacity by one: two places for the timer to give
    await db.query(`UPDATE class_reservations SET status = 'cancelled', cancelled_by = 'staff' WHERE entry_id = 'yoga-timer' AND member_id = $1`, [ids[0]]);
    await db.query(`UPDATE schedule_entries SET capacity = 2 WHERE id = 'yoga-timer'`);
    const now = NOW + 120_000;
    const counts = await Promise.all([promoteWaitlists(db, config, now), promoteWaitlists(db, config, now)]);
    expect(counts[0]! + counts[1]!).toBe(2);
    expect(await statusOf('yoga-timer')).toEqual(['张小明:cancelled', '李四:reserved', '王五:reserved', '赵六:waitlisted']);
    expect(await promoteWaitlists(db, config, now)).toBe(0);
    expect((await noticesForSnapshot(db, now)).filter((n) => n.entryId === 'yoga-timer').map((n) => n.maskedName).sort())
      .toEqual([maskName('李四'), maskName('王五')].sort());
  });

  it('promotes nobody once the class has started: the freed place is then for walk-ins', async () => {
    await addClass('yoga-late', 30, 1);
    await reserve('yoga-late', 0, at(0));
    await reserve('yoga-late', 1, at(1));
    await db.query(`UPDATE schedule_entries SET capacity = 2 WHERE id = 'yoga-late'`);
    await promoteWaitlists(db, config, Date.parse(at(30)));
    expect(await statusOf('yoga-late')).toEqual(['张小明:reserved', '李四:waitlisted']);
  });

  describe('places in class check-in and in the schedule', () => {
    it('lets a reserved member into a full class while a walk-in is over capacity (hub outcome full)', async () => {
      await addClass('yoga-full', 20, 1);
      await reserve('yoga-full', 0, at(-60));
      expect(await placesLeft('yoga-full')).toBe(0);
      const walkIn = classCheckin('lobby-1', at(0), m(1), 'yoga-full');
      const reserved = classCheckin('lobby-1', at(1), m(0), 'yoga-full');
      expect((await applyEvent(db, 'lobby-1', walkIn, NOW, config)).status).toBe('applied');
      expect((await applyEvent(db, 'lobby-1', reserved, NOW, config)).status).toBe('applied');
      const rows = await db.query<{ member_id: number; hub_outcome: string }>('SELECT member_id, hub_outcome FROM class_attendance WHERE entry_id = $1 ORDER BY at', ['yoga-full']);
      expect(rows).toEqual([{ member_id: ids[1], hub_outcome: 'full' }, { member_id: ids[0], hub_outcome: 'checked_in' }]);
      expect(await placesLeft('yoga-full')).toBe(0);
    });

    it('counts reserved places and walk-ins in placesLeft, a reserved member who checked in once', async () => {
      await addClass('yoga-left', 20, 4);
      await reserve('yoga-left', 0, at(-60));
      await reserve('yoga-left', 1, at(-59));
      expect(await placesLeft('yoga-left')).toBe(2);
      await applyEvent(db, 'lobby-1', classCheckin('lobby-1', at(0), m(0), 'yoga-left'), NOW, config);
      expect(await placesLeft('yoga-left')).toBe(2);
      await applyEvent(db, 'lobby-1', classCheckin('lobby-1', at(0), m(2), 'yoga-left'), NOW, config);
      const listed = await listEntries(db, Date.parse(at(0)), Date.parse(at(60)));
      expect(listed.find((e) => e.id === 'yoga-left')?.placesLeft).toBe(1);
      expect(listed.find((e) => e.id === 'yoga-full')?.placesLeft).toBe(0);
    });
  });
});
