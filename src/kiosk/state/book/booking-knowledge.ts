import { computed, type ReadonlySignal } from '@preact/signals';
import { bookingCode, holdsPlace, type BookingRefusal, type BookingStatus, type Interval, type MemberBookingFacts } from '../../../domain/booking';
import type { Snapshot } from '../../../domain/protocol';
import type { Reservation, ReserveRefusal } from '../../../domain/reservation';
import type { BookingJournal, BookingRecord } from '../../data/booking-journal';
import { createKeptRecords, type KeptRecords } from '../kept-records';

// What this kiosk knows of bookings and class places (issue 5): the hub's snapshot (every kiosk, as of
// the last pull, with the hub's verdicts) joined with this kiosk's own requests not yet decided there.
// A booking the snapshot lists is what the hub says; one only this kiosk knows is *pending*.

export interface KnownBooking extends Interval {
  readonly id: string;
  readonly facilityId: string;
  /** the facility's kind, for quotas */
  readonly kind: string;
  /** null for a staff block */
  readonly memberId: string | null;
  readonly code: string;
  readonly status: BookingStatus;
  readonly refusal: BookingRefusal | null;
  readonly cancelledBy: 'member' | 'staff' | null;
  readonly reason: string | null;
}

export interface KnownReservation extends Reservation {
  /** asked for at this kiosk, not yet in the snapshot: the status is this kiosk's guess */
  readonly pending: boolean;
  /** moved from the waitlist to a place by the hub (shown at the next scan) */
  readonly promotedAt: number | null;
}

/** A class-place request the hub refused (a kiosk offline had promised it): told at the next scan. */
export interface RefusedPlace {
  readonly id: string;
  readonly entryId: string;
  readonly memberId: string;
  readonly refusal: ReserveRefusal | null;
}

export interface BookingKnowledge {
  /** every booking known, hub's and own, each once, by start */
  readonly bookings: readonly KnownBooking[];
  /** active class places and waitlist places (cancelled ones left out) */
  readonly reservations: readonly KnownReservation[];
  /** class-place requests the hub refused lately, for members holding no place in that class */
  readonly refusedPlaces: readonly RefusedPlace[];
  /** member id → until when booking is suspended */
  readonly suspensions: ReadonlyMap<string, number>;
}

