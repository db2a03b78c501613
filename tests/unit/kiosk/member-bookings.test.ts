import { describe, expect, it } from 'vitest';
import { bookingCode } from '../../../src/domain/booking';
import { RULE_DEFAULTS } from '../../../src/domain/config/defaults';
import type { Snapshot, SnapshotBooking, SnapshotReservation } from '../../../src/domain/protocol';
import type { BookingRecord } from '../../../src/kiosk/data/booking-journal';
import { deriveBookingKnowledge } from '../../../src/kiosk/state/book/booking-knowledge';
import { deriveCheckableBookings, deriveMemberBookings, deriveNotices, reservedMembers } from '../../../src/kiosk/state/book/member-bookings';
import { entry, snapshot } from '../../fixtures/snapshot';

// Pure derivations of the member screen's bookings and class places, with time as an argument.
// The center is in Shanghai (UTC+8): 06:00Z is 14:00 there.

const T = (iso: string) => Date.parse(iso);
const NOW = T('2026-05-12T06:00:00Z'); // 14:00
const MIN = 60_000;
const TZ = 'Asia/Shanghai';
const id = (n: number) => `019a8b2e-7c41-7d2a-9f3e-5b6c7d8e9f${String(n).padStart(2, '0')}`;

const hub = (n: number, over: Partial<SnapshotBooking> = {}): SnapshotBooking => ({
  id: id(n), facilityId: 'activity-room', startsAt: '2026-05-12T08:00:00.000Z', endsAt: '2026-05-12T09:00:00.000Z', memberId: '42',
  status: 'confirmed', code: bookingCode(id(n)), refusal: null, cancelledBy: null, reason: null, ...over,
});
const place = (n: number, over: Partial<SnapshotReservation> = {}): SnapshotReservation => ({
  id: id(n), entryId: 'yoga', memberId: '42', status: 'reserved', at: '2026-05-11T06:00:00.000Z', promotedAt: null, ...over,
});

// yoga 18:30 today (capacity 2), a class on the 14th (too far to offer), one without a capacity limit
const yoga = entry({ id: 'yoga', startsAt: '2026-05-12T10:30:00.000Z', endsAt: '2026-05-12T11:30:00.000Z', capacity: 2 });
const later = entry({ id: 'later', startsAt: '2026-05-14T02:00:00.000Z', endsAt: '2026-05-14T03:00:00.000Z', capacity: 5 });
const open = entry({ id: 'open', startsAt: '2026-05-13T02:00:00.000Z', endsAt: '2026-05-13T03:00:00.000Z', capacity: null, placesLeft: null });
const snap = (over: Partial<Snapshot> = {}) => snapshot({ schedule: [yoga, later, open], ...over });

function view(s: Snapshot, records: BookingRecord[] = [], now = NOW, attendance = new Map<string, Set<string>>()) {
  return deriveMemberBookings({ memberId: '42', knowledge: deriveBookingKnowledge(s, records), snapshot: s, attendance, now, rules: RULE_DEFAULTS, timeZone: TZ });
}

