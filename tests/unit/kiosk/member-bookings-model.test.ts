import { describe, expect, it } from 'vitest';
import { bookingCode } from '../../../src/domain/booking';
import type { Snapshot, SnapshotBooking, SnapshotReservation } from '../../../src/domain/protocol';
import { CARD, T0, badge, kiosk, kioskSnapshot, memoryBookingJournal, spin } from './member-fixture';
import { entry } from '../../fixtures/snapshot';

// The member model with bookings and class places (issue 5): a kiosk at 14:00 Shanghai (06:00Z).

const MIN = 60_000;
const ID = '019a8b2e-7c41-7d2a-9f3e-5b6c7d8e9f01';
const CODE = bookingCode(ID);
const court = (over: Partial<SnapshotBooking> = {}): SnapshotBooking => ({
  id: ID, facilityId: 'activity-room', startsAt: '2026-05-12T06:00:00.000Z', endsAt: '2026-05-12T07:00:00.000Z', memberId: '42',
  status: 'confirmed', code: CODE, refusal: null, cancelledBy: null, reason: null, ...over,
});
const place = (memberId: string, status: 'reserved' | 'waitlisted', n: number): SnapshotReservation => ({
  id: `019a8b2e-7c41-7d2a-9f3e-5b6c7d8e9f1${n}`, entryId: 'yoga-1830', memberId, status, at: `2026-05-11T0${n}:00:00.000Z`, promotedAt: null,
});
const yoga = entry({ id: 'yoga-1830', startsAt: '2026-05-12T10:30:00.000Z', endsAt: '2026-05-12T11:30:00.000Z', capacity: 2 });

/** the fixture's snapshot without the class open now (spin), with yoga tonight and what is given */
async function snap(over: Partial<Snapshot> = {}, withSpin = false): Promise<Snapshot> {
  const base = await kioskSnapshot();
  return { ...base, schedule: [...base.schedule.filter((e) => (withSpin || e !== spin) && e.id !== 'yoga'), yoga], ...over };
}

describe('bookings on the member screen', () => {
  it('checks in to the booking whose window is open when the member scans, like the one open class', async () => {
    const k = await kiosk({ snapshot: await snap({ bookings: [court()] }) });
    await k.model.scan(await badge(), 'camera');
    expect(k.kinds()).toEqual(['visit', 'booking_checkin']);
    expect(k.sink.calls[1]!.payload).toEqual({ identity: expect.objectContaining({ via: 'badge', memberId: '42' }), bookingId: ID });
    expect(k.model.outcome.value).toMatchObject({ code: 'booking_checked_in', tone: 'success', outcome: { facilityId: 'activity-room', startsAt: T0 } });
    expect(k.model.options.value!.bookings!.bookings).toEqual([expect.objectContaining({ id: ID, status: 'checked_in', canCheckIn: false })]);
    expect(k.bookingJournal.rows.size).toBe(1);
  });

  it('asks instead when a class and a booking are both open: nothing is checked in by itself', async () => {
    const k = await kiosk({ snapshot: await snap({ bookings: [court()] }, true) });
    await k.model.scan(await badge(), 'camera');
    expect(k.kinds()).toEqual(['visit']);
    expect(k.model.options.value!.classes.map((c) => c.entryId)).toEqual(['spin-1410']);
    await k.model.checkInBooking(ID);
    expect(k.kinds()).toEqual(['visit', 'booking_checkin']);
  });

  it('cancels an upcoming booking: the event is written, the slot is free at once and the list drops it', async () => {
    const k = await kiosk({ snapshot: await snap({ bookings: [court({ startsAt: '2026-05-12T10:00:00.000Z', endsAt: '2026-05-12T11:00:00.000Z' })] }) });
    await k.model.scan(await badge(), 'camera');
    expect(k.kinds()).toEqual(['visit']);
    expect(k.model.options.value!.bookings!.bookings).toEqual([expect.objectContaining({ canCancel: true, canCheckIn: false })]);
    await k.model.cancelBooking(ID);
    expect(k.sink.calls[1]).toEqual({ kind: 'booking_cancel', payload: expect.objectContaining({ bookingId: ID }) });
    expect(k.model.outcome.value).toMatchObject({ code: 'booking_cancelled', tone: 'info' });
    expect(k.bookings.value.bookings[0]).toMatchObject({ status: 'cancelled', cancelledBy: 'member' });
    expect(k.model.options.value!.bookings!.bookings).toEqual([]);
  });

  it("refuses to cancel a booking that has started, writes nothing, and ignores another member's booking", async () => {
    const k = await kiosk({ snapshot: await snap({ bookings: [court(), court({ id: 'other', memberId: '7', code: 'XXXXXX' })] }) });
    await k.model.scan(await badge(), 'camera'); // checks in to the court at 14:00
    await k.advance(2 * MIN);
    await k.model.cancelBooking(ID);
    expect(k.model.outcome.value).toMatchObject({ code: 'booking_not_cancellable', tone: 'refused' });
    const before = k.sink.calls.length;
    await k.model.cancelBooking('other');
    expect(k.sink.calls.length).toBe(before);
  });

  it('tells a booking too early to check in when it opens', async () => {
    const k = await kiosk({ snapshot: await snap({ bookings: [court({ startsAt: '2026-05-12T08:00:00.000Z', endsAt: '2026-05-12T09:00:00.000Z' })] }) });
    await k.model.scan(await badge(), 'camera');
    await k.model.checkInBooking(ID);
    expect(k.model.outcome.value).toMatchObject({ code: 'booking_too_early', outcome: { opensAt: Date.parse('2026-05-12T07:45:00Z') } });
    expect(k.kinds()).toEqual(['visit']);
  });

  it('shows nothing of bookings to an unmapped card (accepted unverified offline) and acts on none', async () => {
    const k = await kiosk({ snapshot: await snap({ bookings: [court()], cardMap: {} }) });
    k.connection.value = 'offline';
    await k.model.scan(CARD, 'wedge');
    expect(k.model.session.value).toMatchObject({ verified: false });
    expect(k.model.options.value!.bookings).toBeNull();
    await k.model.checkInBooking(ID);
    expect(k.kinds()).toEqual(['visit']);
  });

  it('says not_saved and keeps no record when the outbox refuses the check-in', async () => {
    const k = await kiosk({ snapshot: await snap({ bookings: [court({ startsAt: '2026-05-12T10:00:00.000Z', endsAt: '2026-05-12T11:00:00.000Z' })] }) });
    await k.model.scan(await badge(), 'camera');
    k.sink.fail('storage_full');
    await k.model.cancelBooking(ID);
    expect(k.model.outcome.value!.code).toBe('not_saved');
    expect(k.bookingRecords.records.value).toEqual([]);
  });
});

