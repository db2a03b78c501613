import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedToEpoch } from '../../../src/domain/index';
import { releaseNoShows } from '../../../src/hub/bookings/no-shows';
import { addBlock, cancelByStaff, getBooking, liftBlock, liftSuspension, listBookings } from '../../../src/hub/bookings/repo';
import { applyBatch, applyEvent } from '../../../src/hub/events/apply';
import { createHub, runHousekeeping } from '../../../src/hub/hub';
import { insertMember } from '../../../src/hub/members/repo';
import { eventId } from '../../fixtures/events/make';
import { badge } from '../../fixtures/hub/checkin';
import { ADMIN_PASSWORD, DB_KINDS, demoConfig, NOW, startTestHub, type TestHub } from './harness';

// Staff changes to bookings (the admin page's repo), the one-event-per-transaction apply path (the
// fallback when a batch fails) and the housekeeping entry point the hub's timer calls.

const TZ = 'Asia/Shanghai';
const sh = (day: string, time: string) => zonedToEpoch(day, time, TZ);
const iso = (ms: number) => new Date(ms).toISOString();
const AT = iso(NOW);
const MINUTE = 60_000;
const config = demoConfig();

let seq = 0;
const booking = (memberId: number, facilityId: string, startsAt: number, endsAt: number, at = AT) => ({
  id: eventId(), kioskId: 'lobby-1', seq: ++seq, at, kind: 'booking' as const,
  payload: { identity: badge(memberId), facilityId, startsAt: iso(startsAt), endsAt: iso(endsAt) },
});

