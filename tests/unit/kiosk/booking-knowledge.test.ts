import { describe, expect, it } from 'vitest';
import { bookingCode } from '../../../src/domain/booking';
import type { SnapshotBooking } from '../../../src/domain/protocol';
import type { BookingRecord } from '../../../src/kiosk/data/booking-journal';
import { deriveBookingKnowledge, deriveExpiredBookingRecords, memberBookingFacts, takenIntervals } from '../../../src/kiosk/state/book/booking-knowledge';
import { snapshot } from '../../fixtures/snapshot';

const T = (iso: string) => Date.parse(iso);
const ID_A = '019a8b2e-7c41-7d2a-9f3e-5b6c7d8e9f01';
const ID_B = '019a8b2e-7c41-7d2a-9f3e-5b6c7d8e9f02';
const hub = (over: Partial<SnapshotBooking> = {}): SnapshotBooking => ({
  id: ID_A, facilityId: 'activity-room', startsAt: '2026-05-12T10:00:00.000Z', endsAt: '2026-05-12T11:00:00.000Z', memberId: '7',
  status: 'confirmed', code: bookingCode(ID_A), refusal: null, cancelledBy: null, reason: null, ...over,
});
const own = (over: Partial<Extract<BookingRecord, { kind: 'booking' }>> = {}): BookingRecord => ({
  kind: 'booking', id: ID_A, at: T('2026-05-12T06:00:00Z'), memberId: '7', facilityId: 'activity-room', facilityKind: 'room',
  startsAt: T('2026-05-12T10:00:00Z'), endsAt: T('2026-05-12T11:00:00Z'), ...over,
});

describe('booking knowledge', () => {
  it('shows a booking only this kiosk knows as pending, with the code the hub will give it', () => {
    const k = deriveBookingKnowledge(snapshot(), [own()]);
    expect(k.bookings).toMatchObject([{ id: ID_A, status: 'pending', code: bookingCode(ID_A), kind: 'room' }]);
    expect(takenIntervals(k, 'activity-room')).toEqual([{ startsAt: T('2026-05-12T10:00:00Z'), endsAt: T('2026-05-12T11:00:00Z') }]);
  });

  it("takes the hub's verdict over the kiosk's own record once the snapshot lists it", () => {
    const k = deriveBookingKnowledge(snapshot({ bookings: [hub({ status: 'refused', refusal: 'slot_taken' })] }), [own()]);
    expect(k.bookings).toMatchObject([{ id: ID_A, status: 'refused', refusal: 'slot_taken' }]);
    expect(takenIntervals(k, 'activity-room')).toEqual([]);
  });

  it('frees the slot at once when the member cancels here, before the hub hears of it', () => {
    const cancel: BookingRecord = { kind: 'booking_cancel', id: ID_B, at: T('2026-05-12T07:00:00Z'), memberId: '7', bookingId: ID_A, endsAt: T('2026-05-12T11:00:00Z') };
    const k = deriveBookingKnowledge(snapshot({ bookings: [hub()] }), [cancel]);
    expect(k.bookings[0]).toMatchObject({ status: 'cancelled', cancelledBy: 'member' });
    expect(takenIntervals(k, 'activity-room')).toEqual([]);
  });

  it('counts a staff block as taken but as nobody’s booking', () => {
    const k = deriveBookingKnowledge(snapshot({ bookings: [hub({ memberId: null, status: 'block', reason: 'floor repair' })] }), []);
    expect(takenIntervals(k, 'activity-room')).toHaveLength(1);
    expect(memberBookingFacts(k, '7').bookings).toEqual([]);
  });

  it("gives decideBooking a member's bookings and suspension", () => {
    const until = '2026-05-20T00:00:00.000Z';
    const k = deriveBookingKnowledge(snapshot({ bookings: [hub()], bookingSuspensions: { '7': until } }), []);
    expect(memberBookingFacts(k, '7')).toMatchObject({ bookings: [{ id: ID_A }], suspendedUntil: T(until) });
    expect(memberBookingFacts(k, '8')).toEqual({ bookings: [], noShowsAt: [], suspendedUntil: null });
  });

  it("keeps a class place asked for here as pending until the snapshot has it, and drops one given up here", () => {
    const reserve: BookingRecord = { kind: 'class_reserve', id: ID_A, at: T('2026-05-12T06:00:00Z'), memberId: '7', entryId: 'yoga', endsAt: T('2026-05-12T11:30:00Z'), status: 'waitlisted' };
    expect(deriveBookingKnowledge(snapshot(), [reserve]).reservations).toMatchObject([{ entryId: 'yoga', status: 'waitlisted', pending: true }]);
    const listed = snapshot({ reservations: [{ id: ID_A, entryId: 'yoga', memberId: '7', status: 'reserved', at: '2026-05-12T06:00:00.000Z', promotedAt: '2026-05-12T08:00:00.000Z' }] });
    expect(deriveBookingKnowledge(listed, [reserve]).reservations).toMatchObject([{ status: 'reserved', pending: false, promotedAt: T('2026-05-12T08:00:00Z') }]);
    const cancel: BookingRecord = { kind: 'class_reserve_cancel', id: ID_B, at: T('2026-05-12T09:00:00Z'), memberId: '7', entryId: 'yoga', endsAt: T('2026-05-12T11:30:00Z') };
    expect(deriveBookingKnowledge(listed, [reserve, cancel]).reservations).toEqual([]);
  });

  it("stops calling a class place pending once the hub refused it, and tells the refusal unless a place is held", () => {
    const reserve: BookingRecord = { kind: 'class_reserve', id: ID_A, at: T('2026-05-12T06:00:00Z'), memberId: '7', entryId: 'yoga', endsAt: T('2026-05-12T11:30:00Z'), status: 'reserved' };
    const refused = snapshot({ reservations: [{ id: ID_A, entryId: 'yoga', memberId: '7', status: 'refused', refusal: 'class_started', at: '2026-05-12T06:00:00.000Z', promotedAt: null }] });
    const k = deriveBookingKnowledge(refused, [reserve]);
    expect(k.reservations).toEqual([]);
    expect(k.refusedPlaces).toEqual([{ id: ID_A, entryId: 'yoga', memberId: '7', refusal: 'class_started' }]);
    const again: BookingRecord = { ...reserve, id: ID_B, at: T('2026-05-12T07:00:00Z') };
    expect(deriveBookingKnowledge(refused, [reserve, again])).toMatchObject({ reservations: [{ id: ID_B, pending: true }], refusedPlaces: [] });
  });

  it('forgets own records a day after their time is over', () => {
    const r = own();
    expect(deriveExpiredBookingRecords([r], T('2026-05-13T10:59:00Z'))).toEqual([]);
    expect(deriveExpiredBookingRecords([r], T('2026-05-13T11:01:00Z'))).toEqual([ID_A]);
  });
});