export function deriveBookingKnowledge(snapshot: Snapshot | null, records: readonly BookingRecord[]): BookingKnowledge {
  const kindOf = new Map((snapshot?.facilities ?? []).map((f) => [f.id, f.kind]));
  const bookings = new Map<string, KnownBooking>();
  for (const b of snapshot?.bookings ?? []) {
    bookings.set(b.id, {
      id: b.id, facilityId: b.facilityId, kind: kindOf.get(b.facilityId) ?? '', startsAt: Date.parse(b.startsAt), endsAt: Date.parse(b.endsAt),
      memberId: b.memberId, code: b.code, status: b.status, refusal: b.refusal, cancelledBy: b.cancelledBy, reason: b.reason,
    });
  }
  const ordered = [...records].sort((a, b) => a.at - b.at);
  for (const r of ordered) {
    if (r.kind !== 'booking' || bookings.has(r.id)) continue;
    bookings.set(r.id, {
      id: r.id, facilityId: r.facilityId, kind: r.facilityKind, startsAt: r.startsAt, endsAt: r.endsAt, memberId: r.memberId,
      code: bookingCode(r.id), status: 'pending', refusal: null, cancelledBy: null, reason: null,
    });
  }
  // own cancels and check-ins not yet reflected: a decided booking is changed only while it holds its place
  for (const r of ordered) {
    if (r.kind !== 'booking_cancel' && r.kind !== 'booking_checkin') continue;
    const b = bookings.get(r.bookingId);
    if (!b || (b.status !== 'confirmed' && b.status !== 'pending')) continue;
    bookings.set(b.id, r.kind === 'booking_cancel' ? { ...b, status: 'cancelled', cancelledBy: 'member' } : { ...b, status: 'checked_in' });
  }

  const reservations = new Map<string, KnownReservation>();
  const key = (entryId: string, memberId: string) => `${entryId} ${memberId}`;
  const refusedPlaces: RefusedPlace[] = [];
  for (const r of snapshot?.reservations ?? []) {
    if (r.status === 'refused') {
      refusedPlaces.push({ id: r.id, entryId: r.entryId, memberId: r.memberId, refusal: r.refusal ?? null });
      continue;
    }
    reservations.set(key(r.entryId, r.memberId), {
      id: r.id, entryId: r.entryId, memberId: r.memberId, status: r.status, at: Date.parse(r.at), pending: false,
      promotedAt: r.promotedAt === null ? null : Date.parse(r.promotedAt),
    });
  }
  const snapshotIds = new Set((snapshot?.reservations ?? []).map((r) => r.id));
  for (const r of ordered) {
    const k = r.kind === 'class_reserve' || r.kind === 'class_reserve_cancel' ? key(r.entryId, r.memberId) : null;
    if (k === null) continue;
    if (r.kind === 'class_reserve_cancel') {
      // a cancel after the place it gives up (by time): the place is gone whatever the snapshot says
      const held = reservations.get(k);
      if (held && held.at <= r.at) reservations.delete(k);
    } else if (r.kind === 'class_reserve' && !snapshotIds.has(r.id) && !reservations.has(k)) {
      reservations.set(k, { id: r.id, entryId: r.entryId, memberId: r.memberId, status: r.status, at: r.at, pending: true, promotedAt: null });
    }
  }

  const suspensions = new Map(Object.entries(snapshot?.bookingSuspensions ?? {}).map(([m, until]) => [m, Date.parse(until)]));
  return {
    bookings: [...bookings.values()].sort((a, b) => a.startsAt - b.startsAt || a.facilityId.localeCompare(b.facilityId)),
    reservations: [...reservations.values()],
    // a place held or asked for again since (here or elsewhere) says more than the old refusal
    refusedPlaces: refusedPlaces.filter((r) => !reservations.has(key(r.entryId, r.memberId))),
    suspensions,
  };
}

/** What domain decideBooking needs to know of one member. No-shows are counted by the hub only. */
export function memberBookingFacts(k: BookingKnowledge, memberId: string): MemberBookingFacts {
  return {
    bookings: k.bookings.filter((b) => b.memberId === memberId),
    noShowsAt: [],
    suspendedUntil: k.suspensions.get(memberId) ?? null,
  };
}

/** The intervals of one facility nobody else can book: confirmed, checked in, pending, blocked. */
export function takenIntervals(k: BookingKnowledge, facilityId: string): Interval[] {
  return k.bookings.filter((b) => b.facilityId === facilityId && holdsPlace(b.status)).map(({ startsAt, endsAt }) => ({ startsAt, endsAt }));
}

/** Ids of own records whose slot or class is over (a day of slack for a late snapshot), to delete. */
export function deriveExpiredBookingRecords(records: readonly BookingRecord[], now: number): string[] {
  const endOf = (r: BookingRecord) => r.endsAt;
  return records.filter((r) => endOf(r) + 86_400_000 < now).map((r) => r.id);
}

export type BookingRecords = KeptRecords<BookingRecord>;

export const createBookingRecords = (p: { journal: BookingJournal; now: () => number }): BookingRecords =>
  createKeptRecords({ store: p.journal, expired: (all) => deriveExpiredBookingRecords(all, p.now()) });

/** Recomputed when the snapshot or the records change. */
export function createBookingKnowledge(p: { snapshot: ReadonlySignal<Snapshot | null>; records: ReadonlySignal<readonly BookingRecord[]> }): ReadonlySignal<BookingKnowledge> {
  return computed(() => deriveBookingKnowledge(p.snapshot.value, p.records.value));
}