describe.each(DB_KINDS)('booking repo and apply paths on %s', (kind) => {
  let hub: TestHub;
  const ids: number[] = [];
  const statusOf = async (id: string) => (await getBooking(hub.db, id))?.status;

  beforeAll(async () => {
    hub = await startTestHub(kind);
    for (let i = 1; i <= 9; i++) {
      const made = await insertMember(hub.db, { memberNo: `R${i}`, name: `Member ${i}`, card: null }, NOW);
      if (!made.ok) throw new Error(made.error);
      ids.push(made.value.id);
    }
  });
  afterAll(() => hub.cleanup());

  it('applies a booking one event per transaction as the batch does, refuses the same slot for the next member and answers a resend as duplicate', async () => {
    const a = booking(ids[0]!, 'badminton-1', sh('2026-03-05', '09:00'), sh('2026-03-05', '10:00'));
    const b = booking(ids[1]!, 'badminton-1', sh('2026-03-05', '09:00'), sh('2026-03-05', '10:00'));
    expect(await applyEvent(hub.db, 'lobby-1', a, NOW, config)).toEqual({ id: a.id, status: 'applied' });
    expect(await applyEvent(hub.db, 'lobby-1', b, NOW, config)).toEqual({ id: b.id, status: 'applied' });
    expect(await applyEvent(hub.db, 'lobby-1', a, NOW, config)).toEqual({ id: a.id, status: 'duplicate' });
    expect(await applyBatch(hub.db, 'lobby-1', [b], NOW, () => undefined, config)).toEqual([{ id: b.id, status: 'duplicate' }]);
    expect(await statusOf(a.id)).toBe('confirmed');
    expect((await getBooking(hub.db, b.id))).toMatchObject({ status: 'refused', refusal: 'slot_taken', memberId: ids[1] });
    expect(await hub.db.query('SELECT count(*)::int AS n FROM bookings WHERE id = ANY($1::uuid[])', [[a.id, b.id]])).toEqual([{ n: 2 }]);
  });

  it('rejects booking events when the hub has no config to judge them by, and stores nothing', async () => {
    const e = booking(ids[2]!, 'badminton-2', sh('2026-03-05', '09:00'), sh('2026-03-05', '10:00'));
    expect(await applyEvent(hub.db, 'lobby-1', e, NOW)).toEqual({ id: e.id, status: 'rejected', reason: 'invalid' });
    expect(await getBooking(hub.db, e.id)).toBeNull();
  });

  it('lets staff cancel a confirmed booking only with a reason, once, and never a refused one', async () => {
    const made = booking(ids[3]!, 'tt-1', sh('2026-03-05', '09:00'), sh('2026-03-05', '10:00'));
    const lost = booking(ids[4]!, 'tt-1', sh('2026-03-05', '09:00'), sh('2026-03-05', '10:00'));
    await applyBatch(hub.db, 'lobby-1', [made, lost], NOW, () => undefined, config);
    expect(await cancelByStaff(hub.db, made.id, '   ', 'admin', NOW)).toEqual({ ok: false, error: 'reason_required' });
    expect(await cancelByStaff(hub.db, lost.id, '比赛', 'admin', NOW)).toEqual({ ok: false, error: 'not_cancellable' });
    expect(await cancelByStaff(hub.db, 'not-a-uuid', '比赛', 'admin', NOW)).toEqual({ ok: false, error: 'unknown_booking' });
    const done = await cancelByStaff(hub.db, made.id, ' 比赛 ', 'admin', NOW);
    expect(done.ok && done.value).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', reason: '比赛', staffUser: 'admin', cancelledAt: NOW });
    expect(await cancelByStaff(hub.db, made.id, '比赛', 'admin', NOW)).toEqual({ ok: false, error: 'not_cancellable' });
  });

  it('refuses a block on a facility nobody has, an empty time or no reason, and never cancels a block as a booking', async () => {
    const from = sh('2026-03-06', '08:00');
    expect(await addBlock(hub.db, config, { facilityId: 'moon', startsAt: from, endsAt: from + 60 * MINUTE, reason: 'x' }, 'admin', NOW)).toEqual({ ok: false, error: { code: 'unknown_facility' } });
    expect(await addBlock(hub.db, config, { facilityId: 'tt-2', startsAt: from, endsAt: from, reason: 'x' }, 'admin', NOW)).toEqual({ ok: false, error: { code: 'invalid_interval' } });
    expect(await addBlock(hub.db, config, { facilityId: 'tt-2', startsAt: from, endsAt: from + MINUTE, reason: ' ' }, 'admin', NOW)).toEqual({ ok: false, error: { code: 'reason_required' } });
    const block = await addBlock(hub.db, config, { facilityId: 'tt-2', startsAt: from, endsAt: from + 4 * 60 * MINUTE, reason: '检修' }, 'admin', NOW);
    if (!block.ok) throw new Error('expected a block');
    expect(block.value).toMatchObject({ status: 'block', memberId: null, facilityKind: 'table-tennis', source: 'admin', reason: '检修', staffUser: 'admin' });
    // a second block over part of it clashes with the first
    const again = await addBlock(hub.db, config, { facilityId: 'tt-2', startsAt: from + 60 * MINUTE, endsAt: from + 5 * 60 * MINUTE, reason: '检修' }, 'admin', NOW);
    expect(again.ok === false && again.error.code === 'overlaps' && again.error.clashes.map((c) => c.id)).toEqual([block.value.id]);
    expect(await cancelByStaff(hub.db, block.value.id, '检修', 'admin', NOW)).toEqual({ ok: false, error: 'unknown_booking' });
    expect(await liftBlock(hub.db, block.value.id, 'admin', NOW)).toEqual({ ok: true, value: true });
    expect(await liftBlock(hub.db, block.value.id, 'admin', NOW)).toEqual({ ok: false, error: 'unknown_block' });
    expect(await liftBlock(hub.db, 'nope', 'admin', NOW)).toEqual({ ok: false, error: 'unknown_block' });
    const listed = await listBookings(hub.db, from, from + 24 * 60 * MINUTE);
    expect(listed.filter((b) => b.facilityId === 'tt-2').map((b) => b.status)).toEqual(['block_lifted']);
  });

  it('answers an unknown or already lifted suspension as unknown_suspension', async () => {
    expect(await liftSuspension(hub.db, 999_999, 'admin', NOW)).toEqual({ ok: false, error: 'unknown_suspension' });
    expect(await liftSuspension(hub.db, Number.NaN, 'admin', NOW)).toEqual({ ok: false, error: 'unknown_suspension' });
  });

  it('releases due no-shows from the housekeeping the hub timer runs, and leaves checked-in and not yet due bookings alone', async () => {
    const [m1, m2, m3] = [ids[5]!, ids[6]!, ids[7]!];
    const due = booking(m1, 'badminton-3', sh('2026-03-04', '11:00'), sh('2026-03-04', '12:00'));
    const came = booking(m2, 'badminton-2', sh('2026-03-04', '11:00'), sh('2026-03-04', '12:00'));
    const later = booking(m3, 'badminton-3', sh('2026-03-04', '12:00'), sh('2026-03-04', '13:00'));
    const checkin = { id: eventId(), kioskId: 'lobby-1', seq: ++seq, at: iso(sh('2026-03-04', '10:50')), kind: 'booking_checkin' as const, payload: { identity: badge(m2), bookingId: came.id } };
    await applyBatch(hub.db, 'lobby-1', [due, came, later, checkin], NOW, () => undefined, config);
    const logged: string[] = [];
    await runHousekeeping(hub.db, config, sh('2026-03-04', '11:15'), (m) => logged.push(m));
    expect(logged).toEqual([]);
    expect([await statusOf(due.id), await statusOf(came.id), await statusOf(later.id)]).toEqual(['no_show', 'checked_in', 'confirmed']);
    expect(await releaseNoShows(hub.db, config, sh('2026-03-04', '11:15'))).toEqual([]);
  });

  it('runs the housekeeping as a hub with its timers starts, so a no-show that fell due while it was down is released at once', async () => {
    const due = booking(ids[8]!, 'badminton-1', sh('2026-03-04', '12:00'), sh('2026-03-04', '13:00'));
    await applyBatch(hub.db, 'lobby-1', [due], NOW, () => undefined, config);
    const logged: string[] = [];
    const restarted = await createHub({ db: hub.db, config, kioskDist: hub.kioskDist, adminPassword: ADMIN_PASSWORD, now: () => sh('2026-03-04', '12:15'), log: (m) => logged.push(m) });
    restarted.stop();
    expect(await statusOf(due.id)).toBe('no_show');
    expect(logged).toEqual([]);
  });
});