describe("the member's bookings", () => {
  it('lists an upcoming booking with Cancel, and Check-in only from 15 minutes before its start', () => {
    const s = snap({ bookings: [hub(1)] });
    expect(view(s).bookings).toEqual([expect.objectContaining({
      id: id(1), code: bookingCode(id(1)), status: 'confirmed', canCancel: true, canCheckIn: false, checkInOpensAt: T('2026-05-12T07:45:00Z'),
    })]);
    expect(view(s, [], T('2026-05-12T07:44:59Z')).bookings[0]).toMatchObject({ canCheckIn: false });
    expect(view(s, [], T('2026-05-12T07:45:00Z')).bookings[0]).toMatchObject({ canCheckIn: true, canCancel: true });
    // started: no longer cancellable, still checkable until the no-show release 15 minutes in
    expect(view(s, [], T('2026-05-12T08:14:59Z')).bookings[0]).toMatchObject({ canCheckIn: true, canCancel: false });
    expect(view(s, [], T('2026-05-12T08:15:00Z')).bookings[0]).toMatchObject({ canCheckIn: false, canCancel: false });
    expect(view(s, [], T('2026-05-12T09:00:00Z')).bookings).toEqual([]);
  });

  it("tells the hub's refusal with its rule and a staff cancellation with staff's reason, but not the member's own cancellations or others' bookings", () => {
    const s = snap({
      bookings: [
        hub(1, { status: 'refused', refusal: 'slot_taken' }),
        hub(2, { startsAt: '2026-05-12T10:00:00.000Z', endsAt: '2026-05-12T11:00:00.000Z', status: 'cancelled', cancelledBy: 'staff', reason: 'floor repair' }),
        hub(3, { status: 'cancelled', cancelledBy: 'member' }),
        hub(4, { memberId: '7' }),
        hub(5, { memberId: null, status: 'block', reason: 'event' }),
      ],
    });
    expect(view(s).bookings).toEqual([
      expect.objectContaining({ id: id(1), status: 'refused', refusal: 'slot_taken', canCancel: false, canCheckIn: false }),
      expect.objectContaining({ id: id(2), status: 'cancelled', staffReason: 'floor repair', canCancel: false }),
    ]);
  });

  it('tells a member arriving late that their booking was released, and when, until its slot is over', () => {
    const s = snap({ bookings: [hub(1, { status: 'no_show' })] });
    expect(view(s, [], T('2026-05-12T08:20:00Z')).bookings).toEqual([
      expect.objectContaining({ status: 'no_show', releasedAt: T('2026-05-12T08:15:00Z'), canCancel: false, canCheckIn: false }),
    ]);
    expect(view(s, [], T('2026-05-12T09:00:00Z')).bookings).toEqual([]);
  });

  it('shows a booking taken at this kiosk as pending, cancellable, and cancelled at once when the member cancels here', () => {
    const own: BookingRecord = {
      kind: 'booking', id: id(9), at: NOW - MIN, memberId: '42', facilityId: 'activity-room', facilityKind: 'room',
      startsAt: T('2026-05-12T08:00:00Z'), endsAt: T('2026-05-12T09:00:00Z'),
    };
    expect(view(snap(), [own]).bookings).toEqual([expect.objectContaining({ id: id(9), status: 'pending', canCancel: true, code: bookingCode(id(9)) })]);
    const cancel: BookingRecord = { kind: 'booking_cancel', id: id(10), at: NOW, memberId: '42', bookingId: id(9), endsAt: own.endsAt };
    expect(view(snap(), [own, cancel]).bookings).toEqual([]);
  });

  it("opens check-in by the facility kind's own rule", () => {
    const s = snap({ bookings: [hub(1)], facilityKinds: [{ id: 'room', name: { 'zh-CN': '活动室', en: 'Rooms' }, bookable: true, rules: { checkInOpensMinutesBefore: 30 } }] });
    expect(view(s, [], T('2026-05-12T07:30:00Z')).bookings[0]).toMatchObject({ canCheckIn: true, checkInOpensAt: T('2026-05-12T07:30:00Z') });
    const k = deriveBookingKnowledge(s, []);
    expect(deriveCheckableBookings(k, '42', s, T('2026-05-12T07:30:00Z'), RULE_DEFAULTS).map((b) => b.id)).toEqual([id(1)]);
    expect(deriveCheckableBookings(k, '42', s, T('2026-05-12T07:29:59Z'), RULE_DEFAULTS)).toEqual([]);
    expect(deriveCheckableBookings(k, '7', s, T('2026-05-12T07:30:00Z'), RULE_DEFAULTS)).toEqual([]);
  });

  it('says until when booking is suspended, and nothing once that is over', () => {
    const s = snap({ bookingSuspensions: { '42': '2026-05-20T02:00:00.000Z' } });
    expect(view(s).suspendedUntil).toBe(T('2026-05-20T02:00:00Z'));
    expect(view(s, [], T('2026-05-20T02:00:00Z')).suspendedUntil).toBeNull();
  });
});

