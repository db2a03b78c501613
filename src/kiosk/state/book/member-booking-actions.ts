import type { ReadonlySignal } from '@preact/signals';
import { decideBookingCheckIn, decideCancel } from '../../../domain/booking';
import type { Rules } from '../../../domain/config/defaults';
import type { PresentedIdentity } from '../../../domain/identity';
import type { Snapshot } from '../../../domain/protocol';
import type { PlaceOutcome } from '../../../domain/outcome';
import { decideReserve, decideReserveCancel } from '../../../domain/reservation';
import type { BookingKnowledge, BookingRecords, KnownBooking } from './booking-knowledge';
import { recordSafely } from '../ports';
import { rulesOf } from './member-bookings';
import type { EventSink } from '../ports';

// The taps on the member screen's bookings and class places (issue 5): cancel, check in, reserve, give
// up a place. The kiosk decides with the domain rules from what it knows; each accepted tap is an event
// for the hub, which judges it again, and a record so this kiosk knows the answer at once.

export interface BookingActionPorts {
  readonly sink: EventSink;
  readonly bookings: ReadonlySignal<BookingKnowledge>;
  readonly bookingRecords: Pick<BookingRecords, 'add'>;
  readonly snapshot: ReadonlySignal<Snapshot | null>;
  readonly rules: ReadonlySignal<Rules>;
  /** entry id → member ids checked in */
  readonly attendance: () => ReadonlyMap<string, ReadonlySet<string>>;
  readonly offline: () => boolean;
}

/** undefined: nothing to answer (not the member's, gone); null: the outbox refused the write. */
export type ActionResult = Promise<PlaceOutcome | null | undefined>;

export interface BookingActions {
  checkIn(memberId: string, identity: PresentedIdentity, bookingId: string, now: number): ActionResult;
  cancel(memberId: string, identity: PresentedIdentity, bookingId: string, now: number): ActionResult;
  reserve(memberId: string, identity: PresentedIdentity, entryId: string, now: number): ActionResult;
  cancelPlace(memberId: string, identity: PresentedIdentity, entryId: string, now: number): ActionResult;
}

export function createBookingActions(p: BookingActionPorts): BookingActions {
  const own = (memberId: string, bookingId: string) => p.bookings.value.bookings.find((b) => b.id === bookingId && b.memberId === memberId);
  const entryOf = (entryId: string) => p.snapshot.value?.schedule.find((e) => e.id === entryId);
  const ref = (b: KnownBooking) => ({ offline: p.offline(), bookingId: b.id, facilityId: b.facilityId, startsAt: b.startsAt });

  return {
    async checkIn(memberId, identity, bookingId, now) {
      const b = own(memberId, bookingId);
      if (!b) return undefined;
      const d = decideBookingCheckIn(b, now, rulesOf(p.snapshot.value, p.rules.value, b.kind));
      if (!d.ok) {
        return d.error.code === 'too_early'
          ? { outcome: 'booking_too_early', opensAt: d.error.allowsAt ?? b.startsAt, ...ref(b) }
          : { outcome: d.error.code === 'too_late' ? 'booking_too_late' : 'booking_not_checkable', ...ref(b) };
      }
      const saved = await recordSafely(p.sink, 'booking_checkin', { identity, bookingId });
      if (!saved.ok) return null;
      p.bookingRecords.add([{ kind: 'booking_checkin', id: saved.value.id, at: now, memberId, bookingId, endsAt: b.endsAt }]);
      return { outcome: 'booking_checked_in', ...ref(b) };
    },
    async cancel(memberId, identity, bookingId, now) {
      const b = own(memberId, bookingId);
      if (!b) return undefined;
      const d = decideCancel(b, now);
      if (!d.ok) return { outcome: d.error === 'started' ? 'booking_started' : 'booking_not_cancellable', ...ref(b) };
      const saved = await recordSafely(p.sink, 'booking_cancel', { identity, bookingId });
      if (!saved.ok) return null;
      p.bookingRecords.add([{ kind: 'booking_cancel', id: saved.value.id, at: now, memberId, bookingId, endsAt: b.endsAt }]);
      return { outcome: 'booking_cancelled', ...ref(b) };
    },
    async reserve(memberId, identity, entryId, now) {
      const e = entryOf(entryId);
      if (!e) return undefined;
      const d = decideReserve(e, memberId, p.bookings.value.reservations, p.attendance().get(entryId) ?? [], now);
      if (!d.ok) return { outcome: `reserve_${d.error}`, offline: p.offline(), entryId };
      const saved = await recordSafely(p.sink, 'class_reserve', { identity, entryId });
      if (!saved.ok) return null;
      p.bookingRecords.add([{ kind: 'class_reserve', id: saved.value.id, at: now, memberId, entryId, endsAt: Date.parse(e.endsAt), status: d.value.status }]);
      return d.value.status === 'reserved'
        ? { outcome: 'place_reserved', offline: p.offline(), entryId }
        : { outcome: 'place_waitlisted', offline: p.offline(), entryId, position: d.value.position };
    },
    async cancelPlace(memberId, identity, entryId, now) {
      const e = entryOf(entryId);
      if (!e) return undefined;
      const d = decideReserveCancel(e, memberId, p.bookings.value.reservations, now);
      if (!d.ok) return { outcome: `reserve_${d.error}`, offline: p.offline(), entryId };
      const saved = await recordSafely(p.sink, 'class_reserve_cancel', { identity, entryId });
      if (!saved.ok) return null;
      p.bookingRecords.add([{ kind: 'class_reserve_cancel', id: saved.value.id, at: now, memberId, entryId, endsAt: Date.parse(e.endsAt) }]);
      return { outcome: 'place_cancelled', offline: p.offline(), entryId };
    },
  };
}