describe('class places on the member screen', () => {
  it('reserves a place while one is left: class_reserve written, the place shown pending until the hub lists it', async () => {
    const k = await kiosk({ snapshot: await snap() });
    await k.model.scan(await badge(), 'camera');
    expect(k.model.options.value!.bookings!.offers).toEqual([expect.objectContaining({ entryId: 'yoga-1830', offer: 'reserve', placesLeft: 2 })]);
    await k.model.reserve('yoga-1830');
    expect(k.sink.calls[1]).toEqual({ kind: 'class_reserve', payload: expect.objectContaining({ entryId: 'yoga-1830' }) });
    expect(k.model.outcome.value).toMatchObject({ code: 'place_reserved', tone: 'success' });
    expect(k.model.options.value!.bookings!.places).toEqual([expect.objectContaining({ entryId: 'yoga-1830', status: 'pending', held: 'reserved' })]);
    expect(k.model.options.value!.bookings!.offers).toEqual([]);
    k.snap.value = await snap({ reservations: [{ ...place('42', 'reserved', 1), id: '0190-id-2' }] });
    expect(k.model.options.value!.bookings!.places).toEqual([expect.objectContaining({ status: 'reserved' })]);
  });

  it('puts the member on the waitlist with their position when the class is full, and gives it up on request', async () => {
    const k = await kiosk({ snapshot: await snap({ reservations: [place('7', 'reserved', 1), place('8', 'reserved', 2), place('9', 'waitlisted', 3)] }) });
    await k.model.scan(await badge(), 'camera');
    expect(k.model.options.value!.bookings!.offers).toEqual([expect.objectContaining({ offer: 'waitlist', position: 2 })]);
    await k.model.reserve('yoga-1830');
    expect(k.model.outcome.value).toMatchObject({ code: 'place_waitlisted', outcome: { position: 2 } });
    expect(k.model.options.value!.bookings!.places).toEqual([expect.objectContaining({ status: 'pending', held: 'waitlisted', position: 2 })]);
    await k.model.cancelPlace('yoga-1830');
    expect(k.kinds()).toEqual(['visit', 'class_reserve', 'class_reserve_cancel']);
    expect(k.model.outcome.value!.code).toBe('place_cancelled');
    expect(k.model.options.value!.bookings!.places).toEqual([]);
  });

  it('lets a member holding a place into a full class, on their scan', async () => {
    const base = await snap({}, true);
    const reservations = [{ ...place('42', 'reserved', 1), entryId: spin.id }];
    const today = { day: '2026-05-12', visits: [], attendance: [{ entryId: spin.id, memberIds: ['1', '2'] }], gym: [], names: {} };
    const k = await kiosk({ snapshot: { ...base, reservations, today } });
    await k.model.scan(await badge(), 'camera');
    expect(k.sink.calls[1]!.payload).toMatchObject({ entryId: spin.id, outcome: 'checked_in' });
    expect(k.model.outcome.value!.outcome).toMatchObject({ outcome: 'checked_in', reserved: true });
  });

  it('counts places reserved by others as taken for a walk-in, and shows the class as full', async () => {
    const base = await snap({}, true);
    const reservations = [{ ...place('7', 'reserved', 1), entryId: spin.id }, { ...place('8', 'reserved', 2), entryId: spin.id }];
    const k = await kiosk({ snapshot: { ...base, reservations } });
    await k.model.scan(await badge(), 'camera');
    expect(k.sink.calls[1]!.payload).toMatchObject({ entryId: spin.id, outcome: 'full' });
    expect(k.model.options.value!.classes[0]).toMatchObject({ status: 'full' });
  });

  it('still knows a place asked for here after a reload, from the booking journal', async () => {
    const bookingJournal = memoryBookingJournal();
    const first = await kiosk({ snapshot: await snap(), bookingJournal });
    await first.model.scan(await badge(), 'camera');
    await first.model.reserve('yoga-1830');
    const again = await kiosk({ snapshot: await snap(), bookingJournal });
    await again.model.scan(await badge(), 'camera');
    expect(again.model.options.value!.bookings!.places).toEqual([expect.objectContaining({ entryId: 'yoga-1830', status: 'pending' })]);
  });

  it('lists place-freed notices for the attract screen from the snapshot', async () => {
    const k = await kiosk({ snapshot: await snap({ notices: [{ kind: 'place_freed', entryId: 'yoga-1830', maskedName: '王*', at: '2026-05-12T05:50:00.000Z' }] }) });
    expect(k.model.notices.value).toEqual([expect.objectContaining({ entryId: 'yoga-1830', maskedName: '王*' })]);
  });
});