describe("the member's class places and what they can reserve", () => {
  it('offers a place while one is left, with how many, and only for classes starting before the end of tomorrow', () => {
    const v = view(snap({ reservations: [place(1, { memberId: '7' })] }));
    expect(v.offers).toEqual([expect.objectContaining({ entryId: 'yoga', offer: 'reserve', position: null, placesLeft: 1 })]);
    expect(v.places).toEqual([]);
  });

  it('offers no place in a class the member is checked in to already, even when it is full', () => {
    const full = snap({ reservations: [place(1, { memberId: '7' })] });
    const attendance = new Map([['yoga', new Set(['42', '8'])]]);
    expect(view(full, [], NOW, attendance).offers.map((o) => o.entryId)).not.toContain('yoga');
  });

  it('offers the waitlist with the position it would get when places are gone (reservations and check-ins count)', () => {
    const full = snap({ reservations: [place(1, { memberId: '7' }), place(2, { memberId: '8', status: 'waitlisted' })] });
    const attendance = new Map([['yoga', new Set(['9'])]]);
    expect(view(full, [], NOW, attendance).offers).toEqual([expect.objectContaining({ entryId: 'yoga', offer: 'waitlist', position: 2, placesLeft: 0 })]);
  });

  it('lists a reserved place, a waitlist place with its position, and a place asked for here as pending', () => {
    const reserved = view(snap({ reservations: [place(1)] }));
    expect(reserved.places).toEqual([expect.objectContaining({ entryId: 'yoga', status: 'reserved', held: 'reserved', position: null, promoted: false, canCancel: true })]);
    expect(reserved.offers).toEqual([]);

    const waiting = view(snap({ reservations: [place(1, { memberId: '7' }), place(2, { memberId: '8' }), place(3, { memberId: '9', status: 'waitlisted' }), place(4, { status: 'waitlisted', at: '2026-05-11T07:00:00.000Z' })] }));
    expect(waiting.places).toEqual([expect.objectContaining({ status: 'waitlisted', position: 2 })]);

    const asked: BookingRecord = { kind: 'class_reserve', id: id(5), at: NOW, memberId: '42', entryId: 'yoga', endsAt: T(yoga.endsAt), status: 'waitlisted' };
    const pending = view(snap({ reservations: [place(1, { memberId: '7' }), place(2, { memberId: '8' })] }), [asked]);
    expect(pending.places).toEqual([expect.objectContaining({ status: 'pending', held: 'waitlisted', position: 1 })]);
  });

  it('tells a place request the hub refused, with its rule, until check-in to the class closes', () => {
    const s = snap({ reservations: [place(1, { status: 'refused', refusal: 'class_started' })] });
    expect(view(s).places).toEqual([expect.objectContaining({ entryId: 'yoga', status: 'refused', refusal: 'class_started', canCancel: false })]);
    expect(view(s, [], T('2026-05-12T10:45:00Z')).places).toEqual([]);
  });

  it('says "you got a place" when the hub moved the member up from the waitlist', () => {
    const v = view(snap({ reservations: [place(1, { promotedAt: '2026-05-12T05:00:00.000Z' })] }));
    expect(v.places[0]).toMatchObject({ status: 'reserved', promoted: true });
  });

  it('keeps a place listed until check-in closes, without Give up once the class started, and drops it once the member is in', () => {
    const s = snap({ reservations: [place(1)] });
    expect(view(s, [], T('2026-05-12T10:40:00Z')).places[0]).toMatchObject({ canCancel: false });
    expect(view(s, [], T('2026-05-12T10:45:00Z')).places).toEqual([]);
    expect(view(s, [], T('2026-05-12T10:20:00Z'), new Map([['yoga', new Set(['42'])]])).places).toEqual([]);
  });

  it('counts reserved places, own pending ones included, as holders for class check-in', () => {
    const asked: BookingRecord = { kind: 'class_reserve', id: id(5), at: NOW, memberId: '42', entryId: 'yoga', endsAt: T(yoga.endsAt), status: 'reserved' };
    const k = deriveBookingKnowledge(snap({ reservations: [place(1, { memberId: '7' }), place(2, { memberId: '8', status: 'waitlisted' })] }), [asked]);
    expect([...reservedMembers(k, 'yoga')].sort()).toEqual(['42', '7']);
  });
});

describe('place-freed notices on the attract screen', () => {
  const notice = (entryId: string, at: string, maskedName = '张*') => ({ kind: 'place_freed' as const, entryId, maskedName, at });

  it('lists promotions newest first while their class has not started and for 3 hours at most', () => {
    const s = snap({ notices: [notice('yoga', '2026-05-12T04:00:00.000Z', '王*'), notice('yoga', '2026-05-12T05:30:00.000Z'), notice('gone', '2026-05-12T05:50:00.000Z')] });
    expect(deriveNotices(s, NOW).map((n) => [n.maskedName, n.entryId, n.startsAt])).toEqual([['张*', 'yoga', yoga.startsAt], ['王*', 'yoga', yoga.startsAt]]);
    expect(deriveNotices(s, T('2026-05-12T07:00:00Z')).map((n) => n.maskedName)).toEqual(['张*']); // 王* promoted 3 h ago
    expect(deriveNotices(s, T('2026-05-12T10:30:00Z'))).toEqual([]); // yoga has started
  });
});
